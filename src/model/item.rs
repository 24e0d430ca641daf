use serde::{Deserialize, Serialize};

/// A thing on the plan: equipment, a sign, a board, a safety device…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub kind: ItemKind,
    pub at: Location,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: u32,
    /// For wall-hung boards: the index of the wall of the room (wall *i*
    /// runs from outline point *i* to *i+1*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall: Option<u32>,
    /// For computers only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    /// Links to asset cards of the fixed-asset register.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<String>,
    /// Bulletin boards only: carries non-public-interest advertising.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub commercial_ads: bool,
    /// Position inside the room, when drawn (metres, plan frame). Optional
    /// extension of format 1: absent means "somewhere in the room".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<(f64, f64)>,
    /// Which of `committee.estates` a site item belongs to (rev 2); may be
    /// left out when the committee serves one estate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estate: Option<String>,
}

fn one() -> u32 {
    1
}
fn is_one(n: &u32) -> bool {
    *n == 1
}

impl Item {
    pub fn new(kind: ItemKind, at: Location) -> Self {
        Item {
            kind,
            at,
            count: 1,
            wall: None,
            network: None,
            assets: Vec::new(),
            commercial_ads: false,
            pos: None,
            estate: None,
        }
    }

    pub fn room(&self) -> Option<&str> {
        match &self.at {
            Location::Room(r) => Some(r),
            Location::Site(_) => None,
        }
    }
}

/// Where an item stands: in a room of the plan, or at a place of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Location {
    Room(String),
    Site(SitePlace),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SitePlace {
    /// 小区门口 / 主要出入口
    EstateGate,
    /// 健身活动区域
    ActivityArea,
    /// 主要通道
    MainPassage,
    /// the committee's own entrance door
    Entrance,
}

impl SitePlace {
    pub const ALL: [SitePlace; 4] = [
        SitePlace::EstateGate,
        SitePlace::ActivityArea,
        SitePlace::MainPassage,
        SitePlace::Entrance,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            SitePlace::EstateGate => "小区门口",
            SitePlace::ActivityArea => "健身活动区域",
            SitePlace::MainPassage => "主要通道",
            SitePlace::Entrance => "居委会门口",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            SitePlace::EstateGate => "estate gate",
            SitePlace::ActivityArea => "activity area",
            SitePlace::MainPassage => "main passage",
            SitePlace::Entrance => "committee entrance",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Network {
    Intranet,
    Internet,
    Both,
    /// 公安网 (rev 2): a computer of the police, not of the committee.
    Police,
}

impl Network {
    pub fn has_intranet(self) -> bool {
        matches!(self, Network::Intranet | Network::Both)
    }
    pub fn has_internet(self) -> bool {
        matches!(self, Network::Internet | Network::Both)
    }
}

/// The three wall boards of 附件2 五.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BoardKind {
    Organisation,
    PartyBuilding,
    SelfGovernance,
}

/// The groups of item kinds in plan-format.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemGroup {
    Equipment,
    Signage,
    Safety,
    Courtyard,
    Boards,
    Police,
}

macro_rules! item_kinds {
    ($( $group:ident { $( $kind:ident => $zh:literal, $en:literal; )* } )*) => {
        /// Every kind of item of plan format 1 (except `WallBoard(..)`, listed apart).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum ItemKind {
            $( $( $kind, )* )*
            WallBoard(BoardKind),
        }

        impl ItemKind {
            /// All kinds, wall boards included, in the order of the format.
            pub const ALL: &'static [ItemKind] = &[
                $( $( ItemKind::$kind, )* )*
                ItemKind::WallBoard(BoardKind::Organisation),
                ItemKind::WallBoard(BoardKind::PartyBuilding),
                ItemKind::WallBoard(BoardKind::SelfGovernance),
            ];

            pub fn group(self) -> ItemGroup {
                match self {
                    $( $( ItemKind::$kind => ItemGroup::$group, )* )*
                    ItemKind::WallBoard(_) => ItemGroup::Boards,
                }
            }

            pub fn name_zh(self) -> &'static str {
                match self {
                    $( $( ItemKind::$kind => $zh, )* )*
                    ItemKind::WallBoard(BoardKind::Organisation) => "居委会人员架构版面",
                    ItemKind::WallBoard(BoardKind::PartyBuilding) => "居民区党建版面",
                    ItemKind::WallBoard(BoardKind::SelfGovernance) => "居委会自治建设版面",
                }
            }

            pub fn name_en(self) -> &'static str {
                match self {
                    $( $( ItemKind::$kind => $en, )* )*
                    ItemKind::WallBoard(BoardKind::Organisation) => "organisation wall board",
                    ItemKind::WallBoard(BoardKind::PartyBuilding) => "Party-building wall board",
                    ItemKind::WallBoard(BoardKind::SelfGovernance) => "self-governance wall board",
                }
            }

            /// The identifier used in files: `Computer`, `WallBoard(Organisation)`.
            pub fn ident(self) -> &'static str {
                match self {
                    $( $( ItemKind::$kind => stringify!($kind), )* )*
                    ItemKind::WallBoard(BoardKind::Organisation) => "WallBoard(Organisation)",
                    ItemKind::WallBoard(BoardKind::PartyBuilding) => "WallBoard(PartyBuilding)",
                    ItemKind::WallBoard(BoardKind::SelfGovernance) => "WallBoard(SelfGovernance)",
                }
            }
        }
    };
}

item_kinds! {
    Equipment {
        Computer => "电脑", "computer";
        Printer => "打印机", "printer";
        AirConditioner => "空调", "air conditioner";
        Refrigerator => "冰箱", "refrigerator";
        Microwave => "微波炉", "microwave oven";
        ElectricFan => "电风扇", "electric fan";
        Telephone => "电话", "telephone";
        Fax => "传真机", "fax machine";
        Desk => "办公桌", "desk";
        Chair => "办公椅", "chair";
        FileCabinet => "文件柜", "file cabinet";
        Television => "电视机", "television";
        TvCabinet => "电视柜", "TV cabinet";
        MeetingTable => "会议桌", "meeting table";
        Whiteboard => "立体写字板", "standing whiteboard";
        ConvenienceCabinet => "便民橱", "convenience service cabinet";
        PottedFlowers => "盆花", "potted flowers";
        GreenPlants => "绿植", "green plants";
    }
    Signage {
        EstateGuideSign => "居委会户外指引牌", "estate guide sign";
        PartyPlaque => "党组织标牌", "Party branch plaque";
        CommitteePlaque => "居委会标牌", "residents' committee plaque";
        ResidentsHomeLogo => "居民之家标识", "Residents' Home logo";
        DeskCard => "工作人员台卡", "staff desk card";
        CommitteeMailbox => "居委会信箱", "committee mailbox";
        OtherPlaque => "其他门牌", "other door plaque";
        OtherMailbox => "其他信箱", "other mailbox";
    }
    Safety {
        AntiTheftDoor => "防盗门", "anti-theft door";
        AntiTheftWindow => "防盗窗", "anti-theft windows";
        FireEquipment => "消防设备", "fire equipment";
        Camera => "监控探头", "surveillance camera";
        Safe => "保险箱", "safe";
    }
    Courtyard {
        GreenArea => "绿化区", "green area";
        AccessibleRamp => "无障碍坡道", "barrier-free ramp";
        Handrail => "扶手", "handrail";
        ResidentMailbox => "居民信箱", "residents' mailbox";
        BikeShed => "自行车停车棚", "bicycle shed";
        InfoBoard => "信息栏", "information board";
    }
    Boards {
        BulletinBoard => "宣传栏", "bulletin board";
        Curtain => "深色绒布帘", "dark curtain";
        HonorsDisplay => "荣誉展示", "honours display";
        AffairsBoard => "居务公开栏", "residents' affairs board";
    }
    Police {
        PoliceBoard => "警务功能版面", "police function board";
        PoliceNoticeBoard => "警务公示牌", "police notice board";
        PoliceContactBox => "警民联系箱", "police–citizen contact box";
        PoliceGuideSign => "警务室引导牌", "police guide sign";
        PoliceRoomSign => "警务室标牌", "police room sign";
    }
}

impl ItemKind {
    pub fn name(self, lang: super::Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }

    /// A short glyph for drawings (one CJK character): the planner, the SVG
    /// plan of the reports and their printed legend use the same one. Each
    /// kind of wall board has its own (组 organisation, 党 Party building,
    /// 自 self-governance); the police function board is 版.
    pub fn glyph(self) -> &'static str {
        use ItemKind::*;
        match self {
            Computer => "脑",
            Printer => "印",
            AirConditioner => "调",
            Refrigerator => "冰",
            Microwave => "微",
            ElectricFan => "扇",
            Telephone => "话",
            Fax => "传",
            Desk => "桌",
            Chair => "椅",
            FileCabinet => "柜",
            Television => "视",
            TvCabinet => "架",
            MeetingTable => "会",
            Whiteboard => "板",
            ConvenienceCabinet => "橱",
            PottedFlowers => "花",
            GreenPlants => "绿",
            EstateGuideSign | PoliceGuideSign => "引",
            PartyPlaque | CommitteePlaque | OtherPlaque => "牌",
            ResidentsHomeLogo => "家",
            DeskCard => "卡",
            CommitteeMailbox | OtherMailbox | ResidentMailbox => "箱",
            AntiTheftDoor => "门",
            AntiTheftWindow => "窗",
            FireEquipment => "消",
            Camera => "监",
            Safe => "保",
            GreenArea => "植",
            AccessibleRamp => "坡",
            Handrail => "扶",
            BikeShed => "车",
            InfoBoard | BulletinBoard => "栏",
            WallBoard(BoardKind::Organisation) => "组",
            WallBoard(BoardKind::PartyBuilding) => "党",
            WallBoard(BoardKind::SelfGovernance) => "自",
            PoliceBoard => "版",
            Curtain => "帘",
            HonorsDisplay => "荣",
            PoliceNoticeBoard => "警",
            PoliceContactBox => "联",
            AffairsBoard => "公",
            PoliceRoomSign => "室",
        }
    }
}
