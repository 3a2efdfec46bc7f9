//! Property tests: whatever a buyer (or a scammer) writes, and whatever file a rep
//! imports, the engine answers or refuses cleanly — never a panic, always a verdict
//! from the set, a finite score, a reply without template syntax left in it.
//!
//! Inputs mix the shapes hostile text takes: any Unicode, control and bidirectional
//! characters, zero-width characters, markup, `javascript:` links, long runs of links
//! and attachments. Large inputs (1 MB bodies, thousands of links or attachments,
//! deeply nested JSON) are fixed cases at the end: they need no randomness.

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use xunpan::core::clock::Zone;
use xunpan::core::engine::{Batch, Engine};
use xunpan::core::inquiry::{Attachment, Buyer, Inquiry};
use xunpan::core::reply::names::given_name_from;
use xunpan::core::settings::Settings;

/// Pieces hostile text is made of.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z ,.?!]{0,40}",
        Just("\u{202E}gpj.exe".to_string()),
        Just("\u{200B}\u{200D}\u{FEFF}".to_string()),
        Just("<script>alert(1)</script><img src=x onerror=alert(2)>".to_string()),
        Just("javascript:alert(document.cookie)".to_string()),
        Just("http://bit.ly/x https://paypa1.com/login www.example.com".to_string()),
        Just("Price for 500 pcs FOB? 13x4 HD lace, MOQ 100".to_string()),
        Just("您好！请问价格多少？需要1000件".to_string()),
        Just("Здравствуйте! Какая цена за 200 штук?".to_string()),
        Just("\u{0}\u{7}\u{1B}[31m\r\n\t".to_string()),
        Just("Dear {{buyer_given_name}} [[product]] XX".to_string()),
    ]
}

fn text(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..max_pieces).prop_map(|parts| parts.concat())
}

fn inquiry() -> impl Strategy<Value = Inquiry> {
    (
        text(12),
        prop::option::of(text(3)),
        prop::option::of(text(2)),
        prop::option::of(text(2)),
        prop::collection::vec(text(2), 0..8),
    )
        .prop_map(|(body, subject, name, email, files)| Inquiry {
            body,
            subject,
            buyer: Some(Buyer {
                name,
                email,
                ..Buyer::default()
            }),
            attachments: files
                .into_iter()
                .map(|name| Attachment {
                    name,
                    ..Attachment::default()
                })
                .collect(),
            ..Inquiry::default()
        })
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default()
}

fn engine() -> Engine {
    Engine::new(Settings::default()).unwrap_or_else(|e| panic!("default settings: {e}"))
}

fn check_triage(engine: &Engine, inquiry: &Inquiry) {
    let result = engine.triage(inquiry, &mut Batch::default(), now(), &Zone::fixed(480));
    let value = serde_json::to_value(&result).unwrap_or_default();
    let verdict = value["verdict"].as_str().unwrap_or("");
    assert!(
        ["spam", "suspicious", "genuine"].contains(&verdict),
        "{verdict}"
    );
    assert!(value["score"].as_f64().is_some_and(f64::is_finite));
    for template in [None, Some("answer_questions"), Some("short_ack")] {
        let rendered = engine
            .render(
                inquiry,
                template,
                &mut Batch::default(),
                now(),
                &Zone::fixed(480),
            )
            .unwrap_or_else(|e| panic!("render {template:?}: {e}"));
        // Template syntax in a reply can only be the buyer's own words, quoted.
        let buyer_wrote = serde_json::to_string(inquiry)
            .unwrap_or_default()
            .contains("{{");
        assert!(
            buyer_wrote || !rendered.text.contains("{{"),
            "template syntax left: {}",
            rendered.text
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_inquiry_is_triaged_and_answered(inquiry in inquiry()) {
        check_triage(&engine(), &inquiry);
    }

    #[test]
    fn any_name_gives_a_usable_given_name_or_none(name in text(4)) {
        if let Some(given) = given_name_from(&name) {
            prop_assert!(!given.trim().is_empty());
            prop_assert!(given.chars().count() <= name.chars().count() + 1);
        }
    }

    #[test]
    fn any_text_lints(reply in text(10), inquiry in inquiry()) {
        let engine = engine();
        let _ = engine.lint(&reply, Some(&inquiry));
        let _ = engine.lint(&reply, None);
    }

    #[test]
    fn any_json_line_is_read_or_refused(line in text(6)) {
        let _ = serde_json::from_str::<Inquiry>(&line);
    }

    #[test]
    fn any_settings_document_is_accepted_or_refused(doc in settings_like()) {
        if let Ok(settings) = Settings::from_value(doc) {
            // Whatever was accepted builds an engine and survives a round trip.
            let again = serde_json::to_value(&settings).unwrap_or_default();
            prop_assert!(Settings::from_value(again).is_ok());
            let _ = Engine::new(settings);
        }
    }
}

/// JSON documents near the settings format: the right marker with random sections,
/// or random values altogether.
fn settings_like() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-zA-Z_]{0,12}".prop_map(serde_json::Value::from),
    ];
    let value = leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-zA-Z]{1,12}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    let section = prop_oneof![
        Just("triage"),
        Just("reply"),
        Just("policy"),
        Just("notifications"),
        Just("version"),
        Just("zone")
    ];
    prop_oneof![
        value.clone(),
        prop::collection::vec((section, value), 0..4).prop_map(|sections| {
            let mut doc = serde_json::json!({"format": "xunpan-settings", "version": 1});
            for (name, v) in sections {
                doc[name] = v;
            }
            doc
        }),
    ]
}

// --- large inputs ------------------------------------------------------------------

#[test]
fn a_one_megabyte_body_with_thousands_of_links_is_triaged() {
    let mut body = String::with_capacity(1 << 20);
    let mut n = 0;
    while body.len() < (1 << 20) {
        body.push_str(&format!(
            "see http://host{n}.example.com/p?q={n} \u{202E}now\u{202C} "
        ));
        n += 1;
    }
    let inquiry = Inquiry {
        body,
        attachments: (0..5000)
            .map(|k| Attachment {
                name: format!("file{k}.pdf.exe"),
                ..Attachment::default()
            })
            .collect(),
        ..Inquiry::default()
    };
    let engine = engine();
    let result = engine.triage(&inquiry, &mut Batch::default(), now(), &Zone::fixed(480));
    let value = serde_json::to_value(&result).unwrap_or_default();
    assert_eq!(value["verdict"], "spam");
    // One reason per code however many links and files there are.
    let codes: Vec<&str> = value["reasons"]
        .as_array()
        .map(|r| r.iter().filter_map(|x| x["code"].as_str()).collect())
        .unwrap_or_default();
    let mut unique = codes.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(codes.len(), unique.len(), "{codes:?}");
    check_triage(&engine, &inquiry);
}

#[test]
fn deeply_nested_json_is_refused_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(serde_json::from_str::<Inquiry>(&deep).is_err());
    let doc = format!(
        r#"{{"format":"xunpan-settings","version":1,"triage":{}{}}}"#,
        "{\"a\":".repeat(10_000),
        "1".to_string() + &"}".repeat(10_000)
    );
    match serde_json::from_str::<serde_json::Value>(&doc) {
        Ok(value) => assert!(Settings::from_value(value).is_err()),
        Err(e) => assert!(e.to_string().contains("recursion"), "{e}"),
    }
}
