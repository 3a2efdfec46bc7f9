//! Prints triage throughput on JSON Lines corpora (triage only, parsing excluded).
//!
//! ```text
//! cargo run --release --example bench_triage -- FILE.jsonl...
//! ```
//!
//! Figures are printed, never asserted: the machine decides them.

use std::time::Instant;

use xunpan::core::inquiry::Inquiry;
use xunpan::core::triage::{Seen, TriageSettings, Triager};

fn main() {
    let triager = Triager::new(&TriageSettings::default());
    for path in std::env::args().skip(1) {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let inquiries: Vec<Inquiry> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        let bytes: usize = inquiries.iter().map(|i| i.body.len()).sum();
        // Warm up the lazily built tables once.
        let mut seen = Seen::default();
        let _ = inquiries.first().map(|i| triager.assess(i, &mut seen));
        let rounds = (100_000 / inquiries.len().max(1)).max(1);
        let start = Instant::now();
        let mut spam = 0usize;
        for _ in 0..rounds {
            let mut seen = Seen::default();
            for inquiry in &inquiries {
                spam += usize::from(triager.assess(inquiry, &mut seen).score >= 6.0);
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let n = (inquiries.len() * rounds) as f64;
        println!(
            "{path}: {} inquiries x {rounds} rounds, {:.0} inquiries/s, {:.1} MB/s of body ({spam} spam scores)",
            inquiries.len(),
            n / secs,
            (bytes * rounds) as f64 / secs / 1e6
        );
    }
}
