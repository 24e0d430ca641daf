//! The one table of rule codes (`rules.md`): code → slug, severity, clause,
//! the clause's own words, and a title in both languages. Checks are looked
//! up from here; a test fails when a code lacks its check, docs or fixtures.

use std::fmt;
use std::str::FromStr;

use super::Severity;

/// What a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// One plan (and the profile).
    Plan,
    /// A plan together with the fixed-asset register (`--register`).
    PlanRegister,
    /// A plan together with its previous revision (`--previous`).
    Revision,
    /// The fixed-asset register alone.
    Register,
}

/// Everything known about a rule except its check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    pub code: &'static str,
    pub slug: &'static str,
    pub severity: Severity,
    /// The clause cited, e.g. `附件2 六.3`.
    pub clause: &'static str,
    /// The clause's own words, quoted from the standard.
    pub clause_text: &'static str,
    pub title: &'static str,
    pub title_en: &'static str,
    pub scope: Scope,
}

macro_rules! rules {
    ($( $id:ident $code:literal $slug:literal $sev:ident $scope:ident $clause:literal
        $title:literal $title_en:literal $text:literal ; )*) => {
        /// A rule's code, typed: a rule names its own code by a constant
        /// (`Code::A2_6_3`), so a mistyped code does not compile. The written
        /// form (JSON, status files, reports) is [`Code::as_str`]; text from
        /// outside (a status file, `juwei rules X`) becomes a `Code` through
        /// [`FromStr`], which answers an unknown or retired code with an error.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( #[doc = concat!("`", $code, "` ", $slug, ": ", $title_en, ".")] $id, )*
        }

        impl Code {
            /// Every code, in the order of `rules.md` (and of [`RULES`]).
            pub const ALL: &'static [Code] = &[ $( Code::$id, )* ];

            /// The code as written in `rules.md`, JSON and status files, e.g. `A2-6.3`.
            pub const fn as_str(self) -> &'static str {
                match self { $( Code::$id => $code, )* }
            }
        }

        /// Every rule, in the order of `rules.md`.
        pub static RULES: &[RuleMeta] = &[
            $( RuleMeta {
                code: $code, slug: $slug, severity: Severity::$sev, clause: $clause,
                clause_text: $text, title: $title, title_en: $title_en, scope: Scope::$scope,
            }, )*
        ];
    };
}

rules! {
    // A. plan validity
    G01 "G01" "invalid-polygon" Error Plan "平面图有效性"
        "房间轮廓无效" "Invalid room outline"
        "房间轮廓须为至少三个不同顶点、面积不为零、不自相交、坐标有限的简单多边形。";
    G02 "G02" "rooms-overlap" Error Plan "平面图有效性"
        "房间相互重叠" "Rooms overlap"
        "两个房间的重叠面积不得超过0.01㎡。";
    G03 "G03" "unknown-reference" Error Plan "平面图有效性"
        "引用不存在" "Unknown reference"
        "门、物品和资产链接所指的房间或资产必须存在。";
    G04 "G04" "door-off-wall" Error Plan "平面图有效性"
        "门不在共用墙上" "Door not on a shared wall"
        "门须位于其连接的两个房间的共用墙上(或外墙上),误差0.05米以内。";
    G05 "G05" "unreachable-room" Violation Plan "平面图有效性"
        "房间无法到达" "Unreachable room"
        "每个房间都应能从室外经由门和楼梯到达。";
    G06 "G06" "certified-area-mismatch" Advisory Plan "平面图有效性"
        "实测面积与产证面积不符" "Measured and certified area differ"
        "平面图实测的办公用房面积与产证(或测绘)面积相差不应超过产证面积的10%;面积标准按产证面积衡量。";
    // B. 附件2
    A2_1_1 "A2-1.1" "new-estate-office-area" Violation Plan "附件2 一.1"
        "新建小区办公用房面积不足" "New-estate office area too small"
        "新建住宅小区居委会办公用房面积需达到200㎡以上。";
    A2_1_2 "A2-1.2" "old-estate-priority-upgrade" Priority Plan "附件2 一.2"
        "旧小区办公用房重点改善" "Old-estate premises: priority upgrade"
        "旧小区的居委会办公用房在结合街道(镇)的实际情况下,逐步予以改善,重点改善面积在100㎡以下的居委会办公用房。";
    A2_1_2a "A2-1.2a" "old-estate-gradual-upgrade" Info Plan "附件2 一.2"
        "旧小区办公用房逐步改善" "Old-estate premises: gradual upgrade"
        "旧小区的居委会办公用房在结合街道(镇)的实际情况下,逐步予以改善。";
    A2_1_4 "A2-1.4" "activity-room-converted" Violation Plan "附件2 一.4"
        "居民活动用房被挪用" "Resident-activity room used as office"
        "在改善居委会办公用房条件过程中,应坚持确保服务社区群众和社区居民开展活动的空间,不得将老年活动室等居民活动用房挪用为居委会办公用房。";
    A2_1_4a "A2-1.4a" "activity-space-reduced" Advisory Revision "附件2 一.4"
        "居民活动空间减少" "Resident-activity space reduced"
        "在改善居委会办公用房条件过程中,应坚持确保服务社区群众和社区居民开展活动的空间。";
    A2_2_1 "A2-2.1" "estate-guide-sign" Violation Plan "附件2 二.1"
        "缺少户外指引牌" "No estate guide sign"
        "户外指引牌:小区门口应设立居委会指示牌,上写全区统一的具有图形和文字元素的居委会标识,并标明居委会所在地址。";
    A2_2_2 "A2-2.2" "entrance-plaques" Violation Plan "附件2 二.2"
        "进口大门标牌不全" "Entrance plaques incomplete"
        "进口大门:两边竖立中共静安区xx街道(镇)xxxx弄总支部委员会、上海市静安区xx街道(镇)xxxx弄居民委员会两块牌子;上方居中设置居民之家标识。";
    A2_2_3 "A2-2.3" "desk-cards" Violation Plan "附件2 二.3"
        "工作人员台卡不足" "Too few staff desk cards"
        "工作人员台卡:办公桌面摆放印有工作人员职务、姓名并具有全区统一标识的台卡。";
    A2_3_1 "A2-3.1" "zone-office" Violation Plan "附件2 三.1"
        "缺少工作办公区" "No office zone"
        "工作办公区:主要指居委会干部及工作人员日常办公的区域。工作办公区应当宽敞、明亮,布置简洁大方,资料摆放整齐有序。";
    A2_3_2 "A2-3.2" "zone-meeting" Violation Plan "附件2 三.2"
        "缺少会议议事区" "No meeting zone"
        "会议议事区:主要指召开小型会议、居民议事的区域。";
    A2_3_2a "A2-3.2a" "meeting-curtain" Advisory Plan "附件2 三.2"
        "会议议事区无深色绒布帘" "No dark curtain in the meeting zone"
        "一侧可设置深色绒布帘,用于悬挂会议主题标识。";
    A2_3_3 "A2-3.3" "zone-service" Violation Plan "附件2 三.3"
        "缺少综合服务区" "No service zone"
        "综合服务区:主要指开展各类服务活动的区域。";
    A2_3_3a "A2-3.3a" "service-cabinet" Violation Plan "附件2 三.3"
        "综合服务区无便民服务橱" "No convenience cabinet in the service zone"
        "一般为政府落在居民区的各类延伸服务,如日常性捐赠、健康教育、为民服务、红十字会、人口与计生服务项目等,放置便民服务橱。";
    A2_3_4 "A2-3.4" "zone-reception" Violation Plan "附件2 三.4"
        "缺少居民接待区" "No reception zone"
        "居民接待区:主要指居委会工作人员接待来访居民的区域。开辟一个较为安静、温馨的空间,接待居民的来访与咨询,确保个人隐私。";
    A2_3_4a "A2-3.4a" "reception-merged" Info Plan "附件2 三.4"
        "居民接待区与其他区合并" "Reception merged with another zone"
        "不具备条件的居委会也可与会议议事区、综合服务区相合并。";
    A2_3_4b "A2-3.4b" "reception-privacy" Violation Plan "附件2 三.4"
        "居民接待区与办公区合用" "Reception shares the office"
        "开辟一个较为安静、温馨的空间,接待居民的来访与咨询,确保个人隐私。";
    A2_4_3 "A2-4.3" "anti-slip-floor" Violation Plan "附件2 四.3"
        "地面不防滑" "Floor not anti-slip"
        "地面:应铺设具备防滑功能的地板或者地砖。";
    A2_4_4 "A2-4.4" "security-fire" Violation Plan "附件2 四.4"
        "安全设施不全" "Security or fire equipment missing"
        "安全:安装防盗窗、防盗门等安全设施;配消防设备。";
    A2_4_4a "A2-4.4a" "security-camera-safe" Advisory Plan "附件2 四.4"
        "未装监控探头或保险箱" "No camera or safe"
        "如条件允许应考虑安装监控探头和保险箱。";
    A2_4_5 "A2-4.5" "courtyard" Advisory Plan "附件2 四.5"
        "天井设施不全" "Courtyard facilities incomplete"
        "天井:适当开辟绿化区,安装无障碍设施坡道和扶手,设置居民信箱,有条件的可以设置自行车停车棚点和信息栏。";
    A2_5_1 "A2-5.1" "wall-boards" Violation Plan "附件2 五.1"
        "内墙版面不全" "Wall boards incomplete"
        "居委会办公用房内墙,主要放置居委会人员架构、居民区党建、居委会自治等内容版面。";
    A2_5_3 "A2-5.3" "bulletin-board-present" Violation Plan "附件2 五.3"
        "小区未设宣传栏" "No bulletin board in an estate"
        "各居民区内设置宣传栏,主要放置公告通知类、政策宣传类、小区活动类等内容。";
    A2_5_4 "A2-5.4" "bulletin-boards" Advisory Plan "附件2 五.4"
        "宣传栏设置不规范" "Bulletin boards not as required"
        "各居委会内设宣传栏,原则上每个小区应集中设置在一处。……宣传栏原则上不承接公益类以外的广告。";
    A2_6_1 "A2-6.1" "committee-mailbox" Violation Plan "附件2 六.1"
        "缺少居委会信箱" "No committee mailbox"
        "各居委会应按照全区统一要求,设置“居委会信箱”,原则上“居委会信箱”应设置在居委会门口显眼处。";
    A2_6_2 "A2-6.2" "extra-plaques" Advisory Plan "附件2 六.2"
        "设有其他门牌或信箱" "Other plaques or mailboxes"
        "除党组织、居委会标牌以及居委会信箱外,原则上各居委会不再设置其他门牌和信箱。";
    A2_6_3 "A2-6.3" "required-equipment" Violation Plan "附件2 六.3"
        "设施配置不全" "Required equipment missing"
        "各居委会应配备电脑(内外网)、打印机、空调、冰箱、微波炉、电风扇、电话、传真机、办公桌椅、文件柜、电视机、电视柜、会议桌、立体写字板、便民橱、盆花、绿植装饰等。";
    A2_6_4 "A2-6.4" "equipment-registered" Violation PlanRegister "附件2 六.4"
        "设施未做固定资产登记" "Equipment not in the asset register"
        "上述设施由各街道(镇)做好统一配置,并做好固定资产登记工作。";
    // C. 附件7
    A7_1_1 "A7-1.1" "police-room-independent" Violation Plan "附件7 一.1"
        "警务室不独立" "Police room not independent"
        "社区民警与协助民警工作的辅助人员共用一间相对独立的办公室。";
    A7_1_1b "A7-1.1b" "police-room-access" Advisory Plan "附件7 一.1"
        "警务室须穿过办公区或会议区进入" "Police room reached through the office"
        "社区民警与协助民警工作的辅助人员共用一间相对独立的办公室。";
    A7_1_1a "A7-1.1a" "police-desks" Violation Plan "附件7 一.1"
        "警务室桌椅不足" "Too few desks or chairs in the police room"
        "必须确保每人均有独立的办公桌椅。";
    A7_1_2 "A7-1.2" "police-wall-boards" Violation Plan "附件7 一.2"
        "警务室功能版面不足两面墙" "Police boards on fewer than two walls"
        "集中放置上墙制度等醒目的标识特征,至少有两面墙能反映社区警务室功能的版面。";
    A7_1_3 "A7-1.3" "police-notice-contact" Violation Plan "附件7 一.3"
        "缺少警务公示牌或警民联系箱" "No police notice board or contact box"
        "警务公示牌和警民联系箱集中摆放于小区主要出入口,或小区人流较为密集的健身活动区域。";
    A7_1_4 "A7-1.4" "police-guide-sign" Violation Plan "附件7 一.4"
        "缺少警务室引导牌" "No police guide sign"
        "警务室引导牌的设置应与居委会引导设施分开,设置在小区的主要通道醒目处(临街居委会可不设置警务室引导牌)。";
    A7_2 "A7-2" "police-services" Violation Plan "附件7 二"
        "警务室服务功能不全" "Police services incomplete"
        "社区警务室要具备定期通报辖区治安警情、提供办事菜单、办事预约、案件回访以及政策咨询等基本服务功能。";
    A7_3 "A7-3" "police-officer-role" Violation Plan "附件7 三"
        "社区民警未兼任副书记或副站长" "Officer holds no governance role"
        "明确社区民警要兼任居民区党组织副书记或综治工作站副站长。";
    // 附件1 4.3.3
    A1_4_3_3 "A1-4.3.3" "affairs-board" Violation Plan "附件1 4.3.3"
        "缺少固定的居务公开栏" "No fixed residents' affairs board"
        "居委会应当在便于居民阅览的地点设置固定的居务公开栏,并可以采取会议、社区信息平台等居务公开形式。";
    // D. 附件1 §3.6, §3.4
    A1_3_6_3a "A1-3.6.3a" "asset-custodian" Violation Register "附件1 3.6.3"
        "资产无专人保管" "Asset without custodian"
        "对添置、自制、调拨、受赠、报损的物品建立台账,指定专人保管。";
    A1_3_6_3b "A1-3.6.3b" "year-end-stocktake" Violation Register "附件1 3.6.3"
        "年底未清点" "No year-end stocktake"
        "年底清点,做到账物相符。";
    A1_3_6_3c "A1-3.6.3c" "books-match-count" Violation Register "附件1 3.6.3"
        "账物不符" "Books do not match the count"
        "年底清点,做到账物相符。";
    A1_3_6_3d "A1-3.6.3d" "handover-complete" Violation Register "附件1 3.6.3"
        "换届移交不完整" "Handover incomplete"
        "换届时办理移交手续。";
    A1_3_6_1 "A1-3.6.1" "premises-change-consent" Violation Revision "附件1 3.6.1"
        "调整用房未事先征得同意" "Premises changed without prior consent"
        "街道(镇)统筹解决居委会办公用房、居民活动用房。调整用房时,应当事先征得居委会同意。";
    A1_3_6_2 "A1-3.6.2" "change-of-use" Advisory Revision "附件1 3.6.2"
        "变更用房用途未说明理由" "Change of use without a reason"
        "按照有关规定使用办公用房、活动用房,不得随意变更用途。";
    A1_3_4_1 "A1-3.4.1" "seal-keeper" Violation Register "附件1 3.4.1"
        "印章无专人保管" "Seal without a keeper"
        "印章指定专人保管,不得随意带出居委会。";
    A1_3_4_3 "A1-3.4.3" "seal-use-recorded" Violation Register "附件1 3.4.3"
        "用印事项或审批未登记" "Seal use without listed matter or approver"
        "使用印章应当按照《静安区居委会印章使用事项参考清单》,在居委会职责范围内使用。建立审批、登记、备案制度。";
    A1_3_4_4 "A1-3.4.4" "seal-handover-10-days" Violation Register "附件1 3.4.4"
        "换届后印章未在10天内移交" "Seal not handed over within 10 days"
        "印章销毁、更换或变更,均应当通过街道(镇)统一办理。换届后应当在10天内办理移交。";
    A1_3_4_4a "A1-3.4.4a" "seal-change-via-street" Violation Register "附件1 3.4.4"
        "印章刻制、更换、变更或销毁未经街道" "Seal made or changed without the street"
        "印章销毁、更换或变更,均应当通过街道(镇)统一办理。";
    A1_3_4_5 "A1-3.4.5" "seal-recall-custody" Violation Register "附件1 3.4.5"
        "集体罢免后印章未由街道代管" "Seal not in the street's custody after a recall"
        "居委会成员在届内被集体罢免的,印章由街道(镇)暂时代管,并在重新选举后及时将印章交予新的居委会。";
}

/// Codes that were retired, with their slugs: never reused (rules.md, "Codes
/// are never reused"), never checked, never shown. A1-3.6.3e (rev 2): the
/// 1000/1500-yuan fixed-asset thresholds are national rules for government
/// bodies, not the seed's, which asks for every item of 六.3 and every 物品
/// of 附件1 3.6.3 to be registered.
pub static RETIRED: &[(&str, &str)] = &[("A1-3.6.3e", "fixed-asset-threshold")];

impl Code {
    /// Everything known about this rule: infallible, as [`RULES`] and
    /// [`Code::ALL`] come from the one table in the same order.
    pub fn meta(self) -> &'static RuleMeta {
        &RULES[self as usize]
    }

    /// The code of a case-sensitive written code (`A2-6.3`), if it is a rule's.
    pub fn find(code: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding's written code against a typed one: `f.code == Code::G05`.
impl PartialEq<Code> for str {
    fn eq(&self, code: &Code) -> bool {
        self == code.as_str()
    }
}

impl PartialEq<Code> for String {
    fn eq(&self, code: &Code) -> bool {
        self.as_str() == code.as_str()
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Why a written code is not a rule's: it was retired (with its slug), or it
/// was never one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// A code of [`RETIRED`]: never reused, never checked.
    Retired {
        code: &'static str,
        slug: &'static str,
    },
    /// Not a code of the table.
    Unknown(String),
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeError::Retired { code, slug } => write!(f, "rule code {code} ({slug}) is retired"),
            CodeError::Unknown(code) => write!(f, "unknown rule code {code:?}"),
        }
    }
}

impl std::error::Error for CodeError {}

impl FromStr for Code {
    type Err = CodeError;

    /// The exact written code (`A2-6.3`, case-sensitive, as in status files
    /// and JSON); a retired or unknown code is an error, never a panic.
    fn from_str(s: &str) -> Result<Code, CodeError> {
        if let Some(code) = Code::find(s) {
            return Ok(code);
        }
        match RETIRED.iter().find(|(code, _)| *code == s) {
            Some(&(code, slug)) => Err(CodeError::Retired { code, slug }),
            None => Err(CodeError::Unknown(s.to_string())),
        }
    }
}

/// The rule with this written code, if there is one (text from outside:
/// status files, findings read back, `juwei rules X`).
pub fn meta(code: &str) -> Option<&'static RuleMeta> {
    Code::find(code).map(Code::meta)
}

/// The rule with this code: infallible, the code being typed.
pub fn rule(code: Code) -> &'static RuleMeta {
    code.meta()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_slugs_are_unique() {
        let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        let mut slugs: Vec<_> = RULES.iter().map(|r| r.slug).collect();
        codes.sort();
        slugs.sort();
        let n = RULES.len();
        codes.dedup();
        slugs.dedup();
        assert_eq!(codes.len(), n);
        assert_eq!(slugs.len(), n);
    }

    #[test]
    fn retired_codes_and_slugs_are_not_reused() {
        for (code, slug) in RETIRED {
            assert!(meta(code).is_none(), "{code} is retired");
            assert!(RULES.iter().all(|r| r.slug != *slug), "{slug} is retired");
            assert_eq!(
                code.parse::<Code>(),
                Err(CodeError::Retired { code, slug }),
                "{code} parses as retired"
            );
        }
    }

    #[test]
    fn typed_codes_and_the_table_agree() {
        assert_eq!(Code::ALL.len(), RULES.len());
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i);
            assert_eq!(code.meta().code, code.as_str());
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
            assert_eq!(code.to_string(), RULES[i].code);
            assert_eq!(
                serde_json::to_string(code).unwrap(),
                format!("{:?}", RULES[i].code)
            );
            assert_eq!(meta(code.as_str()), Some(code.meta()));
        }
    }

    #[test]
    fn unknown_and_mistyped_codes_are_errors() {
        for bad in ["", "A2-6.33", "a2-6.3", "G1", "S01", " G01", "A2_6_3"] {
            assert_eq!(
                bad.parse::<Code>(),
                Err(CodeError::Unknown(bad.to_string())),
                "{bad:?}"
            );
            assert!(meta(bad).is_none(), "{bad:?}");
        }
    }
}
