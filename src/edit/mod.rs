//! Editing a plan: every change is an [`Edit`] applied through an
//! [`UndoStack`], which keeps the [`Command`] (the edit and its inverse) so
//! that it can be reverted and applied again.
//!
//! This is the plan model's own undo: the planner's panels and tools emit
//! edits, one system applies them here and re-checks the plan. Nothing in this
//! module knows about bevy or egui, so it is built and tested without the `gui`
//! feature.
//!
//! ```
//! use juwei::edit::{Edit, UndoStack};
//! # let text = r#"(format: 1, revision: (number: 1, date: "2026-03-01"),
//! #   committee: (code: "X", name: "示例", street: "街道", estate: New),
//! #   rooms: [(id: "R1", name: "办公室", zones: [Office], floor: AntiSlip,
//! #            outline: [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)])])"#;
//! # let mut plan = juwei::io::parse_plan(std::path::Path::new("x.ron"), text).unwrap();
//! let mut stack = UndoStack::default();
//! stack.apply(&mut plan, Edit::SetRoomName { room: "R1".into(), name: "会议室".into() }).unwrap();
//! assert_eq!(plan.rooms[0].name, "会议室");
//! stack.undo(&mut plan).unwrap();
//! assert_eq!(plan.rooms[0].name, "办公室");
//! stack.redo(&mut plan).unwrap();
//! assert_eq!(plan.rooms[0].name, "会议室");
//! ```

pub mod layout;
pub mod levels;
pub mod snap;
pub mod trace;

use std::fmt;

use crate::model::{
    Committee, Door, Floor, Item, Lang, Location, Plan, Revision, Room, Underlay, Zone, OUTSIDE,
};

/// One change to a plan. Rooms are named by id (stable), doors and items by
/// their index in the plan's lists (the undo stack reverts in the reverse
/// order of application, so the indices stay valid).
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    SetRoomName {
        room: String,
        name: String,
    },
    /// One or more zones (`plan-format.md`): an empty list is refused.
    SetRoomZones {
        room: String,
        zones: Vec<Zone>,
    },
    SetRoomFloor {
        room: String,
        floor: Floor,
    },
    MoveVertex {
        room: String,
        index: usize,
        to: (f64, f64),
    },
    /// Insert a point before `index` (`index == len` appends: the new last
    /// wall closes back to point 0).
    InsertVertex {
        room: String,
        index: usize,
        at: (f64, f64),
    },
    /// Refused when the outline would keep fewer than three points.
    DeleteVertex {
        room: String,
        index: usize,
    },
    /// Add a room at the end of the list (its id must be new).
    AddRoom {
        room: Room,
    },
    /// Delete a room together with the doors that open into it and the items
    /// standing in it (all restored by undo).
    DeleteRoom {
        room: String,
    },
    /// The inverse of [`Edit::DeleteRoom`]: put a room, its doors and items
    /// back at their former places.
    RestoreRoom {
        index: usize,
        room: Room,
        doors: Vec<(usize, Door)>,
        items: Vec<(usize, Item)>,
    },
    InsertDoor {
        index: usize,
        door: Door,
    },
    DeleteDoor {
        index: usize,
    },
    /// Move a door; `between` is what it connects at its new place.
    MoveDoor {
        index: usize,
        at: (f64, f64),
        between: (String, String),
    },
    InsertItem {
        index: usize,
        item: Item,
    },
    DeleteItem {
        index: usize,
    },
    /// Move an item to a room (with a drawn position) or a site place.
    MoveItem {
        index: usize,
        at: Location,
        pos: Option<(f64, f64)>,
    },
    /// At least 1: an item of count 0 is deleted instead.
    SetItemCount {
        index: usize,
        count: u32,
    },
    /// Replace an item's other fields (wall, network, asset links, ads).
    SetItem {
        index: usize,
        item: Item,
    },
    SetCommittee {
        committee: Committee,
    },
    SetRevision {
        revision: Revision,
    },
    /// Replace the plan's underlays (one per level: load, rectify,
    /// calibrate, opacity, remove).
    SetUnderlays {
        underlays: Vec<Underlay>,
    },
    /// Replace a room's whole outline (a room split in two keeps one part).
    SetOutline {
        room: String,
        outline: Vec<(f64, f64)>,
    },
    /// Several edits as one undo step (splitting a room: its new outline,
    /// the new room, the doors and items that move to it). Applied in order;
    /// when one is refused, those before it are reverted and the plan is
    /// left as it was.
    Group {
        /// What the step does, for the undo menu (Chinese, English).
        label: (&'static str, &'static str),
        edits: Vec<Edit>,
    },
}

/// Why an edit was refused. The plan is left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    pub message: String,
    pub message_en: String,
}

impl EditError {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        EditError {
            message: zh.into(),
            message_en: en.into(),
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message, &self.message_en)
    }

    fn no_room(id: &str) -> Self {
        EditError::new(
            format!("没有编号为 \"{id}\" 的房间"),
            format!("there is no room \"{id}\""),
        )
    }

    fn no_vertex(id: &str, index: usize) -> Self {
        EditError::new(
            format!("房间 \"{id}\" 没有第 {index} 个顶点"),
            format!("room \"{id}\" has no point {index}"),
        )
    }

    fn no_door(index: usize) -> Self {
        EditError::new(
            format!("没有第 {index} 扇门"),
            format!("there is no door {index}"),
        )
    }

    fn no_item(index: usize) -> Self {
        EditError::new(
            format!("没有第 {index} 件物品"),
            format!("there is no item {index}"),
        )
    }

    fn not_finite() -> Self {
        EditError::new("坐标必须是有限的数值", "coordinates must be finite numbers")
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.message_en)
    }
}

impl std::error::Error for EditError {}

fn finite(p: (f64, f64)) -> Result<(), EditError> {
    if p.0.is_finite() && p.1.is_finite() {
        Ok(())
    } else {
        Err(EditError::not_finite())
    }
}

fn room_mut<'a>(plan: &'a mut Plan, id: &str) -> Result<&'a mut Room, EditError> {
    plan.rooms
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| EditError::no_room(id))
}

fn check_side(plan: &Plan, id: &str) -> Result<(), EditError> {
    if id == OUTSIDE || plan.room(id).is_some() {
        Ok(())
    } else {
        Err(EditError::no_room(id))
    }
}

fn check_between(plan: &Plan, between: &(String, String)) -> Result<(), EditError> {
    check_side(plan, &between.0)?;
    check_side(plan, &between.1)?;
    if between.0 == between.1 {
        return Err(EditError::new(
            "门必须连接两个不同的房间(或室外与一个房间)",
            "a door must connect two different rooms (or outside and a room)",
        ));
    }
    Ok(())
}

fn check_location(plan: &Plan, at: &Location) -> Result<(), EditError> {
    match at {
        Location::Room(id) if plan.room(id).is_none() => Err(EditError::no_room(id)),
        _ => Ok(()),
    }
}

impl Edit {
    /// Apply to `plan` and return the edit that undoes it. On error the plan
    /// is unchanged.
    pub fn apply(&self, plan: &mut Plan) -> Result<Edit, EditError> {
        match self {
            Edit::SetRoomName { room, name } => {
                let r = room_mut(plan, room)?;
                let old = std::mem::replace(&mut r.name, name.clone());
                Ok(Edit::SetRoomName {
                    room: room.clone(),
                    name: old,
                })
            }
            Edit::SetRoomZones { room, zones } => {
                if zones.is_empty() {
                    return Err(EditError::new(
                        "房间至少要有一个功能区",
                        "a room needs at least one zone",
                    ));
                }
                let r = room_mut(plan, room)?;
                let old = std::mem::replace(&mut r.zones, zones.clone());
                Ok(Edit::SetRoomZones {
                    room: room.clone(),
                    zones: old,
                })
            }
            Edit::SetRoomFloor { room, floor } => {
                let r = room_mut(plan, room)?;
                let old = std::mem::replace(&mut r.floor, *floor);
                Ok(Edit::SetRoomFloor {
                    room: room.clone(),
                    floor: old,
                })
            }
            Edit::MoveVertex { room, index, to } => {
                finite(*to)?;
                let r = room_mut(plan, room)?;
                let v = r
                    .outline
                    .get_mut(*index)
                    .ok_or_else(|| EditError::no_vertex(room, *index))?;
                let old = std::mem::replace(v, *to);
                Ok(Edit::MoveVertex {
                    room: room.clone(),
                    index: *index,
                    to: old,
                })
            }
            Edit::InsertVertex { room, index, at } => {
                finite(*at)?;
                let r = room_mut(plan, room)?;
                if *index > r.outline.len() {
                    return Err(EditError::no_vertex(room, *index));
                }
                r.outline.insert(*index, *at);
                Ok(Edit::DeleteVertex {
                    room: room.clone(),
                    index: *index,
                })
            }
            Edit::DeleteVertex { room, index } => {
                let r = room_mut(plan, room)?;
                if *index >= r.outline.len() {
                    return Err(EditError::no_vertex(room, *index));
                }
                if r.outline.len() <= 3 {
                    return Err(EditError::new(
                        "房间轮廓至少要有三个顶点",
                        "a room outline needs at least three points",
                    ));
                }
                let at = r.outline.remove(*index);
                Ok(Edit::InsertVertex {
                    room: room.clone(),
                    index: *index,
                    at,
                })
            }
            Edit::AddRoom { room } => {
                if room.id.trim().is_empty() || room.id == OUTSIDE {
                    return Err(EditError::new(
                        format!("房间编号 \"{}\" 不可用", room.id),
                        format!("\"{}\" cannot be a room id", room.id),
                    ));
                }
                if plan.room(&room.id).is_some() {
                    return Err(EditError::new(
                        format!("房间编号 \"{}\" 已被使用", room.id),
                        format!("room id \"{}\" is already used", room.id),
                    ));
                }
                if room.outline.len() < 3 {
                    return Err(EditError::new(
                        "房间轮廓至少要有三个顶点",
                        "a room outline needs at least three points",
                    ));
                }
                if room.zones.is_empty() {
                    return Err(EditError::new(
                        "房间至少要有一个功能区",
                        "a room needs at least one zone",
                    ));
                }
                for p in &room.outline {
                    finite(*p)?;
                }
                plan.rooms.push(room.clone());
                Ok(Edit::DeleteRoom {
                    room: room.id.clone(),
                })
            }
            Edit::DeleteRoom { room } => {
                let index = plan
                    .room_index(room)
                    .ok_or_else(|| EditError::no_room(room))?;
                let removed = plan.rooms.remove(index);
                let doors = take_where(&mut plan.doors, |d| d.touches(room));
                let items = take_where(&mut plan.items, |i| i.room() == Some(room.as_str()));
                Ok(Edit::RestoreRoom {
                    index,
                    room: removed,
                    doors,
                    items,
                })
            }
            Edit::RestoreRoom {
                index,
                room,
                doors,
                items,
            } => {
                if plan.room(&room.id).is_some() {
                    return Err(EditError::new(
                        format!("房间编号 \"{}\" 已被使用", room.id),
                        format!("room id \"{}\" is already used", room.id),
                    ));
                }
                if *index > plan.rooms.len()
                    || !fits_back(plan.doors.len(), doors)
                    || !fits_back(plan.items.len(), items)
                {
                    return Err(EditError::new(
                        "无法恢复房间:平面图已改变",
                        "cannot restore the room: the plan has changed",
                    ));
                }
                plan.rooms.insert(*index, room.clone());
                put_back(&mut plan.doors, doors);
                put_back(&mut plan.items, items);
                Ok(Edit::DeleteRoom {
                    room: room.id.clone(),
                })
            }
            Edit::InsertDoor { index, door } => {
                finite(door.at)?;
                check_between(plan, &door.between)?;
                if *index > plan.doors.len() {
                    return Err(EditError::no_door(*index));
                }
                plan.doors.insert(*index, door.clone());
                Ok(Edit::DeleteDoor { index: *index })
            }
            Edit::DeleteDoor { index } => {
                if *index >= plan.doors.len() {
                    return Err(EditError::no_door(*index));
                }
                let door = plan.doors.remove(*index);
                Ok(Edit::InsertDoor {
                    index: *index,
                    door,
                })
            }
            Edit::MoveDoor { index, at, between } => {
                finite(*at)?;
                check_between(plan, between)?;
                let d = plan
                    .doors
                    .get_mut(*index)
                    .ok_or_else(|| EditError::no_door(*index))?;
                let old_at = std::mem::replace(&mut d.at, *at);
                let old_between = std::mem::replace(&mut d.between, between.clone());
                Ok(Edit::MoveDoor {
                    index: *index,
                    at: old_at,
                    between: old_between,
                })
            }
            Edit::InsertItem { index, item } => {
                check_location(plan, &item.at)?;
                if item.count == 0 {
                    return Err(EditError::new(
                        "数量至少为 1",
                        "the count must be at least 1",
                    ));
                }
                if *index > plan.items.len() {
                    return Err(EditError::no_item(*index));
                }
                plan.items.insert(*index, item.clone());
                Ok(Edit::DeleteItem { index: *index })
            }
            Edit::DeleteItem { index } => {
                if *index >= plan.items.len() {
                    return Err(EditError::no_item(*index));
                }
                let item = plan.items.remove(*index);
                Ok(Edit::InsertItem {
                    index: *index,
                    item,
                })
            }
            Edit::MoveItem { index, at, pos } => {
                if let Some(p) = pos {
                    finite(*p)?;
                }
                check_location(plan, at)?;
                let it = plan
                    .items
                    .get_mut(*index)
                    .ok_or_else(|| EditError::no_item(*index))?;
                let old_at = std::mem::replace(&mut it.at, at.clone());
                let old_pos = std::mem::replace(&mut it.pos, *pos);
                Ok(Edit::MoveItem {
                    index: *index,
                    at: old_at,
                    pos: old_pos,
                })
            }
            Edit::SetItemCount { index, count } => {
                if *count == 0 {
                    return Err(EditError::new(
                        "数量至少为 1(数量为 0 请删除该物品)",
                        "the count must be at least 1 (delete the item instead)",
                    ));
                }
                let it = plan
                    .items
                    .get_mut(*index)
                    .ok_or_else(|| EditError::no_item(*index))?;
                let old = std::mem::replace(&mut it.count, *count);
                Ok(Edit::SetItemCount {
                    index: *index,
                    count: old,
                })
            }
            Edit::SetItem { index, item } => {
                check_location(plan, &item.at)?;
                if item.count == 0 {
                    return Err(EditError::new(
                        "数量至少为 1",
                        "the count must be at least 1",
                    ));
                }
                let it = plan
                    .items
                    .get_mut(*index)
                    .ok_or_else(|| EditError::no_item(*index))?;
                let old = std::mem::replace(it, item.clone());
                Ok(Edit::SetItem {
                    index: *index,
                    item: old,
                })
            }
            Edit::SetCommittee { committee } => {
                let old = std::mem::replace(&mut plan.committee, committee.clone());
                Ok(Edit::SetCommittee { committee: old })
            }
            Edit::SetRevision { revision } => {
                if revision.number == 0 {
                    return Err(EditError::new(
                        "修订号从 1 开始",
                        "revision numbers start at 1",
                    ));
                }
                let old = std::mem::replace(&mut plan.revision, revision.clone());
                Ok(Edit::SetRevision { revision: old })
            }
            Edit::SetUnderlays { underlays } => {
                for u in underlays {
                    if u.to_plan.iter().any(|x| !x.is_finite()) {
                        return Err(EditError::not_finite());
                    }
                    if !(0.0..=1.0).contains(&u.opacity) {
                        return Err(EditError::new(
                            "不透明度在 0 与 1 之间",
                            "the opacity lies between 0 and 1",
                        ));
                    }
                }
                let old = std::mem::replace(&mut plan.underlays, underlays.clone());
                Ok(Edit::SetUnderlays { underlays: old })
            }
            Edit::SetOutline { room, outline } => {
                if outline.len() < 3 {
                    return Err(EditError::new(
                        "房间轮廓至少要有三个顶点",
                        "a room outline needs at least three points",
                    ));
                }
                for p in outline {
                    finite(*p)?;
                }
                let r = room_mut(plan, room)?;
                let old = std::mem::replace(&mut r.outline, outline.clone());
                Ok(Edit::SetOutline {
                    room: room.clone(),
                    outline: old,
                })
            }
            Edit::Group { label, edits } => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    match e.apply(plan) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            for inv in inverses.iter().rev() {
                                // each inverse undoes exactly what was done
                                let _ = inv.apply(plan);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Group {
                    label: *label,
                    edits: inverses,
                })
            }
        }
    }

    /// What the edit does, for the undo / redo menu entries.
    pub fn label(&self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Edit::SetRoomName { .. } => ("修改房间名称", "rename room"),
            Edit::SetRoomZones { .. } => ("修改功能区", "change zones"),
            Edit::SetRoomFloor { .. } => ("修改地面", "change floor"),
            Edit::MoveVertex { .. } => ("移动顶点", "move point"),
            Edit::InsertVertex { .. } => ("添加顶点", "add point"),
            Edit::DeleteVertex { .. } => ("删除顶点", "delete point"),
            Edit::AddRoom { .. } | Edit::RestoreRoom { .. } => ("添加房间", "add room"),
            Edit::DeleteRoom { .. } => ("删除房间", "delete room"),
            Edit::InsertDoor { .. } => ("添加门", "add door"),
            Edit::DeleteDoor { .. } => ("删除门", "delete door"),
            Edit::MoveDoor { .. } => ("移动门", "move door"),
            Edit::InsertItem { .. } => ("添加物品", "add item"),
            Edit::DeleteItem { .. } => ("删除物品", "delete item"),
            Edit::MoveItem { .. } => ("移动物品", "move item"),
            Edit::SetItemCount { .. } => ("修改数量", "change count"),
            Edit::SetItem { .. } => ("修改物品", "edit item"),
            Edit::SetCommittee { .. } => ("修改居委会信息", "edit committee"),
            Edit::SetRevision { .. } => ("修改修订信息", "edit revision"),
            Edit::SetOutline { .. } => ("修改房间轮廓", "change room outline"),
            Edit::SetUnderlays { .. } => ("修改底图", "change underlay"),
            Edit::Group { label, .. } => *label,
        };
        lang.pick(zh, en)
    }

    /// The rooms whose outline the edit changes (for a re-check that wants
    /// to know; the planner re-checks the whole plan).
    pub fn room(&self) -> Option<&str> {
        match self {
            Edit::SetRoomName { room, .. }
            | Edit::SetRoomZones { room, .. }
            | Edit::SetRoomFloor { room, .. }
            | Edit::MoveVertex { room, .. }
            | Edit::InsertVertex { room, .. }
            | Edit::DeleteVertex { room, .. }
            | Edit::SetOutline { room, .. }
            | Edit::DeleteRoom { room } => Some(room),
            Edit::AddRoom { room } | Edit::RestoreRoom { room, .. } => Some(&room.id),
            _ => None,
        }
    }

    /// Whether `next` continues the same drag as `self` (same vertex, door or
    /// item moved again), so that the two become one undo step.
    fn continues(&self, next: &Edit) -> bool {
        match (self, next) {
            (
                Edit::MoveVertex {
                    room: a, index: i, ..
                },
                Edit::MoveVertex {
                    room: b, index: j, ..
                },
            ) => a == b && i == j,
            (Edit::MoveDoor { index: i, .. }, Edit::MoveDoor { index: j, .. })
            | (Edit::MoveItem { index: i, .. }, Edit::MoveItem { index: j, .. }) => i == j,
            _ => false,
        }
    }
}

/// Remove the elements matching `pred`, returning them with their former
/// indices (ascending).
fn take_where<T>(list: &mut Vec<T>, pred: impl Fn(&T) -> bool) -> Vec<(usize, T)> {
    let mut taken = Vec::new();
    let mut kept = Vec::with_capacity(list.len());
    for (i, x) in std::mem::take(list).into_iter().enumerate() {
        if pred(&x) {
            taken.push((i, x));
        } else {
            kept.push(x);
        }
    }
    *list = kept;
    taken
}

fn fits_back<T>(len: usize, taken: &[(usize, T)]) -> bool {
    taken.iter().enumerate().all(|(n, (i, _))| *i <= len + n)
}

/// Insert elements back at their former indices (ascending).
fn put_back<T: Clone>(list: &mut Vec<T>, taken: &[(usize, T)]) {
    for (i, x) in taken {
        list.insert(*i, x.clone());
    }
}

/// An applied edit together with the edit that reverts it.
#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    pub edit: Edit,
    pub inverse: Edit,
}

impl Command {
    /// Apply `edit` to the plan, keeping what is needed to revert it.
    pub fn apply(plan: &mut Plan, edit: Edit) -> Result<Command, EditError> {
        let inverse = edit.apply(plan)?;
        Ok(Command { edit, inverse })
    }

    /// Undo the command.
    pub fn revert(&self, plan: &mut Plan) -> Result<(), EditError> {
        self.inverse.apply(plan).map(drop)
    }

    /// Apply the command again after a revert.
    pub fn reapply(&self, plan: &mut Plan) -> Result<(), EditError> {
        self.edit.apply(plan).map(drop)
    }
}

/// The undo / redo history of one open plan, with the "modified" state.
#[derive(Debug, Clone, Default)]
pub struct UndoStack {
    done: Vec<(u64, Command)>,
    undone: Vec<(u64, Command)>,
    /// The id of the command on top when the plan was last saved (0: none).
    saved: u64,
    next_id: u64,
    /// An open drag: the next continuing edit merges into the top command.
    merging: bool,
    /// Counts every change to the plan (apply, undo, redo).
    generation: u64,
}

impl UndoStack {
    /// Apply an edit as a new undo step; the redo list is cleared.
    pub fn apply(&mut self, plan: &mut Plan, edit: Edit) -> Result<(), EditError> {
        self.merging = false;
        self.push(plan, edit)
    }

    /// Apply an edit of a drag in progress: while the drag goes on (until
    /// [`UndoStack::end_drag`]), moves of the same vertex, door or item merge
    /// into one undo step that goes back to where the drag began.
    pub fn apply_drag(&mut self, plan: &mut Plan, edit: Edit) -> Result<(), EditError> {
        if self.merging {
            if let Some((id, top)) = self.done.last_mut() {
                if top.edit.continues(&edit) {
                    edit.apply(plan)?;
                    top.edit = edit;
                    self.next_id += 1;
                    *id = self.next_id;
                    self.generation += 1;
                    return Ok(());
                }
            }
        }
        self.push(plan, edit)?;
        self.merging = true;
        Ok(())
    }

    /// The drag is over: the next edit starts a new undo step.
    pub fn end_drag(&mut self) {
        self.merging = false;
    }

    fn push(&mut self, plan: &mut Plan, edit: Edit) -> Result<(), EditError> {
        let cmd = Command::apply(plan, edit)?;
        self.next_id += 1;
        self.done.push((self.next_id, cmd));
        self.undone.clear();
        self.generation += 1;
        Ok(())
    }

    /// Undo the last step. `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self, plan: &mut Plan) -> Result<bool, EditError> {
        self.merging = false;
        let Some((id, cmd)) = self.done.pop() else {
            return Ok(false);
        };
        if let Err(e) = cmd.revert(plan) {
            self.done.push((id, cmd));
            return Err(e);
        }
        self.undone.push((id, cmd));
        self.generation += 1;
        Ok(true)
    }

    /// Redo the last undone step. `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self, plan: &mut Plan) -> Result<bool, EditError> {
        self.merging = false;
        let Some((id, cmd)) = self.undone.pop() else {
            return Ok(false);
        };
        if let Err(e) = cmd.reapply(plan) {
            self.undone.push((id, cmd));
            return Err(e);
        }
        self.done.push((id, cmd));
        self.generation += 1;
        Ok(true)
    }

    /// The edit that undo would apply (the inverse of the last step).
    pub fn next_undo(&self) -> Option<&Edit> {
        self.done.last().map(|(_, c)| &c.inverse)
    }

    /// The edit that redo would apply.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.undone.last().map(|(_, c)| &c.edit)
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// What undo would revert.
    pub fn undo_label(&self, lang: Lang) -> Option<&'static str> {
        self.done.last().map(|(_, c)| c.edit.label(lang))
    }

    /// What redo would apply again.
    pub fn redo_label(&self, lang: Lang) -> Option<&'static str> {
        self.undone.last().map(|(_, c)| c.edit.label(lang))
    }

    /// Steps that can be undone.
    pub fn depth(&self) -> usize {
        self.done.len()
    }

    fn top_id(&self) -> u64 {
        self.done.last().map_or(0, |(id, _)| *id)
    }

    /// The plan as it is now was saved (or freshly opened).
    pub fn mark_saved(&mut self) {
        self.saved = self.top_id();
    }

    /// The plan as it is now differs from what is on disk though nothing was
    /// edited (it was recovered from an autosave copy): no state of this
    /// history counts as saved.
    pub fn mark_unsaved(&mut self) {
        self.saved = u64::MAX;
    }

    /// The plan differs from the last save: undoing back to the saved state
    /// clears the marker again.
    pub fn is_modified(&self) -> bool {
        self.top_id() != self.saved
    }

    /// Increases with every change to the plan; views compare it with the
    /// generation they last drew.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

#[cfg(test)]
mod tests;
