//! The door every inquiry comes in by: a JSON value in, an [`Inquiry`] out.
//!
//! The command-line tool, the WebAssembly boundary and the fuzzer all read an
//! inquiry here, so they agree on what is kept. Only the required field decides
//! whether there is an inquiry at all: the value must be an object with `body` as
//! text. Every optional field is read on its own: one that cannot be read (a
//! registration "date" that is a company name, a count that is a list, a time
//! outside the supported range) is dropped with a [`DroppedField`] note saying
//! where and why, and the rest of the item is still triaged.
//!
//! Reading goes field by field: each field (after its own fields, for an object or a
//! list) is checked by reading its parent type from that field alone, the very code
//! [`Inquiry`]'s deserialisation runs, so there is one definition of "readable". The
//! work is linear in the size of the value.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::core::error::Error;
use chrono::{DateTime, FixedOffset};

use crate::core::inquiry::{
    supported_time, unsupported_time_message, Attachment, Buyer, Inquiry, Message, Product,
    RfqListing, Shipment, Thread,
};
use crate::core::text::clip;

/// An optional field the door could not read and left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedField {
    /// Where it was: `buyer.registeredAt`, `thread.messages[2].at`, …
    pub field: String,
    /// Why it was dropped, and how to write it.
    pub reason: String,
}

/// An inquiry read at the door, with the optional fields it left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    /// The inquiry, every readable field kept.
    pub inquiry: Inquiry,
    /// The fields left out, in the order met (empty when everything was read).
    pub dropped: Vec<DroppedField>,
}

/// Longest reason kept in a note: a bad value is quoted in part, never whole.
const REASON_CHARS: usize = 160;

/// Reads one inquiry from a JSON value, dropping the optional fields it cannot
/// read (see the module docs). The value is pruned in place, so a caller that
/// reads more from it (a label, an expected template) sees what was kept.
///
/// # Errors
/// [`Error::BadInput`] when the value is not an object or its `body` is missing or
/// not text: there is no inquiry to triage without its text.
pub fn read_inquiry(value: &mut Value) -> Result<Intake, Error> {
    let Value::Object(map) = value else {
        return Err(Error::BadInput(
            "each line must be one JSON object (an Inquiry)".into(),
        ));
    };
    match map.get("body") {
        Some(Value::String(_)) => {}
        Some(other) => {
            return Err(Error::BadInput(format!(
                "\"body\" must be a string (the buyer's text), found {}",
                kind(other)
            )))
        }
        None => {
            return Err(Error::BadInput(
                "missing \"body\": every inquiry needs its text".into(),
            ))
        }
    }
    let mut dropped = Vec::new();
    prune_record::<Inquiry>(map, "", INQUIRY_NESTED, &mut dropped);
    let mut inquiry = Inquiry::deserialize(&*value)
        .map_err(|e| Error::BadInput(format!("not an Inquiry: {e}")))?;
    drop_unsupported_times(&mut inquiry, &mut dropped);
    Ok(Intake { inquiry, dropped })
}

/// Leaves out every time outside [`crate::core::inquiry::SUPPORTED_TIMES`]: a year
/// like 0102 is a misread date, not a clock to run.
fn drop_unsupported_times(inquiry: &mut Inquiry, out: &mut Vec<DroppedField>) {
    let mut check = |slot: &mut Option<DateTime<FixedOffset>>, field: String| {
        if let Some(t) = slot.filter(|t| supported_time(*t).is_none()) {
            out.push(DroppedField {
                field,
                reason: unsupported_time_message(&t),
            });
            *slot = None;
        }
    };
    check(&mut inquiry.received_at, "receivedAt".into());
    if let Some(buyer) = inquiry.buyer.as_mut() {
        check(&mut buyer.registered_at, "buyer.registeredAt".into());
    }
    if let Some(thread) = inquiry.thread.as_mut() {
        check(
            &mut thread.our_last_reply_at,
            "thread.ourLastReplyAt".into(),
        );
        check(&mut thread.buyer_read_at, "thread.buyerReadAt".into());
        check(&mut thread.buyer_replied_at, "thread.buyerRepliedAt".into());
        for (i, message) in thread.messages.iter_mut().enumerate() {
            check(&mut message.at, format!("thread.messages[{i}].at"));
        }
    }
}

/// Reads one inquiry from JSON text (see [`read_inquiry`]); also returns the value
/// as kept, for callers that read more fields from it.
///
/// # Errors
/// [`Error::BadInput`] for text that is not JSON, and as [`read_inquiry`].
pub fn read_inquiry_json(text: &[u8]) -> Result<(Value, Intake), Error> {
    let mut value: Value = serde_json::from_slice(text)
        .map_err(|e| Error::BadInput(format!("not valid JSON: {e}")))?;
    let intake = read_inquiry(&mut value)?;
    Ok((value, intake))
}

/// How the fields of an object or a list nested in a record are pruned first.
#[derive(Clone, Copy)]
enum Nested {
    /// An object: prune its fields.
    Record(fn(&mut Map<String, Value>, &str, &mut Vec<DroppedField>)),
    /// A list of objects: prune each element's fields, drop elements that are not
    /// objects.
    Records(fn(&mut Map<String, Value>, &str, &mut Vec<DroppedField>)),
    /// A list of text: drop elements that are not text.
    Texts,
}

const INQUIRY_NESTED: &[(&str, Nested)] = &[
    ("buyer", Nested::Record(prune::<Buyer>)),
    ("product", Nested::Record(prune::<Product>)),
    ("thread", Nested::Record(prune_thread)),
    ("shipment", Nested::Record(prune::<Shipment>)),
    ("rfq", Nested::Record(prune_rfq)),
    ("attachments", Nested::Records(prune::<Attachment>)),
];

fn prune<T: DeserializeOwned>(
    map: &mut Map<String, Value>,
    path: &str,
    out: &mut Vec<DroppedField>,
) {
    prune_record::<T>(map, path, &[], out);
}

fn prune_thread(map: &mut Map<String, Value>, path: &str, out: &mut Vec<DroppedField>) {
    prune_record::<Thread>(
        map,
        path,
        &[("messages", Nested::Records(prune::<Message>))],
        out,
    );
}

fn prune_rfq(map: &mut Map<String, Value>, path: &str, out: &mut Vec<DroppedField>) {
    prune_record::<RfqListing>(map, path, &[("buyerTags", Nested::Texts)], out);
}

/// Prunes the fields of `map`, an object read as `T`: nested objects and lists
/// first (per `nested`), then each field by reading `T` from it alone. For an
/// [`Inquiry`], the required `body` is kept as it is and stands in during the check.
fn prune_record<T: DeserializeOwned>(
    map: &mut Map<String, Value>,
    path: &str,
    nested: &[(&str, Nested)],
    out: &mut Vec<DroppedField>,
) {
    let keys: Vec<String> = map.keys().filter(|k| *k != "body").cloned().collect();
    // The inquiry's check needs a body; a blank one stands in for the real text.
    let needs_body = map.contains_key("body");
    for key in keys {
        let Some(mut value) = map.remove(&key) else {
            continue;
        };
        let here = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        if let Some((_, how)) = nested.iter().find(|(name, _)| *name == key) {
            prune_nested(*how, &mut value, &here, out);
        }
        let mut alone = Map::new();
        if needs_body {
            alone.insert("body".into(), Value::String(String::new()));
        }
        alone.insert(key.clone(), value);
        let alone = Value::Object(alone);
        let check = T::deserialize(&alone).map(drop);
        let Value::Object(mut alone) = alone else {
            continue;
        };
        match (check, alone.remove(&key)) {
            (Ok(()), Some(value)) => {
                map.insert(key, value);
            }
            (Err(e), _) => out.push(DroppedField {
                field: here,
                reason: clip(&e.to_string(), REASON_CHARS),
            }),
            (Ok(()), None) => {}
        }
    }
}

fn prune_nested(how: Nested, value: &mut Value, path: &str, out: &mut Vec<DroppedField>) {
    match (how, value) {
        (Nested::Record(prune_fields), Value::Object(map)) => prune_fields(map, path, out),
        (Nested::Records(prune_fields), Value::Array(items)) => {
            let mut index = 0usize;
            items.retain_mut(|item| {
                let here = format!("{path}[{index}]");
                index += 1;
                match item {
                    Value::Object(map) => {
                        prune_fields(map, &here, out);
                        true
                    }
                    other => {
                        out.push(DroppedField {
                            field: here,
                            reason: format!("expected an object, found {}", kind(other)),
                        });
                        false
                    }
                }
            });
        }
        (Nested::Texts, Value::Array(items)) => {
            let mut index = 0usize;
            items.retain(|item| {
                let here = format!("{path}[{index}]");
                index += 1;
                let keep = matches!(item, Value::String(_));
                if !keep {
                    out.push(DroppedField {
                        field: here,
                        reason: format!("expected text, found {}", kind(item)),
                    });
                }
                keep
            });
        }
        // Any other shape: the field's own check below drops it, with the reason.
        _ => {}
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Intake {
        read_inquiry_json(text.as_bytes())
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .1
    }

    fn fields(intake: &Intake) -> Vec<&str> {
        intake.dropped.iter().map(|d| d.field.as_str()).collect()
    }

    /// Each bad optional field, and where the note says it was.
    #[test]
    fn a_bad_optional_field_is_dropped_with_a_note_and_the_rest_kept() {
        let cases = [
            (
                r#"{"body":"x","buyer":{"name":"Ana","registeredAt":"2024-13-45 Beauty Supply"}}"#,
                "buyer.registeredAt",
                "not a time",
            ),
            (
                r#"{"body":"x","receivedAt":9e15}"#,
                "receivedAt",
                "1970-01-01 to 9999-12-31",
            ),
            (
                r#"{"body":"x","receivedAt":"0001-01-01T00:00:00Z"}"#,
                "receivedAt",
                "outside",
            ),
            (r#"{"body":"x","receivedAt":[1,2]}"#, "receivedAt", "a list"),
            (r#"{"body":"x","channel":5}"#, "channel", "a number"),
            (
                r#"{"body":"x","channel":"fax"}"#,
                "channel",
                "not a channel",
            ),
            (r#"{"body":"x","subject":{"a":1}}"#, "subject", "an object"),
            (r#"{"body":"x","buyer":5}"#, "buyer", "invalid type"),
            (
                r#"{"body":"x","buyer":{"inquiriesSent":"many"}}"#,
                "buyer.inquiriesSent",
                "not a count",
            ),
            (
                r#"{"body":"x","buyer":{"emailVerified":"perhaps"}}"#,
                "buyer.emailVerified",
                "yes or no",
            ),
            (
                r#"{"body":"x","thread":{"messages":[{"at":"soon","text":"hi"},7]}}"#,
                "thread.messages[0].at",
                "not a time",
            ),
            (
                r#"{"body":"x","thread":{"ourLastReplyAt":8210266876799000}}"#,
                "thread.ourLastReplyAt",
                "9999",
            ),
            (
                r#"{"body":"x","thread":{"messages":{"text":"hi"}}}"#,
                "thread.messages",
                "invalid type",
            ),
            (
                r#"{"body":"x","attachments":[{"name":"a.zip","size":true}]}"#,
                "attachments[0].size",
                "count",
            ),
            (
                r#"{"body":"x","rfq":{"buyerTags":["ok",3]}}"#,
                "rfq.buyerTags[1]",
                "expected text",
            ),
            (
                r#"{"body":"x","product":{"title":["a"]}}"#,
                "product.title",
                "a list",
            ),
        ];
        for (text, field, why) in cases {
            let intake = read(text);
            assert!(
                intake
                    .dropped
                    .iter()
                    .any(|d| d.field == field && d.reason.contains(why)),
                "{text}: expected {field} dropped ({why}), got {:?}",
                intake.dropped
            );
            assert_eq!(intake.inquiry.body, "x");
        }
    }

    #[test]
    fn what_is_readable_is_kept_beside_what_is_dropped() {
        let intake = read(
            r#"{"body":"x","id":"7","channel":"chat","receivedAt":"2026-11-23T09:12:00+08:00",
                "buyer":{"name":"Ana","company":"2024-13-45 Beauty Supply","registeredAt":"2024-13-45 Beauty Supply","loginDays":"3"},
                "thread":{"messages":[{"from":"seller","at":"2026-11-23T09:13:00+08:00","text":"ok"},"junk",{"from":"robot","text":"hi"}]}}"#,
        );
        assert_eq!(
            fields(&intake),
            [
                "buyer.registeredAt",
                "thread.messages[1]",
                "thread.messages[2].from"
            ]
        );
        let i = intake.inquiry;
        assert_eq!(i.id.as_deref(), Some("7"));
        assert!(i.received_at.is_some());
        let buyer = i.buyer.expect("buyer kept");
        assert_eq!(buyer.name.as_deref(), Some("Ana"));
        assert_eq!(buyer.company.as_deref(), Some("2024-13-45 Beauty Supply"));
        assert_eq!(buyer.login_days, Some(3));
        assert!(buyer.registered_at.is_none());
        let messages = i.thread.expect("thread kept").messages;
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[1].text, "hi");
    }

    #[test]
    fn a_clean_inquiry_drops_nothing_and_reads_as_serde_reads_it() {
        let text = r#"{"body":"x","id":"1","buyer":{"productViews":-1,"inquiriesSent":"12","registeredAt":"2026-11-20"},"thread":{"ourLastReplyAt":1700000000000,"messages":null},"label":"spam"}"#;
        let intake = read(text);
        assert!(intake.dropped.is_empty(), "{:?}", intake.dropped);
        assert_eq!(
            intake.inquiry,
            serde_json::from_str::<Inquiry>(text).expect("serde reads it")
        );
    }

    #[test]
    fn only_the_required_field_refuses_an_item() {
        for (text, why) in [
            (r#"{"id":"1"}"#, "missing \"body\""),
            (r#"{"body":42}"#, "must be a string"),
            (r#"{"body":null}"#, "must be a string"),
            ("[1]", "one JSON object"),
            ("{", "not valid JSON"),
        ] {
            let e = read_inquiry_json(text.as_bytes()).expect_err(text);
            assert!(e.to_string().contains(why), "{text}: {e}");
        }
    }

    #[test]
    fn a_long_bad_value_is_quoted_in_part() {
        let long = "9".repeat(5000);
        let intake = read(&format!(r#"{{"body":"x","receivedAt":"{long}"}}"#));
        assert_eq!(fields(&intake), ["receivedAt"]);
        assert!(intake.dropped[0].reason.chars().count() <= REASON_CHARS + 1);
    }
}
