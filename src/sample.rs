//! A seeded generator of realistic committees (`juwei sample --committees N DIR`),
//! for benches, demos and tests.
//!
//! Each committee gets a plan whose premises look like the ones a street
//! office actually has: a corridor with rooms on one or both sides, the four
//! committee zones (sometimes merged, now and then one missing), toilets and
//! stores, sometimes a police room with its own street door, a resident
//! activity room or a courtyard, and the equipment, plaques and boards of the
//! standard with the gaps real committees have. Old estates are smaller than
//! new ones; a committee's "care" decides how much it lacks. Some old-lane
//! committees work on two storeys (the office upstairs in the 亭子间, over
//! the 灶披间, reached by a stair), and some serve two or three estates, each
//! with its own signs and boards at its gate (rules revision 2).
//!
//! The same seed always gives the same folder. Layout: `DIR/<street>/<code>.ron`,
//! with now and then `<code>.previous.ron` (the revision before a refit) beside
//! it, and, on request, a few files broken on purpose.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use rayon::prelude::*;

use crate::io::plan_to_string;
use crate::model::{
    BoardKind, Committee, Consent, Door, DoorKind, Estate, EstateRef, Floor, Format1, Item,
    ItemKind, Location, Network, OfficerRole, Plan, Police, PoliceService, Revision, Room,
    SitePlace, Zone, OUTSIDE,
};

/// SplitMix64: small, fast, and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in [lo, hi).
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    /// Uniform integer in [lo, hi] (inclusive).
    pub fn int(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % u64::from(hi - lo + 1)) as u32
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next_u64() % xs.len() as u64) as usize]
    }
}

/// The streets (街道/镇) of Jing'an, with the short code used in committee codes.
pub const STREETS: &[(&str, &str)] = &[
    ("石门二路街道", "SM2"),
    ("南京西路街道", "NJX"),
    ("江宁路街道", "JNL"),
    ("静安寺街道", "JAS"),
    ("曹家渡街道", "CJD"),
    ("天目西路街道", "TMX"),
    ("北站街道", "BZ"),
    ("宝山路街道", "BSL"),
    ("芷江西路街道", "ZJX"),
    ("共和新路街道", "GHX"),
    ("大宁路街道", "DNL"),
    ("彭浦新村街道", "PPX"),
    ("临汾路街道", "LFL"),
    ("彭浦镇", "PPZ"),
];

const NAMES: &[&str] = &[
    "康乐",
    "华山",
    "延中",
    "蒋家巷",
    "三和",
    "张园",
    "太阳山",
    "新福康里",
    "和源",
    "宝华",
    "中华新村",
    "大宁",
    "彭浦",
    "临汾",
    "共和",
    "阳曲",
    "平型关",
    "永和",
    "广中",
    "西康",
    "海防",
    "武定",
    "昌平",
    "恒丰",
    "新闸",
    "梅园",
    "景华",
    "安远",
    "常德",
    "愚园",
    "华严",
    "天目",
    "芷江",
    "洪南",
    "宝通",
    "青云",
    "柳营",
    "场中",
    "三泉",
    "汶水",
    "闻喜",
    "岭南",
    "洛川",
    "秀川",
    "灵石",
    "谈家桥",
    "晋城",
    "保德",
    "运城",
    "长治",
];

/// The first half of an estate's name (小区名).
const ESTATE_WORDS: &[&str] = &[
    "华业", "康乐", "安远", "永和", "新福", "宝华", "锦绣", "和源", "静华", "延平", "春晖", "瑞金",
    "嘉里", "复兴", "中兴", "蓝天",
];

/// The second half: what kind of estate it is.
const ESTATE_KINDS: &[&str] = &["新村", "小区", "花园", "苑", "公寓", "坊"];

const ROADS: &[&str] = &[
    "南京西路",
    "北京西路",
    "新闸路",
    "武定路",
    "康定路",
    "延安中路",
    "愚园路",
    "常德路",
    "江宁路",
    "西康路",
    "海防路",
    "昌平路",
    "长寿路",
    "天目西路",
    "西藏北路",
    "共和新路",
    "广中路",
    "大宁路",
    "彭浦路",
    "临汾路",
    "场中路",
    "汶水路",
    "灵石路",
    "阳曲路",
];

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleOptions {
    pub committees: usize,
    pub seed: u64,
    /// How many plan files to break on purpose (a syntax error a person might
    /// make), for demos of the audit's error rows.
    pub broken: usize,
    /// Share of committees that also get `<code>.previous.ron` (an earlier
    /// revision before a refit).
    pub previous_share: f64,
}

impl Default for SampleOptions {
    fn default() -> Self {
        SampleOptions {
            committees: 20,
            seed: 2017,
            broken: 0,
            previous_share: 0.1,
        }
    }
}

/// One generated committee: its plan and, sometimes, the revision before.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleCommittee {
    pub plan: Plan,
    pub previous: Option<Plan>,
}

/// The most committees one sample holds (`juwei sample` refuses more): a
/// little more than the residents' committees of all China (about 117,000).
pub const MAX_SAMPLE_COMMITTEES: usize = 200_000;

/// How the committees are spread: how many streets (about twenty
/// committees per street, like a real district, at most the 14 of Jing'an),
/// and each committee's own seed, in order.
fn plan_of(opts: &SampleOptions) -> (usize, Vec<u64>) {
    let mut rng = Rng::new(opts.seed);
    let n = opts.committees.min(MAX_SAMPLE_COMMITTEES);
    let streets = n.div_ceil(20).clamp(1, STREETS.len());
    (streets, (0..n).map(|_| rng.next_u64()).collect())
}

/// Committee `i` of a sample: each has its own seed, so they are made in
/// any order (on every core) and are always the same.
fn nth(opts: &SampleOptions, streets: usize, seed: u64, i: usize) -> SampleCommittee {
    let s = i % streets;
    let number = (i / streets + 1) as u32;
    let mut r = Rng::new(seed);
    committee(&mut r, STREETS[s], number, i, opts.previous_share)
}

/// Generate `opts.committees` committees (at most
/// [`MAX_SAMPLE_COMMITTEES`]), spread over the streets (about twenty per
/// street, like a real district).
pub fn committees(opts: &SampleOptions) -> Vec<SampleCommittee> {
    let (streets, seeds) = plan_of(opts);
    seeds
        .par_iter()
        .enumerate()
        .map(|(i, &seed)| nth(opts, streets, seed, i))
        .collect()
}

/// Write the committees under `dir` (created when missing); returns the plan
/// files written, in order. In a street's folder made by this call the files
/// are written in place; in one that was there, under a temporary name and
/// renamed, so a file of an earlier sample is never seen half replaced. The
/// committees are made and written on every core, none kept once written.
pub fn write_sample(dir: &Path, opts: &SampleOptions) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let (streets, seeds) = plan_of(opts);
    let mut rng = Rng::new(opts.seed ^ 0x00b2_0ce2);
    // which files are broken, and how (the same whatever the order of writing)
    let mut how: Vec<Option<u32>> = vec![None; seeds.len()];
    if !seeds.is_empty() {
        let mut idx: Vec<usize> = (0..seeds.len()).collect();
        for i in (1..idx.len()).rev() {
            idx.swap(i, (rng.next_u64() % (i as u64 + 1)) as usize);
        }
        idx.truncate(opts.broken.min(seeds.len()));
        idx.sort_unstable();
        for i in idx {
            how[i] = Some(rng.int(0, 2));
        }
    }
    // a street's folder made now holds no file yet: its files are written
    // in place, without a temporary name and a rename (half the changes to
    // the folder, which is what creating files waits on); a folder that was
    // there already may hold a sample read by someone, so its files are
    // replaced by a rename
    let mut fresh: Vec<&str> = Vec::new();
    if !seeds.is_empty() {
        for (_, abbr) in &STREETS[..streets] {
            let d = dir.join(abbr);
            match std::fs::create_dir(&d) {
                Ok(()) => fresh.push(abbr),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
                Err(e) => return Err(e),
            }
        }
    }
    // creating a file waits on the disk far longer than making its plan
    // takes: more threads than cores overlap those waits (measured on the
    // development machine: 16 threads create files 3.5 × as fast as 2)
    let write_all = || -> std::io::Result<Vec<PathBuf>> {
        seeds
            .par_iter()
            .enumerate()
            .map(|(i, &seed)| write_one(dir, opts, streets, seed, i, how[i], &fresh))
            .collect()
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(WRITE_THREADS)
        .build()
    {
        Ok(pool) => pool.install(write_all),
        Err(_) => write_all(),
    }
}

/// Threads that write a sample's files.
const WRITE_THREADS: usize = 16;

/// Make committee `i` and write its plan (and previous revision).
fn write_one(
    dir: &Path,
    opts: &SampleOptions,
    streets: usize,
    seed: u64,
    i: usize,
    how: Option<u32>,
    fresh: &[&str],
) -> std::io::Result<PathBuf> {
    let c = nth(opts, streets, seed, i);
    let street = street_folder(&c.plan.committee.code);
    let write = if fresh.contains(&street) {
        write_new
    } else {
        write_renamed
    };
    let folder = dir.join(street);
    let path = folder.join(format!("{}.ron", c.plan.committee.code));
    let mut text = plan_to_string(&c.plan);
    if let Some(k) = how {
        text = break_text(&text, k);
    }
    write(&path, text.as_bytes())?;
    if let Some(prev) = &c.previous {
        let p = folder.join(format!("{}.previous.ron", c.plan.committee.code));
        write(&p, plan_to_string(prev).as_bytes())?;
    }
    Ok(path)
}

/// Write `bytes` to the new file `path` in a folder made by this sample
/// (refused if a file is there already: another writer in the folder).
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(bytes)
}

/// Write `bytes` to a temporary name beside `path` (`.juwei-NAME.tmp`, one
/// per file, so writers on several cores never share one), then rename it
/// over `path`. Unlike [`crate::io::write_atomic`] it does not wait for the
/// disk: a sample is generated data, made again in seconds.
fn write_renamed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".juwei-{name}.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// `JA-SM2-007` → `SM2`.
fn street_folder(code: &str) -> &str {
    code.split('-').nth(1).unwrap_or("other")
}

/// Spoil a plan's text the way people do: a missing comma, a misspelt zone, a
/// number that is not one.
fn break_text(text: &str, how: u32) -> String {
    match how {
        0 => text.replacen("zones: [Office", "zones: [Ofice", 1),
        1 => {
            // drop the comma after the committee's name
            let Some(at) = text.find("name: \"") else {
                return format!("{text})");
            };
            let end = text[at..].find("\",").map(|e| at + e + 1);
            match end {
                Some(e) => format!("{}{}", &text[..e], &text[e + 1..]),
                None => format!("{text})"),
            }
        }
        _ => text.replacen("number: ", "number: 三", 1),
    }
}

struct Spec {
    name: String,
    zones: Vec<Zone>,
    area: f64,
}

/// One sample committee: its character ([`character`]), name, police
/// ([`police`]), rooms ([`room_specs`], laid out by [`lay_out`]), estates
/// ([`estates`]), revision ([`revise`]) and items ([`furnish`]), and now and
/// then its previous revision. The steps draw from `rng` in this order, so
/// a seed gives the same committees as before.
fn committee(
    rng: &mut Rng,
    (street, abbr): (&str, &str),
    n: u32,
    global: usize,
    previous_share: f64,
) -> SampleCommittee {
    let (estate, care, target) = character(rng);
    let name = committee_name(global);
    let code = format!("JA-{abbr}-{n:03}");
    let address = format!("{}{}弄", rng.pick(ROADS), rng.int(1, 1200));
    let has_police = rng.chance(0.35) && target > 80.0;
    let street_facing = rng.chance(0.2);
    let staff = rng.int(3, 7);
    let police = has_police.then(|| police(rng, care));

    // the rooms, before the layout decides their shapes
    let specs = room_specs(rng, care, target, has_police);
    let courtyard = rng.chance(0.15).then(|| rng.range(4.0, 7.0));

    let mut layout = lay_out(rng, &specs, courtyard);
    let office_id = layout.ids[0].clone();
    let meeting_id = layout.ids[1].clone();
    // old lanes: now and then the office is upstairs, in the 亭子间
    let upstairs_share = match estate {
        Estate::Old if target <= 120.0 => 0.3,
        Estate::Old => 0.08,
        Estate::New => 0.02,
    };
    if rng.chance(upstairs_share) {
        office_upstairs(&mut layout, &office_id);
    }
    // some committees serve several estates (小区)
    let estates = estates(rng);
    // half the plans record how many staff work at desks (A2-2.3)
    let staff_recorded = rng.chance(0.5).then_some(staff);
    let mut plan = Plan {
        format: Format1,
        revision: Revision {
            number: 1,
            date: date(rng, 2023, 2026),
            initiated_by: crate::model::Initiator::Committee,
            reason: None,
            consent: None,
        },
        committee: Committee {
            code,
            name,
            street: street.to_string(),
            address,
            estate,
            street_facing,
            police,
            staff: staff_recorded,
            certified_area: None,
            estates,
        },
        rooms: layout.rooms,
        doors: layout.doors,
        items: Vec::new(),
        underlays: Vec::new(),
    };
    revise(rng, &mut plan, care);
    furnish(rng, &mut plan, care, staff, &layout.corridor);

    let previous = rng
        .chance(previous_share)
        .then(|| previous_revision(rng, &plan, &office_id, &meeting_id));
    if previous.is_some() && plan.revision.number == 1 {
        plan.revision.number = 2;
    }
    SampleCommittee { plan, previous }
}

/// A committee's character: its estate (old or new), how much care it
/// takes (0 neglected … 1 spotless, most in between), and the premises area
/// it aims at.
fn character(rng: &mut Rng) -> (Estate, f64, f64) {
    let estate = if rng.chance(0.6) {
        Estate::Old
    } else {
        Estate::New
    };
    // care: 0 (neglected) … 1 (spotless); most committees are in between
    let care = (rng.unit() + rng.unit()) / 2.0;
    let target = match estate {
        Estate::Old => {
            if rng.chance(0.3) {
                rng.range(45.0, 100.0)
            } else {
                rng.range(100.0, 230.0)
            }
        }
        Estate::New => {
            if rng.chance(0.25) {
                rng.range(130.0, 200.0)
            } else {
                rng.range(200.0, 340.0)
            }
        }
    };
    (estate, care, target)
}

/// The committee's name: one of [`NAMES`], numbered (第二…) once they are
/// used up.
fn committee_name(global: usize) -> String {
    let base = NAMES[global % NAMES.len()];
    let suffix = match global / NAMES.len() {
        0 => String::new(),
        k => format!("第{}", chinese_number(k as u32 + 1)),
    };
    let name = format!("{base}{suffix}居委会");
    name
}

/// The police room's staff, services (one now and then missing, the more
/// so the less care) and the officer's role.
fn police(rng: &mut Rng, care: f64) -> Police {
    let mut services = PoliceService::ALL.to_vec();
    if rng.chance(0.3 * (1.0 - care)) {
        let i = rng.int(0, 4) as usize;
        services.remove(i);
    }
    Police {
        staff: rng.int(1, 3),
        services,
        officer_role: match rng.int(0, 4) {
            0 => None,
            1 | 2 => Some(OfficerRole::DeputyPartySecretary),
            _ => Some(OfficerRole::DeputyStationHead),
        },
    }
}

/// The rooms, before the layout decides their shapes: office, meeting
/// room, service hall and reception (merged, shared or missing now and
/// then), toilet and store, and the police and activity rooms some have.
fn room_specs(rng: &mut Rng, care: f64, target: f64, has_police: bool) -> Vec<Spec> {
    let mut specs: Vec<Spec> = Vec::new();
    let merge_reception = rng.chance(0.25);
    let reception_in_office = !merge_reception && rng.chance(0.06);
    let no_reception =
        !merge_reception && !reception_in_office && rng.chance(0.05 + 0.1 * (1.0 - care));
    let no_service = rng.chance(0.04 * (1.0 - care) + 0.01);
    let mut office_zones = vec![Zone::Office];
    if reception_in_office {
        office_zones.push(Zone::Reception);
    }
    let corridor_share = 0.16;
    let rooms_area = target * (1.0 - corridor_share);
    specs.push(Spec {
        name: "办公室".into(),
        zones: office_zones,
        area: rooms_area * rng.range(0.28, 0.36),
    });
    let mut meeting_zones = vec![Zone::Meeting];
    let service_takes_reception = merge_reception && rng.chance(0.5);
    if merge_reception && !service_takes_reception {
        meeting_zones.push(Zone::Reception);
    }
    specs.push(Spec {
        name: if meeting_zones.len() > 1 {
            "会议室(接待)".into()
        } else {
            "会议室".into()
        },
        zones: meeting_zones,
        area: rooms_area * rng.range(0.2, 0.27),
    });
    if !no_service {
        let mut z = vec![Zone::Service];
        if service_takes_reception {
            z.push(Zone::Reception);
        }
        specs.push(Spec {
            name: if z.len() > 1 {
                "综合服务厅(接待)".into()
            } else {
                "综合服务厅".into()
            },
            zones: z,
            area: rooms_area * rng.range(0.14, 0.2),
        });
    }
    if !merge_reception && !reception_in_office && !no_reception {
        specs.push(Spec {
            name: "接待室".into(),
            zones: vec![Zone::Reception],
            area: rooms_area * rng.range(0.07, 0.11),
        });
    }
    let used: f64 = specs.iter().map(|s| s.area).sum();
    let rest = (rooms_area - used).max(8.0);
    specs.push(Spec {
        name: "卫生间".into(),
        zones: vec![Zone::Ancillary],
        area: (rest * 0.35).clamp(3.0, 8.0),
    });
    specs.push(Spec {
        name: "储藏室".into(),
        zones: vec![Zone::Ancillary],
        area: (rest * 0.65).clamp(4.0, 40.0),
    });
    if has_police {
        specs.push(Spec {
            name: "社区警务室".into(),
            zones: vec![Zone::Police],
            area: rng.range(12.0, 20.0),
        });
    }
    if rng.chance(0.35) {
        specs.push(Spec {
            name: "老年活动室".into(),
            zones: vec![Zone::ResidentActivity],
            area: rng.range(30.0, 80.0),
        });
    }
    specs
}

/// The estates (小区) the committee serves: none listed for most, two or
/// three for some.
fn estates(rng: &mut Rng) -> Vec<EstateRef> {
    if rng.chance(0.15) {
        let n = if rng.chance(0.2) { 3 } else { 2 };
        let mut names: Vec<String> = Vec::new();
        while names.len() < n {
            let name = format!("{}{}", rng.pick(ESTATE_WORDS), rng.pick(ESTATE_KINDS));
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
            .into_iter()
            .enumerate()
            .map(|(i, name)| EstateRef {
                id: format!("E{}", i + 1),
                name,
            })
            .collect()
    } else {
        Vec::new()
    }
}

/// The revision: its number, the committee's consent to a change (missing
/// now and then, the more so the less care), and now and then a floor
/// nobody replaced yet.
fn revise(rng: &mut Rng, plan: &mut Plan, care: f64) {
    plan.revision.number = rng.int(1, 4);
    if plan.revision.number > 1 {
        let d = plan.revision.date;
        plan.revision.consent = rng.chance(0.85 + 0.1 * care).then(|| Consent {
            by: plan.committee.name.clone(),
            date: d - chrono::Days::new(u64::from(rng.int(3, 40))),
        });
    }
    if rng.chance(0.06 * (1.0 - care)) {
        // a floor nobody replaced yet
        let i = rng.int(0, plan.rooms.len() as u32 - 1) as usize;
        plan.rooms[i].floor = Floor::Other;
    }
}

/// `二` … `十`, then digits (`第11`): names stay distinct in a sample of a
/// whole country.
fn chinese_number(n: u32) -> String {
    const D: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    D.get(n as usize)
        .map_or_else(|| n.to_string(), |d| d.to_string())
}

fn date(rng: &mut Rng, from: i32, to: i32) -> NaiveDate {
    let y = from + rng.int(0, (to - from) as u32) as i32;
    NaiveDate::from_ymd_opt(y, rng.int(1, 12), rng.int(1, 28)).expect("valid day")
}

struct Layout {
    rooms: Vec<Room>,
    doors: Vec<Door>,
    /// Ids parallel to the specs.
    ids: Vec<String>,
    corridor: String,
}

fn r1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A corridor (y from `d1` to `d1 + c`) with rooms below and, for larger
/// premises, above; each room's door on the wall it shares with the
/// corridor; the street door on the corridor's end wall; a courtyard at the
/// far end.
fn lay_out(rng: &mut Rng, specs: &[Spec], courtyard: Option<f64>) -> Layout {
    let total: f64 = specs.iter().map(|s| s.area).sum();
    let two_rows = total > 120.0;
    let c = r1(rng.range(1.6, 2.4));
    let d1 = r1(rng.range(4.8, 6.6));
    let d2 = r1(rng.range(4.8, 6.6));
    // split into rows, balancing widths (largest first)
    let mut order: Vec<usize> = (0..specs.len()).collect();
    order.sort_by(|&a, &b| specs[b].area.total_cmp(&specs[a].area));
    let mut rows: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let mut widths = [0.0f64, 0.0];
    for i in order {
        let row = if !two_rows || widths[0] / d1 <= widths[1] / d2 {
            0
        } else {
            1
        };
        widths[row] += specs[i].area;
        rows[row].push(i);
    }
    // keep the rooms in a natural order inside each row
    for r in &mut rows {
        r.sort_unstable();
    }
    let depth = [d1, d2];
    let ids: Vec<String> = (1..=specs.len()).map(|n| format!("R{n}")).collect();
    let mut rooms: Vec<Option<Room>> = vec![None; specs.len()];
    let mut doors = Vec::new();
    let mut length: f64 = 0.0;
    // lower row: y in [0, d1]; the corridor: [d1, d1 + c]; upper: [d1 + c, d1 + c + d2]
    let (y_lo, y_corr) = if two_rows { (0.0, d1) } else { (0.0, 0.0) };
    for (row, members) in rows.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        let d = depth[row];
        let mut x = 0.0;
        for &i in members {
            let w = r1((specs[i].area / d).max(1.8));
            let (y0, y1, door_y) = if row == 0 && two_rows {
                (y_lo, y_lo + d, y_lo + d)
            } else {
                (y_corr + c, y_corr + c + d, y_corr + c)
            };
            let x1 = r1(x + w);
            rooms[i] = Some(Room {
                id: ids[i].clone(),
                name: specs[i].name.clone(),
                zones: specs[i].zones.clone(),
                floor: Floor::AntiSlip,
                level: 0,
                outline: vec![(x, y0), (x1, y0), (x1, y1), (x, y1)],
            });
            doors.push(Door {
                between: ("R0".into(), ids[i].clone()),
                at: (r1((x + x1) / 2.0), door_y),
                kind: crate::model::DoorKind::Door,
            });
            if specs[i].zones.contains(&Zone::Police) {
                // the police room's own street door, on its outer wall
                let outer_y = if row == 0 && two_rows { y0 } else { y1 };
                doors.push(Door {
                    between: (OUTSIDE.into(), ids[i].clone()),
                    at: (r1((x + x1) / 2.0), outer_y),
                    kind: crate::model::DoorKind::Door,
                });
            }
            x = x1;
        }
        length = length.max(x);
    }
    let corridor_id = format!("R{}", specs.len() + 1);
    for d in &mut doors {
        if d.between.0 == "R0" {
            d.between.0 = corridor_id.clone();
        }
    }
    let mut all: Vec<Room> = rooms.into_iter().flatten().collect();
    all.push(Room {
        id: corridor_id.clone(),
        name: "走廊".into(),
        zones: vec![Zone::Circulation],
        floor: Floor::AntiSlip,
        level: 0,
        outline: vec![
            (0.0, y_corr),
            (length, y_corr),
            (length, y_corr + c),
            (0.0, y_corr + c),
        ],
    });
    let street_door = if two_rows {
        (0.0, r1(y_corr + c / 2.0))
    } else {
        (r1((c / 2.0).min(length / 2.0)), 0.0)
    };
    doors.push(Door {
        between: (OUTSIDE.into(), corridor_id.clone()),
        at: street_door,
        kind: crate::model::DoorKind::Door,
    });
    if let Some(w) = courtyard {
        let top = if two_rows { d1 + c + d2 } else { c + d2 };
        let id = format!("R{}", specs.len() + 2);
        all.push(Room {
            id: id.clone(),
            name: "天井".into(),
            zones: vec![Zone::Courtyard],
            floor: Floor::AntiSlip,
            level: 0,
            outline: vec![
                (length, 0.0),
                (r1(length + w), 0.0),
                (r1(length + w), top),
                (length, top),
            ],
        });
        doors.push(Door {
            between: (corridor_id.clone(), id),
            at: (length, r1(y_corr + c / 2.0)),
            kind: crate::model::DoorKind::Door,
        });
    }
    Layout {
        rooms: all,
        doors,
        ids,
        corridor: corridor_id,
    }
}

/// Move the office up a storey, as in a 石库门 house: it keeps its outline
/// (the 亭子间), and a 灶披间 with the same outline takes its place on the
/// ground floor, with the office's door onto the corridor and a stair up.
fn office_upstairs(layout: &mut Layout, office: &str) {
    let Some(i) = layout.rooms.iter().position(|r| r.id == office) else {
        return;
    };
    let below_id = format!("R{}", layout.rooms.len() + 1);
    let mut below = layout.rooms[i].clone();
    below.id = below_id.clone();
    below.name = "灶披间(楼梯)".into();
    below.zones = vec![Zone::Circulation];
    let up = &mut layout.rooms[i];
    up.level = 1;
    up.name = format!("亭子间({})", up.name);
    // the stair: in the room's middle, inside both outlines
    let n = up.outline.len() as f64;
    let (cx, cy) = up
        .outline
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p.0 / n, y + p.1 / n));
    for d in &mut layout.doors {
        if d.between.1 == office {
            d.between.1 = below_id.clone();
        }
        if d.between.0 == office {
            d.between.0 = below_id.clone();
        }
    }
    layout.doors.push(Door {
        between: (below_id, office.to_string()),
        at: (r1(cx), r1(cy)),
        kind: DoorKind::Stair,
    });
    layout.rooms.push(below);
}

/// The committee's items, more of them missing the less `care` it takes:
/// the equipment of 附件2 六.3 ([`furnish_equipment`]), signage
/// ([`furnish_signage`]), safety ([`furnish_safety`]), boards
/// ([`furnish_boards`]), the courtyard's ([`furnish_courtyard`]) and the
/// police room's ([`furnish_police`]). The steps draw from `rng` in this
/// order, so a seed gives the same committees as before.
fn furnish(rng: &mut Rng, plan: &mut Plan, care: f64, staff: u32, corridor: &str) {
    let lack = 0.25 * (1.0 - care) + 0.01;
    let mut items: Vec<Item> = Vec::new();
    let at = Places::of(plan, corridor);
    // the estates' gates: one of each per estate (the first when there is one)
    let estates: Vec<Option<String>> = if plan.committee.estates.is_empty() {
        vec![None]
    } else {
        plan.committee
            .estates
            .iter()
            .map(|e| Some(e.id.clone()))
            .collect()
    };
    let has_service = plan.rooms.iter().any(|r| r.has(Zone::Service));
    furnish_equipment(rng, &at, lack, staff, has_service, &mut items);
    furnish_signage(rng, &at, lack, staff, &estates, &mut items);
    furnish_safety(rng, &at, lack, care, &mut items);
    furnish_boards(rng, &at, (lack, care), &estates, &mut items);
    furnish_courtyard(rng, plan, lack, &mut items);
    furnish_police(rng, plan, lack, &estates[0], &mut items);
    plan.items = items;
}

/// Where the items go: the room of each zone, falling back to another
/// (the office to the corridor, the meeting room to the office, and so on).
struct Places<'a> {
    office: String,
    meeting: String,
    service: String,
    reception: String,
    store: String,
    corridor: &'a str,
}

impl<'a> Places<'a> {
    fn of(plan: &Plan, corridor: &'a str) -> Self {
        let office = room_with(plan, Zone::Office).unwrap_or_else(|| corridor.to_string());
        let meeting = room_with(plan, Zone::Meeting).unwrap_or_else(|| office.clone());
        let service = room_with(plan, Zone::Service).unwrap_or_else(|| meeting.clone());
        let reception = room_with(plan, Zone::Reception).unwrap_or_else(|| service.clone());
        let store = plan
            .rooms
            .iter()
            .find(|r| r.name == "储藏室")
            .map(|r| r.id.clone())
            .unwrap_or_else(|| office.clone());
        Places {
            office,
            meeting,
            service,
            reception,
            store,
            corridor,
        }
    }
}

/// The first room holding `zone`.
fn room_with(plan: &Plan, zone: Zone) -> Option<String> {
    plan.rooms
        .iter()
        .find(|r| r.has(zone))
        .map(|r| r.id.clone())
}

/// Put `count` (at least one) items of `kind` at `at`.
fn put(items: &mut Vec<Item>, kind: ItemKind, at: Location, count: u32) {
    let mut it = Item::new(kind, at);
    it.count = count.max(1);
    items.push(it);
}

fn room(id: &str) -> Location {
    Location::Room(id.to_string())
}

fn site(place: SitePlace) -> Location {
    Location::Site(place)
}

/// One item of `kind` at the gate of `estate`.
fn at_gate(items: &mut Vec<Item>, kind: ItemKind, estate: &Option<String>) {
    let mut it = Item::new(kind, Location::Site(SitePlace::EstateGate));
    it.estate = estate.clone();
    items.push(it);
}

/// The equipment of 附件2 六.3: computers (on one network or both), the
/// sixteen kinds of the list where they belong (faxes and whiteboards most
/// often lacking), the convenience cabinet, and the meeting room's chairs
/// and air conditioner.
fn furnish_equipment(
    rng: &mut Rng,
    at: &Places,
    lack: f64,
    staff: u32,
    has_service: bool,
    items: &mut Vec<Item>,
) {
    if !rng.chance(lack * 0.5) {
        let mut it = Item::new(ItemKind::Computer, room(&at.office));
        it.count = staff;
        it.network = Some(if rng.chance(lack) {
            *rng.pick(&[Network::Internet, Network::Intranet])
        } else {
            Network::Both
        });
        items.push(it);
    }
    let equipment: [(ItemKind, &str, u32); 16] = [
        (ItemKind::Printer, &at.office, 1),
        (ItemKind::AirConditioner, &at.office, 1),
        (ItemKind::Refrigerator, &at.store, 1),
        (ItemKind::Microwave, &at.store, 1),
        (ItemKind::ElectricFan, &at.reception, 1),
        (ItemKind::Telephone, &at.office, 2),
        (ItemKind::Fax, &at.office, 1),
        (ItemKind::Desk, &at.office, staff),
        (ItemKind::Chair, &at.office, staff),
        (ItemKind::FileCabinet, &at.office, 2),
        (ItemKind::Television, &at.meeting, 1),
        (ItemKind::TvCabinet, &at.meeting, 1),
        (ItemKind::MeetingTable, &at.meeting, 1),
        (ItemKind::Whiteboard, &at.meeting, 1),
        (ItemKind::PottedFlowers, &at.reception, 2),
        (ItemKind::GreenPlants, &at.service, 3),
    ];
    for (kind, place, n) in equipment {
        // faxes and whiteboards are what committees most often lack
        let p = match kind {
            ItemKind::Fax => lack * 2.0,
            ItemKind::Whiteboard | ItemKind::Microwave => lack * 1.5,
            ItemKind::Desk | ItemKind::Chair => lack * 0.1,
            _ => lack * 0.6,
        };
        if !rng.chance(p) {
            put(items, kind, room(place), n);
        }
    }
    if has_service && !rng.chance(lack) {
        put(items, ItemKind::ConvenienceCabinet, room(&at.service), 1);
    }
    put(items, ItemKind::Chair, room(&at.meeting), rng.int(8, 16));
    if rng.chance(0.6) {
        put(items, ItemKind::AirConditioner, room(&at.meeting), 1);
    }
}

/// The signage of 附件2 二 and the plaques: desk cards, each estate's guide
/// sign, the 居务公开栏 (附件1 4.3.3), the two plaques and the logo at the
/// entrance, the committee's mailbox, now and then another plaque.
fn furnish_signage(
    rng: &mut Rng,
    at: &Places,
    lack: f64,
    staff: u32,
    estates: &[Option<String>],
    items: &mut Vec<Item>,
) {
    let desk_cards = if rng.chance(lack) {
        staff.saturating_sub(1)
    } else {
        staff
    };
    if desk_cards > 0 {
        put(items, ItemKind::DeskCard, room(&at.office), desk_cards);
    }
    for e in estates {
        if !rng.chance(lack * 0.5) {
            at_gate(items, ItemKind::EstateGuideSign, e);
        }
    }
    // 附件1 4.3.3: the 居务公开栏, at the committee's door or an estate's gate
    if !rng.chance(lack * 0.5) {
        if rng.chance(0.5) {
            put(items, ItemKind::AffairsBoard, site(SitePlace::Entrance), 1);
        } else {
            for e in estates {
                at_gate(items, ItemKind::AffairsBoard, e);
            }
        }
    }
    for kind in [ItemKind::PartyPlaque, ItemKind::CommitteePlaque] {
        if !rng.chance(lack * 0.2) {
            put(items, kind, site(SitePlace::Entrance), 1);
        }
    }
    if !rng.chance(lack * 0.6) {
        put(
            items,
            ItemKind::ResidentsHomeLogo,
            site(SitePlace::Entrance),
            1,
        );
    }
    if !rng.chance(lack * 0.4) {
        put(
            items,
            ItemKind::CommitteeMailbox,
            site(SitePlace::Entrance),
            1,
        );
    }
    if rng.chance(lack * 0.5) {
        put(items, ItemKind::OtherPlaque, site(SitePlace::Entrance), 1);
    }
}

/// Safety (附件2 四.4): anti-theft door and window, fire equipment, and,
/// more often the more care is taken, a camera and a safe.
fn furnish_safety(rng: &mut Rng, at: &Places, lack: f64, care: f64, items: &mut Vec<Item>) {
    if !rng.chance(lack * 0.3) {
        put(items, ItemKind::AntiTheftDoor, room(at.corridor), 1);
    }
    if !rng.chance(lack * 0.3) {
        put(items, ItemKind::AntiTheftWindow, room(&at.office), 1);
    }
    if !rng.chance(lack * 0.3) {
        put(items, ItemKind::FireEquipment, room(at.corridor), 2);
    }
    if rng.chance(0.3 + 0.6 * care) {
        put(items, ItemKind::Camera, room(at.corridor), 1);
    }
    if rng.chance(0.3 + 0.5 * care) {
        put(items, ItemKind::Safe, room(&at.office), 1);
    }
}

/// Boards (附件2 五): the office's wall boards, each estate's bulletin board
/// (now and then with ads, now and then another by the activity area), the
/// meeting room's curtain and honours display.
fn furnish_boards(
    rng: &mut Rng,
    at: &Places,
    (lack, care): (f64, f64),
    estates: &[Option<String>],
    items: &mut Vec<Item>,
) {
    let first_estate = &estates[0];
    for (w, b) in [
        BoardKind::Organisation,
        BoardKind::PartyBuilding,
        BoardKind::SelfGovernance,
    ]
    .into_iter()
    .enumerate()
    {
        if !rng.chance(lack * 0.4) {
            let mut it = Item::new(ItemKind::WallBoard(b), room(&at.office));
            it.wall = Some(w as u32);
            items.push(it);
        }
    }
    for e in estates {
        let mut board = Item::new(ItemKind::BulletinBoard, site(SitePlace::EstateGate));
        board.commercial_ads = rng.chance(lack * 0.3);
        board.estate = e.clone();
        items.push(board);
    }
    if rng.chance(lack * 0.2) {
        let mut board = Item::new(ItemKind::BulletinBoard, site(SitePlace::ActivityArea));
        board.estate = first_estate.clone();
        items.push(board);
    }
    if rng.chance(0.4 + 0.5 * care) {
        put(items, ItemKind::Curtain, room(&at.meeting), 1);
    }
    if rng.chance(0.3) {
        put(items, ItemKind::HonorsDisplay, room(&at.meeting), 1);
    }
}

/// The courtyard's facilities (附件2 四.5), when there is a courtyard.
fn furnish_courtyard(rng: &mut Rng, plan: &Plan, lack: f64, items: &mut Vec<Item>) {
    if let Some(yard) = room_with(plan, Zone::Courtyard) {
        for kind in [
            ItemKind::GreenArea,
            ItemKind::AccessibleRamp,
            ItemKind::Handrail,
            ItemKind::ResidentMailbox,
        ] {
            if !rng.chance(lack) {
                put(items, kind, room(&yard), 1);
            }
        }
        if rng.chance(0.4) {
            put(items, ItemKind::BikeShed, room(&yard), 1);
        }
    }
}

/// The police room's (附件7): a desk and chair each, boards on two walls,
/// the notice board and contact box in the first estate, and a guide sign
/// unless the committee faces the street.
fn furnish_police(
    rng: &mut Rng,
    plan: &Plan,
    lack: f64,
    first_estate: &Option<String>,
    items: &mut Vec<Item>,
) {
    if let (Some(pr), Some(police)) = (room_with(plan, Zone::Police), plan.committee.police.clone())
    {
        let n = if rng.chance(lack) {
            police.staff.saturating_sub(1).max(1)
        } else {
            police.staff
        };
        put(items, ItemKind::Desk, room(&pr), n);
        put(items, ItemKind::Chair, room(&pr), police.staff);
        let walls = if rng.chance(lack) { 1 } else { 2 };
        for w in 0..walls {
            let mut it = Item::new(ItemKind::PoliceBoard, room(&pr));
            it.wall = Some(w);
            items.push(it);
        }
        let place = *rng.pick(&[SitePlace::EstateGate, SitePlace::ActivityArea]);
        let in_estate = |kind: ItemKind, place: SitePlace| {
            let mut it = Item::new(kind, site(place));
            it.estate = first_estate.clone();
            it
        };
        if !rng.chance(lack * 0.5) {
            items.push(in_estate(ItemKind::PoliceNoticeBoard, place));
            items.push(in_estate(ItemKind::PoliceContactBox, place));
        }
        if !plan.committee.street_facing && !rng.chance(lack * 0.5) {
            items.push(in_estate(ItemKind::PoliceGuideSign, SitePlace::MainPassage));
        }
    }
}

/// The revision before a refit: the meeting room was the residents' activity
/// room, or the office was smaller (a room the refit added did not exist).
fn previous_revision(rng: &mut Rng, plan: &Plan, office: &str, meeting: &str) -> Plan {
    let mut prev = plan.clone();
    prev.revision.number = plan.revision.number.max(2) - 1;
    prev.revision.date = plan.revision.date - chrono::Days::new(u64::from(rng.int(200, 900)));
    prev.revision.consent = None;
    if rng.chance(0.5) {
        if let Some(r) = prev.rooms.iter_mut().find(|r| r.id == meeting) {
            r.name = "老年活动室".into();
            r.zones = vec![Zone::ResidentActivity];
        }
        prev.items.retain(|i| i.room() != Some(meeting));
    } else if let Some(r) = prev.rooms.iter_mut().find(|r| r.id == office) {
        r.name = "办公室(旧)".into();
        r.zones = vec![Zone::Office];
        r.floor = Floor::Other;
    }
    prev
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{check_plan, CheckOptions, Profile};

    #[test]
    fn same_seed_same_committees_and_different_seed_differs() {
        let o = SampleOptions {
            committees: 30,
            ..SampleOptions::default()
        };
        assert_eq!(committees(&o), committees(&o));
        let other = committees(&SampleOptions {
            seed: 7,
            ..o.clone()
        });
        assert_ne!(committees(&o), other);
    }

    /// Every file under `dir`, relative, with its bytes.
    fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("readable") {
                let p = e.expect("entry").path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(dir).expect("below").to_path_buf();
                    out.push((rel, std::fs::read(&p).expect("read")));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_sample_written_again_over_itself_is_the_same_files() {
        let o = SampleOptions {
            committees: 45,
            broken: 3,
            ..SampleOptions::default()
        };
        let a = tempfile::tempdir().expect("temp dir");
        let b = tempfile::tempdir().expect("temp dir");
        // new street folders: files written in place
        write_sample(a.path(), &o).expect("written");
        // existing street folders: files replaced by a rename
        std::fs::create_dir_all(b.path().join(STREETS[0].1)).expect("folder");
        write_sample(b.path(), &o).expect("written");
        let first = files(a.path());
        assert!(first.len() >= 45);
        assert_eq!(files(b.path()), first);
        write_sample(a.path(), &o).expect("written again");
        assert_eq!(files(a.path()), first, "no temporary file left behind");
    }

    #[test]
    fn generated_plans_are_valid_geometry() {
        let o = SampleOptions {
            committees: 200,
            previous_share: 0.3,
            ..SampleOptions::default()
        };
        let profile = Profile::default();
        for c in committees(&o) {
            let r = check_plan(&c.plan, &profile, &CheckOptions::default());
            assert!(r.valid, "{}: {:?}", c.plan.committee.code, r.findings);
            assert!(
                r.findings.iter().all(|f| f.code != crate::rules::Code::G05),
                "{}: {:?}",
                c.plan.committee.code,
                r.findings
            );
            if let Some(p) = &c.previous {
                assert!(check_plan(p, &profile, &CheckOptions::default()).valid);
            }
        }
    }

    #[test]
    fn varied_areas_estates_and_streets() {
        let o = SampleOptions {
            committees: 300,
            ..SampleOptions::default()
        };
        let all = committees(&o);
        let profile = Profile::default();
        let areas: Vec<f64> = all
            .iter()
            .map(|c| check_plan(&c.plan, &profile, &CheckOptions::default()).premises_area_m2)
            .collect();
        assert!(areas.iter().any(|&a| a <= 100.0), "some small premises");
        assert!(areas.iter().any(|&a| a >= 200.0), "some large premises");
        assert!(all.iter().any(|c| c.plan.committee.estate == Estate::New));
        assert!(all.iter().any(|c| c.plan.committee.estate == Estate::Old));
        assert!(all.iter().any(|c| c.plan.committee.police.is_some()));
        let streets: std::collections::BTreeSet<_> = all
            .iter()
            .map(|c| c.plan.committee.street.clone())
            .collect();
        assert_eq!(streets.len(), 14);
        let codes: std::collections::BTreeSet<_> =
            all.iter().map(|c| c.plan.committee.code.clone()).collect();
        assert_eq!(codes.len(), 300, "codes are unique");
    }

    /// Issue 9: two-storey old-lane committees and committees of several
    /// estates are among the generated ones, and check as valid plans.
    #[test]
    fn some_committees_have_two_storeys_and_some_several_estates() {
        let o = SampleOptions {
            committees: 300,
            ..SampleOptions::default()
        };
        let all = committees(&o);
        let profile = Profile::default();
        let storeys: Vec<&Plan> = all
            .iter()
            .map(|c| &c.plan)
            .filter(|p| p.rooms.iter().any(|r| r.level == 1))
            .collect();
        let estates: Vec<&Plan> = all
            .iter()
            .map(|c| &c.plan)
            .filter(|p| p.committee.estates.len() >= 2)
            .collect();
        assert!(
            storeys.len() >= 10,
            "{} two-storey committees",
            storeys.len()
        );
        assert!(
            estates.len() >= 20,
            "{} committees of several estates",
            estates.len()
        );
        // most two-storey ones are small old-lane committees
        let old = storeys
            .iter()
            .filter(|p| p.committee.estate == Estate::Old)
            .count();
        assert!(old * 2 > storeys.len(), "{old} of {}", storeys.len());
        for p in storeys.iter().chain(&estates) {
            let r = check_plan(p, &profile, &CheckOptions::default());
            assert!(r.valid, "{}: {:?}", p.committee.code, r.findings);
            assert!(
                r.findings.iter().all(|f| f.code != crate::rules::Code::G05),
                "{}: {:?}",
                p.committee.code,
                r.findings
            );
        }
        for p in &storeys {
            // the office is upstairs, over a room of the same outline, by a stair
            let up: Vec<&Room> = p.rooms.iter().filter(|r| r.level == 1).collect();
            assert_eq!(up.len(), 1, "{}", p.committee.code);
            assert!(up[0].has(Zone::Office), "{}", p.committee.code);
            assert!(p
                .doors
                .iter()
                .any(|d| d.kind == DoorKind::Stair && d.between.1 == up[0].id));
        }
        for p in &estates {
            // a guide sign and a bulletin board per estate, at its gate
            for e in &p.committee.estates {
                assert!(p.items.iter().any(|i| i.kind == ItemKind::BulletinBoard
                    && i.estate.as_deref() == Some(e.id.as_str())));
            }
            assert!(p
                .items
                .iter()
                .filter(|i| matches!(i.at, Location::Site(SitePlace::EstateGate)))
                .all(|i| i.estate.is_some()));
        }
    }
}
