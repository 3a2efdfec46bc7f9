//! Language identification against hand-labelled messages (tests/fixtures/languages.tsv):
//! every line of both development sets, plus mixed and very short messages.
//!
//! Goals, asserted: at least 95 % right per language on messages of 20 characters or
//! more, and never a wrong language: a message the engine cannot place gets English,
//! so the only error allowed is "English instead of X" on a short or unclear text.
//! `cargo test --release --test languages -- --nocapture` prints the table that
//! docs/languages.md quotes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use xunpan::core::language::{identify, LANGUAGES};

/// Share of right answers needed per language on messages of 20+ characters.
const GOAL: f64 = 0.95;
/// Characters from which the goal applies.
const LONG_ENOUGH: usize = 20;

struct Case {
    id: String,
    language: String,
    text: String,
}

fn fixture() -> Vec<Case> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tsv = std::fs::read_to_string(root.join("tests/fixtures/languages.tsv"))
        .expect("tests/fixtures/languages.tsv is readable");
    let bodies = corpus_bodies();
    let mut cases = Vec::new();
    let mut missing = 0;
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(language), Some(text)) = (fields.next(), fields.next(), fields.next())
        else {
            panic!("languages.tsv line {}: expected id, language, text", n + 1);
        };
        assert!(
            LANGUAGES.contains(&language),
            "languages.tsv line {}: '{language}' is not a served language",
            n + 1
        );
        let text = if text.is_empty() {
            match bodies.as_ref() {
                Some(b) => b
                    .get(id)
                    .unwrap_or_else(|| panic!("{id} is in languages.tsv but not in the corpus"))
                    .clone(),
                None => {
                    missing += 1;
                    continue;
                }
            }
        } else {
            text.to_string()
        };
        cases.push(Case {
            id: id.to_string(),
            language: language.to_string(),
            text,
        });
    }
    if let Some(b) = &bodies {
        let labelled = tsv.lines().filter(|l| l.ends_with('\t')).count();
        assert_eq!(
            labelled,
            b.len(),
            "every corpus line needs a label in languages.tsv"
        );
    }
    if missing > 0 {
        eprintln!("note: {missing} corpus rows not checked (no ../shared/corpus)");
    }
    cases
}

/// Bodies of both development sets by id, or `None` outside CI when `../shared` is absent.
fn corpus_bodies() -> Option<BTreeMap<String, String>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let under_ci = std::env::var("CI").is_ok_and(|ci| ci == "true");
    let mut out = BTreeMap::new();
    for name in ["inquiries-dev.jsonl", "inquiries-dev2.jsonl"] {
        let path = dir.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            assert!(
                !under_ci,
                "{} not found: CI checks language accuracy, so ../shared must be beside the checkout",
                path.display()
            );
            return None;
        };
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
            let id = v["id"].as_str().expect("corpus line has an id").to_string();
            // Only the body: the `note` field is for people, never for the engine.
            let body = v["body"].as_str().unwrap_or_default().to_string();
            out.insert(id, body);
        }
    }
    Some(out)
}

#[derive(Default)]
struct Tally {
    long: usize,
    long_right: usize,
    short: usize,
    short_right: usize,
}

#[test]
fn accuracy_per_language_and_never_a_wrong_language() {
    let cases = fixture();
    assert!(
        cases.len() >= 40,
        "the fixture has the extra messages at least"
    );
    let mut tally: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut wrong = Vec::new();
    for case in &cases {
        let got = identify(&case.text);
        let long = case.text.chars().count() >= LONG_ENOUGH;
        let right = got.language == case.language;
        let t = tally
            .entry(
                LANGUAGES
                    .iter()
                    .find(|l| **l == case.language)
                    .copied()
                    .unwrap_or("?"),
            )
            .or_default();
        if long {
            t.long += 1;
            t.long_right += usize::from(right);
        } else {
            t.short += 1;
            t.short_right += usize::from(right);
        }
        if !right {
            wrong.push(format!(
                "{} ({}, {} chars): want {}, got {} (sure: {}) — {:.70}",
                case.id,
                if long { "long" } else { "short" },
                case.text.chars().count(),
                case.language,
                got.language,
                got.sure,
                case.text.replace('\n', " / ")
            ));
            // Never a wrong language: the only miss allowed is the English fallback.
            assert!(
                got.language == "en" && !got.sure,
                "{} is called {} but is {}: a wrong language is worse than English",
                case.id,
                got.language,
                case.language
            );
        }
    }
    println!("| language | messages ≥ 20 chars | right | short messages | right |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let mut below = Vec::new();
    for lang in LANGUAGES {
        let t = tally
            .get(lang)
            .expect("every served language has labelled messages");
        let share = t.long_right as f64 / t.long.max(1) as f64;
        println!(
            "| {lang} | {} | {} ({:.1} %) | {} | {} |",
            t.long,
            t.long_right,
            share * 100.0,
            t.short,
            t.short_right
        );
        assert!(t.long >= 5, "{lang}: too few labelled messages to measure");
        if share < GOAL {
            below.push(format!("{lang} {:.1} %", share * 100.0));
        }
    }
    for w in &wrong {
        println!("miss: {w}");
    }
    assert!(
        below.is_empty(),
        "below {} % on messages of {LONG_ENOUGH}+ characters: {}",
        GOAL * 100.0,
        below.join(", ")
    );
}
