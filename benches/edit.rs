//! What the planner does after every edit, without the drawing: apply the
//! edit through the undo stack, re-check the plan and lay out its items
//! (`Layout::of`). On a typical plan this must stay well under one frame
//! (16.7 ms at 60 Hz).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use juwei::bench_plans::typical;
use juwei::edit::layout::Layout;
use juwei::edit::{Edit, UndoStack};
use juwei::io::parse_plan;
use juwei::model::Plan;
use juwei::rules::{check_plan, CheckOptions, Profile};

const SAMPLE: &str = include_str!("../tests/fixtures/planner/sample.ron");

/// One drag step of a vertex, the re-check and the layout.
fn edit_cycle(
    plan: &mut Plan,
    stack: &mut UndoStack,
    profile: &Profile,
    room: &str,
    x: f64,
) -> usize {
    let to = (x, plan.room(room).unwrap().outline[1].1);
    stack
        .apply_drag(
            plan,
            Edit::MoveVertex {
                room: room.into(),
                index: 1,
                to,
            },
        )
        .unwrap();
    let report = check_plan(plan, profile, &CheckOptions::default());
    let layout = Layout::of(plan);
    report.findings.len() + layout.items.len()
}

fn bench(c: &mut Criterion) {
    let profile = Profile::default();
    for (name, mut plan) in [
        (
            "sample",
            parse_plan(Path::new("sample.ron"), SAMPLE).unwrap(),
        ),
        ("typical", typical()),
    ] {
        let room = plan.rooms[1].id.clone();
        let x0 = plan.rooms[1].outline[1].0;
        let mut stack = UndoStack::default();
        let mut i = 0u32;
        c.bench_function(&format!("edit+recheck/{name}"), |b| {
            b.iter(|| {
                // wiggle the point by up to 5 cm so the plan stays valid
                i = i.wrapping_add(1);
                let x = x0 + f64::from(i % 5) * 0.01;
                black_box(edit_cycle(&mut plan, &mut stack, &profile, &room, x))
            })
        });
        stack.end_drag();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
