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
use crate::core::time_text::serde_read;

/// One item as the metrics need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyRecord {
    /// Channel (only inquiries and chats count for the timely rate).
    #[serde(default)]
    pub channel: Channel,
    /// When the buyer's message arrived.
    #[serde(deserialize_with = "serde_read::time")]
    pub buyer_at: DateTime<FixedOffset>,
    /// Our first real reply, if any.
    #[serde(default, deserialize_with = "serde_read::optional_time")]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricTargets {
    /// Company target for the timely rate.
    pub timely_rate: f64,
    /// The top-10 peers' average first-reply time, hours.
    pub peers_top10_avg_hours: f64,
}

/// Metrics for the last 30 days and per day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// The rolling last 30 days.
    pub last_30_days: Figures,
    /// Each local day with activity, oldest first.
    #[serde(deserialize_with = "serde_read::dated")]
    pub per_day: Vec<(NaiveDate, Figures)>,
    /// The last [`CHART_DAYS`] local days up to today, quiet days included, drawn
    /// against the targets (see [`charts`]).
    pub charts: Vec<Chart>,
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
    let since = now
        .checked_sub_signed(Duration::days(30))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
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
    let targets = MetricTargets {
        timely_rate: 0.995,
        peers_top10_avg_hours: 0.159,
    };
    let per_day: Vec<(NaiveDate, Figures)> =
        days.into_iter().map(|(d, a)| (d, a.figures())).collect();
    let today = zone.local(now).date_naive();
    Metrics {
        last_30_days: total.figures(),
        charts: charts(&per_day, today, &targets),
        per_day,
        targets,
    }
}

/// How many days the charts show.
pub const CHART_DAYS: usize = 14;

/// Which figure a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ChartMetric {
    /// Items received per day (no target).
    Received,
    /// Timely reply rate per day; higher is better.
    TimelyRate,
    /// Average first-reply hours per day; lower is better.
    FirstReplyHours,
}

impl ChartMetric {
    /// The metric's name as the locale keys spell it (`chart_<name>`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChartMetric::Received => "received",
            ChartMetric::TimelyRate => "timelyRate",
            ChartMetric::FirstReplyHours => "firstReplyHours",
        }
    }

    /// A value of this metric as the rep reads it: `12`, `99.5 %`, `0.16 h`.
    pub fn format(self, value: f64) -> String {
        match self {
            ChartMetric::Received => format!("{value:.0}"),
            ChartMetric::TimelyRate => format!("{:.1} %", value * 100.0),
            ChartMetric::FirstReplyHours => format!("{value:.2} h"),
        }
    }

    /// This metric's figure in a period.
    pub fn of(self, figures: &Figures) -> Option<f64> {
        match self {
            ChartMetric::Received => Some(figures.received as f64),
            ChartMetric::TimelyRate => figures.timely_rate,
            ChartMetric::FirstReplyHours => figures.avg_first_reply_hours,
        }
    }
}

/// One day's bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bar {
    /// The local day.
    #[serde(deserialize_with = "serde_read::date")]
    pub day: NaiveDate,
    /// The figure, `None` on a day with nothing to measure.
    pub value: Option<f64>,
    /// Bar height as a share of the chart, 0–1.
    pub height: f64,
    /// Whether the day met the target (`None` without a target or a value).
    pub meets_target: Option<bool>,
}

/// A small bar chart of one figure over the last days, with its target line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    /// The figure shown.
    pub metric: ChartMetric,
    /// The value at the top of the chart.
    pub scale_max: f64,
    /// The target value, if the figure has one.
    pub target: Option<f64>,
    /// Height of the target line as a share of the chart, 0–1.
    pub target_height: Option<f64>,
    /// One bar per day, oldest first, ending today.
    pub bars: Vec<Bar>,
}

/// The charts of the last [`CHART_DAYS`] days ending `today`: volume, timely rate
/// against its target, and average first reply against the top peers' time.
///
/// Scales are linear from zero so bar lengths compare honestly; the reply-time
/// chart's top is the largest of the days' averages and twice the peers' time, so
/// the target line stays visible on a good fortnight and a bad day still fits.
pub fn charts(
    per_day: &[(NaiveDate, Figures)],
    today: NaiveDate,
    targets: &MetricTargets,
) -> Vec<Chart> {
    // Each of the last days with its figures, looked up once for the three charts.
    let days: Vec<(NaiveDate, Option<&Figures>)> = (0..CHART_DAYS)
        .rev()
        .filter_map(|back| today.checked_sub_days(chrono::Days::new(back as u64)))
        .map(|day| (day, per_day.iter().find(|(d, _)| *d == day).map(|(_, f)| f)))
        .collect();
    let series = |metric: ChartMetric| -> Vec<(NaiveDate, Option<f64>)> {
        days.iter()
            .map(|(day, figures)| (*day, figures.and_then(|f| metric.of(f))))
            .collect()
    };
    let received = series(ChartMetric::Received);
    let timely = series(ChartMetric::TimelyRate);
    let hours = series(ChartMetric::FirstReplyHours);
    let peak =
        |s: &[(NaiveDate, Option<f64>)]| s.iter().filter_map(|(_, v)| *v).fold(0.0_f64, f64::max);
    vec![
        chart(
            ChartMetric::Received,
            &received,
            peak(&received).max(1.0),
            None,
            |_, _| true,
        ),
        chart(
            ChartMetric::TimelyRate,
            &timely,
            1.0,
            Some(targets.timely_rate),
            |v, t| v >= t,
        ),
        chart(
            ChartMetric::FirstReplyHours,
            &hours,
            peak(&hours).max(targets.peers_top10_avg_hours * 2.0),
            Some(targets.peers_top10_avg_hours),
            |v, t| v <= t,
        ),
    ]
}

fn chart(
    metric: ChartMetric,
    series: &[(NaiveDate, Option<f64>)],
    scale_max: f64,
    target: Option<f64>,
    meets: fn(f64, f64) -> bool,
) -> Chart {
    let share = |v: f64| (v / scale_max).clamp(0.0, 1.0);
    Chart {
        metric,
        scale_max,
        target,
        target_height: target.map(share),
        bars: series
            .iter()
            .map(|(day, value)| Bar {
                day: *day,
                value: *value,
                height: value.map_or(0.0, share),
                meets_target: match (value, target) {
                    (Some(v), Some(t)) => Some(meets(*v, t)),
                    _ => None,
                },
            })
            .collect(),
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
    fn charts_cover_the_last_fortnight_with_quiet_days_and_targets() {
        let now = t("2026-11-23T12:00:00+08:00").with_timezone(&Utc);
        let records = [
            // 2026-11-20: one on time in half an hour, one late after 25 hours.
            rec(
                Channel::Inquiry,
                "2026-11-20T09:00:00+08:00",
                Some("2026-11-20T09:30:00+08:00"),
                false,
            ),
            rec(
                Channel::Inquiry,
                "2026-11-20T10:00:00+08:00",
                Some("2026-11-21T11:00:00+08:00"),
                false,
            ),
            // 2026-11-22: a chat answered in six minutes.
            rec(
                Channel::Chat,
                "2026-11-22T10:00:00+08:00",
                Some("2026-11-22T10:06:00+08:00"),
                false,
            ),
        ];
        let m = metrics(&records, now, &Zone::fixed(480));
        let [received, timely, hours] = m.charts.as_slice() else {
            panic!("three charts, got {}", m.charts.len());
        };
        for c in &m.charts {
            assert_eq!(c.bars.len(), CHART_DAYS);
            assert_eq!(
                c.bars[CHART_DAYS - 1].day.to_string(),
                "2026-11-23",
                "ends today"
            );
            assert_eq!(c.bars[0].day.to_string(), "2026-11-10");
            assert!(c.bars.iter().all(|b| (0.0..=1.0).contains(&b.height)));
        }
        let day = |c: &Chart, d: &str| c.bars.iter().find(|b| b.day.to_string() == d).cloned();
        assert_eq!(received.metric, ChartMetric::Received);
        assert_eq!(received.scale_max, 2.0);
        assert_eq!(day(received, "2026-11-20").map(|b| b.height), Some(1.0));
        assert_eq!(
            day(received, "2026-11-21").and_then(|b| b.value),
            None,
            "a quiet day"
        );
        // Half on time on the 20th misses 99.5 %; the 22nd meets it.
        assert_eq!(timely.target_height, Some(0.995));
        assert_eq!(
            day(timely, "2026-11-20").and_then(|b| b.meets_target),
            Some(false)
        );
        assert_eq!(
            day(timely, "2026-11-22").and_then(|b| b.meets_target),
            Some(true)
        );
        // 12.75 h on the 20th sets the scale; 0.1 h on the 22nd beats the peers' 0.159 h.
        assert_eq!(hours.scale_max, 12.75);
        assert_eq!(day(hours, "2026-11-20").map(|b| b.height), Some(1.0));
        assert_eq!(
            day(hours, "2026-11-22").and_then(|b| b.meets_target),
            Some(true)
        );
        assert_eq!(
            day(hours, "2026-11-20").and_then(|b| b.meets_target),
            Some(false)
        );
    }

    #[test]
    fn chart_values_read_as_the_rep_expects() {
        assert_eq!(ChartMetric::Received.format(12.0), "12");
        assert_eq!(ChartMetric::TimelyRate.format(0.995), "99.5 %");
        assert_eq!(ChartMetric::FirstReplyHours.format(0.159), "0.16 h");
    }

    #[test]
    fn charts_of_a_quiet_fortnight_keep_their_target_lines() {
        let now = t("2026-11-23T12:00:00+08:00").with_timezone(&Utc);
        let m = metrics(&[], now, &Zone::fixed(480));
        let hours = &m.charts[2];
        assert_eq!(hours.scale_max, 0.159 * 2.0);
        assert_eq!(hours.target_height, Some(0.5));
        assert!(m
            .charts
            .iter()
            .all(|c| c.bars.iter().all(|b| b.value.is_none() && b.height == 0.0)));
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
