//! The work queue: every open item the rep has, in the order to work them.
//!
//! Items are the small records the extension keeps for each inquiry, chat, RFQ
//! or follow-up it has seen. The order follows the processing priority of the
//! channels (real-time marketing, then chat, inquiry, RFQ, visitor mail) and,
//! within a channel, the nearest deadline first; spam comes after every open
//! buyer (and is hidden until the rep asks for it), replied items sink to the
//! end. Filters and counts are computed here too, so the side panel, the popup
//! and any test see the same queue. Spam is never urgent work: it counts in
//! none of the open, overdue or due-soon figures, only in its own.
//!
//! Clocks are written in words ("Reply in 8 min"): [`span_words`] is how a span
//! of time reads, the same words the extension's own clock module writes (both
//! are checked against `tests/fixtures/clock-words.jsonl`).

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::core::clock::FollowUpKind;
use crate::core::inquiry::Channel;
use crate::core::reply::follow_up_template;
use crate::core::sort::sort_stable_by;
use crate::core::time_text::serde_read;

/// One item as the extension stores it (no message bodies are kept).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QueueItem {
    /// Storage key (`channel:id`).
    pub key: String,
    /// The page's id for the item.
    pub id: Option<String>,
    /// Channel it came through.
    pub channel: Channel,
    /// Where to open it.
    pub url: Option<String>,
    /// Buyer's display name.
    pub buyer: Option<String>,
    /// Buyer's country code.
    pub country: Option<String>,
    /// Subject or the start of the text.
    pub subject: Option<String>,
    /// `spam`, `suspicious` or `genuine`.
    pub verdict: Option<String>,
    /// Buyer grade A–D.
    pub grade: Option<String>,
    /// `high`, `medium` or `low`.
    pub priority: Option<String>,
    /// Suggested template id.
    pub template: Option<String>,
    /// The clocks.
    pub deadline: Option<StoredDeadline>,
    /// The next follow-up, when our reply is the last word.
    pub follow_up: Option<StoredFollowUp>,
    /// The rep has answered it.
    pub replied: bool,
}

/// The text fields of a stored item: a number or a boolean in one (an old record, or
/// a page that gave a number for a name) is read as its text.
const TEXT_FIELDS: [&str; 10] = [
    "key", "id", "url", "buyer", "country", "subject", "verdict", "grade", "priority", "template",
];

/// Queue items from stored records, each read on its own: a text field holding a
/// number is read as text, a value of no usable type is dropped, and a record that
/// still cannot be read is skipped with its reason (the second list), never the whole
/// queue.
pub fn items_from_values(values: Vec<serde_json::Value>) -> (Vec<QueueItem>, Vec<String>) {
    let mut items = Vec::with_capacity(values.len());
    let mut skipped = Vec::new();
    for (n, mut value) in values.into_iter().enumerate() {
        if let Some(record) = value.as_object_mut() {
            for field in TEXT_FIELDS {
                let Some(v) = record.get_mut(field) else {
                    continue;
                };
                match v {
                    serde_json::Value::Number(x) => *v = serde_json::Value::String(x.to_string()),
                    serde_json::Value::Bool(b) => *v = serde_json::Value::String(b.to_string()),
                    serde_json::Value::String(_) | serde_json::Value::Null => {}
                    _ => *v = serde_json::Value::Null,
                }
            }
            if !matches!(
                record.get("replied"),
                None | Some(serde_json::Value::Bool(_))
            ) {
                record.remove("replied");
            }
            for field in ["deadline", "followUp"] {
                if !matches!(record.get(field), None | Some(serde_json::Value::Object(_))) {
                    record.remove(field);
                }
            }
        }
        match crate::core::value_reader::read::<QueueItem>(&value) {
            Ok(item) => items.push(item),
            Err(e) => skipped.push(format!("stored item {n} skipped: {e}")),
        }
    }
    (items, skipped)
}

/// The deadline fields as stored (RFC 3339 text).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StoredDeadline {
    /// Company target.
    #[serde(deserialize_with = "serde_read::optional_time")]
    pub company_due: Option<DateTime<FixedOffset>>,
    /// Platform limit.
    #[serde(deserialize_with = "serde_read::optional_time")]
    pub platform_due: Option<DateTime<FixedOffset>>,
    /// Status when triaged (`met` stays met).
    pub status: Option<String>,
    /// Minutes before a deadline at which this item counts as due soon (the policy's
    /// lead, as the engine gave it); the queue's own default where absent.
    pub due_soon_minutes: Option<i64>,
    /// Spam with only the platform's clock: shown quietly, never urgent.
    pub quiet: bool,
}

/// A follow-up as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StoredFollowUp {
    /// When it falls due.
    #[serde(deserialize_with = "serde_read::optional_time")]
    pub due: Option<DateTime<FixedOffset>>,
    /// Which follow-up: our reply unread, or read and not answered. A kind this
    /// version does not know (a record from a later one) is read as none.
    #[serde(deserialize_with = "known_follow_up_kind")]
    pub kind: Option<FollowUpKind>,
}

/// A stored follow-up kind, or none when the record holds one this version does not know.
/// The names are [`FollowUpKind`]'s own, spelled out here: reading the enum through a
/// `Value` grew the wasm by about 380 bytes gzipped (a test checks the two agree).
fn known_follow_up_kind<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<FollowUpKind>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)?.as_str() {
        Some("unread") => Some(FollowUpKind::Unread),
        Some("read") => Some(FollowUpKind::Read),
        _ => None,
    })
}

/// Where an item's clock stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// A deadline has passed.
    Overdue,
    /// Within the due-soon lead time.
    DueSoon,
    /// Answered, and the planned follow-up is due now.
    FollowUpDue,
    /// Time left.
    OnTrack,
    /// No deadline (RFQ, visitor mail).
    None,
    /// Answered.
    Met,
}

/// What the rep filters the queue by (all optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QueueFilter {
    /// Only this channel.
    pub channel: Option<Channel>,
    /// Only this verdict.
    pub verdict: Option<String>,
    /// Only this grade.
    pub grade: Option<String>,
    /// Only overdue or due-soon items.
    pub urgent_only: bool,
    /// Show replied items too.
    pub include_replied: bool,
    /// Show items tagged spam too (at the bottom of the open items). Asking for the
    /// spam verdict shows them whatever this says.
    pub include_spam: bool,
    /// Words that must all appear in buyer, country, subject or id.
    pub search: String,
}

/// One row of the ordered queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueRow {
    /// The item.
    pub item: QueueItem,
    /// Its clock now.
    pub state: ClockState,
    /// The nearest open deadline.
    pub next_due: Option<DateTime<FixedOffset>>,
}

impl QueueRow {
    /// The reply the row's one-click Insert puts in: the follow-up once one is due
    /// (for a reply not read, or read and not answered), else the suggested reply
    /// while ours is still owed; none for an item answered with nothing due.
    pub fn reply_template(&self) -> Option<&str> {
        if self.state == ClockState::FollowUpDue {
            let kind = self.item.follow_up.as_ref().and_then(|f| f.kind)?;
            return Some(follow_up_template(kind));
        }
        if self.item.replied {
            return None;
        }
        self.item.template.as_deref()
    }
}

/// Counts for the panel's header.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueCounts {
    /// Items shown after filtering.
    pub shown: usize,
    /// Open (unreplied) items in total.
    pub open: usize,
    /// Open items past a deadline.
    pub overdue: usize,
    /// Open items within the due-soon lead time.
    pub due_soon: usize,
    /// Answered items whose follow-up is due.
    pub follow_ups: usize,
    /// Open items tagged spam (counted in none of the above).
    pub spam: usize,
}

/// The ordered, filtered queue and its counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueView {
    /// Rows in working order.
    pub rows: Vec<QueueRow>,
    /// Counts.
    pub counts: QueueCounts,
}

/// A span of time as the rep reads it: the `_locales` message key and its numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpanWords {
    /// `spanMinutes` ("$1 min"), `spanHoursMinutes` ("$1 h $2 min"), `spanHours`
    /// ("$1 h"), `spanDay` ("1 day") or `spanDays` ("$1 days").
    pub key: &'static str,
    /// The numbers to put in.
    pub args: Vec<u64>,
}

/// How `ms` (its size; the sign is the caller's) reads in words. Whole minutes are
/// counted up (7 min 5 s left reads "8 min", so a clock never says "0 min" while time
/// is left, and every clock counted from the same minute changes on the minute);
/// under 10 hours the minutes are kept ("1 h 5 min"), under two days whole hours
/// ("23 h"), beyond that whole days.
pub fn span_words(ms: i64) -> SpanWords {
    let minutes = ms.unsigned_abs().div_ceil(60_000).max(1);
    let (hours, rest) = (minutes / 60, minutes % 60);
    let words = |key, args| SpanWords { key, args };
    if minutes < 60 {
        words("spanMinutes", vec![minutes])
    } else if minutes < 10 * 60 {
        if rest == 0 {
            words("spanHours", vec![hours])
        } else {
            words("spanHoursMinutes", vec![hours, rest])
        }
    } else if minutes < 48 * 60 {
        words("spanHours", vec![minutes.div_ceil(60)])
    } else {
        match minutes.div_ceil(24 * 60) {
            1 => words("spanDay", vec![]),
            days => words("spanDays", vec![days]),
        }
    }
}

/// Where `item`'s clock stands at `now`.
pub fn clock_state(
    item: &QueueItem,
    now: DateTime<Utc>,
    due_soon_minutes: i64,
) -> (ClockState, Option<DateTime<FixedOffset>>) {
    let Some(d) = &item.deadline else {
        return (ClockState::None, None);
    };
    if item.replied || d.status.as_deref() == Some("met") {
        // Answered; if a follow-up is planned, that is the item's next clock.
        return match item.follow_up.as_ref().and_then(|f| f.due) {
            Some(due) if now >= due => (ClockState::FollowUpDue, Some(due)),
            Some(due) => (ClockState::OnTrack, Some(due)),
            None => (ClockState::Met, None),
        };
    }
    let next = match (d.company_due, d.platform_due) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let Some(next) = next else {
        return (ClockState::None, None);
    };
    let lead = d.due_soon_minutes.unwrap_or(due_soon_minutes);
    let state = if now > next {
        ClockState::Overdue
    } else if chrono::Duration::try_minutes(lead)
        .and_then(|lead| now.checked_add_signed(lead))
        .is_none_or(|soon| soon >= next)
    {
        ClockState::DueSoon
    } else {
        ClockState::OnTrack
    };
    (state, Some(next))
}

/// High first; items without a priority last.
fn priority_rank(item: &QueueItem) -> u8 {
    match item.priority.as_deref() {
        Some("high") => 0,
        Some("medium") => 1,
        Some("low") => 2,
        _ => 3,
    }
}

/// Whether the item is tagged spam.
fn is_spam(item: &QueueItem) -> bool {
    item.verdict.as_deref() == Some("spam")
}

fn matches(item: &QueueItem, filter: &QueueFilter, state: ClockState) -> bool {
    if filter.channel.is_some_and(|c| c != item.channel) {
        return false;
    }
    if is_spam(item) && !filter.include_spam && filter.verdict.as_deref() != Some("spam") {
        return false;
    }
    if filter
        .verdict
        .as_deref()
        .is_some_and(|v| item.verdict.as_deref() != Some(v))
    {
        return false;
    }
    if filter
        .grade
        .as_deref()
        .is_some_and(|g| item.grade.as_deref() != Some(g))
    {
        return false;
    }
    if filter.urgent_only
        && !matches!(
            state,
            ClockState::Overdue | ClockState::DueSoon | ClockState::FollowUpDue
        )
    {
        return false;
    }
    if !filter.include_replied && state == ClockState::Met {
        return false;
    }
    let haystack = [&item.buyer, &item.country, &item.subject, &item.id]
        .iter()
        .filter_map(|f| f.as_deref())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    filter
        .search
        .split_whitespace()
        .all(|w| haystack.contains(&w.to_lowercase()))
}

/// Orders and filters `items` at `now`.
pub fn build(
    items: Vec<QueueItem>,
    filter: &QueueFilter,
    now: DateTime<Utc>,
    due_soon_minutes: i64,
) -> QueueView {
    let mut counts = QueueCounts::default();
    let mut rows: Vec<QueueRow> = Vec::new();
    for item in items {
        let (state, next_due) = clock_state(&item, now, due_soon_minutes);
        if state != ClockState::Met && is_spam(&item) {
            counts.spam += 1;
        } else if state != ClockState::Met {
            counts.open += 1;
            match state {
                ClockState::Overdue => counts.overdue += 1,
                ClockState::DueSoon => counts.due_soon += 1,
                ClockState::FollowUpDue => counts.follow_ups += 1,
                _ => {}
            }
        }
        if matches(&item, filter, state) {
            rows.push(QueueRow {
                item,
                state,
                next_due,
            });
        }
    }
    sort_stable_by(&mut rows, |a, b| {
        // Open buyers first, then open spam, then what is answered.
        let rank = |r: &QueueRow| match (r.state, is_spam(&r.item)) {
            (ClockState::Met, _) => 2,
            (_, true) => 1,
            _ => 0,
        };
        rank(a)
            .cmp(&rank(b))
            .then(
                a.item
                    .channel
                    .processing_rank()
                    .cmp(&b.item.channel.processing_rank()),
            )
            .then(match (a.next_due, b.next_due) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            // Without a clock (buying requests), the engine's priority decides.
            .then(priority_rank(&a.item).cmp(&priority_rank(&b.item)))
            .then(a.item.key.cmp(&b.item.key))
    });
    counts.shown = rows.len();
    QueueView { rows, counts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_odd_stored_item_is_read_or_skipped_never_the_queue() {
        let values: Vec<serde_json::Value> = serde_json::from_str(
            r#"[
              {"key": "inquiry:1", "buyer": "Ann", "verdict": "genuine"},
              {"key": "inquiry:2", "buyer": 7, "id": 2, "replied": "yes", "deadline": "soon"},
              {"key": "inquiry:3", "buyer": {"name": "x"}, "channel": "inquiry"},
              {"key": "inquiry:4", "channel": "no such channel"},
              "not a record"
            ]"#,
        )
        .expect("json");
        let (items, skipped) = items_from_values(values);
        let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["inquiry:1", "inquiry:2", "inquiry:3"]);
        assert_eq!(
            items[1].buyer.as_deref(),
            Some("7"),
            "a number read as text"
        );
        assert_eq!(items[1].id.as_deref(), Some("2"));
        assert_eq!(items[2].buyer, None, "an object is no name: dropped");
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped[0].contains("stored item 3"), "{skipped:?}");
    }

    fn item(key: &str, channel: Channel, due: Option<&str>, replied: bool) -> QueueItem {
        QueueItem {
            key: key.into(),
            id: Some(key.into()),
            channel,
            buyer: Some(format!("Buyer {key}")),
            verdict: Some("genuine".into()),
            deadline: due.map(|d| StoredDeadline {
                company_due: DateTime::parse_from_rfc3339(d).ok(),
                platform_due: None,
                ..StoredDeadline::default()
            }),
            replied,
            ..QueueItem::default()
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00+08:00")
            .expect("time")
            .with_timezone(&Utc)
    }

    /// Issue 26.6: a stored lead of any size (the side panel reads it back from
    /// storage) is no panic; a lead too long to add is due soon.
    #[test]
    fn any_stored_lead_gives_a_state() {
        let mut due = item(
            "x",
            Channel::Inquiry,
            Some("2026-11-23T12:00:00+08:00"),
            false,
        );
        for (lead, state) in [
            (i64::MAX, ClockState::DueSoon),
            (i64::MIN, ClockState::DueSoon),
            (-5, ClockState::OnTrack),
            (5, ClockState::OnTrack),
        ] {
            if let Some(d) = due.deadline.as_mut() {
                d.due_soon_minutes = Some(lead);
            }
            assert_eq!(clock_state(&due, now(), 5).0, state, "lead {lead}");
        }
    }

    #[test]
    fn buying_requests_without_clocks_follow_the_engines_priority() {
        let mut rows = Vec::new();
        for (key, priority) in [("a-low", "low"), ("b-high", "high"), ("c-medium", "medium")] {
            let mut rfq = item(key, Channel::Rfq, None, false);
            rfq.priority = Some(priority.into());
            rows.push(rfq);
        }
        let view = build(rows, &QueueFilter::default(), now(), 5);
        let order: Vec<&str> = view.rows.iter().map(|r| r.item.key.as_str()).collect();
        assert_eq!(order, ["b-high", "c-medium", "a-low"]);
        assert!(view.rows.iter().all(|r| r.state == ClockState::None));
    }

    #[test]
    fn channel_priority_then_deadline_then_replied_last() {
        let items = vec![
            item(
                "inq-late",
                Channel::Inquiry,
                Some("2026-11-23T12:00:00+08:00"),
                false,
            ),
            item(
                "inq-soon",
                Channel::Inquiry,
                Some("2026-11-23T10:03:00+08:00"),
                false,
            ),
            item(
                "chat",
                Channel::Chat,
                Some("2026-11-23T11:00:00+08:00"),
                false,
            ),
            item("rfq", Channel::Rfq, None, false),
            item(
                "done",
                Channel::Rtm,
                Some("2026-11-23T09:00:00+08:00"),
                true,
            ),
            item(
                "rtm",
                Channel::Rtm,
                Some("2026-11-23T10:04:00+08:00"),
                false,
            ),
        ];
        let filter = QueueFilter {
            include_replied: true,
            ..QueueFilter::default()
        };
        let view = build(items, &filter, now(), 5);
        let keys: Vec<_> = view.rows.iter().map(|r| r.item.key.as_str()).collect();
        assert_eq!(keys, ["rtm", "chat", "inq-soon", "inq-late", "rfq", "done"]);
        assert_eq!(view.counts.open, 5);
        assert_eq!(view.counts.due_soon, 2);
        assert_eq!(view.counts.overdue, 0);
    }

    #[test]
    fn a_planned_follow_up_is_the_next_clock_of_an_answered_item() {
        let mut answered = item(
            "f",
            Channel::Inquiry,
            Some("2026-11-22T09:00:00+08:00"),
            true,
        );
        assert_eq!(clock_state(&answered, now(), 5).0, ClockState::Met);
        answered.follow_up = Some(StoredFollowUp {
            due: DateTime::parse_from_rfc3339("2026-11-23T09:00:00+08:00").ok(),
            kind: Some(FollowUpKind::Unread),
        });
        assert_eq!(
            clock_state(&answered, now(), 5).0,
            ClockState::FollowUpDue,
            "due: follow up now"
        );
        answered.follow_up = Some(StoredFollowUp {
            due: DateTime::parse_from_rfc3339("2026-11-24T09:00:00+08:00").ok(),
            kind: Some(FollowUpKind::Unread),
        });
        assert_eq!(clock_state(&answered, now(), 5).0, ClockState::OnTrack);
    }

    /// Every follow-up kind as the engine writes it reads back as itself.
    #[test]
    fn stored_follow_up_kinds_read_back_as_written() {
        for kind in [FollowUpKind::Unread, FollowUpKind::Read] {
            let stored = serde_json::json!({ "kind": kind });
            let read: StoredFollowUp = serde_json::from_value(stored).expect("a follow-up");
            assert_eq!(read.kind, Some(kind));
        }
    }

    /// The row's one-click Insert: the suggested reply while ours is owed, the
    /// follow-up of the right kind once it is due, nothing in between. A stored record
    /// (as the extension writes it) is read the same way, an unknown kind as none.
    #[test]
    fn a_row_inserts_the_reply_owed_or_the_follow_up_due() {
        let row_of = |value: serde_json::Value| {
            let (items, skipped) = items_from_values(vec![value]);
            assert!(skipped.is_empty(), "{skipped:?}");
            let filter = QueueFilter {
                include_replied: true,
                ..QueueFilter::default()
            };
            let view = build(items, &filter, now(), 5);
            view.rows.into_iter().next().expect("one row")
        };
        let record = |replied: bool, follow_up: serde_json::Value| {
            serde_json::json!({
                "key": "inquiry:1", "id": "1", "channel": "inquiry", "template": "answer_questions",
                "replied": replied, "followUp": follow_up,
                "deadline": {"companyDue": "2026-11-23T09:00:00+08:00", "status": if replied { "met" } else { "overdue" }},
            })
        };
        let cases = [
            (false, serde_json::Value::Null, Some("answer_questions")),
            (true, serde_json::Value::Null, None),
            (
                true,
                serde_json::json!({"kind": "unread", "due": "2026-11-24T09:00:00+08:00"}),
                None,
            ),
            (
                true,
                serde_json::json!({"kind": "unread", "due": "2026-11-23T09:30:00+08:00"}),
                Some("follow_up_unread"),
            ),
            (
                true,
                serde_json::json!({"kind": "read", "due": "2026-11-23T09:30:00+08:00", "step": 2}),
                Some("follow_up_read"),
            ),
            (
                true,
                serde_json::json!({"kind": "nudge", "due": "2026-11-23T09:30:00+08:00"}),
                None,
            ),
        ];
        for (replied, follow_up, expected) in cases {
            let row = row_of(record(replied, follow_up.clone()));
            assert_eq!(
                row.reply_template(),
                expected,
                "replied {replied}, {follow_up}"
            );
        }
    }

    /// The words of a span, as `tests/fixtures/clock-words.jsonl` has them (the
    /// extension's clock module is tested against the same lines).
    #[test]
    fn spans_read_in_words() {
        let cases = include_str!("../../tests/fixtures/clock-words.jsonl");
        let mut n = 0;
        for line in cases.lines().filter(|l| !l.trim().is_empty()) {
            let case: serde_json::Value = serde_json::from_str(line).expect("case");
            let ms = case["ms"].as_i64().expect("ms");
            let got = serde_json::to_value(span_words(ms)).expect("json");
            assert_eq!(got["key"], case["key"], "{line}");
            assert_eq!(got["args"], case["args"], "{line}");
            n += 1;
        }
        assert!(n >= 10, "the cases are there ({n})");
    }

    #[test]
    fn spam_waits_under_its_own_filter_and_sinks_below_every_buyer() {
        let mut spam = item("s", Channel::Rtm, Some("2026-11-23T09:00:00+08:00"), false);
        spam.verdict = Some("spam".into());
        let buyer = item(
            "b",
            Channel::Inquiry,
            Some("2026-11-23T12:00:00+08:00"),
            false,
        );
        let done = item(
            "d",
            Channel::Inquiry,
            Some("2026-11-23T09:00:00+08:00"),
            true,
        );
        let all = vec![spam, buyer, done];
        let view = build(all.clone(), &QueueFilter::default(), now(), 5);
        let keys: Vec<_> = view.rows.iter().map(|r| r.item.key.as_str()).collect();
        assert_eq!(keys, ["b"], "spam is hidden until asked for");
        assert_eq!(
            (view.counts.open, view.counts.overdue, view.counts.spam),
            (1, 0, 1),
            "an overdue spam clock is not urgent work"
        );
        let shown = QueueFilter {
            include_spam: true,
            include_replied: true,
            ..QueueFilter::default()
        };
        let view = build(all.clone(), &shown, now(), 5);
        let keys: Vec<_> = view.rows.iter().map(|r| r.item.key.as_str()).collect();
        assert_eq!(
            keys,
            ["b", "s", "d"],
            "below the buyers, above what is answered"
        );
        let asked = QueueFilter {
            verdict: Some("spam".into()),
            ..QueueFilter::default()
        };
        assert_eq!(build(all, &asked, now(), 5).counts.shown, 1);
    }

    #[test]
    fn the_policys_lead_decides_due_soon() {
        let mut i = item(
            "a",
            Channel::Inquiry,
            Some("2026-11-23T10:20:00+08:00"),
            false,
        );
        assert_eq!(clock_state(&i, now(), 5).0, ClockState::OnTrack);
        if let Some(d) = i.deadline.as_mut() {
            d.due_soon_minutes = Some(30);
        }
        assert_eq!(clock_state(&i, now(), 5).0, ClockState::DueSoon);
    }

    #[test]
    fn filters_and_search() {
        let mut a = item(
            "a",
            Channel::Inquiry,
            Some("2026-11-23T09:00:00+08:00"),
            false,
        );
        a.country = Some("DE".into());
        let b = item("b", Channel::Chat, Some("2026-11-23T12:00:00+08:00"), false);
        let done = item("c", Channel::Chat, Some("2026-11-23T12:00:00+08:00"), true);
        let cases: Vec<(QueueFilter, Vec<&str>)> = vec![
            (QueueFilter::default(), vec!["b", "a"]),
            (
                QueueFilter {
                    urgent_only: true,
                    ..Default::default()
                },
                vec!["a"],
            ),
            (
                QueueFilter {
                    channel: Some(Channel::Chat),
                    ..Default::default()
                },
                vec!["b"],
            ),
            (
                QueueFilter {
                    search: "de buyer".into(),
                    ..Default::default()
                },
                vec!["a"],
            ),
            (
                QueueFilter {
                    verdict: Some("spam".into()),
                    ..Default::default()
                },
                vec![],
            ),
            (
                QueueFilter {
                    include_replied: true,
                    channel: Some(Channel::Chat),
                    ..Default::default()
                },
                vec!["b", "c"],
            ),
        ];
        for (filter, want) in cases {
            let view = build(vec![a.clone(), b.clone(), done.clone()], &filter, now(), 5);
            let keys: Vec<_> = view.rows.iter().map(|r| r.item.key.as_str()).collect();
            assert_eq!(keys, want, "{filter:?}");
            assert_eq!(view.counts.overdue, 1);
        }
    }
}
