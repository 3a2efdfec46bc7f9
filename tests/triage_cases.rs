//! Data-driven triage cases (`tests/fixtures/triage-cases.jsonl`) and the measured
//! targets on the development corpora beside the checkout.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use serde_json::Value;
use xunpan::core::clock::Zone;
use xunpan::core::engine::{Batch, Engine};
use xunpan::core::inquiry::Inquiry;
use xunpan::core::settings::Settings;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+08:00")
        .expect("time")
        .with_timezone(&chrono::Utc)
}

#[test]
fn fixture_cases() {
    let text = include_str!("fixtures/triage-cases.jsonl");
    let mut failures = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        let name = case["case"].as_str().unwrap_or("?");
        let mut settings = Settings::default();
        if let Some(t) = case.get("settings") {
            settings.triage = serde_json::from_value(t.clone()).expect("triage settings");
        }
        // "learn": what the rep marked before ({"spam": bool, "inquiry": {...}}).
        for example in case["learn"].as_array().into_iter().flatten() {
            let inquiry: Inquiry =
                serde_json::from_value(example["inquiry"].clone()).expect("learn inquiry");
            settings
                .triage
                .learn(&inquiry, example["spam"].as_bool().expect("learn.spam"));
        }
        let engine = Engine::new(settings).expect("engine");
        let inquiry: Inquiry = serde_json::from_value(case["inquiry"].clone()).expect("inquiry");
        // "before": inquiries triaged earlier in the same batch (repetition).
        let mut batch = Batch::default();
        for earlier in case["before"].as_array().into_iter().flatten() {
            let earlier: Inquiry = serde_json::from_value(earlier.clone()).expect("before inquiry");
            engine.triage(&earlier, &mut batch, now(), &Zone::fixed(480));
        }
        let r = engine.triage(&inquiry, &mut batch, now(), &Zone::fixed(480));
        let v = serde_json::to_value(&r).expect("json");
        let codes: Vec<&str> = v["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .filter_map(|r| r["code"].as_str())
            .collect();
        let expect = &case["expect"];
        let mut problems = Vec::new();
        if let Some(verdict) = expect["verdict"].as_str() {
            if v["verdict"] != verdict {
                problems.push(format!(
                    "verdict {} (score {}), expected {verdict}",
                    v["verdict"], v["score"]
                ));
            }
        }
        if let Some(not) = expect["verdict_not"].as_str() {
            if v["verdict"] == not {
                problems.push(format!("verdict must not be {not}"));
            }
        }
        for code in expect["codes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !codes.contains(&code) {
                problems.push(format!("missing reason {code}"));
            }
        }
        for code in expect["absent"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if codes.contains(&code) {
                problems.push(format!("unexpected reason {code}"));
            }
        }
        for key in ["kind", "template"] {
            if let Some(want) = expect[key].as_str() {
                if v[key] != want {
                    problems.push(format!("{key} {}, expected {want}", v[key]));
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{name}: {} — reasons {codes:?}",
                problems.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A development corpus in `../shared/corpus/` beside the checkout. Without it the
/// corpus targets cannot be checked: a local run says so and goes on, but under CI
/// (`CI=true`) the test fails, or a missing corpus would pass as targets met.
fn corpus(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    corpus_in(&dir, name, std::env::var("CI").is_ok_and(|ci| ci == "true"))
}

fn corpus_in(dir: &std::path::Path, name: &str, under_ci: bool) -> Option<PathBuf> {
    let p = dir.join(name);
    if p.exists() {
        return Some(p);
    }
    assert!(
        !under_ci,
        "{} not found: CI checks the corpus targets, so ../shared must be beside the checkout",
        p.display()
    );
    eprintln!(
        "note: {} not found beside the checkout; corpus targets not checked",
        p.display()
    );
    None
}

#[test]
#[should_panic(expected = "CI checks the corpus targets")]
fn a_missing_corpus_fails_under_ci() {
    let dir = std::path::Path::new("/nonexistent");
    corpus_in(dir, "inquiries-dev.jsonl", true);
}

#[test]
fn a_missing_corpus_is_skipped_with_a_note_outside_ci() {
    let dir = std::path::Path::new("/nonexistent");
    assert_eq!(corpus_in(dir, "inquiries-dev.jsonl", false), None);
}

/// (spam total, spam called spam, spam flagged, genuine total, genuine called spam, template hits, template cases)
fn measure(path: &PathBuf) -> (usize, usize, usize, usize, usize, usize, usize) {
    let engine = Engine::new(Settings::default()).expect("engine");
    let mut batch = Batch::default();
    let text = std::fs::read_to_string(path).expect("corpus");
    let mut m = (0, 0, 0, 0, 0, 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let raw: Value = serde_json::from_str(line).expect("json");
        let inquiry: Inquiry = serde_json::from_value(raw.clone()).expect("inquiry");
        let r = engine.triage(&inquiry, &mut batch, now(), &Zone::fixed(480));
        let verdict = r.assessment.verdict.as_str();
        if raw["label"] == "spam" {
            m.0 += 1;
            m.1 += usize::from(verdict == "spam");
            m.2 += usize::from(verdict != "genuine");
        } else {
            m.3 += 1;
            m.4 += usize::from(verdict == "spam");
        }
        if let Some(t) = raw["template"].as_str() {
            m.6 += 1;
            m.5 += usize::from(t == r.template);
        }
    }
    m
}

/// Asserts a labelled inquiry set's goals: at most `genuine_spam_max` % of its genuine
/// buyers called spam, at least `flagged_min` % of its spam flagged, `called_min` %
/// called spam and `template_min` % of its lines given the expected template.
fn assert_inquiry_targets(
    name: &str,
    genuine_spam_max: f64,
    flagged_min: f64,
    called_min: f64,
    template_min: f64,
) {
    let Some(path) = corpus(name) else {
        return;
    };
    let (spam, called, flagged, genuine, false_spam, template_hits, template_cases) =
        measure(&path);
    assert!(template_cases > 0, "{name}: no line names its template");
    let pct = |n: usize, d: usize| 100.0 * n as f64 / d as f64;
    let (false_pct, flagged_pct, called_pct) = (
        pct(false_spam, genuine),
        pct(flagged, spam),
        pct(called, spam),
    );
    assert!(
        false_pct <= genuine_spam_max,
        "{name}: genuine called spam {false_pct:.1}%"
    );
    assert!(
        flagged_pct >= flagged_min,
        "{name}: spam flagged {flagged_pct:.1}%"
    );
    assert!(
        called_pct >= called_min,
        "{name}: spam called spam {called_pct:.1}%"
    );
    let template_pct = pct(template_hits, template_cases);
    assert!(
        template_pct >= template_min,
        "{name}: template top-1 {template_pct:.1}%"
    );
}

/// The set the rules were written from.
#[test]
fn inquiry_corpus_meets_the_targets() {
    assert_inquiry_targets("inquiries-dev.jsonl", 1.0, 95.0, 85.0, 95.0);
}

/// The second development set was written apart from the rules (eleven languages,
/// thirteen kinds of spam, genuine buyers that look like spam): the goals of issue 24.
#[test]
fn second_inquiry_corpus_meets_the_targets() {
    assert_inquiry_targets("inquiries-dev2.jsonl", 1.0, 95.0, 75.0, 90.0);
}

#[test]
fn spamassassin_corpus_meets_the_targets() {
    let Some(path) = corpus("spamassassin-dev.jsonl") else {
        return;
    };
    let (spam, _, flagged, ham, false_spam, _, _) = measure(&path);
    let pct = |n: usize, d: usize| 100.0 * n as f64 / d as f64;
    assert!(
        pct(false_spam, ham) <= 1.0,
        "ham called spam {:.2}%",
        pct(false_spam, ham)
    );
    assert!(
        pct(flagged, spam) >= 90.0,
        "spam flagged {:.1}%",
        pct(flagged, spam)
    );
}

/// Every reason code is pinned by at least one fixture case that expects it, so a
/// rule cannot stop firing unnoticed (issue 24: 44 of 66 codes had none).
#[test]
fn every_rule_has_a_fixture_that_expects_it() {
    use xunpan::core::triage::rules::Code;
    let text = include_str!("fixtures/triage-cases.jsonl");
    let mut expected = std::collections::HashSet::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("fixture line is JSON");
        for code in case["expect"]["codes"].as_array().into_iter().flatten() {
            let name = code.as_str().expect("codes are strings");
            assert!(
                Code::parse(name).is_some(),
                "fixture expects unknown code {name}"
            );
            expected.insert(name.to_string());
        }
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !expected.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a fixture case: {missing:?}"
    );
}

/// A hostile message — a megabyte of text, thousands of links and attachments —
/// is read only up to the scan limits: the result stays small and the evidence at
/// the start still counts.
#[test]
fn huge_messages_are_read_within_bounds() {
    use xunpan::core::inquiry::Attachment;
    use xunpan::core::triage::{Seen, TriageSettings, Triager};

    let mut body = String::from(
        "Sign in with your email password at http://203.0.113.9/login to see the order.\n",
    );
    while body.len() < 1_000_000 {
        body.push_str("see http://bit.ly/x and www.example.org/a?b=c — 价格 цена price ");
    }
    let attachments = (0..5_000)
        .map(|n| Attachment {
            name: format!("order_{n}.pdf.exe"),
            ..Attachment::default()
        })
        .collect();
    let inquiry = Inquiry {
        body,
        attachments,
        ..Inquiry::default()
    };
    let triager = Triager::new(&TriageSettings::default());
    let a = triager.assess(&inquiry, &mut Seen::default());
    let codes: Vec<&str> = a.reasons.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(a.verdict.as_str(), "spam", "{codes:?}");
    assert!(codes.contains(&"CREDENTIAL_LINK"), "{codes:?}");
    assert!(codes.contains(&"IP_ADDRESS_LINK"), "{codes:?}");
    assert!(
        a.reasons.len() <= 40,
        "one reason per code, not one per link or file: {}",
        a.reasons.len()
    );
    let json = serde_json::to_string(&a).expect("json");
    assert!(json.len() < 16_384, "result is {} bytes", json.len());
}
