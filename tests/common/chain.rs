//! The hash chain of a committee's events, recomputed from the API's
//! answer (`GET /api/committees/{code}/register`) independently of the
//! server: SHA-256 over the previous event's hash, a newline, and the
//! canonical JSON of the event (`{committee, date, asset, event,
//! recorded_by, recorded_at}` in that order, `asset` null when absent; the
//! form of `src/server/chain_shim.rs`).
#![allow(dead_code)]

use sha2::{Digest, Sha256};

/// The hash an event should have after `prev`.
pub fn expected_hash(committee: &str, prev: Option<&str>, ev: &serde_json::Value) -> String {
    let canonical = serde_json::json!({
        "committee": committee,
        "date": ev["date"],
        "asset": ev.get("asset").cloned().unwrap_or(serde_json::Value::Null),
        "event": ev["event"],
        "recorded_by": ev["recorded_by"],
        "recorded_at": ev["recorded_at"],
    });
    let text = serde_json::to_string(&canonical).expect("plain JSON");
    let mut h = Sha256::new();
    h.update(prev.unwrap_or("").as_bytes());
    h.update(b"\n");
    h.update(text.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Check a committee's events as the API lists them: numbered 1, 2, 3, …
/// and each hash the one its content and the previous hash give. The
/// first event that breaks the chain, when one does.
pub fn verify(committee: &str, events: &[serde_json::Value]) -> Result<(), String> {
    let mut prev: Option<String> = None;
    for (i, ev) in events.iter().enumerate() {
        let seq = ev["seq"].as_i64();
        if seq != Some(i as i64 + 1) {
            return Err(format!(
                "{committee}: event {} has seq {seq:?}, expected {}",
                i + 1,
                i + 1
            ));
        }
        let want = expected_hash(committee, prev.as_deref(), ev);
        let got = ev["hash"].as_str().unwrap_or_default();
        if got != want {
            return Err(format!(
                "{committee}: event {} has hash {got}, its content and the previous hash give {want}",
                i + 1
            ));
        }
        prev = Some(want);
    }
    Ok(())
}
