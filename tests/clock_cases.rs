//! Table-driven reply-clock cases (`tests/fixtures/clock-cases.jsonl`) and follow-ups.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use xunpan::core::clock::{self, ClockPolicy, FollowUpKind, Zone};
use xunpan::core::inquiry::Inquiry;
use xunpan::core::triage::Grade;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("{s}: {e}"))
        .with_timezone(&Utc)
}

fn zone(v: &Value) -> Zone {
    match v {
        Value::String(s) => Zone::parse(s).expect("zone"),
        other => serde_json::from_value(other.clone()).expect("zone table"),
    }
}

#[test]
fn deadline_cases() {
    let mut failures = Vec::new();
    for line in include_str!("fixtures/clock-cases.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let c: Value = serde_json::from_str(line).expect("case");
        let policy: ClockPolicy = c.get("policy").map_or_else(ClockPolicy::default, |p| {
            serde_json::from_value(p.clone()).expect("policy")
        });
        assert!(policy.validate().is_ok(), "{}", c["case"]);
        let inquiry: Inquiry = serde_json::from_value(json!({
            "body": "x", "channel": c["channel"], "receivedAt": c["arrived"], "thread": c.get("thread").cloned().unwrap_or(Value::Null)
        }))
        .expect("inquiry");
        let now = utc(c["now"].as_str().expect("now"));
        // A case with `arrivedOn` (a date without a time) runs the day-level clock; one
        // tagged spam the clocks spam gets (the platform's, where it counts).
        let d = if let Some(day) = c.get("arrivedOn").and_then(Value::as_str) {
            let day = day.parse().expect("arrivedOn is YYYY-MM-DD");
            clock::day_deadline(&policy, &inquiry, day, now, &zone(&c["zone"]))
        } else if c.get("verdict").and_then(Value::as_str) == Some("spam") {
            clock::spam_deadline(&policy, &inquiry, now, &zone(&c["zone"]))
        } else {
            clock::deadline(&policy, &inquiry, now, &zone(&c["zone"]))
        };
        // `"deadline": null` marks a channel without a reply clock.
        if c.get("deadline") == Some(&Value::Null) {
            if d.is_some() {
                failures.push(format!("{}: a deadline, expected none", c["case"]));
            }
            continue;
        }
        let Some(d) = d else {
            failures.push(format!("{}: no deadline", c["case"]));
            continue;
        };
        let got = serde_json::to_value(&d).expect("json");
        // `null` for a key: the result must not have it.
        for key in [
            "companyDue",
            "platformDue",
            "status",
            "dueSoonMinutes",
            "quiet",
            "precision",
            "dueOn",
        ] {
            if let Some(want) = c.get(key) {
                let have = got.get(key).cloned().unwrap_or(Value::Null);
                if have != *want {
                    failures.push(format!("{}: {key} = {have}, expected {want}", c["case"]));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn thread(read: bool, extra_ours: &[&str]) -> Inquiry {
    let mut messages = vec![
        json!({"from": "buyer", "at": "2026-11-20T09:00:00+08:00", "text": "Need 200 pcs, price?"}),
        json!({"from": "seller", "at": "2026-11-20T09:08:00+08:00", "text": "Dear John, ..."}),
    ];
    for at in extra_ours {
        messages.push(json!({"from": "seller", "at": at, "text": "following up"}));
    }
    let last = extra_ours
        .last()
        .copied()
        .unwrap_or("2026-11-20T09:08:00+08:00");
    serde_json::from_value(json!({
        "body": "Need 200 pcs, price?", "receivedAt": "2026-11-20T09:00:00+08:00",
        "thread": {"ourLastReplyAt": last, "buyerReadAt": if read { json!("2026-11-20T12:00:00+08:00") } else { Value::Null }, "messages": messages}
    }))
    .expect("inquiry")
}

#[test]
fn follow_up_cadence() {
    let z = Zone::fixed(480);
    // 24 h after our reply: due; unread or read decides the template.
    let f = clock::follow_up(
        &thread(false, &[]),
        utc("2026-11-21T09:08:00+08:00"),
        &z,
        None,
    )
    .expect("due at 24 h");
    assert_eq!((f.kind, f.step), (FollowUpKind::Unread, 1));
    assert!(
        clock::follow_up(
            &thread(false, &[]),
            utc("2026-11-21T09:07:00+08:00"),
            &z,
            None
        )
        .is_none(),
        "not before 24 h"
    );
    assert_eq!(
        clock::follow_up(
            &thread(true, &[]),
            utc("2026-11-21T10:00:00+08:00"),
            &z,
            None
        )
        .map(|f| f.kind),
        Some(FollowUpKind::Read)
    );
    // Then 3 days, 1 week, half a month after our last message; then the cadence ends.
    for (ours, days) in [
        (vec!["2026-11-21T10:00:00+08:00"], 3),
        (
            vec!["2026-11-21T10:00:00+08:00", "2026-11-24T10:00:00+08:00"],
            7,
        ),
    ] {
        let f = clock::next_follow_up(&thread(false, &ours), &z, None).expect("next step");
        let last = utc(ours.last().copied().expect("last"));
        assert_eq!((f.due.with_timezone(&Utc) - last).num_days(), days);
    }
    let done = thread(
        false,
        &[
            "2026-11-21T10:00:00+08:00",
            "2026-11-24T10:00:00+08:00",
            "2026-12-01T10:00:00+08:00",
            "2026-12-16T10:00:00+08:00",
        ],
    );
    assert!(
        clock::next_follow_up(&done, &z, None).is_none(),
        "after half a month: call, don't message"
    );
}

#[test]
fn grade_cadence_for_buyers_in_conversation() {
    let z = Zone::fixed(480);
    let mut i = thread(true, &[]);
    if let Some(t) = i.thread.as_mut() {
        t.buyer_replied_at =
            Some(DateTime::parse_from_rfc3339("2026-11-19T09:00:00+08:00").expect("time"));
    }
    for (grade, hours) in [
        (Grade::A, 84),
        (Grade::B, 168),
        (Grade::C, 360),
        (Grade::D, 720),
    ] {
        let f = clock::next_follow_up(&i, &z, Some(grade)).expect("cadence");
        assert_eq!(
            (f.due.with_timezone(&Utc) - utc("2026-11-20T09:08:00+08:00")).num_hours(),
            hours,
            "{grade:?}"
        );
        assert_eq!(f.step, 0);
    }
}

#[test]
fn the_buyer_answering_ends_the_follow_ups() {
    let mut i = thread(false, &[]);
    if let Some(t) = i.thread.as_mut() {
        t.messages.push(
            serde_json::from_value(
                json!({"from": "buyer", "at": "2026-11-20T10:00:00+08:00", "text": "ok"}),
            )
            .expect("msg"),
        );
    }
    assert!(clock::next_follow_up(&i, &Zone::fixed(480), None).is_none());
}

/// A list row whose latest message is our reply shows no buyer text: its clocks come
/// from the thread alone, the same whatever the text would have been, and never the
/// clocks of spam (which an empty text would be called).
#[test]
fn thread_clocks_need_no_text() {
    let engine = xunpan::core::engine::Engine::new(xunpan::core::settings::Settings::default())
        .expect("default settings build an engine");
    let z = Zone::fixed(480);
    let now = utc("2026-11-20T12:00:00+08:00");
    let replied = |body: &str| Inquiry {
        body: body.into(),
        ..thread(false, &[])
    };
    let unread = engine.thread_clocks(&replied(""), now, &z);
    let spammy = engine.thread_clocks(&replied("click here to verify your password"), now, &z);
    assert_eq!(unread, spammy);
    let deadline = unread.deadline.expect("an arrival time gives a deadline");
    assert_eq!(
        serde_json::to_value(deadline.status).expect("status"),
        json!("met")
    );
    let follow = unread.follow_up.expect("our reply is the last word");
    assert_eq!((follow.kind, follow.step), (FollowUpKind::Unread, 1));
    assert_eq!(
        (follow.due.with_timezone(&Utc) - utc("2026-11-20T09:08:00+08:00")).num_hours(),
        24
    );
}

/// Berlin's summer time ends on 25 October 2026 at 01:00 UTC (+02:00 → +01:00).
fn berlin_autumn() -> Zone {
    serde_json::from_value(
        json!({"offsetMinutes": 120, "transitions": [[1_792_890_000_000_i64, 60]]}),
    )
    .expect("zone")
}

/// A thread: the buyer's inquiry, then our messages at `ours` (the first our answer);
/// `replied`: when the buyer last answered, if it did.
fn thread_at(buyer: &str, ours: &[&str], replied: Option<&str>) -> Inquiry {
    let mut messages = vec![json!({"from": "buyer", "at": buyer, "text": "Need 200 pcs, price?"})];
    for at in ours {
        messages.push(json!({"from": "seller", "at": at, "text": "following up"}));
    }
    serde_json::from_value(json!({
        "body": "Need 200 pcs, price?", "receivedAt": buyer,
        "thread": {"ourLastReplyAt": ours.last(), "buyerRepliedAt": replied, "messages": messages}
    }))
    .expect("inquiry")
}

/// A follow-up counted in days falls at the same wall time as our reply, on both sides
/// of a daylight-saving switch (it was counted in hours: "3 days later" landed an hour
/// off the rep's clock across the switch). The 24-hour step stays 24 elapsed hours.
#[test]
fn follow_ups_counted_in_days_keep_the_wall_time_across_a_switch() {
    let z = berlin_autumn();
    let wall = |f: &clock::FollowUp| f.due.format("%Y-%m-%dT%H:%M%:z").to_string();
    let buyer = "2026-10-23T09:00:00+02:00";
    // Our answer on Friday at 10:00 (+02:00), a first follow-up on Saturday at 10:00:
    // the next step, 3 days on, is Tuesday at 10:00 (+01:00).
    let f = clock::next_follow_up(
        &thread_at(
            buyer,
            &["2026-10-23T10:00:00+02:00", "2026-10-24T10:00:00+02:00"],
            None,
        ),
        &z,
        None,
    )
    .expect("step 2");
    assert_eq!(
        (f.step, wall(&f)),
        (2, "2026-10-27T10:00+01:00".to_string())
    );
    // A buyer in conversation, grade B: a week on, at the same wall time.
    let f = clock::next_follow_up(
        &thread_at(
            "2026-10-21T09:00:00+02:00",
            &["2026-10-22T10:00:00+02:00"],
            Some("2026-10-21T09:00:00+02:00"),
        ),
        &z,
        Some(Grade::B),
    )
    .expect("grade cadence");
    assert_eq!(wall(&f), "2026-10-29T10:00+01:00");
    // The first step is 24 elapsed hours: 09:00 local after the switch.
    let f = clock::next_follow_up(
        &thread_at(buyer, &["2026-10-24T10:00:00+02:00"], None),
        &z,
        None,
    )
    .expect("step 1");
    assert_eq!(
        (f.step, wall(&f)),
        (1, "2026-10-25T09:00+01:00".to_string())
    );
}
