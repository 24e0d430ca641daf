//! The pointer on the plan. Mouse input becomes [`PointerEvent`]s in plan
//! coordinates (metres); one system turns them into selections, drags and
//! edits according to the [`Tool`]. Headless tests send `PointerEvent`s
//! directly.

use bevy::prelude::*;

use super::canvas::UiFocus;
use super::state::{CurrentLevel, Doc, LogicSet, Notice, PlanCommand, Selection, Tool};
use super::view::View;
use crate::edit::levels::{door_on, item_on, on_level, stair_at};
use crate::edit::snap::{door_at, grid, room_at, room_wall_near, snap_point};
use crate::edit::Edit;
use crate::model::{Floor, Item, ItemKind, Location, Room, Zone};

/// Pick radius on screen, logical pixels.
pub const PICK_PX: f32 = 8.0;

/// Where the pointer is on the plan, and where a click would land.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct Cursor {
    pub plan: Option<(f64, f64)>,
    /// Snapped as the current tool would use it.
    pub snapped: Option<(f64, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerKind {
    Press,
    Move,
    Release,
    DoubleClick,
    /// Right button: deletes the vertex under it.
    SecondaryClick,
}

/// One pointer event on the canvas, in plan coordinates; `tol` is the pick
/// radius in metres at the current zoom.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct PointerEvent {
    pub kind: PointerKind,
    pub at: (f64, f64),
    pub tol: f64,
}

/// What lies under the pointer.
#[derive(Debug, Clone, PartialEq)]
pub enum Hit {
    Vertex(String, usize),
    Item(usize),
    Door(usize),
    Room(String),
    Nothing,
}

/// What a press started.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub enum Drag {
    #[default]
    None,
    Vertex(String, usize),
    Door(usize),
    Item(usize),
    /// Dragging the plan itself (a press on empty canvas).
    Pan,
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// Half the side of a stair's symbol on the plan, metres: a press inside
/// it picks the stair.
pub const STAIR_HALF: f64 = 0.45;

/// What is under `p` on `level`: a vertex of the selected room first, then
/// an item, a door or stair, a room. Rooms, doors and items of the other
/// levels (drawn faint) are not picked.
pub fn hit_test(doc: &Doc, sel: &Selection, p: (f64, f64), tol: f64, level: i32) -> Hit {
    let plan = &doc.plan;
    if let Some(room) = sel
        .room
        .as_deref()
        .and_then(|id| plan.room(id))
        .filter(|r| r.level == level)
    {
        let near = room
            .outline
            .iter()
            .enumerate()
            .map(|(i, &v)| (i, dist(v, p)))
            .filter(|(_, d)| *d <= tol)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = near {
            return Hit::Vertex(room.id.clone(), i);
        }
    }
    let nearest = |pts: &mut dyn Iterator<Item = (usize, (f64, f64))>, r: f64| {
        pts.map(|(i, q)| (i, dist(q, p)))
            .filter(|(_, d)| *d <= r)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    };
    let items = doc
        .layout
        .items
        .iter()
        .copied()
        .enumerate()
        .filter(|(i, _)| item_on(plan, &plan.items[*i], level));
    if let Some(i) = nearest(&mut items.into_iter(), tol * 1.5) {
        return Hit::Item(i);
    }
    let doors = plan
        .doors
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.is_stair() && door_on(plan, d, level))
        .map(|(i, d)| (i, d.at));
    if let Some(i) = nearest(&mut doors.into_iter(), tol * 1.5) {
        return Hit::Door(i);
    }
    // a stair: anywhere on its symbol
    let stairs = plan
        .doors
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_stair() && door_on(plan, d, level))
        .map(|(i, d)| (i, d.at));
    if let Some(i) = nearest(&mut stairs.into_iter(), (STAIR_HALF * 1.3).max(tol * 1.5)) {
        return Hit::Door(i);
    }
    match room_at(&on_level(plan, level), p) {
        Some(r) => Hit::Room(r.id.clone()),
        None => Hit::Nothing,
    }
}

/// The edit that deletes what is selected (vertex, door, item or room).
pub fn delete_selection(doc: &Doc, sel: &Selection) -> Option<Edit> {
    if let (Some(room), Some(index)) = (&sel.room, sel.vertex) {
        return Some(Edit::DeleteVertex {
            room: room.clone(),
            index,
        });
    }
    if let Some(index) = sel.door {
        return Some(Edit::DeleteDoor { index });
    }
    if let Some(index) = sel.item {
        return Some(Edit::DeleteItem { index });
    }
    sel.room
        .as_ref()
        .filter(|id| doc.plan.room(id).is_some())
        .map(|id| Edit::DeleteRoom { room: id.clone() })
}

/// Where an item dropped at `p` goes: the room of `level` under it (at
/// that point) or the site place of the strip under it.
pub fn item_place(doc: &Doc, p: (f64, f64), level: i32) -> Option<(Location, Option<(f64, f64)>)> {
    if let Some(room) = room_at(&on_level(&doc.plan, level), p) {
        return Some((Location::Room(room.id.clone()), Some(grid(p))));
    }
    doc.layout
        .site_at(p)
        .map(|place| (Location::Site(place), None))
}

/// The room drawn by the given corners on `level` (a new id, zone Office
/// to start with).
pub fn new_room(doc: &Doc, points: &[(f64, f64)], lang: crate::model::Lang, level: i32) -> Room {
    let id = doc.plan.fresh_room_id();
    Room {
        name: format!("{} {id}", lang.pick("房间", "room")),
        id,
        zones: vec![Zone::Office],
        floor: Floor::AntiSlip,
        level,
        outline: points.to_vec(),
    }
}

/// Finish the room being drawn: the command that adds it (on the level
/// shown), and the selection of the new room.
fn close_room(
    doc: &Doc,
    points: &[(f64, f64)],
    lang: crate::model::Lang,
    level: i32,
) -> (PlanCommand, Selection) {
    let room = new_room(doc, points, lang, level);
    let sel = Selection::room(room.id.clone());
    (PlanCommand::Edit(Edit::AddRoom { room }), sel)
}

/// Snap as the tool wants it: corners and vertices snap to other rooms of
/// the level and the grid; doors to walls; items and stairs to the grid.
pub fn snap_for(
    doc: &Doc,
    tool: &Tool,
    drag: &Drag,
    p: (f64, f64),
    tol: f64,
    level: i32,
) -> (f64, f64) {
    let stair = |i: &usize| doc.plan.doors.get(*i).is_some_and(|d| d.is_stair());
    match (tool, drag) {
        (_, Drag::Vertex(room, _)) => snap_point(&on_level(&doc.plan, level), p, tol, Some(room)).0,
        (_, Drag::Door(i)) if stair(i) => grid(p),
        (_, Drag::Door(_)) | (Tool::AddDoor, _) => {
            door_place(doc, p, tol, level).map_or(p, |(at, _)| at)
        }
        (Tool::DrawRoom { points }, _) => {
            super::underlay::draw_snap(doc, points.last().copied(), p, tol, level)
        }
        _ => grid(p),
    }
}

pub struct PickingPlugin;

impl Plugin for PickingPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Cursor>()
            .init_resource::<Drag>()
            .add_message::<PointerEvent>()
            .add_systems(Update, handle_pointer.before(LogicSet::Apply));
    }
}

/// A modifier held for this frame's keys: pressed now, or released in the
/// same frame as the key it modifies (a fast Ctrl+Z arrives in one frame).
pub fn held(keys: &ButtonInput<KeyCode>, either: [KeyCode; 2]) -> bool {
    keys.any_pressed(either) || keys.any_just_released(either)
}

/// The last click (time, position) and pointer position, between frames.
#[derive(Default)]
pub struct PointerMemory {
    last_click: Option<(f64, Vec2)>,
    last_screen: Option<Vec2>,
    /// The left button went down on the canvas and has not come up yet:
    /// its moves and its release are the canvas's, wherever they happen. A
    /// press that starts over a panel is the panel's, to its release.
    canvas_press: bool,
}

/// The mouse on the canvas: [`mouse_to_events`] turns it into
/// [`PointerEvent`]s before [`handle_pointer`] reads them. The app adds it;
/// headless tests add it with bevy's `InputPlugin` and a window entity.
pub struct PointerInputPlugin;

impl Plugin for PointerInputPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<UiFocus>()
            .init_resource::<View>()
            .add_systems(Update, mouse_to_events.before(handle_pointer));
    }
}

/// Mouse buttons and keys on the canvas → pointer events and commands.
///
/// Every press and release of a frame is seen, in order: a quick click whose
/// press and release arrive in the same frame is a press followed by a
/// release, so no drag is left hanging. Whether the pointer is on the canvas
/// is [`UiFocus`] as the panels' system set it for this frame's pointer.
#[allow(clippy::too_many_arguments)]
pub fn mouse_to_events(
    buttons: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    windows: Query<&Window>,
    time: Res<Time>,
    mut view: ResMut<View>,
    focus: Res<UiFocus>,
    lang: Res<super::state::UiLang>,
    drag: Res<Drag>,
    doc: Res<Doc>,
    level: Res<CurrentLevel>,
    mut tool: ResMut<Tool>,
    mut selection: ResMut<Selection>,
    mut cursor: ResMut<Cursor>,
    mut out: MessageWriter<PointerEvent>,
    mut cmds: MessageWriter<PlanCommand>,
    mut last: Local<PointerMemory>,
) {
    let level = level.0;
    let memory = &mut *last;
    let screen = windows.single().ok().and_then(|w| w.cursor_position());
    let tol = (PICK_PX * view.scale) as f64;
    let over = focus.pointer_on_canvas;
    let tracking = screen.filter(|_| over || memory.canvas_press);
    let p = match tracking {
        Some(s) => {
            let p = view.plan(view.screen_to_world(s));
            cursor.plan = Some(p);
            cursor.snapped = Some(snap_for(&doc, &tool, &drag, p, tol, level));
            if *drag == Drag::Pan && memory.canvas_press && buttons.pressed(MouseButton::Left) {
                if let Some(prev) = memory.last_screen {
                    view.pan_px(s - prev);
                }
            }
            memory.last_screen = Some(s);
            Some(p)
        }
        None => {
            if cursor.plan.is_some() {
                cursor.plan = None;
                cursor.snapped = None;
            }
            memory.last_screen = None;
            None
        }
    };
    // outside the window, a release ends the drag where it was
    let at = p.unwrap_or((f64::NAN, f64::NAN));
    let pressed_now = buttons.just_pressed(MouseButton::Left);
    let released = buttons.just_released(MouseButton::Left);
    let down = buttons.pressed(MouseButton::Left);
    let mut release_sent = false;
    // the release of an earlier press comes before a new press in the frame
    if memory.canvas_press && released {
        memory.canvas_press = false;
        release_sent = true;
        out.write(PointerEvent {
            kind: PointerKind::Release,
            at,
            tol,
        });
    }
    if pressed_now {
        memory.canvas_press = false;
        if let (true, Some(p), Some(s)) = (over, p, screen) {
            memory.canvas_press = true;
            let now = time.elapsed_secs_f64();
            let double = memory
                .last_click
                .is_some_and(|(t, at)| now - t < 0.4 && at.distance(s) < 6.0);
            let kind = if double {
                memory.last_click = None;
                PointerKind::DoubleClick
            } else {
                memory.last_click = Some((now, s));
                PointerKind::Press
            };
            out.write(PointerEvent { kind, at: p, tol });
        }
    }
    if memory.canvas_press && !down {
        // pressed and released within this frame (a quick click), or the
        // release was lost (the window lost the pointer)
        memory.canvas_press = false;
        release_sent = true;
        out.write(PointerEvent {
            kind: PointerKind::Release,
            at,
            tol,
        });
    } else if memory.canvas_press && !pressed_now {
        if let Some(p) = p {
            out.write(PointerEvent {
                kind: PointerKind::Move,
                at: p,
                tol,
            });
        }
    }
    if !memory.canvas_press && !release_sent && *drag != Drag::None && !down {
        // a drag that no press of the canvas holds any more
        out.write(PointerEvent {
            kind: PointerKind::Release,
            at,
            tol,
        });
    }
    if buttons.just_pressed(MouseButton::Right) && over {
        if let Some(p) = p {
            out.write(PointerEvent {
                kind: PointerKind::SecondaryClick,
                at: p,
                tol,
            });
        }
    }
    if focus.typing {
        return;
    }
    let ctrl = held(&keys, [KeyCode::ControlLeft, KeyCode::ControlRight]);
    let shift = held(&keys, [KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    if ctrl && keys.just_pressed(KeyCode::KeyZ) {
        cmds.write(if shift {
            PlanCommand::Redo
        } else {
            PlanCommand::Undo
        });
    }
    if ctrl && keys.just_pressed(KeyCode::KeyY) {
        cmds.write(PlanCommand::Redo);
    }
    match &mut *tool {
        Tool::DrawRoom { points } => {
            // Backspace takes back the last corner of the room being drawn
            if keys.just_pressed(KeyCode::Backspace) {
                points.pop();
            }
            if keys.just_pressed(KeyCode::Enter) && points.len() >= 3 {
                let (cmd, sel) = close_room(&doc, points, lang.0, level);
                cmds.write(cmd);
                *selection = sel;
                *tool = Tool::Select;
            }
        }
        _ => {
            // only Delete deletes: Backspace is for text (after Enter ends
            // a name, a Backspace must not take the room with it)
            if keys.just_pressed(KeyCode::Delete) {
                if let Some(e) = delete_selection(&doc, &selection) {
                    cmds.write(PlanCommand::Edit(e));
                }
            }
        }
    }
    if keys.just_pressed(KeyCode::Escape) {
        if *tool != Tool::Select {
            *tool = Tool::Select;
        } else {
            *selection = Selection::default();
        }
    }
}

/// Pointer events → selection, drags and edits.
#[allow(clippy::too_many_arguments)]
pub fn handle_pointer(
    mut events: MessageReader<PointerEvent>,
    doc: Res<Doc>,
    lang: Res<super::state::UiLang>,
    level: Res<CurrentLevel>,
    mut selection: ResMut<Selection>,
    mut tool: ResMut<Tool>,
    mut drag: ResMut<Drag>,
    mut notice: ResMut<Notice>,
    mut cmds: MessageWriter<PlanCommand>,
) {
    let level = level.0;
    for ev in events.read() {
        let p = ev.at;
        match (&mut *tool, ev.kind) {
            (Tool::Select, PointerKind::Press) => {
                *drag = match hit_test(&doc, &selection, p, ev.tol, level) {
                    Hit::Vertex(room, i) => {
                        selection.vertex = Some(i);
                        Drag::Vertex(room, i)
                    }
                    Hit::Item(i) => {
                        *selection = Selection::item(i);
                        Drag::Item(i)
                    }
                    Hit::Door(i) => {
                        *selection = Selection::door(i);
                        Drag::Door(i)
                    }
                    Hit::Room(id) => {
                        *selection = Selection::room(id);
                        Drag::Pan
                    }
                    Hit::Nothing => {
                        *selection = Selection::default();
                        Drag::Pan
                    }
                };
            }
            (_, PointerKind::Move) => {
                if let Some(e) = drag_edit(&doc, &drag, p, ev.tol, level) {
                    cmds.write(PlanCommand::Drag(e));
                }
            }
            (_, PointerKind::Release) => {
                if matches!(*drag, Drag::Vertex(..) | Drag::Door(_) | Drag::Item(_)) {
                    if let Some(e) = drag_edit(&doc, &drag, p, ev.tol, level) {
                        cmds.write(PlanCommand::Drag(e));
                    }
                    cmds.write(PlanCommand::EndDrag);
                }
                *drag = Drag::None;
            }
            (Tool::Select, PointerKind::DoubleClick) => {
                // a double click on a wall of the selected room adds a point
                let Some(room) = selection.room.as_deref().and_then(|id| doc.plan.room(id)) else {
                    continue;
                };
                if let Some((wall, at, _)) = room_wall_near(room, p, ev.tol) {
                    cmds.write(PlanCommand::Edit(Edit::InsertVertex {
                        room: room.id.clone(),
                        index: wall + 1,
                        at: grid_on_wall(at, room, wall),
                    }));
                    selection.vertex = Some(wall + 1);
                }
            }
            (Tool::Select, PointerKind::SecondaryClick) => {
                if let Hit::Vertex(room, index) = hit_test(&doc, &selection, p, ev.tol, level) {
                    cmds.write(PlanCommand::Edit(Edit::DeleteVertex { room, index }));
                    selection.vertex = None;
                }
            }
            (Tool::DrawRoom { points }, PointerKind::Press | PointerKind::DoubleClick) => {
                let q = super::underlay::draw_snap(&doc, points.last().copied(), p, ev.tol, level);
                let closes = points.len() >= 3 && dist(points[0], q) <= ev.tol;
                if closes || (ev.kind == PointerKind::DoubleClick && points.len() >= 3) {
                    let (cmd, sel) = close_room(&doc, points, lang.0, level);
                    cmds.write(cmd);
                    *selection = sel;
                    *tool = Tool::Select;
                } else if points.last() != Some(&q) {
                    points.push(q);
                }
            }
            (Tool::AddDoor, PointerKind::Press) => match door_place(&doc, p, ev.tol, level) {
                Some((at, between)) => {
                    let index = doc.plan.doors.len();
                    cmds.write(PlanCommand::Edit(Edit::InsertDoor {
                        index,
                        door: crate::model::Door::new(between.0, between.1, at),
                    }));
                    *selection = Selection::door(index);
                }
                None => notice.error(
                    "门要放在墙上:请点击两个房间的共用墙或外墙",
                    "a door goes on a wall: click a wall two rooms share, or an outer wall",
                ),
            },
            (Tool::AddStair, PointerKind::Press) => match stair_at(&doc.plan, level, p) {
                Ok(stair) => {
                    let index = doc.plan.doors.len();
                    cmds.write(PlanCommand::Edit(Edit::InsertDoor {
                        index,
                        door: stair.door(),
                    }));
                    *selection = Selection::door(index);
                }
                Err(e) => notice.error(e.message, e.message_en),
            },
            (Tool::AddItem(kind), PointerKind::Press) => match item_place(&doc, p, level) {
                Some((at, pos)) => {
                    let index = doc.plan.items.len();
                    let mut item = Item::new(*kind, at);
                    item.pos = pos;
                    if *kind == ItemKind::Computer {
                        item.network = Some(crate::model::Network::Both);
                    }
                    cmds.write(PlanCommand::Edit(Edit::InsertItem { index, item }));
                    *selection = Selection::item(index);
                }
                None => notice.error(
                    "物品要放在房间里或右侧的场地栏中",
                    "an item goes in a room or in a site place of the strip on the right",
                ),
            },
            _ => {}
        }
    }
}

/// Where a door put at `p` on `level` stands (on the nearest wall of a
/// room of that level, rounded to the 0.1 m grid when that stays on the
/// same wall) and what it connects.
pub fn door_place(
    doc: &Doc,
    p: (f64, f64),
    tol: f64,
    level: i32,
) -> Option<((f64, f64), (String, String))> {
    let plan = on_level(&doc.plan, level);
    let (at, between) = door_at(&plan, p, tol * 2.0)?;
    let g = grid(at);
    match door_at(&plan, g, 1e-6) {
        Some((_, b)) if b == between => Some((g, between)),
        _ => Some((at, between)),
    }
}

/// A point on a wall rounded to the grid along the wall when it stays on it.
fn grid_on_wall(at: (f64, f64), room: &Room, wall: usize) -> (f64, f64) {
    let g = grid(at);
    match room_wall_near(room, g, 1e-6) {
        Some((w, _, _)) if w == wall => g,
        _ => at,
    }
}

/// The edit a drag makes when the pointer is at `p` on `level`.
pub fn drag_edit(doc: &Doc, drag: &Drag, p: (f64, f64), tol: f64, level: i32) -> Option<Edit> {
    if !(p.0.is_finite() && p.1.is_finite()) {
        return None;
    }
    match drag {
        Drag::Vertex(room, index) => {
            let to = snap_point(&on_level(&doc.plan, level), p, tol, Some(room)).0;
            let cur = doc.plan.room(room)?.outline.get(*index).copied()?;
            (cur != to).then(|| Edit::MoveVertex {
                room: room.clone(),
                index: *index,
                to,
            })
        }
        Drag::Door(index) if doc.plan.doors.get(*index)?.is_stair() => {
            // a stair moves within the rooms of two levels (to others there)
            let s = stair_at(&doc.plan, level, p).ok()?;
            let d = &doc.plan.doors[*index];
            (d.at != s.at || d.between != s.between).then_some(Edit::MoveDoor {
                index: *index,
                at: s.at,
                between: s.between,
            })
        }
        Drag::Door(index) => {
            let (at, between) = door_place(doc, p, tol, level)?;
            let d = doc.plan.doors.get(*index)?;
            (d.at != at || d.between != between).then_some(Edit::MoveDoor {
                index: *index,
                at,
                between,
            })
        }
        Drag::Item(index) => {
            let (at, pos) = item_place(doc, p, level)?;
            let it = doc.plan.items.get(*index)?;
            (it.at != at || it.pos != pos).then_some(Edit::MoveItem {
                index: *index,
                at,
                pos,
            })
        }
        Drag::None | Drag::Pan => None,
    }
}
