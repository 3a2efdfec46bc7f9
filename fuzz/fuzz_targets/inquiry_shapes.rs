//! A structure-aware fuzz target for the door every inquiry comes in by.
//!
//! libFuzzer's bytes are read (with `arbitrary`) as an inquiry-shaped JSON tree:
//! every field of the contract, and unknown ones, holding any kind of value —
//! numbers of every size and sign, times as text, epoch milliseconds and seconds
//! (huge, negative, at the ends of the date library's range), text, lists and
//! objects nested in any field — plus a clock (`now`) and a time zone. The same line
//! then goes through both doors:
//! - `xunpan triage` and `xunpan render` (the CLI): one record for the line, an exit
//!   status of 0 or 1, never a panic;
//! - the door the wasm uses ([`xunpan::core::intake::read_inquiry`]), then triage,
//!   every template filled, the reply linted and the clocks computed: an item read
//!   at the door is always triaged, and a dropped field is named.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};
use xunpan::core::clock::{self, ClockPolicy, Zone};
use xunpan::core::engine::{Batch, Engine};
use xunpan::core::inquiry::{EARLIEST_TIME_MS, LATEST_TIME_MS};
use xunpan::core::intake::read_inquiry;
use xunpan::core::reply::TEMPLATE_IDS;
use xunpan::core::settings::Settings;

/// Field names of the contract, by level, so that most generated keys mean something.
const TOP: &[&str] = &[
    "id",
    "channel",
    "receivedAt",
    "subject",
    "body",
    "attachments",
    "product",
    "buyer",
    "thread",
    "keyword",
    "shipment",
    "rfq",
    "label",
];
const BUYER: &[&str] = &[
    "name",
    "country",
    "company",
    "email",
    "website",
    "phone",
    "registeredAt",
    "productViews",
    "inquiriesSent",
    "validInquiries",
    "repliedInquiries",
    "spamMarkedCount",
    "blacklistedCount",
    "loginDays",
    "level",
    "ipCountry",
    "emailVerified",
    "suppliersContacted",
    "accountId",
];
const THREAD: &[&str] = &[
    "ourLastReplyAt",
    "buyerReadAt",
    "buyerRepliedAt",
    "messages",
];
const MESSAGE: &[&str] = &["from", "at", "text", "auto"];
const OTHER: &[&str] = &[
    "name",
    "size",
    "id",
    "title",
    "carrier",
    "trackingNumber",
    "days",
    "quotesLeft",
    "buyerTags",
];
const WORDS: &[&str] = &[
    "inquiry",
    "chat",
    "rfq",
    "rtm",
    "visitor",
    "seller",
    "buyer",
    "true",
    "no",
    "-1",
    "12+",
    "2026-11-23T09:12:00+08:00",
    "2026-11-23 09:12:00",
    "2026-11-23",
    "2024-13-45 Beauty Supply",
    "9999-12-31T23:59:59-14:00",
    "0000-01-01T00:00:00+14:00",
    "1e400",
    "NaN",
    "",
    "Hi, price for 200 pcs of the 20 inch wig? Send catalogue to ana@example.com",
    "Dear sir, sign in at http://alibaba-verify.example/login to view the order",
    "您好，请报价 500 件",
    "https://wa.me/15550100",
    "PO#4471.zip",
];

/// Epoch numbers around the edges that matter.
const EDGES: &[i64] = &[
    0,
    -1,
    1,
    99_999_999_999,
    100_000_000_000,
    EARLIEST_TIME_MS,
    LATEST_TIME_MS,
    LATEST_TIME_MS + 1,
    8_210_266_876_799_999,
    8_210_266_876_800_000,
    -8_334_601_228_800_000,
    i64::MAX,
    i64::MIN,
    1_764_000_000_000,
];

#[derive(Arbitrary, Debug)]
enum Number {
    Small(i16),
    Edge(u8),
    Int(i64),
    Unsigned(u64),
    Float(f64),
    EdgeNear(u8, i32),
}

#[derive(Arbitrary, Debug)]
struct Rfc3339 {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    offset_minutes: i16,
    space: bool,
}

#[derive(Arbitrary, Debug)]
enum Node {
    Null,
    Bool(bool),
    Number(Number),
    Word(u8),
    Text(String),
    Time(Rfc3339),
    List(Vec<Node>),
    Object(Vec<(Key, Node)>),
}

#[derive(Arbitrary, Debug)]
enum Key {
    Known(u8),
    Other(String),
}

#[derive(Arbitrary, Debug)]
struct Case {
    fields: Vec<(Key, Node)>,
    body: Option<Node>,
    now: Number,
    zone_minutes: i16,
    template: u8,
}

/// How deep a generated value may nest (deeper values become `null`).
const MAX_DEPTH: usize = 6;

fn number(n: &Number) -> Value {
    match n {
        Number::Small(v) => json!(v),
        Number::Edge(i) => json!(EDGES[usize::from(*i) % EDGES.len()]),
        Number::Int(v) => json!(v),
        Number::Unsigned(v) => json!(v),
        Number::Float(v) => serde_json::Number::from_f64(*v).map_or(Value::Null, Value::Number),
        Number::EdgeNear(i, d) => {
            json!(EDGES[usize::from(*i) % EDGES.len()].saturating_add(i64::from(*d)))
        }
    }
}

fn time_text(t: &Rfc3339) -> String {
    let sign = if t.offset_minutes < 0 { '-' } else { '+' };
    let offset = t.offset_minutes.unsigned_abs() % (24 * 60);
    format!(
        "{:04}-{:02}-{:02}{}{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        t.year % 10_000,
        t.month % 14,
        t.day % 33,
        if t.space { ' ' } else { 'T' },
        t.hour % 25,
        t.minute % 61,
        t.second % 61,
        offset / 60,
        offset % 60,
    )
}

/// The key at `level`: one of the contract's names there, mostly.
fn key(k: &Key, names: &[&str]) -> String {
    match k {
        Key::Known(i) => names[usize::from(*i) % names.len()].to_string(),
        Key::Other(s) => s.clone(),
    }
}

/// Which names the fields of an object under `parent` take.
fn names_under(parent: &str) -> &'static [&'static str] {
    match parent {
        "buyer" => BUYER,
        "thread" => THREAD,
        "messages" => MESSAGE,
        _ => OTHER,
    }
}

fn value(node: &Node, parent: &str, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match node {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(*b),
        Node::Number(n) => number(n),
        Node::Word(i) => Value::String(WORDS[usize::from(*i) % WORDS.len()].to_string()),
        Node::Text(s) => Value::String(s.clone()),
        Node::Time(t) => Value::String(time_text(t)),
        Node::List(items) => {
            Value::Array(items.iter().map(|n| value(n, parent, depth + 1)).collect())
        }
        Node::Object(fields) => {
            let names = names_under(parent);
            let mut map = Map::new();
            for (k, n) in fields {
                let k = key(k, names);
                let v = value(n, &k, depth + 1);
                map.insert(k, v);
            }
            Value::Object(map)
        }
    }
}

fn inquiry(case: &Case) -> Value {
    let mut map = Map::new();
    for (k, n) in &case.fields {
        let k = key(k, TOP);
        let v = value(n, &k, 1);
        map.insert(k, v);
    }
    if let Some(body) = &case.body {
        map.insert("body".into(), value(body, "body", 1));
    }
    Value::Object(map)
}

/// The clock for the run: any time in the supported range.
fn now_ms(n: &Number) -> i64 {
    let raw = match number(n) {
        Value::Number(v) => v.as_i64().unwrap_or(1_764_000_000_000),
        _ => 1_764_000_000_000,
    };
    raw.clamp(EARLIEST_TIME_MS, LATEST_TIME_MS)
}

fn run_cli(args: &[String], line: &[u8]) {
    let mut stdin = std::io::Cursor::new(line.to_vec());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = xunpan::cli::run(args, &mut stdin, &mut out, &mut err);
    assert!(
        matches!(status, 0 | 1),
        "exit status {status}: {}",
        String::from_utf8_lossy(&err)
    );
    let records: Vec<Value> = out
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("every record is JSON"))
        .collect();
    assert_eq!(records.len(), 1, "one record for the line");
    assert_eq!(
        status == 1,
        records[0].get("error").is_some(),
        "{records:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(case) = Case::arbitrary(&mut Unstructured::new(data)) else {
        return;
    };
    let mut value = inquiry(&case);
    let line = serde_json::to_vec(&value).expect("a JSON value encodes");
    let now = now_ms(&case.now);
    let Some(now) = chrono::DateTime::from_timestamp_millis(now) else {
        return;
    };
    // The CLI reads offsets up to ±14:00, as the world uses them.
    let zone = Zone::fixed(i32::from(case.zone_minutes) % (14 * 60 + 1));
    let template = TEMPLATE_IDS[usize::from(case.template) % TEMPLATE_IDS.len()];

    // The CLI: one record for the line, never a panic.
    let now_text = now.to_rfc3339();
    let tz = {
        let m = zone.offset_minutes;
        format!(
            "{}{:02}:{:02}",
            if m < 0 { '-' } else { '+' },
            m.abs() / 60,
            m.abs() % 60
        )
    };
    for command in [
        vec!["triage", "--now", &now_text, "--tz", &tz],
        vec!["render", "--now", &now_text, "--tz", &tz],
        vec!["render", "--template", template, "--now", &now_text],
    ] {
        let args: Vec<String> = command.iter().map(|s| s.to_string()).collect();
        run_cli(&args, &line);
    }

    // The door the wasm uses, then everything the extension asks of an inquiry.
    let has_text_body = matches!(value.get("body"), Some(Value::String(_)));
    let intake = match read_inquiry(&mut value) {
        Ok(intake) => intake,
        Err(e) => {
            assert!(!has_text_body, "an item with a text body was refused: {e}");
            return;
        }
    };
    assert!(has_text_body, "an item without a text body was read");
    for dropped in &intake.dropped {
        assert!(!dropped.field.is_empty() && !dropped.reason.is_empty());
    }
    let Ok(engine) = Engine::new(Settings::default()) else {
        return;
    };
    let mut batch = Batch::default();
    let result = engine.triage(&intake.inquiry, &mut batch, now, &zone);
    assert!(
        TEMPLATE_IDS.contains(&result.template.as_str()),
        "{}",
        result.template
    );
    for id in TEMPLATE_IDS {
        if let Ok(rendered) = engine.render(&intake.inquiry, Some(id), &mut batch, now, &zone) {
            let _ = engine.lint(&rendered.text, Some(&intake.inquiry));
        }
    }
    let policy = ClockPolicy::default();
    let _ = clock::deadline(&policy, &intake.inquiry, now, &zone);
    let _ = clock::spam_deadline(&policy, &intake.inquiry, now, &zone);
    let _ = clock::follow_up(&intake.inquiry, now, &zone, Some(result.assessment.grade));
    // What the door kept reads back the same through it: nothing more is dropped.
    let mut again = serde_json::to_value(&intake.inquiry).expect("an inquiry encodes");
    let reread = read_inquiry(&mut again).expect("a kept inquiry reads again");
    assert!(
        reread.dropped.is_empty(),
        "kept fields dropped on re-reading: {:?}",
        reread.dropped
    );
});
