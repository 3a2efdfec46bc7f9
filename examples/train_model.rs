//! Rebuilds the built-in content model from labelled JSON Lines files, and measures
//! what it adds on sets it never saw.
//!
//! ```text
//! cargo run --release --example train_model -- SET.jsonl... [--general MAIL.jsonl]... [--scale X] [--out src/core/triage/model.tsv]
//! cargo run --release --example train_model -- SET.jsonl... [--general MAIL.jsonl]... [--scale X] [--model FILE.tsv] --leave-one-out
//! cargo run --release --example train_model -- SET.jsonl... [--general MAIL.jsonl]... [--scale X] --holdout
//! ```
//!
//! Each line is an Inquiry with `"label": "spam" | "genuine"`. A `SET` is a set of
//! inquiries to a seller; a `--general` file is mail of any kind (the SpamAssassin
//! corpus).
//!
//! - Plain: the model is trained on every line of every file and written to `--out`;
//!   its first line names the files and their sizes.
//! - `--leave-one-out`: nothing is written. Each file in turn is left out and the
//!   whole triage (rules plus model) scored on it: with no model, with the shipped
//!   model, and with models trained without it on the other sets, on the general mail
//!   alone, and on both (and with `--model`'s file as it is). The last lines sum the
//!   inquiry sets: what the model adds on messages written apart from its training.
//! - `--holdout`: nothing is written; every file is split in two by a hash of the
//!   line's id, the model trained on one half and scored on the other, per file.

use std::path::Path;

use xunpan::core::inquiry::Inquiry;
use xunpan::core::triage::bayes::{document, train, Document, Model};
use xunpan::core::triage::{Seen, TriageSettings, Triager, Verdict};

/// The model's overall scale (see `bayes::Model::evidence`), unless `--scale` says.
const SCALE: f64 = 0.3;

/// One labelled file.
struct Set {
    /// Its file name, without the directory.
    name: String,
    /// Mail of any kind, not inquiries to a seller.
    general: bool,
    rows: Vec<Row>,
}

struct Row {
    spam: bool,
    /// In the half `--holdout` scores (by a hash of the id).
    holdout: bool,
    inquiry: Inquiry,
    doc: Document<'static>,
}

fn load(path: &str, general: bool) -> Set {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut rows = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
        let spam = match value.get("label").and_then(|l| l.as_str()) {
            Some("spam") => true,
            Some("genuine") => false,
            other => panic!("{path}:{}: label {other:?}, not spam or genuine", n + 1),
        };
        let id = value.get("id").and_then(|i| i.as_str()).unwrap_or("");
        let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        let inquiry: Inquiry =
            serde_json::from_value(value).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
        rows.push(Row {
            spam,
            holdout: hash % 2 == 1,
            doc: document(&inquiry),
            inquiry,
        });
    }
    let name = Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
        .to_string();
    Set {
        name,
        general,
        rows,
    }
}

/// The model trained on `rows`, as text.
fn train_on<'a>(rows: impl Iterator<Item = &'a Row>, provenance: &str, scale: f64) -> String {
    train(rows.map(|r| (&r.doc, r.spam)), provenance, scale)
}

/// "name (N spam, M genuine)" for each set, joined: the model's provenance.
fn provenance(sets: &[Set]) -> String {
    sets.iter()
        .map(|set| {
            let spam = set.rows.iter().filter(|r| r.spam).count();
            format!(
                "{} ({spam} spam, {} genuine)",
                set.name,
                set.rows.len() - spam
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a triage made of some labelled lines.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    spam: usize,
    spam_flagged: usize,
    spam_called: usize,
    buyers: usize,
    buyers_flagged: usize,
    buyers_called: usize,
}

impl Tally {
    /// Triage of `rows` in order, as one batch (repetition counts, as in the probes).
    fn of<'a>(triager: &Triager, rows: impl Iterator<Item = &'a Row>) -> Tally {
        let mut seen = Seen::default();
        let mut t = Tally::default();
        for r in rows {
            let v = triager.assess(&r.inquiry, &mut seen).verdict;
            let (flagged, called) = (v != Verdict::Genuine, v == Verdict::Spam);
            if r.spam {
                t.spam += 1;
                t.spam_flagged += usize::from(flagged);
                t.spam_called += usize::from(called);
            } else {
                t.buyers += 1;
                t.buyers_flagged += usize::from(flagged);
                t.buyers_called += usize::from(called);
            }
        }
        t
    }

    fn add(&mut self, o: &Tally) {
        self.spam += o.spam;
        self.spam_flagged += o.spam_flagged;
        self.spam_called += o.spam_called;
        self.buyers += o.buyers;
        self.buyers_flagged += o.buyers_flagged;
        self.buyers_called += o.buyers_called;
    }

    /// Spam: lines, flagged, called spam; buyers: lines, flagged, called spam.
    fn row(&self) -> String {
        let pct = |n: usize, d: usize| {
            if d == 0 {
                "    -".to_string()
            } else {
                format!("{:5.1}", 100.0 * n as f64 / d as f64)
            }
        };
        format!(
            "{:>4} {:>4} {} {:>4} {} | {:>4} {:>4} {} {:>4} {}",
            self.spam,
            self.spam_flagged,
            pct(self.spam_flagged, self.spam),
            self.spam_called,
            pct(self.spam_called, self.spam),
            self.buyers,
            self.buyers_flagged,
            pct(self.buyers_flagged, self.buyers),
            self.buyers_called,
            pct(self.buyers_called, self.buyers),
        )
    }
}

const HEADER: &str = "spam flagd     % spam     % | buyr flagd    % spam     %";

/// The leave-one-out table (see the module doc).
fn leave_one_out(sets: &[Set], scale: f64, given: Option<Model>) {
    let settings = TriageSettings::default();
    let rules_only = Triager::new(&TriageSettings {
        content_model: false,
        ..TriageSettings::default()
    });
    let shipped = Triager::new(&settings);
    let given = given.map(|model| Triager::with_model(&settings, model));
    // Trained without the left-out set: (name, on the inquiry sets, on general mail).
    let trained = [
        ("other sets", true, false),
        ("general mail only", false, true),
        ("other sets + general", true, true),
    ];
    let names: Vec<&str> = ["rules only", "shipped model"]
        .into_iter()
        .chain(trained.iter().map(|v| v.0))
        .chain(given.as_ref().map(|_| "given model (as is)"))
        .collect();
    let mut sums = vec![Tally::default(); names.len()];
    println!("{:<22} {:<21} {HEADER}", "left-out set", "model");
    for (left_out, set) in sets.iter().enumerate() {
        let mut tallies = vec![
            Tally::of(&rules_only, set.rows.iter()),
            Tally::of(&shipped, set.rows.iter()),
        ];
        for (_, inquiries, general) in trained {
            let rows = sets
                .iter()
                .enumerate()
                .filter(|(i, s)| *i != left_out && if s.general { general } else { inquiries })
                .flat_map(|(_, s)| &s.rows);
            let model = Model::from_tsv(&train_on(rows, "", scale));
            tallies.push(Tally::of(
                &Triager::with_model(&settings, model),
                set.rows.iter(),
            ));
        }
        if let Some(given) = &given {
            tallies.push(Tally::of(given, set.rows.iter()));
        }
        for (v, (name, tally)) in names.iter().zip(&tallies).enumerate() {
            if !set.general {
                sums[v].add(tally);
            }
            println!("{:<22} {name:<21} {}", set.name, tally.row());
        }
    }
    for (name, tally) in names.iter().zip(&sums) {
        println!("{:<22} {name:<21} {}", "all inquiry sets", tally.row());
    }
}

/// The half-split figures: trained on one half of every file, scored on the other.
fn holdout(sets: &[Set], scale: f64) {
    let rows = sets.iter().flat_map(|s| &s.rows).filter(|r| !r.holdout);
    let model = Model::from_tsv(&train_on(rows, "one half", scale));
    let triager = Triager::with_model(&TriageSettings::default(), model);
    println!("{:<22} {HEADER}", "held-out half of");
    for set in sets {
        let tally = Tally::of(&triager, set.rows.iter().filter(|r| r.holdout));
        println!("{:<22} {}", set.name, tally.row());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let read = |path: &String| {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    };
    let scale = value("--scale").map_or(SCALE, |s| {
        s.parse()
            .unwrap_or_else(|e| panic!("--scale {s}: not a number ({e})"))
    });
    let mut sets = Vec::new();
    let mut args_left = args.iter();
    while let Some(arg) = args_left.next() {
        match arg.as_str() {
            "--out" | "--scale" | "--model" => {
                args_left.next();
            }
            "--general" => {
                let path = args_left.next().expect("--general needs a file");
                sets.push(load(path, true));
            }
            "--leave-one-out" | "--holdout" => {}
            other if other.starts_with("--") => panic!("unknown option {other}"),
            path => sets.push(load(path, false)),
        }
    }
    assert!(!sets.is_empty(), "give one or more labelled .jsonl files");
    if args.iter().any(|a| a == "--leave-one-out") {
        let given = value("--model").map(|path| Model::from_tsv(&read(path)));
        leave_one_out(&sets, scale, given);
    } else if args.iter().any(|a| a == "--holdout") {
        holdout(&sets, scale);
    } else {
        let out = value("--out")
            .cloned()
            .unwrap_or_else(|| "src/core/triage/model.tsv".into());
        let rows = sets.iter().flat_map(|s| &s.rows);
        let tsv = train_on(rows, &provenance(&sets), scale);
        std::fs::write(&out, &tsv).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
        println!(
            "wrote {out}: {} tokens, {} bytes",
            tsv.lines().filter(|l| l.contains('\t')).count(),
            tsv.len()
        );
    }
}
