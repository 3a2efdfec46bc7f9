//! The built-in word model (`src/core/triage/model.tsv`): what it was trained on, that
//! the file is what training on those sets gives, and what it adds on sets it never
//! saw.
//!
//! A figure on a set the model was trained on is flattered, so the model's first line
//! names its training sets and these tests hold the probe sets out of it: every probe
//! figure is then a held-out figure for the model. The table of what each way of
//! training would add, set by set, is printed by
//! `cargo run --release --example train_model -- … --leave-one-out`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use serde_json::Value;
use xunpan::core::inquiry::Inquiry;
use xunpan::core::triage::bayes::{document, train, Document};
use xunpan::core::triage::{Seen, TriageSettings, Triager, Verdict};

const MODEL: &str = include_str!("../src/core/triage/model.tsv");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sets the model names on its first line, each with its spam and genuine lines.
fn provenance() -> Vec<(String, usize, usize)> {
    let line = MODEL.lines().next().unwrap_or_default();
    let sets = line
        .strip_prefix("# trained on ")
        .unwrap_or_else(|| panic!("model.tsv starts {line:?}, not '# trained on …'"));
    sets.split("), ")
        .map(|set| {
            let (name, counts) = set
                .split_once(" (")
                .unwrap_or_else(|| panic!("{set:?}: not 'name (N spam, M genuine)'"));
            let counts = counts.trim_end_matches(')');
            let number = |word: &str| {
                counts
                    .split(", ")
                    .find_map(|c| c.strip_suffix(word)?.trim().parse::<usize>().ok())
                    .unwrap_or_else(|| panic!("{set:?}: no count of {word}"))
            };
            (name.to_string(), number("spam"), number("genuine"))
        })
        .collect()
}

/// The probe sets, by file name.
fn probe_sets() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/probes");
    let mut sets: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    sets.sort();
    assert!(sets.len() >= 10, "probe sets: {sets:?}");
    sets
}

/// Labelled inquiries of one file: (inquiry, spam).
fn read(path: &Path) -> Vec<(Inquiry, bool)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let raw: Value = serde_json::from_str(line).expect("a JSON line");
            let spam = match raw["label"].as_str() {
                Some("spam") => true,
                Some("genuine") => false,
                other => panic!("{}: label {other:?}", path.display()),
            };
            (serde_json::from_value(raw).expect("an Inquiry"), spam)
        })
        .collect()
}

/// A set the model names: a development corpus beside the checkout or a probe set.
/// Without the corpus a local run says so and skips; under CI it fails.
fn find(name: &str) -> Option<PathBuf> {
    let probe = root().join("tests/fixtures/probes").join(name);
    if probe.exists() {
        return Some(probe);
    }
    let corpus = root().join("../shared/corpus").join(name);
    if corpus.exists() {
        return Some(corpus);
    }
    assert!(
        !std::env::var("CI").is_ok_and(|ci| ci == "true"),
        "{} not found: CI checks the word model, so ../shared must be beside the checkout",
        corpus.display()
    );
    eprintln!("note: {name} not found; the word model's training not checked");
    None
}

/// The probe sets stay out of the model's training: their figures are what it does on
/// messages it never saw. (Training on one of them makes its figures flattered: say
/// so where its floors are held, and change this test on purpose.)
#[test]
fn the_model_names_its_training_and_no_probe_set_is_in_it() {
    let trained = provenance();
    assert!(!trained.is_empty(), "model.tsv names no training set");
    for probe in probe_sets() {
        let name = probe
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        assert!(
            trained.iter().all(|(t, _, _)| t != name),
            "the model was trained on the probe set {name}"
        );
    }
    assert!(
        trained.iter().all(|(t, _, _)| t != "inquiries-dev2.jsonl"),
        "the model was trained on inquiries-dev2.jsonl: its figures are no longer held out"
    );
}

/// The shipped file is exactly what `train_model` makes of the sets it names, at the
/// sizes it names: the provenance line cannot drift from the weights.
#[test]
fn the_model_is_what_its_sets_train() {
    let mut examples: Vec<(Document<'static>, bool)> = Vec::new();
    for (name, spam, genuine) in provenance() {
        let Some(path) = find(&name) else {
            return;
        };
        let lines = read(&path);
        let spam_lines = lines.iter().filter(|(_, s)| *s).count();
        assert_eq!(
            (spam_lines, lines.len() - spam_lines),
            (spam, genuine),
            "{name}: the model names other counts than the file has"
        );
        examples.extend(lines.iter().map(|(i, s)| (document(i), *s)));
    }
    let first = MODEL.lines().next().unwrap_or_default();
    let provenance = first.strip_prefix("# trained on ").unwrap_or_default();
    let scale: f64 = MODEL
        .lines()
        .find_map(|l| l.strip_prefix("scale "))
        .and_then(|s| s.trim().parse().ok())
        .expect("a scale line");
    let retrained = train(examples.iter().map(|(d, s)| (d, *s)), provenance, scale);
    let differing = retrained
        .lines()
        .zip(MODEL.lines())
        .filter(|(a, b)| a != b)
        .take(5)
        .collect::<Vec<_>>();
    assert!(
        retrained == MODEL,
        "model.tsv is not what its sets train ({} against {} lines; first differences {differing:?}): run train_model",
        MODEL.lines().count(),
        retrained.lines().count()
    );
}

/// (spam flagged, buyers flagged, buyers called spam) over every probe set, each
/// triaged in order as one batch.
fn probe_figures(triager: &Triager) -> (usize, usize, usize) {
    let mut figures = (0, 0, 0);
    for path in probe_sets() {
        let mut seen = Seen::default();
        for (inquiry, spam) in read(&path) {
            let verdict = triager.assess(&inquiry, &mut seen).verdict;
            let flagged = usize::from(verdict != Verdict::Genuine);
            if spam {
                figures.0 += flagged;
            } else {
                figures.1 += flagged;
                figures.2 += usize::from(verdict == Verdict::Spam);
            }
        }
    }
    figures
}

/// On the probe sets, which it never saw, the model earns its place: measured when
/// this test was written, it flagged 10 more of their 396 spam lines than the rules
/// alone (384 against 374), at the cost of 3 more of their 332 buyers flagged (9
/// against 6), and kept the one buyer the rules alone call spam from being called
/// spam. With the tenth set (heldout10, 45 spam and 45 buyers, written later) and its
/// rules: 426 against 415 of 441 spam flagged, 12 against 7 of 377 buyers flagged; on
/// the tenth set alone it flags one more spam and two more buyers (a supplier-portal
/// invitation among them). Held at those figures, with room for rules that catch what
/// it caught: a newer set that costs more buyers must be looked at, not waved through.
/// With the thirteenth set: 561 against 548 of all probe spam flagged, 14 against 8
/// buyers flagged, and the one buyer the rules alone call spam still kept from it.
/// Looked at: the thirteenth set's extra buyer is a real transfer slip (MT103, a PDF)
/// for a deposit in our own quoted thread, suspicious by the model alone (3.5): its
/// words are the payment-slip lure's, and what tells them apart is structure the
/// model cannot see (the lure's slip is a page to open in the browser and sign in
/// on, which the rules catch). The bound moved from 5 to 6 for it; the next buyer
/// the model costs is to be looked at in the same way.
/// With chat19 (41 buyers' chat turns, no spam): 17 against 8 buyers flagged. Looked
/// at: three of its short turns with no product word ("hi dear intrested in ur
/// products pls send details", a French and a Vietnamese delivery question without a
/// mark) have NO_BUYING_WORDS (2.5) from the rules, and the model's CONTENT_LIKE_SPAM
/// (0.8 to 0.9) on their few chat words takes them to the threshold (3.0); a fourth is
/// flagged without the model too. What tells them from chat spam is that they ask
/// for nothing but an answer, which the signals (not the model) would have to read.
/// The bound moved from 6 to 9 for them, the verdicts left as they were (chat19's
/// branch changed no verdict); to be brought back when the signals read them.
/// Brought back to 6 with heldout20: a question word typed mid-sentence or without
/// marks ("combien de jours", "bao lau") is read as a question, and a thing asked
/// for by name as a buying word, so two of the three turns no longer have
/// NO_BUYING_WORDS and stay genuine with the model (14 against 8 buyers flagged, 821
/// against 807 spam flagged, with heldout20 among the sets). The third, "pls send
/// details", asks for nothing named and stays flagged.
#[test]
fn on_sets_it_never_saw_the_model_adds_more_than_it_costs() {
    let with_model = probe_figures(&Triager::new(&TriageSettings::default()));
    let rules_only = probe_figures(&Triager::new(&TriageSettings {
        content_model: false,
        ..TriageSettings::default()
    }));
    let spam_gained = with_model.0.saturating_sub(rules_only.0);
    let buyers_lost = with_model.1.saturating_sub(rules_only.1);
    assert!(
        spam_gained >= 8,
        "spam flagged: {} with the model, {} without",
        with_model.0,
        rules_only.0
    );
    assert!(
        buyers_lost <= 6,
        "buyers flagged: {} with the model, {} without",
        with_model.1,
        rules_only.1
    );
    assert_eq!(with_model.2, 0, "buyers called spam with the model");
}
