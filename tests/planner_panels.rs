//! The planner's egui panels, clicked and typed into with egui_kittest (no
//! window, no GPU): each panel is a function of a `Ui` and its state that
//! returns actions; the tests check the actions.
#![cfg(feature = "gui")]

use std::path::Path;

use bevy_egui::egui;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use juwei::edit::Edit;
use juwei::model::{Lang, Zone};
use juwei::planner::files::{
    dialogs, DialogKind, FileAction, FilesUi, ImportReview, PathBuffer, RegisterChoice,
    RegisterOffer,
};
use juwei::planner::panels::register::{register_ui, RegisterUi, SortBy};
use juwei::planner::panels::{findings, inspector, toolbar, UiAction};
use juwei::planner::settings::Settings;
use juwei::planner::state::{Doc, PlanCommand, Selection, Tool};

struct S {
    doc: Doc,
    sel: Selection,
    buf: inspector::Buffers,
    form: findings::StatusForm,
    out: Vec<UiAction>,
}

fn state(sel: Selection) -> S {
    S {
        doc: Doc::open(Path::new("tests/fixtures/planner/sample.ron")).unwrap(),
        sel,
        buf: inspector::Buffers::default(),
        form: findings::StatusForm::default(),
        out: Vec::new(),
    }
}

fn edits(out: &[UiAction]) -> Vec<&Edit> {
    out.iter()
        .filter_map(|a| match a {
            UiAction::Plan(PlanCommand::Edit(e)) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn clicking_a_finding_asks_to_select_it() {
    let mut s = state(Selection::default());
    let doc = &mut s.doc;
    doc.stack
        .apply(&mut doc.plan, Edit::DeleteDoor { index: 4 })
        .unwrap();
    doc.recheck();
    let g05 = doc
        .report
        .findings
        .iter()
        .position(|f| f.code == "G05")
        .unwrap();
    let mut h = Harness::new_ui_state(
        |ui, s: &mut S| {
            let a = findings::findings_ui(ui, &s.doc, s.sel.finding, &mut s.form, Lang::En);
            s.out.extend(a);
        },
        s,
    );
    h.run();
    assert!(h.state().out.is_empty(), "nothing is asked before a click");
    h.get_by_label_contains("[G05]").click();
    h.run();
    assert_eq!(h.state().out, vec![UiAction::Finding(g05)]);
    // grouped under its severity, with the count
    let n = h.state().doc.report.summary().violation;
    h.get_by_label(&format!("violation ({n})"));
}

#[test]
fn the_inspector_edits_the_selected_room() {
    let mut h = Harness::new_ui_state(
        |ui, s: &mut S| {
            let a = inspector::inspector_ui(ui, &s.doc, &s.sel, &mut s.buf, Lang::Zh);
            s.out.extend(a);
        },
        state(Selection::room("R5")),
    );
    h.run();
    // add the Office zone to the police room
    h.get_by_label(Zone::Office.name_zh()).click();
    h.run();
    assert_eq!(
        edits(&h.state().out),
        vec![&Edit::SetRoomZones {
            room: "R5".into(),
            zones: vec![Zone::Office, Zone::Police]
        }]
    );
    h.state_mut().out.clear();
    // rename it: type, then Enter
    let name = h.get_by_role(egui::accesskit::Role::TextInput);
    name.focus();
    name.type_text("(新)");
    h.run();
    assert!(edits(&h.state().out).is_empty(), "nothing while typing");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        edits(&h.state().out),
        vec![&Edit::SetRoomName {
            room: "R5".into(),
            name: "警务室(新)".into()
        }]
    );
    h.state_mut().out.clear();
    // typed, then another room clicked on the plan before Enter: the name
    // still goes to the room it was typed for
    let name = h.get_by_role(egui::accesskit::Role::TextInput);
    name.focus();
    name.type_text("甲");
    h.run();
    h.state_mut().sel = Selection::room("R2");
    h.run();
    assert_eq!(
        edits(&h.state().out),
        vec![&Edit::SetRoomName {
            room: "R5".into(),
            name: "警务室甲".into()
        }]
    );
    h.state_mut().sel = Selection::room("R5");
    h.run();
    h.state_mut().out.clear();
    h.get_by_label("删除房间").click();
    h.run();
    assert_eq!(
        edits(&h.state().out),
        vec![&Edit::DeleteRoom { room: "R5".into() }]
    );
}

#[test]
fn the_inspector_edits_items_doors_and_the_committee() {
    let mut h = Harness::new_ui_state(
        |ui, s: &mut S| {
            let a = inspector::inspector_ui(ui, &s.doc, &s.sel, &mut s.buf, Lang::En);
            s.out.extend(a);
        },
        state(Selection::item(0)),
    );
    h.run();
    // the computer: its network
    h.get_by_label("intranet").click();
    h.run();
    let e = edits(&h.state().out);
    assert!(
        matches!(e.as_slice(), [Edit::SetItem { index: 0, item }] if item.network == Some(juwei::model::Network::Intranet)),
        "{e:?}"
    );
    h.state_mut().out.clear();
    h.get_by_label("Delete item").click();
    h.run();
    assert_eq!(edits(&h.state().out), vec![&Edit::DeleteItem { index: 0 }]);

    // a door: what it connects, and delete
    h.state_mut().out.clear();
    h.state_mut().sel = Selection::door(4);
    h.run();
    h.get_by_label_contains("警务室 (R5)");
    assert!(h.query_by_label_contains("outside").is_none());
    h.get_by_label("Delete door").click();
    h.run();
    assert_eq!(edits(&h.state().out), vec![&Edit::DeleteDoor { index: 4 }]);
}

#[test]
fn committee_data_is_edited_in_the_inspector() {
    let mut h = Harness::new_ui_state(
        |ui, s: &mut S| {
            let a = inspector::inspector_ui(ui, &s.doc, &s.sel, &mut s.buf, Lang::En);
            s.out.extend(a);
        },
        state(Selection::default()),
    );
    h.run();
    h.get_by_label("old estate").click();
    h.run();
    let e = edits(&h.state().out);
    assert!(
        matches!(e.as_slice(), [Edit::SetCommittee { committee }] if committee.estate == juwei::model::Estate::Old),
        "{e:?}"
    );
    h.state_mut().out.clear();
    // the police room no longer offers appointments
    h.get_by_label("appointments").click();
    h.run();
    let e = edits(&h.state().out);
    let [Edit::SetCommittee { committee }] = e.as_slice() else {
        panic!("{e:?}")
    };
    let services = &committee.police.as_ref().unwrap().services;
    assert_eq!(services.len(), 4);
    assert!(!services.contains(&juwei::model::PoliceService::Appointment));
}

#[test]
fn toolbar_tools_language_and_undo() {
    let mut s = state(Selection::default());
    let mut h = Harness::new_ui_state(
        |ui, s: &mut (S, String)| {
            let settings = Settings::default();
            let a = toolbar::toolbar_ui(ui, &s.0.doc, &Tool::Select, &settings, 0, Lang::Zh);
            s.0.out.extend(a);
        },
        (
            std::mem::replace(&mut s, state(Selection::default())),
            String::new(),
        ),
    );
    h.run();
    h.get_by_label("画房间").click();
    h.run();
    assert_eq!(
        h.state().0.out,
        vec![UiAction::Tool(Tool::DrawRoom { points: vec![] })]
    );
    h.state_mut().0.out.clear();
    h.get_by_label("English").click();
    h.run();
    assert_eq!(h.state().0.out, vec![UiAction::Lang(Lang::En)]);
    h.state_mut().0.out.clear();
    // nothing to undo yet: the button is disabled
    h.get_by_label("撤销").click();
    h.run();
    assert!(h.state().0.out.is_empty());
}

#[test]
fn the_unsaved_changes_prompt_answers() {
    let mut ui_state = FilesUi::default();
    ui_state.prompt = Some(FileAction::Quit);
    let mut h = Harness::new_ui_state(
        |ui, s: &mut (S, FilesUi, PathBuffer)| {
            let a = dialogs(ui.ctx(), &s.1, &mut s.2, &s.0.doc, Lang::Zh);
            s.0.out.extend(a);
        },
        (state(Selection::default()), ui_state, PathBuffer::default()),
    );
    h.run();
    h.get_by_label("不保存").click();
    h.run();
    assert_eq!(
        h.state().0.out,
        vec![UiAction::File(FileAction::PromptDiscard)]
    );
}

#[test]
fn the_register_window_sorts_filters_and_shows_a_history() {
    let mut h = Harness::new_ui_state(
        |ui, s: &mut (S, RegisterUi)| {
            let a = register_ui(ui, &s.0.doc, &s.0.sel, &mut s.1, Lang::En);
            s.0.out.extend(a);
        },
        (state(Selection::default()), RegisterUi::default()),
    );
    h.run();
    // eight cards in use today (the microwave was written off)
    h.get_by_label_contains("8 cards");
    h.get_by_label_contains("Value (yuan)").click();
    h.run();
    assert_eq!(h.state().1.sort, SortBy::Value);
    h.get_by_label("ZC-0001").click();
    h.run();
    assert_eq!(h.state().1.asset.as_deref(), Some("ZC-0001"));
    // its history: acquired, then a new custodian
    assert!(h.query_all_by_label_contains("2025-06-10").count() >= 1);
    // the items not linked to a card in use include the file cabinet
    h.get_by_label_contains("file cabinet").click();
    h.run();
    let i = h
        .state()
        .0
        .doc
        .plan
        .items
        .iter()
        .position(|i| i.kind == juwei::model::ItemKind::FileCabinet)
        .unwrap();
    assert!(h
        .state()
        .0
        .out
        .contains(&UiAction::Select(Selection::item(i))));
    // filter by custodian
    h.state_mut().1.filter = "王五".into();
    h.run();
    h.get_by_label_contains("2 cards");
}

fn dialogs_harness(ui_state: FilesUi, doc: Doc) -> Harness<'static, (S, FilesUi, PathBuffer)> {
    let mut s = state(Selection::default());
    s.doc = doc;
    Harness::new_ui_state(
        |ui, s: &mut (S, FilesUi, PathBuffer)| {
            let a = dialogs(ui.ctx(), &s.1, &mut s.2, &s.0.doc, Lang::Zh);
            s.0.out.extend(a);
        },
        (s, ui_state, PathBuffer::default()),
    )
}

#[test]
fn without_a_system_dialog_a_path_is_typed_in_the_planners_own_window() {
    let dir = std::env::temp_dir().join(format!("juwei-path-window-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let doc = Doc::untitled();
    let mut ui_state = FilesUi::default();
    ui_state.ask_path(DialogKind::Save, &doc, true);
    let mut h = dialogs_harness(ui_state, doc);
    h.run();
    h.get_by_label_contains("系统文件对话框不可用");
    // the field is focused and holds a name to start from: type over it
    h.state_mut().2.text.clear();
    h.run();
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    field.click();
    field.type_text(&format!("{}/新平面图", dir.display()));
    h.run();
    h.get_by_label("保存").click();
    h.run();
    // ".ron" is added to a name without one
    assert_eq!(
        h.state().0.out,
        vec![UiAction::File(FileAction::SaveTo(dir.join("新平面图.ron")))]
    );
    // a missing file cannot be opened: said in the window, the button is off
    h.state_mut().0.out.clear();
    h.get_by_label("打开平面图").click();
    h.run();
    h.get_by_label_contains("找不到文件");
    h.get_by_label("打开").click();
    h.run();
    assert!(h.state().0.out.is_empty());
    // cancel closes it
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(
        h.state().0.out,
        vec![UiAction::File(FileAction::CancelPath)]
    );
}

#[test]
fn after_save_as_the_register_is_copied_or_linked() {
    let mut ui_state = FilesUi::default();
    ui_state.register_offer = Some(RegisterOffer {
        register: "/plans/sample.register.ron".into(),
        beside: "/plans/new.register.ron".into(),
        beside_exists: false,
        then: None,
    });
    let mut h = dialogs_harness(ui_state, Doc::untitled());
    h.run();
    h.get_by_label_contains("new.register.ron");
    h.get_by_label("复制一份台账到新名称下").click();
    h.run();
    assert_eq!(
        h.state().0.out,
        vec![UiAction::File(FileAction::RegisterAfterSave(
            RegisterChoice::Copy
        ))]
    );
    h.state_mut().0.out.clear();
    h.get_by_label("链接到同一本台账").click();
    h.run();
    assert_eq!(
        h.state().0.out,
        vec![UiAction::File(FileAction::RegisterAfterSave(
            RegisterChoice::Link
        ))]
    );
}

#[test]
fn the_status_bar_names_the_register_or_says_it_is_missing() {
    let with = state(Selection::default());
    let mut h = Harness::new_ui_state(
        |ui, s: &mut S| {
            let a = toolbar::register_status(ui, &s.doc, Lang::Zh);
            s.out.extend(a);
        },
        with,
    );
    h.run();
    h.get_by_label("台账: sample.register.ron");
    let mut without = state(Selection::default());
    without.doc = Doc::untitled();
    let mut h = Harness::new_ui_state(
        |ui, s: &mut S| {
            let a = toolbar::register_status(ui, &s.doc, Lang::Zh);
            s.out.extend(a);
        },
        without,
    );
    h.run();
    h.get_by_label("未加载台账 — A2-6.4 等未检查").click();
    h.run();
    assert_eq!(
        h.state().out,
        vec![UiAction::File(FileAction::OpenRegister)]
    );
}

#[test]
fn the_import_review_lists_notices_in_the_planners_words_and_takes_the_committee() {
    use juwei::planner::panels::review::{review_ui, ReviewBuffers};
    let dxf = Path::new("tests/dxf/committee_mm.dxf");
    let (doc, review) = juwei::planner::files::import_drawing(dxf, None).unwrap();
    assert!(!review.notices.is_empty());
    let mut s = state(Selection::default());
    s.doc = doc;
    let mut h = Harness::new_ui_state(
        |ui, s: &mut (S, ImportReview, ReviewBuffers)| {
            let a = review_ui(ui, &s.0.doc, &mut s.1, &mut s.2, Lang::Zh);
            s.0.out.extend(a);
        },
        (s, review, ReviewBuffers::default()),
    );
    h.run();
    // nothing about command-line options
    for n in &h.state().1.notices {
        let words = juwei::planner::panels::review::planner_words(n, Lang::Zh);
        assert!(!words.contains("--"), "{words}");
        h.get_by_label(&words);
    }
    // tick one off
    h.get_all_by_role(egui::accesskit::Role::CheckBox)
        .next()
        .unwrap()
        .click();
    h.run();
    assert!(h.state().1.checked[0]);
    // the committee's data from the form
    h.state_mut().2.code = "JA-TEST-001".into();
    h.run();
    h.get_by_label("应用").click();
    h.run();
    let set = h.state().0.out.iter().find_map(|a| match a {
        UiAction::Plan(PlanCommand::Edit(Edit::SetCommittee { committee })) => {
            Some(committee.clone())
        }
        _ => None,
    });
    assert_eq!(set.unwrap().code, "JA-TEST-001");
    // all floors anti-slip: one edit per room that is not
    h.state_mut().0.out.clear();
    h.get_by_label("全部设为防滑").click();
    h.run();
    let floors = edits(&h.state().0.out).len();
    assert_eq!(floors, h.state().0.doc.plan.rooms.len());
}

#[test]
fn the_register_window_makes_a_card_for_an_unlinked_item() {
    // tall enough for the form below the lists
    let mut h = Harness::builder()
        .with_size(egui::vec2(900.0, 2400.0))
        .build_ui_state(
            |ui, s: &mut (S, RegisterUi)| {
                let a = register_ui(ui, &s.0.doc, &s.0.sel, &mut s.1, Lang::Zh);
                s.0.out.extend(a);
            },
            (state(Selection::default()), RegisterUi::default()),
        );
    h.run();
    // the first item without a card: 建卡 opens the form with the next id
    h.get_all_by_label("建卡…").next().unwrap().click();
    h.run();
    let form = h.state().1.acquire.clone().expect("the form");
    assert_eq!(form.id, "ZC-0010");
    // no value yet: the button is off and says why
    h.get_by_label("请填写单价(元)");
    h.state_mut().1.acquire.as_mut().unwrap().value = "1200".into();
    h.run();
    h.get_by_label("记录取得").click();
    h.run();
    let (ev, link) = h
        .state()
        .0
        .out
        .iter()
        .find_map(|a| match a {
            UiAction::Record(ev, link) => Some((ev.clone(), link.clone())),
            _ => None,
        })
        .expect("an event to record");
    assert_eq!(ev.asset.as_deref(), Some("ZC-0010"));
    let juwei::register::EventKind::Acquire(acq) = &ev.kind else {
        panic!("{ev:?}")
    };
    assert_eq!(acq.unit_value_fen, 120_000);
    // linked to the item it was made for: one without a card, of the kind
    // the card names
    let (i, id) = link.expect("linked to its item");
    assert_eq!(id, "ZC-0010");
    let item = &h.state().0.doc.plan.items[i];
    assert!(item.assets.is_empty());
    assert_eq!(acq.kind, Some(item.kind));
    assert_eq!(acq.location.as_deref(), item.room());
}

fn shikumen(sel: Selection) -> S {
    S {
        doc: Doc::open(Path::new("tests/fixtures/planner/shikumen.ron")).unwrap(),
        ..state(sel)
    }
}

#[test]
fn the_level_switcher_steps_and_lists_the_levels() {
    let mut h = Harness::new_ui_state(
        |ui, s: &mut S| {
            let a = toolbar::level_ui(ui, &s.doc, 0, Lang::Zh);
            s.out.extend(a);
        },
        shikumen(Selection::default()),
    );
    h.run();
    h.get_by_label("▲").click();
    h.run();
    assert_eq!(h.state().out, vec![UiAction::Level(1)]);
    h.state_mut().out.clear();
    // one level below the lowest, to draw a basement: allowed once
    h.get_by_label("▼").click();
    h.run();
    assert_eq!(h.state().out, vec![UiAction::Level(-1)]);
}

#[test]
fn the_inspector_adds_and_removes_estates_and_sets_an_items_estate() {
    let mut s = shikumen(Selection::default());
    let plan = &mut s.doc.plan;
    plan.committee.estates = vec![
        juwei::model::EstateRef {
            id: "E1".into(),
            name: "张家宅".into(),
        },
        juwei::model::EstateRef {
            id: "E2".into(),
            name: "新闸路1124弄".into(),
        },
    ];
    let sign = plan
        .items
        .iter()
        .position(|it| it.kind == juwei::model::ItemKind::EstateGuideSign)
        .unwrap();
    plan.items[sign].estate = Some("E2".into());
    let mut h = Harness::builder()
        .with_size(egui::vec2(500.0, 2400.0))
        .build_ui_state(
            |ui, s: &mut S| {
                let a = inspector::inspector_ui(ui, &s.doc, &s.sel, &mut s.buf, Lang::Zh);
                s.out.extend(a);
            },
            s,
        );
    h.run();
    h.get_by_label("添加小区").click();
    h.run();
    let e = edits(&h.state().out);
    let [Edit::SetCommittee { committee }] = e.as_slice() else {
        panic!("{e:?}")
    };
    assert_eq!(committee.estates.len(), 3);
    assert_eq!(committee.estates[2].id, "E3");
    h.state_mut().out.clear();
    // removing E2 leaves the sign without an estate, in one undo step
    h.get_all_by_label("删除").nth(1).unwrap().click();
    h.run();
    let e = edits(&h.state().out);
    let [Edit::Group { edits: group, .. }] = e.as_slice() else {
        panic!("{e:?}")
    };
    let Edit::SetCommittee { committee } = &group[0] else {
        panic!("{group:?}")
    };
    assert_eq!(committee.estates.len(), 1);
    assert_eq!(committee.estates[0].id, "E1");
    assert!(
        matches!(&group[1], Edit::SetItem { index, item } if *index == sign && item.estate.is_none())
    );
    // the sign's own inspector offers the estates
    h.state_mut().out.clear();
    h.state_mut().sel = Selection::item(sign);
    h.run();
    // the second list (after 位置): the estate, showing E2
    h.get_all_by_role(egui::accesskit::Role::ComboBox)
        .nth(1)
        .unwrap()
        .click();
    h.run();
    h.get_by_label("张家宅 (E1)").click();
    h.run();
    let e = edits(&h.state().out);
    assert!(
        matches!(e.as_slice(), [Edit::SetItem { item, .. }] if item.estate.as_deref() == Some("E1")),
        "{e:?}"
    );
}

#[test]
fn a_findings_status_is_chosen_and_recorded_from_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("zjz.ron");
    std::fs::copy("tests/fixtures/planner/shikumen.ron", &plan).unwrap();
    let mut s = shikumen(Selection::default());
    s.doc = Doc::open(&plan).unwrap();
    let i = s
        .doc
        .report
        .findings
        .iter()
        .position(|f| f.code == "A2-1.2")
        .unwrap();
    s.sel.finding = Some(i);
    let mut h = Harness::builder()
        .with_size(egui::vec2(400.0, 2400.0))
        .build_ui_state(
            |ui, s: &mut S| {
                let a = findings::findings_ui(ui, &s.doc, s.sel.finding, &mut s.form, Lang::Zh);
                s.out.extend(a);
            },
            s,
        );
    h.run();
    h.get_by_label("整改中").click();
    h.run();
    let due = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .last()
        .unwrap();
    due.focus();
    due.type_text("2099-05-31");
    h.run();
    h.get_by_label("记录状态").click();
    h.run();
    assert_eq!(
        h.state().out,
        vec![UiAction::SetStatus {
            finding: i,
            status: Some(juwei::followup::Status::InProgress),
            by: String::new(),
            reason: String::new(),
            due: chrono::NaiveDate::from_ymd_opt(2099, 5, 31),
        }]
    );
    // applied, the finding shows its status under it
    let out = std::mem::take(&mut h.state_mut().out);
    let UiAction::SetStatus {
        finding,
        status,
        by,
        reason,
        due,
    } = &out[0]
    else {
        unreachable!()
    };
    h.state_mut()
        .doc
        .set_status(*finding, *status, by, reason, *due)
        .unwrap();
    h.run();
    h.get_by_label_contains("◆ 整改中");
    assert!(dir.path().join("zjz.status.ron").is_file());
}
