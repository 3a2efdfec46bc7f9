//! Labelled sets (JSON Lines of inquiries with `label` and `note`) triaged as the probe
//! tiers read them: every line in order, as one batch, so a text repeated in a set
//! counts as it does in a rep's inbox. Shared by `probe_sets.rs` and `list_fields.rs`
//! (included with `#[path]`: a file under `tests/support/` is no test crate of its own).

use serde_json::Value;
use xunpan::core::clock::Zone;
use xunpan::core::engine::{Batch, Engine};
use xunpan::core::inquiry::Inquiry;
use xunpan::core::settings::Settings;

/// The moment every labelled set is triaged at (their dates are before it).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-12-01T08:00:00+08:00")
        .expect("a fixed RFC 3339 time")
        .with_timezone(&chrono::Utc)
}

/// Each non-empty line of the set `name` (its text `text`) read as JSON, handed to
/// `prepare` (which may change it: cut the buyer down, say), then triaged with the
/// default settings at [`now`] in UTC+8: the line as prepared, beside its verdict
/// (`spam`, `suspicious` or `genuine`). Panics naming the set and the line when a
/// line is not JSON or not an inquiry, and when the set has no line.
pub fn triage_lines(
    name: &str,
    text: &str,
    mut prepare: impl FnMut(&mut Value),
) -> Vec<(Value, &'static str)> {
    let engine = Engine::new(Settings::default()).expect("the default settings build an engine");
    let mut batch = Batch::default();
    let mut out = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let mut raw: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{name} line {}: not JSON ({e})", n + 1));
        prepare(&mut raw);
        let inquiry: Inquiry = serde_json::from_value(raw.clone())
            .unwrap_or_else(|e| panic!("{name} line {}: not an Inquiry ({e})", n + 1));
        let verdict = engine
            .triage(&inquiry, &mut batch, now(), &Zone::fixed(480))
            .assessment
            .verdict
            .as_str();
        out.push((raw, verdict));
    }
    assert!(!out.is_empty(), "{name}: no lines, nothing measured");
    out
}
