//! Reply metrics the platform ranks sellers on, from what the extension has seen.
//!
//! * Timely reply rate: inquiries answered within 24 hours plus chats answered
//!   within 1 hour, over all inquiries and chats received in the rolling last
//!   30 days. An item still inside its window and not yet answered is *pending*:
//!   it is neither on time nor late yet, so it is left out until it is one or the other.
//! * Average first-reply time, in hours, of the answered items.
//! * Second-reply rate: of the items we answered, the share where the buyer wrote back.
//!
//! Items the platform does not count (accounts from mainland China, for example)
//! carry `counts: false` and are left out of the timely rate only.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::core::clock::Zone;
use crate::core::inquiry::Channel;

/// One item as the metrics need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyRecord {
    /// Channel (only inquiries and chats count for the timely rate).
    #[serde(default)]
    pub channel: Channel,
    /// When the buyer's message arrived.
    pub buyer_at: DateTime<FixedOffset>,
    /// Our first real reply, if any.
    #[serde(default)]
    pub first_reply_at: Option<DateTime<FixedOffset>>,
    /// The buyer wrote back after our reply.
    #[serde(default)]
    pub buyer_answered: bool,
    /// The platform counts it for the timely rate.
    #[serde(default = "yes")]
    pub counts: bool,
}

fn yes() -> bool {
    true
}

/// Figures for one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    /// Items received.
    pub received: usize,
    /// Items counted for the timely rate (decided: on time or late).
    pub decided: usize,
    /// Items answered within the platform's window.
    pub timely: usize,
    /// Timely rate, 0–1 (`null` with nothing decided).
    pub timely_rate: Option<f64>,
    /// Average first-reply time in hours (`null` with nothing answered).
    pub avg_first_reply_hours: Option<f64>,
    /// Second-reply rate, 0–1 (`null` with nothing answered).
    pub second_reply_rate: Option<f64>,
}

/// The targets the figures are read against.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricTargets {
    /// Company target for the timely rate.
    pub timely_rate: f64,
    /// The top-10 peers' average first-reply time, hours.
    pub peers_top10_avg_hours: f64,
}

/// Metrics for the last 30 days and per day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// The rolling last 30 days.
    pub last_30_days: Figures,
    /// Each local day with activity, oldest first.
    pub per_day: Vec<(NaiveDate, Figures)>,
    /// The targets.
    pub targets: MetricTargets,
}

fn window(channel: Channel) -> Option<Duration> {
    match channel {
        Channel::Inquiry => Some(Duration::hours(24)),
        Channel::Chat => Some(Duration::hours(1)),
        _ => None,
    }
}

#[derive(Default)]
struct Acc {
    received: usize,
    decided: usize,
    timely: usize,
    answered: usize,
    answered_back: usize,
    hours: f64,
}

impl Acc {
    fn add(&mut self, r: &ReplyRecord, now: DateTime<Utc>) {
        self.received += 1;
        let at = r.buyer_at.with_timezone(&Utc);
        if let Some(reply) = r
            .first_reply_at
            .map(|t| t.with_timezone(&Utc))
            .filter(|t| *t >= at)
        {
            self.answered += 1;
            self.answered_back += usize::from(r.buyer_answered);
            self.hours += (reply - at).num_seconds() as f64 / 3600.0;
        }
        let (Some(limit), true) = (window(r.channel), r.counts) else {
            return;
        };
        match r.first_reply_at.map(|t| t.with_timezone(&Utc)) {
            Some(reply) => {
                self.decided += 1;
                self.timely += usize::from(reply - at <= limit);
            }
            None if now - at > limit => self.decided += 1,
            None => {} // still inside its window: pending
        }
    }

    fn figures(&self) -> Figures {
        let ratio = |n: usize, d: usize| {
            (d > 0).then(|| (n as f64 / d as f64 * 10_000.0).round() / 10_000.0)
        };
        Figures {
            received: self.received,
            decided: self.decided,
            timely: self.timely,
            timely_rate: ratio(self.timely, self.decided),
            avg_first_reply_hours: (self.answered > 0)
                .then(|| (self.hours / self.answered as f64 * 1000.0).round() / 1000.0),
            second_reply_rate: ratio(self.answered_back, self.answered),
        }
    }
}

/// The metrics at `now` for a rep in `zone`.
pub fn metrics(records: &[ReplyRecord], now: DateTime<Utc>, zone: &Zone) -> Metrics {
    let since = now - Duration::days(30);
    let mut total = Acc::default();
    let mut days: BTreeMap<NaiveDate, Acc> = BTreeMap::new();
    for r in records.iter().filter(|r| {
        r.buyer_at.with_timezone(&Utc) >= since && r.buyer_at.with_timezone(&Utc) <= now
    }) {
        total.add(r, now);
        days.entry(zone.local(r.buyer_at.with_timezone(&Utc)).date_naive())
            .or_default()
            .add(r, now);
    }
    Metrics {
        last_30_days: total.figures(),
        per_day: days.into_iter().map(|(d, a)| (d, a.figures())).collect(),
        targets: MetricTargets {
            timely_rate: 0.995,
            peers_top10_avg_hours: 0.159,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("time")
    }

    fn rec(channel: Channel, at: &str, reply: Option<&str>, back: bool) -> ReplyRecord {
        ReplyRecord {
            channel,
            buyer_at: t(at),
            first_reply_at: reply.map(t),
            buyer_answered: back,
            counts: true,
        }
    }

    #[test]
    fn timely_rate_average_and_second_replies() {
        let now = t("2026-11-23T12:00:00+08:00").with_timezone(&Utc);
        let records = [
            rec(
                Channel::Inquiry,
                "2026-11-20T09:00:00+08:00",
                Some("2026-11-20T09:30:00+08:00"),
                true,
            ), // on time, 0.5 h
            rec(
                Channel::Inquiry,
                "2026-11-20T10:00:00+08:00",
                Some("2026-11-21T11:00:00+08:00"),
                false,
            ), // late, 25 h
            rec(
                Channel::Chat,
                "2026-11-22T10:00:00+08:00",
                Some("2026-11-22T10:30:00+08:00"),
                true,
            ), // on time
            rec(Channel::Chat, "2026-11-22T11:00:00+08:00", None, false), // late, unanswered
            rec(Channel::Inquiry, "2026-11-23T11:00:00+08:00", None, false), // pending
            rec(Channel::Rfq, "2026-11-22T11:00:00+08:00", None, false),  // not counted
            rec(Channel::Inquiry, "2026-10-01T11:00:00+08:00", None, false), // older than 30 days
        ];
        let m = metrics(&records, now, &Zone::fixed(480));
        let f = &m.last_30_days;
        assert_eq!((f.received, f.decided, f.timely), (6, 4, 2));
        assert_eq!(f.timely_rate, Some(0.5));
        assert_eq!(f.avg_first_reply_hours, Some(8.667));
        assert_eq!(f.second_reply_rate, Some(0.6667));
        assert_eq!(m.per_day.len(), 3);
        assert_eq!(m.per_day[0].0.to_string(), "2026-11-20");
    }

    #[test]
    fn uncounted_items_leave_the_rate_alone() {
        let now = t("2026-11-23T12:00:00+08:00").with_timezone(&Utc);
        let mut r = rec(Channel::Chat, "2026-11-22T11:00:00+08:00", None, false);
        r.counts = false;
        let m = metrics(&[r], now, &Zone::fixed(480));
        assert_eq!(m.last_30_days.timely_rate, None);
        assert_eq!(m.last_30_days.received, 1);
    }
}
