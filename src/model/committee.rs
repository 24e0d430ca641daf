use serde::{Deserialize, Serialize};

/// The residents' committee whose premises the plan describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    pub code: String,
    pub name: String,
    pub street: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    pub estate: Estate,
    /// 临街: exempts the police guide sign (附件7 一.4).
    #[serde(default)]
    pub street_facing: bool,
    /// `None` when there is no community police room.
    #[serde(default)]
    pub police: Option<Police>,
    /// Committee staff working at desks (members and social workers), rev 2
    /// (A2-2.3); `None` when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<u32>,
    /// The premises area on the property certificate or a survey (rev 2):
    /// when present the area thresholds use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certified_area: Option<CertifiedArea>,
    /// The estates (小区) the committee serves (rev 2); empty = one estate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub estates: Vec<EstateRef>,
}

/// The certified premises area (rev 2) and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertifiedArea {
    pub m2: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// One estate (小区) a committee serves (rev 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EstateRef {
    pub id: String,
    pub name: String,
}

/// 新建住宅小区 (New) or 旧小区 (Old): 附件2 一.1 / 一.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Estate {
    New,
    Old,
}

impl Estate {
    pub fn name_zh(self) -> &'static str {
        match self {
            Estate::New => "新建住宅小区",
            Estate::Old => "旧小区",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Estate::New => "new estate",
            Estate::Old => "old estate",
        }
    }
    pub fn ident(self) -> &'static str {
        match self {
            Estate::New => "New",
            Estate::Old => "Old",
        }
    }
}

/// The community police room's staffing and services (附件7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Police {
    /// Police and auxiliaries working in the room.
    pub staff: u32,
    #[serde(default)]
    pub services: Vec<PoliceService>,
    #[serde(default)]
    pub officer_role: Option<OfficerRole>,
}

/// The five basic services of 附件7 二.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PoliceService {
    CrimeBriefing,
    ServiceMenu,
    Appointment,
    CaseFollowUp,
    PolicyConsultation,
}

impl PoliceService {
    pub const ALL: [PoliceService; 5] = [
        PoliceService::CrimeBriefing,
        PoliceService::ServiceMenu,
        PoliceService::Appointment,
        PoliceService::CaseFollowUp,
        PoliceService::PolicyConsultation,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            PoliceService::CrimeBriefing => "定期通报辖区治安警情",
            PoliceService::ServiceMenu => "提供办事菜单",
            PoliceService::Appointment => "办事预约",
            PoliceService::CaseFollowUp => "案件回访",
            PoliceService::PolicyConsultation => "政策咨询",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            PoliceService::CrimeBriefing => "crime briefings",
            PoliceService::ServiceMenu => "service menu",
            PoliceService::Appointment => "appointments",
            PoliceService::CaseFollowUp => "case follow-up",
            PoliceService::PolicyConsultation => "policy consultation",
        }
    }
}

/// 附件7 三: the community officer's role in the neighbourhood's governance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OfficerRole {
    /// 居民区党组织副书记
    DeputyPartySecretary,
    /// 综治工作站副站长
    DeputyStationHead,
}
