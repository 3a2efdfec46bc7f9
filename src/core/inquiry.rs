//! The Inquiry: one buyer message as the pages (or a JSON Lines file) give it.
//!
//! The shape follows the data contract in `docs/formats.md` exactly: camelCase
//! field names, every field but `body` optional, unknown fields ignored.
//! Reading is forgiving where real page data is messy — counts may arrive as
//! strings, and Alibaba marks numbers a buyer chose to hide with `-1`, which we
//! read as "unknown" rather than as a real value.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};

use crate::core::decimal::parse_decimal;

/// Where an inquiry came from. The channel decides the platform's reply limit
/// and the processing priority (real-time marketing first, visitor mail last).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// A message from a product page or the storefront (询盘).
    #[default]
    Inquiry,
    /// A live chat message in OneTalk / TradeManager.
    Chat,
    /// A public buying request the seller may quote.
    Rfq,
    /// Real-time marketing: an online buyer the platform hands over.
    Rtm,
    /// Visitor marketing mail to a past store visitor.
    Visitor,
}

impl Channel {
    /// All channels, in processing-priority order (most urgent first).
    pub const BY_PRIORITY: [Channel; 5] = [
        Channel::Rtm,
        Channel::Chat,
        Channel::Inquiry,
        Channel::Rfq,
        Channel::Visitor,
    ];

    /// The wire name (`inquiry`, `chat`, `rfq`, `rtm`, `visitor`).
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Inquiry => "inquiry",
            Channel::Chat => "chat",
            Channel::Rfq => "rfq",
            Channel::Rtm => "rtm",
            Channel::Visitor => "visitor",
        }
    }

    /// Processing rank: 1 is handled first.
    pub fn processing_rank(self) -> u8 {
        match self {
            Channel::Rtm => 1,
            Channel::Chat => 2,
            Channel::Inquiry => 3,
            Channel::Rfq => 4,
            Channel::Visitor => 5,
        }
    }
}

/// One buyer inquiry (or chat message, RFQ, …) in the contract's shape.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inquiry {
    /// The page's own id for the item (`tradeId`, `data-cid`, …).
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// Which channel it arrived through; `inquiry` when absent.
    #[serde(default, deserialize_with = "lenient_channel")]
    pub channel: Channel,
    /// When the buyer's message arrived (RFC 3339).
    #[serde(
        default,
        deserialize_with = "lenient_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub received_at: Option<DateTime<FixedOffset>>,
    /// The subject line (e.g. "Inquiry from Product Details Page").
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub subject: Option<String>,
    /// The buyer's text. The only required field.
    pub body: String,
    /// Files the buyer attached.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub attachments: Vec<Attachment>,
    /// The product card the inquiry was sent from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Product>,
    /// What the platform tells us about the buyer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer: Option<Buyer>,
    /// The conversation so far, for the clocks and follow-ups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<Thread>,
    /// Real-time marketing: the buyer's last search keyword, when known.
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub keyword: Option<String>,
    /// Shipping notices: the dispatched goods' carrier, tracking number and days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment: Option<Shipment>,
    /// Buying requests: what the RFQ market shows beside the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rfq: Option<RfqListing>,
}

/// What the RFQ market shows about a buying request besides its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RfqListing {
    /// Quotes suppliers may still send (0: closed to new quotes).
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub quotes_left: Option<u64>,
    /// The platform's tags on the buyer ("Email Confirmed", "Experienced buyer", …).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub buyer_tags: Vec<String>,
}

/// A file attached to an inquiry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// File name as the buyer gave it.
    #[serde(default, deserialize_with = "lenient_string_default")]
    pub name: String,
    /// Size in bytes, when known.
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub size: Option<u64>,
}

/// The product card an inquiry was sent from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    /// The seller's product id.
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The product title as listed.
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub title: Option<String>,
}

/// The buyer's profile as the platform shows it. Every field is optional;
/// a value the buyer hid (`-1` on the page) is `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Buyer {
    /// Display name, as typed by the buyer (may be a company or an e-mail).
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// ISO 3166 country code the buyer registered with.
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub country: Option<String>,
    /// Company name.
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub company: Option<String>,
    /// E-mail address.
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub email: Option<String>,
    /// Company website.
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub website: Option<String>,
    /// Phone number.
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub phone: Option<String>,
    /// When the buyer's account was registered.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub registered_at: Option<DateTime<FixedOffset>>,
    /// Products the buyer viewed (platform's 90-day figure).
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub product_views: Option<u64>,
    /// Inquiries the buyer sent.
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub inquiries_sent: Option<u64>,
    /// Inquiries the platform counted as valid.
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_inquiries: Option<u64>,
    /// Inquiries of the buyer's that suppliers replied to.
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub replied_inquiries: Option<u64>,
    /// How many suppliers marked this buyer's inquiries as spam.
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub spam_marked_count: Option<u64>,
    /// How many suppliers blacklisted this buyer.
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub blacklisted_count: Option<u64>,
    /// Days the buyer logged in (platform's 90-day figure).
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub login_days: Option<u64>,
    /// Platform buyer level (`L1`…`L4`, `L1+`).
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub level: Option<String>,
    /// Country the buyer logs in from.
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub ip_country: Option<String>,
    /// Whether the platform verified the buyer's e-mail.
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub email_verified: Option<bool>,
    /// How many suppliers received the same inquiry.
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub suppliers_contacted: Option<u64>,
    /// The platform's own buyer id, when the page shows one (allow/deny lists).
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub account_id: Option<String>,
}

/// Who wrote a message in a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sender {
    /// The buyer.
    #[default]
    Buyer,
    /// Us, the seller.
    Seller,
}

/// One message of a thread.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// Who sent it.
    #[serde(default, deserialize_with = "lenient_sender")]
    pub from: Sender,
    /// When it was sent.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub at: Option<DateTime<FixedOffset>>,
    /// Its text.
    #[serde(default, deserialize_with = "lenient_string_default")]
    pub text: String,
    /// Sent by the platform's auto-reception, not by a person: not a reply.
    #[serde(
        default,
        deserialize_with = "lenient_bool_default",
        skip_serializing_if = "is_false"
    )]
    pub auto: bool,
}

/// The conversation state the clocks and follow-ups need.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Thread {
    /// When we last replied.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub our_last_reply_at: Option<DateTime<FixedOffset>>,
    /// When the buyer read our last reply (`null`: not read).
    #[serde(
        default,
        deserialize_with = "lenient_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub buyer_read_at: Option<DateTime<FixedOffset>>,
    /// When the buyer last answered us (`null`: not yet).
    #[serde(
        default,
        deserialize_with = "lenient_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub buyer_replied_at: Option<DateTime<FixedOffset>>,
    /// The messages, in any order (sorted by time where needed).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub messages: Vec<Message>,
}

/// Dispatch details for a shipping notice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shipment {
    /// Carrier name (DHL, FedEx, …).
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub carrier: Option<String>,
    /// Tracking number.
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub tracking_number: Option<String>,
    /// Estimated days in transit.
    #[serde(
        default,
        deserialize_with = "lenient_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub days: Option<u64>,
}

impl Inquiry {
    /// The buyer profile, or an empty one.
    pub fn buyer_or_default(&self) -> std::borrow::Cow<'_, Buyer> {
        match &self.buyer {
            Some(b) => std::borrow::Cow::Borrowed(b),
            None => std::borrow::Cow::Owned(Buyer::default()),
        }
    }

    /// The product title, when the inquiry came with a product card.
    pub fn product_title(&self) -> Option<&str> {
        self.product
            .as_ref()
            .and_then(|p| p.title.as_deref())
            .filter(|t| !t.trim().is_empty())
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// `null` reads as the type's default (an empty list).
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// The kind of a JSON value, for messages: "a list", "an object", …
fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Strings, numbers and booleans all read as text; blank text and `null` as `None`.
/// A list or an object is an error (the door drops the field and says so).
fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Ok(Some(s)),
        serde_json::Value::Number(n) => Ok(Some(n.to_string())),
        serde_json::Value::Bool(b) => Ok(Some(b.to_string())),
        serde_json::Value::Null | serde_json::Value::String(_) => Ok(None),
        other => Err(serde::de::Error::custom(format!(
            "expected text, found {}",
            kind_of(&other)
        ))),
    }
}

fn lenient_string_default<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(lenient_string(d)?.unwrap_or_default())
}

/// Counts: numbers or numeric strings; negative (hidden by the buyer), blank or
/// `null` as `None`. Anything else is an error (the door drops the field).
fn lenient_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    let n = match &v {
        serde_json::Value::Null => return Ok(None),
        serde_json::Value::String(s) if s.trim().is_empty() => return Ok(None),
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => parse_decimal(s.trim().trim_end_matches('+')),
        _ => None,
    };
    match n.filter(|n| n.is_finite()) {
        Some(n) if n < 0.0 => Ok(None),
        Some(n) => Ok(Some(n.min(u64::MAX as f64) as u64)),
        None => Err(serde::de::Error::custom(match &v {
            serde_json::Value::String(s) => format!(
                "'{}' is not a count: write a number, e.g. 12",
                crate::core::text::clip(s.trim(), 40)
            ),
            other => format!("expected a count, found {}", kind_of(other)),
        })),
    }
}

fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    match &v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Bool(b) => Ok(Some(*b)),
        serde_json::Value::Number(n) => Ok(n.as_f64().map(|n| n > 0.0)),
        serde_json::Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" | "y" => Ok(Some(true)),
            "false" | "no" | "0" | "n" => Ok(Some(false)),
            "" => Ok(None),
            _ => Err(serde::de::Error::custom(format!(
                "'{}' is not yes or no: write true or false",
                crate::core::text::clip(s.trim(), 40)
            ))),
        },
        other => Err(serde::de::Error::custom(format!(
            "expected true or false, found {}",
            kind_of(other)
        ))),
    }
}

fn lenient_bool_default<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(lenient_bool(d)?.unwrap_or(false))
}

/// The earliest time the engine reads: 1970-01-01T00:00:00Z, in epoch milliseconds.
pub const EARLIEST_TIME_MS: i64 = 0;
/// The latest time the engine reads: 9999-12-31T23:59:59.999Z, the last instant RFC
/// 3339's four-digit years can write. The clocks add at most a month to a time they
/// read, so every time they compute stays far inside what the date library holds.
pub const LATEST_TIME_MS: i64 = 253_402_300_799_999;
/// The supported range in words, for messages.
pub const SUPPORTED_TIMES: &str = "1970-01-01 to 9999-12-31";

/// `t` when it lies in the supported range ([`EARLIEST_TIME_MS`]..=[`LATEST_TIME_MS`]).
pub fn supported_time<Tz: chrono::TimeZone>(t: DateTime<Tz>) -> Option<DateTime<Tz>> {
    (EARLIEST_TIME_MS..=LATEST_TIME_MS)
        .contains(&t.timestamp_millis())
        .then_some(t)
}

/// Epoch milliseconds as a time, when they lie in the supported range.
pub fn time_from_millis(ms: i64) -> Option<DateTime<chrono::Utc>> {
    if !(EARLIEST_TIME_MS..=LATEST_TIME_MS).contains(&ms) {
        return None;
    }
    DateTime::from_timestamp_millis(ms)
}

/// Times: RFC 3339 text, or epoch milliseconds / seconds as the pages store them.
/// Zero, a negative number (a page's "not set"), blank text and `null` read as
/// `None`; text that is not a time, a number too large for any date and any other
/// value are errors (the door drops the field and says so): a wrong clock is worse
/// than none. The door also drops a time outside [`SUPPORTED_TIMES`]
/// ([`crate::core::intake`]), and the clocks never run on one.
fn lenient_time<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) if s.trim().is_empty() => Ok(None),
        serde_json::Value::String(s) => parse_time(&s).map(Some).map_err(serde::de::Error::custom),
        serde_json::Value::Number(n) => {
            let Some(x) = n.as_f64().filter(|x| x.is_finite()) else {
                return Err(serde::de::Error::custom(format!("{n} is not a time")));
            };
            if x <= 0.0 {
                return Ok(None);
            }
            // Below 1e11 it can only be seconds (1e11 s is the year 5138).
            let ms = if x < 1e11 { x * 1000.0 } else { x };
            // `as` saturates, so a huge float is no time rather than a wrong one.
            DateTime::from_timestamp_millis(ms as i64)
                .filter(|_| ms < i64::MAX as f64)
                .map(|t| Some(t.fixed_offset()))
                .ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "{n} is not a time from {SUPPORTED_TIMES}: write epoch milliseconds or RFC 3339"
                    ))
                })
        }
        other => Err(serde::de::Error::custom(format!(
            "a time must be RFC 3339 text or epoch milliseconds, found {}",
            kind_of(&other)
        ))),
    }
}

/// Parses an RFC 3339 time; also takes a space for the `T` and a date alone
/// (midnight UTC), which exports from other tools often use. Any year RFC 3339 can
/// write is read; see [`supported_time`] for the range the engine works in.
pub fn parse_time(s: &str) -> Result<DateTime<FixedOffset>, String> {
    let s = s.trim();
    let parsed = DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_rfc3339(&s.replacen(' ', "T", 1)))
        .ok()
        .or_else(|| {
            let date = crate::core::time_text::parse_date(s).ok()?;
            Some(date.and_hms_opt(0, 0, 0)?.and_utc().fixed_offset())
        });
    parsed.ok_or_else(|| {
        format!(
            "'{}' is not a time: write RFC 3339, e.g. 2026-11-23T09:12:00+08:00",
            crate::core::text::clip(s, 40)
        )
    })
}

/// The message for a time outside [`SUPPORTED_TIMES`].
pub fn unsupported_time_message<Tz: chrono::TimeZone>(t: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let t = t.to_rfc3339();
    format!("{t} is outside the times Xunpan reads ({SUPPORTED_TIMES}): check the year")
}

/// The channel by its wire name or a page's own word for it; `null` or blank text
/// is the default (`inquiry`). Anything else is an error (the door drops the field).
fn lenient_channel<'de, D: Deserializer<'de>>(d: D) -> Result<Channel, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    let text = match &v {
        serde_json::Value::Null => return Ok(Channel::Inquiry),
        serde_json::Value::String(s) => s.trim().to_ascii_lowercase(),
        other => {
            return Err(serde::de::Error::custom(format!(
                "expected a channel name, found {}",
                kind_of(other)
            )))
        }
    };
    match text.as_str() {
        "" | "inquiry" | "inquiries" => Ok(Channel::Inquiry),
        "chat" | "tm" | "im" | "onetalk" => Ok(Channel::Chat),
        "rfq" => Ok(Channel::Rfq),
        "rtm" | "real-time marketing" | "realtime" => Ok(Channel::Rtm),
        "visitor" | "visitor_marketing" => Ok(Channel::Visitor),
        _ => Err(serde::de::Error::custom(format!(
            "'{}' is not a channel: use inquiry, chat, rfq, rtm or visitor",
            crate::core::text::clip(&text, 40)
        ))),
    }
}

/// Who wrote a message: `seller` (or a page's word for us) or `buyer`; `null` or
/// blank text is the buyer. Anything else is an error (the door drops the field).
fn lenient_sender<'de, D: Deserializer<'de>>(d: D) -> Result<Sender, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    let text = match &v {
        serde_json::Value::Null => return Ok(Sender::Buyer),
        serde_json::Value::String(s) => s.trim().to_ascii_lowercase(),
        other => {
            return Err(serde::de::Error::custom(format!(
                "expected buyer or seller, found {}",
                kind_of(other)
            )))
        }
    };
    match text.as_str() {
        "seller" | "us" | "send" | "supplier" | "self" => Ok(Sender::Seller),
        "" | "buyer" | "receive" | "them" | "customer" => Ok(Sender::Buyer),
        _ => Err(serde::de::Error::custom(format!(
            "'{}' is not a sender: use buyer or seller",
            crate::core::text::clip(&text, 40)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_inquiry_needs_only_a_body() {
        let i: Inquiry = serde_json::from_str(r#"{"body":"hi"}"#).expect("parses");
        assert_eq!(i.body, "hi");
        assert_eq!(i.channel, Channel::Inquiry);
        assert!(i.buyer.is_none());
    }

    #[test]
    fn missing_body_is_an_error() {
        let e = serde_json::from_str::<Inquiry>(r#"{"id":"1"}"#).expect_err("no body");
        assert!(e.to_string().contains("body"), "{e}");
    }

    #[test]
    fn hidden_numbers_and_string_counts() {
        let i: Inquiry = serde_json::from_str(
            r#"{"body":"x","buyer":{"productViews":-1,"inquiriesSent":"12","loginDays":null,"emailVerified":"true"}}"#,
        )
        .expect("parses");
        let b = i.buyer.expect("buyer");
        assert_eq!(b.product_views, None);
        assert_eq!(b.inquiries_sent, Some(12));
        assert_eq!(b.login_days, None);
        assert_eq!(b.email_verified, Some(true));
    }

    #[test]
    fn times_in_many_shapes() {
        let i: Inquiry = serde_json::from_str(
            r#"{"body":"x","receivedAt":1700000000000,"buyer":{"registeredAt":"2026-11-20"},
                "thread":{"ourLastReplyAt":"2026-11-22 10:00:00+08:00","messages":null}}"#,
        )
        .expect("parses");
        assert_eq!(i.received_at.map(|t| t.timestamp()), Some(1_700_000_000));
        assert!(i.buyer.and_then(|b| b.registered_at).is_some());
        assert!(i.thread.and_then(|t| t.our_last_reply_at).is_some());
    }

    #[test]
    fn bad_time_text_says_how_to_fix() {
        let e = serde_json::from_str::<Inquiry>(r#"{"body":"x","receivedAt":"yesterday"}"#)
            .expect_err("bad time");
        assert!(e.to_string().contains("RFC 3339"), "{e}");
    }

    #[test]
    fn unknown_fields_are_ignored_and_channel_is_lenient() {
        let i: Inquiry =
            serde_json::from_str(r#"{"body":"x","label":"spam","note":"n","channel":"RTM"}"#)
                .expect("parses");
        assert_eq!(i.channel, Channel::Rtm);
    }
}
