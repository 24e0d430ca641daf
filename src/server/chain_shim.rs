//! Until `register::chain` lands: the chain's hash as that module defines
//! it (canonical JSON, SHA-256 over the previous hash and it).

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::register::record::NewEvent;
use crate::register::EventKind;

pub struct Stamp {
    pub hash: String,
}

#[derive(Serialize)]
struct Canonical<'a> {
    committee: &'a str,
    date: String,
    asset: Option<&'a str>,
    event: &'a EventKind,
    recorded_by: &'a str,
    recorded_at: &'a str,
}

pub fn stamp_event(
    committee: &str,
    prev: Option<&str>,
    ev: &NewEvent,
    recorded_by: &str,
    recorded_at: &str,
) -> Stamp {
    let c = serde_json::to_string(&Canonical {
        committee,
        date: ev.date.format("%Y-%m-%d").to_string(),
        asset: ev.asset.as_deref(),
        event: &ev.kind,
        recorded_by,
        recorded_at,
    })
    .expect("plain data");
    let mut h = Sha256::new();
    h.update(prev.unwrap_or("").as_bytes());
    h.update(b"\n");
    h.update(c.as_bytes());
    Stamp {
        hash: h.finalize().iter().map(|b| format!("{b:02x}")).collect(),
    }
}
