//! Rebuilds the built-in content model from labelled JSON Lines corpora.
//!
//! ```text
//! cargo run --release --example train_model -- FILE.jsonl... [--holdout] [--out src/core/triage/model.tsv]
//! ```
//!
//! Each line is an Inquiry with `"label": "spam" | "genuine"`. Without `--holdout`
//! the model is trained on every line and written to `--out`. With `--holdout`
//! nothing is written: the lines are split in two by a hash of their id, the model
//! is trained on one half and the whole triage (rules plus that model) is scored
//! on the other, per file — the honest figure for data the model has not seen.

use std::collections::HashMap;

use xunpan::core::engine::Batch;
use xunpan::core::inquiry::Inquiry;
use xunpan::core::triage::bayes::{document, Document, Model};
use xunpan::core::triage::{Seen, TriageSettings, Triager, Verdict};

/// Tokens kept in the model.
const KEEP: usize = 2500;
/// A token must appear in this many messages to be kept.
const MIN_DOCS: u32 = 6;
/// The model's overall scale (see `bayes::Model::evidence`).
const SCALE: f64 = 0.3;

struct Row {
    file: usize,
    spam: bool,
    holdout: bool,
    inquiry: Inquiry,
}

fn load(files: &[String]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (file, path) in files.iter().enumerate() {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let value: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
            let spam = value.get("label").and_then(|l| l.as_str()) == Some("spam");
            let id = value
                .get("id")
                .and_then(|i| i.as_str())
                .unwrap_or("")
                .to_string();
            let inquiry: Inquiry =
                serde_json::from_value(value).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
            let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
            rows.push(Row {
                file,
                spam,
                holdout: hash % 2 == 1,
                inquiry,
            });
        }
    }
    rows
}

fn train<'a>(docs: impl Iterator<Item = (&'a Document<'static>, bool)>) -> String {
    let (mut s, mut g) = (0_u32, 0_u32);
    let mut counts: HashMap<&str, [u32; 2]> = HashMap::new();
    for (doc, spam) in docs {
        if spam {
            s += 1
        } else {
            g += 1
        }
        for t in doc.iter() {
            counts.entry(t).or_insert([0, 0])[usize::from(!spam)] += 1;
        }
    }
    let (s, g) = (f64::from(s), f64::from(g));
    let mut weights: Vec<(&str, f64, u32)> = counts
        .into_iter()
        .filter(|(_, c)| c[0] + c[1] >= MIN_DOCS)
        .map(|(t, c)| {
            let w = ((f64::from(c[0]) + 1.0) / (s + 2.0)).ln()
                - ((f64::from(c[1]) + 1.0) / (g + 2.0)).ln();
            (t, w, c[0] + c[1])
        })
        .filter(|(_, w, _)| w.abs() >= 1.0)
        .collect();
    weights.sort_by(|a, b| {
        (b.1.abs() * f64::from(b.2).sqrt())
            .total_cmp(&(a.1.abs() * f64::from(a.2).sqrt()))
            .then(a.0.cmp(b.0))
    });
    weights.truncate(KEEP);
    weights.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = format!("scale {SCALE}\n");
    for (t, w, _) in weights {
        if t.contains(['\t', '\n']) {
            continue;
        }
        out.push_str(&format!("{t}\t{w:.2}\n"));
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let holdout = args.iter().any(|a| a == "--holdout");
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| "src/core/triage/model.tsv".into());
    let files: Vec<String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--out"))
        .map(|(_, a)| a.clone())
        .collect();
    assert!(!files.is_empty(), "give one or more labelled .jsonl files");
    let rows = load(&files);
    let docs: Vec<Document<'static>> = rows.iter().map(|r| document(&r.inquiry)).collect();
    if !holdout {
        let tsv = train(docs.iter().zip(&rows).map(|(d, r)| (d, r.spam)));
        std::fs::write(&out, &tsv).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
        println!(
            "wrote {out}: {} tokens, {} bytes",
            tsv.lines().count() - 1,
            tsv.len()
        );
        return;
    }
    let tsv = train(
        docs.iter()
            .zip(&rows)
            .filter(|(_, r)| !r.holdout)
            .map(|(d, r)| (d, r.spam)),
    );
    let triager = Triager::with_model(&TriageSettings::default(), Model::from_tsv(&tsv));
    let _ = Batch::default();
    for (f, path) in files.iter().enumerate() {
        let mut seen = Seen::default();
        let (mut spam, mut spam_called, mut spam_flagged, mut ham, mut ham_called, mut ham_flagged) =
            (0, 0, 0, 0, 0, 0);
        for r in rows.iter().filter(|r| r.file == f && r.holdout) {
            let v = triager.assess(&r.inquiry, &mut seen).verdict;
            if r.spam {
                spam += 1;
                spam_called += usize::from(v == Verdict::Spam);
                spam_flagged += usize::from(v != Verdict::Genuine);
            } else {
                ham += 1;
                ham_called += usize::from(v == Verdict::Spam);
                ham_flagged += usize::from(v != Verdict::Genuine);
            }
        }
        let pct = |n: usize, d: usize| {
            if d == 0 {
                0.0
            } else {
                100.0 * n as f64 / d as f64
            }
        };
        println!(
            "{path} (held-out half, model trained on the other half): spam {spam}: called spam {:.1}%, flagged {:.1}%; genuine {ham}: called spam {:.2}%, flagged {:.1}%",
            pct(spam_called, spam), pct(spam_flagged, spam), pct(ham_called, ham), pct(ham_flagged, ham)
        );
    }
}
