//! Native triage throughput: the corpus repeated to at least 100 000 messages,
//! triaged on one thread, parsing excluded.
//!
//! ```text
//! cargo run --release --example bench_triage -- FILE.jsonl...
//! ```
//!
//! Prints one line per file, then one JSON object (the figures of the first file,
//! which `./build.sh bench` reads). Figures are printed, never asserted: the machine
//! decides them.

use std::time::Instant;

use xunpan::core::inquiry::Inquiry;
use xunpan::core::triage::{Seen, TriageSettings, Triager};

/// Messages triaged per file at least.
const MIN_MESSAGES: usize = 100_000;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: bench_triage FILE.jsonl...");
        std::process::exit(2);
    }
    let triager = Triager::new(&TriageSettings::default());
    let mut first: Option<(f64, usize)> = None;
    for path in &paths {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("cannot read {path}: {e}");
                std::process::exit(1);
            }
        };
        let inquiries: Vec<Inquiry> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        if inquiries.is_empty() {
            eprintln!("{path}: no inquiries");
            std::process::exit(1);
        }
        let bytes: usize = inquiries.iter().map(|i| i.body.len()).sum();
        // Build the lazily compiled tables before the clock starts: every pattern and
        // table the file reaches, and the lazy automata's states for its texts, so
        // that the clock measures triage, not compilation (one message compiled only
        // the patterns it reached, and the rest were compiled on the clock).
        let mut seen = Seen::default();
        for inquiry in &inquiries {
            let _ = triager.assess(inquiry, &mut seen);
        }
        let rounds = MIN_MESSAGES.div_ceil(inquiries.len());
        let start = Instant::now();
        let mut flagged = 0usize;
        for _ in 0..rounds {
            let mut seen = Seen::default();
            for inquiry in &inquiries {
                flagged += usize::from(triager.assess(inquiry, &mut seen).score >= 3.0);
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let messages = inquiries.len() * rounds;
        let per_s = messages as f64 / secs;
        println!(
            "{path}: {} inquiries x {rounds} rounds = {messages}, {per_s:.0} inquiries/s, {:.1} MB/s of body ({flagged} flagged)",
            inquiries.len(),
            (bytes * rounds) as f64 / secs / 1e6
        );
        first.get_or_insert((per_s, messages));
    }
    if let Some((per_s, messages)) = first {
        println!("{{\"triage_native_per_s\":{per_s:.0},\"native_messages\":{messages}}}");
    }
}
