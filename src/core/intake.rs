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
use crate::core::value_reader;

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
    let Value::Object(map) = &*value else {
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
    // Most items are whole: when the value reads as an Inquiry at once and has no
    // list element of the wrong kind, pruning would keep every field, so it is
    // skipped (it reads each field on its own, several times the work).
    let whole = if plain_lists(map, INQUIRY_NESTED) {
        value_reader::read::<Inquiry>(value).ok()
    } else {
        None
    };
    let mut inquiry = match whole {
        Some(inquiry) => inquiry,
        None => prune_and_read(value, &mut dropped)?,
    };
    drop_unsupported_times(&mut inquiry, &mut dropped);
    Ok(Intake { inquiry, dropped })
}

/// Drops every optional field that cannot be read, noting it in `dropped`, then
/// reads what is left.
fn prune_and_read(value: &mut Value, dropped: &mut Vec<DroppedField>) -> Result<Inquiry, Error> {
    if let Value::Object(map) = value {
        prune_record(map, "", INQUIRY_NESTED, reads_as::<Inquiry>, dropped);
    }
    value_reader::read::<Inquiry>(value)
        .map_err(|e| Error::BadInput(format!("not an Inquiry: {e}")))
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
    prune_record(map, path, &[], reads_as::<T>, out);
}

/// Whether `value` reads as a `T`: the check pruning makes of each field. The only
/// part of pruning made once per record type; [`prune_record`] itself is not
/// generic, so the wasm holds it once rather than once for each of the eight types.
fn reads_as<T: DeserializeOwned>(value: &Value) -> Result<(), serde_json::Error> {
    value_reader::read::<T>(value).map(drop)
}

const THREAD_NESTED: &[(&str, Nested)] = &[("messages", Nested::Records(prune::<Message>))];

const RFQ_NESTED: &[(&str, Nested)] = &[("buyerTags", Nested::Texts)];

fn prune_thread(map: &mut Map<String, Value>, path: &str, out: &mut Vec<DroppedField>) {
    prune_record(map, path, THREAD_NESTED, reads_as::<Thread>, out);
}

fn prune_rfq(map: &mut Map<String, Value>, path: &str, out: &mut Vec<DroppedField>) {
    prune_record(map, path, RFQ_NESTED, reads_as::<RfqListing>, out);
}

/// Prunes the fields of `map`, an object read as some record type: nested objects
/// and lists first (per `nested`), then each field by `reads` (the record type read
/// from the field alone, see [`reads_as`]). For an [`Inquiry`], the required `body`
/// is kept as it is and stands in during the check.
fn prune_record(
    map: &mut Map<String, Value>,
    path: &str,
    nested: &[(&str, Nested)],
    reads: fn(&Value) -> Result<(), serde_json::Error>,
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
        let check = reads(&alone);
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

/// Whether every list that pruning would filter holds only elements of its kind
/// (objects, or text), in `map` and the objects nested in it: what pruning drops
/// besides the fields that cannot be read.
fn plain_lists(map: &Map<String, Value>, nested: &[(&str, Nested)]) -> bool {
    nested
        .iter()
        .all(|(name, how)| match (how, map.get(*name)) {
            (Nested::Record(_), Some(Value::Object(inner))) => plain_lists(inner, nested_of(name)),
            (Nested::Records(_), Some(Value::Array(items))) => {
                items.iter().all(|item| match item {
                    Value::Object(inner) => plain_lists(inner, nested_of(name)),
                    _ => false,
                })
            }
            (Nested::Texts, Some(Value::Array(items))) => items.iter().all(Value::is_string),
            _ => true,
        })
}

/// The nested fields pruning reads inside the field `name`, as the prune
/// functions of [`INQUIRY_NESTED`] pass them on.
fn nested_of(name: &str) -> &'static [(&'static str, Nested)] {
    match name {
        "thread" => THREAD_NESTED,
        "rfq" => RFQ_NESTED,
        _ => &[],
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
    use serde_json::json;

    /// Reads `value` the long way: every field pruned first.
    fn read_pruning(value: &Value) -> (Value, Result<Intake, String>) {
        let mut pruned = value.clone();
        let mut dropped = Vec::new();
        let read = prune_and_read(&mut pruned, &mut dropped)
            .map(|mut inquiry| {
                drop_unsupported_times(&mut inquiry, &mut dropped);
                Intake { inquiry, dropped }
            })
            .map_err(|e| e.to_string());
        (pruned, read)
    }

    /// Inquiries of many shapes read the same whether pruned field by field or read
    /// at once when whole: each field of the contract, at every level, given each
    /// kind of value (good, bad, nested, lists of mixed elements).
    #[test]
    fn reading_whole_items_at_once_agrees_with_pruning_them() {
        let fields: &[(&str, &[&str])] = &[
            (
                "",
                &[
                    "id",
                    "channel",
                    "receivedAt",
                    "subject",
                    "keyword",
                    "label",
                    "attachments",
                    "product",
                    "buyer",
                    "thread",
                    "shipment",
                    "rfq",
                    "other",
                ],
            ),
            (
                "buyer",
                &[
                    "name",
                    "country",
                    "email",
                    "registeredAt",
                    "inquiriesSent",
                    "emailVerified",
                    "level",
                    "accountId",
                ],
            ),
            ("product", &["id", "title", "other"]),
            ("thread", &["ourLastReplyAt", "buyerReadAt", "messages"]),
            ("shipment", &["carrier", "trackingNumber", "days"]),
            ("rfq", &["quotesLeft", "buyerTags", "title"]),
        ];
        let values = [
            json!(null),
            json!(true),
            json!(-1),
            json!(12),
            json!(1.5e300),
            json!(1_700_000_000_000_i64),
            json!(""),
            json!("inquiry"),
            json!("2026-11-23T09:12:00+08:00"),
            json!("0001-01-01T00:00:00Z"),
            json!("2024-13-45 Beauty Supply"),
            json!([]),
            json!(["a", "b"]),
            json!(["a", 1]),
            json!([{"name": "PO.zip", "size": 10}, {"at": "soon", "text": "hi", "from": "buyer"}]),
            json!([{"name": "a.pdf"}, 7]),
            // A list read as a struct (serde reads a struct from a list of its fields).
            json!([["a.pdf", 10]]),
            json!([["buyer", "2026-11-23T09:12:00Z", "hi"]]),
            json!({}),
            json!({"a": 1}),
            json!({"name": "Ana", "registeredAt": "soon", "messages": [{"from": "buyer", "at": "2026-11-23T09:12:00Z", "text": "hi"}]}),
        ];
        let base = json!({
            "body": "Hi, price for 200 pcs?",
            "buyer": {"name": "Ana", "country": "BR"},
            "thread": {"messages": [{"from": "buyer", "at": "2026-11-23T09:12:00Z", "text": "hi"}]},
            "attachments": [{"name": "spec.pdf"}],
        });
        let (mut read, mut with_drops) = (0, 0);
        for (parent, names) in fields {
            for name in *names {
                for good in [false, true] {
                    for v in &values {
                        let mut value = base.clone();
                        let holder = if parent.is_empty() {
                            Some(&mut value)
                        } else {
                            value.get_mut(*parent)
                        };
                        if let Some(Value::Object(map)) = holder {
                            map.insert((*name).into(), v.clone());
                        }
                        if good {
                            // The same inside a list element that is itself fine.
                            let element = value
                                .pointer_mut("/thread/messages/0")
                                .and_then(Value::as_object_mut);
                            if let Some(element) = element {
                                element.insert((*name).into(), v.clone());
                            }
                        }
                        let mut at_once = value.clone();
                        let fast = read_inquiry(&mut at_once).map_err(|e| e.to_string());
                        let (pruned, slow) = read_pruning(&value);
                        assert_eq!(fast, slow, "{value}");
                        assert_eq!(at_once, pruned, "{value}");
                        read += 1;
                        with_drops += usize::from(slow.is_ok_and(|i| !i.dropped.is_empty()));
                    }
                }
            }
        }
        assert!(read >= 1_000, "only {read} shapes read");
        assert!(
            with_drops >= 300,
            "only {with_drops} shapes had a field to drop"
        );
    }

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
