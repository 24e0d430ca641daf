//! What the import tells its user: warnings (something in the drawing was
//! not understood, or a door could not be placed) and notes (a default was
//! chosen that the user must confirm). Both languages side by side, with the
//! DXF entity handles and the rooms concerned.

use serde::Serialize;

use crate::model::Lang;

/// Every kind of notice, with a stable slug for scripts (`--format json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    // warnings: not understood
    /// No closed outline on the room layers at all.
    NoRooms,
    /// A closed outline with no label inside.
    UnlabelledOutline,
    /// A room-name label inside no outline.
    LabelOutside,
    /// An open LWPOLYLINE / POLYLINE on a room layer.
    OpenPolyline,
    /// A LINE, ARC, CIRCLE … on a room layer: not an outline.
    NotAnOutline,
    /// An outline with fewer than three distinct points or no area.
    DegenerateOutline,
    /// An outline that crosses itself.
    SelfIntersecting,
    /// Two outlines overlap.
    Overlap,
    /// The same outline drawn twice.
    DuplicateOutline,
    /// An unlabelled outline around other outlines: not a room.
    EnclosingOutline,
    /// A HATCH whose boundary could not be read.
    HatchUnreadable,
    /// A HATCH with islands: the room is taken without them.
    HatchIslands,
    /// Several room-name labels in one outline.
    SeveralLabels,
    /// A room name that holds no keyword of the table.
    UnknownZone,
    /// A door block that stands on no room's wall.
    DoorOffWall,
    /// A door block between two outlines that do not share a wall.
    DoorAcrossGap,
    /// A door block where more than two rooms meet.
    DoorAmbiguous,
    /// A room with no door found.
    NoDoor,
    /// No door to the outside found.
    NoEntrance,
    /// Neither door blocks nor wall lines: doors cannot be inferred.
    DoorsNotInferable,
    /// Room outlines that touch nowhere (drawn on wall faces, not centre lines).
    RoomsApart,
    /// The drawing's units were guessed from the size of its rooms.
    UnitsGuessed,
    /// Room outlines found only inside blocks.
    OutlinesInBlocks,
    /// The declared units give implausible room sizes; another unit was used.
    UnitsSuspect,
    /// Walls that do not close around a labelled region: no room there.
    WallsOpen,
    /// Wall linework too large or tangled to find rooms in.
    WallsTooComplex,
    // notes: defaults to confirm
    /// The units the drawing was read in.
    Units,
    /// The drawing was moved to a local origin.
    Origin,
    /// Committee data not in the drawing.
    CommitteeDefaults,
    /// Floors are not in the drawing.
    FloorDefault,
    /// The police room's staff and services are not in the drawing.
    PoliceDefaults,
    /// An open passage (no wall drawn between two rooms) taken as a door.
    OpenPassage,
    /// A HATCH that repeats a polyline outline.
    HatchRepeatsOutline,
    /// Texts far from the rooms (title block, notes) ignored.
    FarTexts,
    /// The text is in another encoding than the header declares.
    Encoding,
    /// A room found from the wall lines, to check in the planner.
    RoomFromWalls,
    /// Unlabelled outlines named after their layer.
    NamedByLayer,
    /// Layers with closed outlines that were not imported.
    OtherLayers,
}

impl NoticeKind {
    pub fn slug(self) -> &'static str {
        use NoticeKind::*;
        match self {
            NoRooms => "no-rooms",
            UnlabelledOutline => "unlabelled-outline",
            LabelOutside => "label-outside",
            OpenPolyline => "open-polyline",
            NotAnOutline => "not-an-outline",
            DegenerateOutline => "degenerate-outline",
            SelfIntersecting => "self-intersecting",
            Overlap => "overlap",
            DuplicateOutline => "duplicate-outline",
            EnclosingOutline => "enclosing-outline",
            HatchUnreadable => "hatch-unreadable",
            HatchIslands => "hatch-islands",
            SeveralLabels => "several-labels",
            UnknownZone => "unknown-zone",
            DoorOffWall => "door-off-wall",
            DoorAcrossGap => "door-across-gap",
            DoorAmbiguous => "door-ambiguous",
            NoDoor => "no-door",
            NoEntrance => "no-entrance",
            DoorsNotInferable => "doors-not-inferable",
            RoomsApart => "rooms-apart",
            UnitsGuessed => "units-guessed",
            OutlinesInBlocks => "outlines-in-blocks",
            Units => "units",
            Origin => "origin",
            CommitteeDefaults => "committee-defaults",
            FloorDefault => "floor-default",
            PoliceDefaults => "police-defaults",
            OpenPassage => "open-passage",
            HatchRepeatsOutline => "hatch-repeats-outline",
            FarTexts => "far-texts",
            Encoding => "encoding",
            UnitsSuspect => "units-suspect",
            WallsOpen => "walls-open",
            WallsTooComplex => "walls-too-complex",
            RoomFromWalls => "room-from-walls",
            NamedByLayer => "named-by-layer",
            OtherLayers => "other-layers",
        }
    }

    /// A warning (something not understood) rather than a note (a default to
    /// confirm).
    pub fn is_warning(self) -> bool {
        use NoticeKind::*;
        !matches!(
            self,
            Units
                | Origin
                | CommitteeDefaults
                | FloorDefault
                | PoliceDefaults
                | OpenPassage
                | HatchRepeatsOutline
                | FarTexts
                | Encoding
                | RoomFromWalls
                | NamedByLayer
                | OtherLayers
        )
    }
}

/// One warning or note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    /// DXF entity handles (hex, as in the file).
    pub handles: Vec<String>,
    /// Ids of the plan's rooms concerned.
    pub rooms: Vec<String>,
    /// The line of the (first) entity in the DXF file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
    pub message_en: String,
}

impl Notice {
    pub fn new(kind: NoticeKind, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Notice {
            kind,
            handles: Vec::new(),
            rooms: Vec::new(),
            line: None,
            message: zh.into(),
            message_en: en.into(),
        }
    }

    pub fn handle(mut self, h: impl Into<String>) -> Self {
        let h = h.into();
        if !h.is_empty() {
            self.handles.push(h);
        }
        self
    }

    pub fn room(mut self, id: impl Into<String>) -> Self {
        self.rooms.push(id.into());
        self
    }

    pub fn at_line(mut self, line: Option<usize>) -> Self {
        if self.line.is_none() {
            self.line = line;
        }
        self
    }

    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message, &self.message_en)
    }

    /// One line for a terminal: handles, then the message.
    pub fn display(&self, lang: Lang) -> String {
        let mut s = String::new();
        if !self.handles.is_empty() {
            let word = lang.pick("图元", "handle");
            s.push_str(&format!("[{word} {}] ", self.handles.join(", ")));
        }
        if let Some(l) = self.line {
            s.push_str(&format!("({} {l}) ", lang.pick("行", "line")));
        }
        s.push_str(self.message(lang));
        s
    }
}
