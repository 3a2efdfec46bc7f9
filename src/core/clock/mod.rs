//! Reply clocks: the company's target and the platform's limit for each item,
//! and the follow-up clocks after our reply.
//!
//! The company target depends on when the buyer's message *arrived*, in the rep's
//! own time zone: inside working hours a short target (10 minutes by default),
//! outside them a longer one (1 hour), Sundays and holidays longer still
//! (2 hours); Saturday follows a setting. The platform's limits are fixed per
//! channel (24 h inquiry, 1 h chat, 5 minutes real-time marketing, none for RFQ
//! and visitor mail). Both clocks run from the first buyer message we have not
//! yet answered; an automatic reply is not an answer.
//!
//! The rep's zone is a [`Zone`]: a fixed offset (the command line's `--tz`), or
//! the browser's zone with its daylight-saving switches, so local times are right
//! on both sides of a switch without a time-zone database in the engine.

pub mod metrics;

use std::collections::BTreeMap;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Timelike, Utc, Weekday,
};
use serde::{Deserialize, Serialize};

use crate::core::error::Error;
use crate::core::inquiry::{Channel, Inquiry, Sender};
use crate::core::sort::{map_of, sort_stable_by_key};
use crate::core::time_text::serde_read;
use crate::core::triage::Grade;

/// The rep's time zone: a fixed offset, or a table of offsets with the instant
/// each starts (for zones with daylight saving, filled in by the browser).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Zone {
    /// Offset in minutes east of UTC before the first transition.
    pub offset_minutes: i32,
    /// `(utc_epoch_ms, offset_minutes)` pairs, ascending: from that instant on, that offset.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<(i64, i32)>,
}

impl Zone {
    /// A zone with one fixed offset.
    pub fn fixed(offset_minutes: i32) -> Self {
        Zone {
            offset_minutes,
            transitions: Vec::new(),
        }
    }

    /// Reads `+08:00`, `-0530`, `Z` or `UTC`.
    pub fn parse(s: &str) -> Result<Self, Error> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("utc") {
            return Ok(Zone::fixed(0));
        }
        let bad = || Error::BadZone(s.to_string());
        let (sign, rest) = match t.as_bytes().first() {
            Some(b'+') => (1, &t[1..]),
            Some(b'-') => (-1, &t[1..]),
            _ => return Err(bad()),
        };
        let digits: String = rest.chars().filter(|c| *c != ':').collect();
        if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let h: i32 = digits[..2].parse().map_err(|_| bad())?;
        let m: i32 = digits[2..].parse().map_err(|_| bad())?;
        if h > 14 || m > 59 {
            return Err(bad());
        }
        Ok(Zone::fixed(sign * (h * 60 + m)))
    }

    /// The offset in force at `t`.
    pub fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        let ms = t.timestamp_millis();
        let mut minutes = self.offset_minutes;
        for (start, off) in &self.transitions {
            if *start <= ms {
                minutes = *off;
            } else {
                break;
            }
        }
        FixedOffset::east_opt(minutes.clamp(-18 * 60, 18 * 60) * 60)
            .unwrap_or_else(|| chrono::Offset::fix(&Utc))
    }

    /// `t` in the rep's local time.
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        self.offset_at(t).from_utc_datetime(&t.naive_utc())
    }

    /// The instant whose wall time is `span` after `t`'s: "three days later" at the
    /// same time on the rep's clock, 71 or 73 elapsed hours across a daylight-saving
    /// switch. `None` past the date library's range.
    pub fn wall_time_after(&self, t: DateTime<Utc>, span: Duration) -> Option<DateTime<Utc>> {
        let wall = self.local(t).naive_local().checked_add_signed(span)?;
        self.instant_at_wall_time(wall)
    }

    /// The instant the rep's clock shows `wall`. A wall time shown twice (the hour
    /// repeated as summer time ends) is its first showing; one never shown (the hour
    /// skipped as it starts) is moved on by the skip, as a clock put forward shows it.
    fn instant_at_wall_time(&self, wall: NaiveDateTime) -> Option<DateTime<Utc>> {
        // Any offset in force within a day of `wall` may be the one that shows it.
        let near = wall.and_utc();
        let offsets = [
            near.checked_sub_signed(Duration::days(1))?,
            near,
            near.checked_add_signed(Duration::days(1))?,
        ]
        .map(|at| self.offset_at(at));
        let candidates = offsets.iter().filter_map(|off| {
            let at =
                wall.checked_sub_signed(Duration::seconds(i64::from(off.local_minus_utc())))?;
            Some((at.and_utc(), *off))
        });
        let shown: Option<DateTime<Utc>> = candidates
            .clone()
            .filter(|(at, off)| self.offset_at(*at) == *off)
            .map(|(at, _)| at)
            .min();
        shown.or_else(|| candidates.map(|(at, _)| at).max())
    }
}

/// A working period of one day, `HH:MM` to `HH:MM` (end excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Shift {
    /// Start, inclusive.
    pub start: NaiveTime,
    /// End, exclusive.
    pub end: NaiveTime,
}

impl TryFrom<String> for Shift {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        parse_shift(&s).map_err(|why| format!("working hours '{s}': {why}"))
    }
}

impl From<Shift> for String {
    fn from(s: Shift) -> String {
        format!("{}-{}", format_hh_mm(s.start), format_hh_mm(s.end))
    }
}

/// A working period as people write one: `08:00-17:30`, `8:30 - 5.30pm`, `9am to 6pm`,
/// `2-6pm`, `17h30-20h`, `上午9点-下午5点半`. The dash may be any dash, `~`, `to`,
/// `至` or `到`. An end written with pm (or 下午 / 晚上) takes a start without one into
/// the afternoon only where the afternoon fits before the end (`2-6pm` is 14:00-18:00,
/// `8.30 - 5.30pm` stays 08:30-17:30); an end with neither, its hour written with one
/// digit, that falls before the start is read in the afternoon (`9-5` is 09:00-17:00;
/// `17:30-08:00` is refused).
pub fn parse_shift(text: &str) -> Result<Shift, String> {
    const HOW: &str = "write the start and end, e.g. 08:00-17:30 or 8.30am - 5.30pm";
    let lower = text.to_lowercase();
    let (a, b) = split_range(&lower).ok_or_else(|| HOW.to_string())?;
    let start =
        read_time_of_day(a).ok_or_else(|| format!("'{}' is not a time of day; {HOW}", a.trim()))?;
    let end =
        read_time_of_day(b).ok_or_else(|| format!("'{}' is not a time of day; {HOW}", b.trim()))?;
    let (mut start_time, mut end_time) = (start.time, end.time);
    let half_day = chrono::Duration::hours(12);
    if start.half.is_none() && end.half == Some(Half::Pm) {
        let afternoon = start_time + half_day;
        if start_time.hour() < 12 && afternoon < end_time {
            start_time = afternoon;
        }
    }
    if end.half.is_none() && !end.padded && end_time <= start_time && end_time.hour() < 12 {
        end_time += half_day;
    }
    if end_time <= start_time {
        return Err("the end must be after the start".to_string());
    }
    Ok(Shift {
        start: start_time,
        end: end_time,
    })
}

/// The two sides of a range, split at its first separator.
fn split_range(text: &str) -> Option<(&str, &str)> {
    for sep in [" to ", "至", "到", "~", "～", "–", "—", "-", "－"] {
        if let Some((a, b)) = text.trim().split_once(sep) {
            if !a.trim().is_empty() && !b.trim().is_empty() {
                return Some((a, b));
            }
        }
    }
    None
}

/// Morning or afternoon, where a time says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Half {
    Am,
    Pm,
}

/// A time of day as read, with the half of the day it named, if any.
struct ReadTime {
    time: NaiveTime,
    half: Option<Half>,
    /// The hour was written with two digits (`08`): a 24-hour clock.
    padded: bool,
}

/// A time of day as people write one (see [`parse_time_of_day`]), with its am / pm.
fn read_time_of_day(text: &str) -> Option<ReadTime> {
    // Full-width digits and colons (a Chinese input method) read as their ASCII twins.
    let folded: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' => ':',
            '．' | '。' => '.',
            _ => c,
        })
        .collect::<String>()
        .to_lowercase();
    let mut rest = folded.trim();
    let mut half = None;
    for (word, h) in [
        ("上午", Half::Am),
        ("早上", Half::Am),
        ("凌晨", Half::Am),
        ("下午", Half::Pm),
        ("晚上", Half::Pm),
        ("中午", Half::Pm),
    ] {
        if let Some(r) = rest.strip_prefix(word) {
            half = Some(h);
            rest = r.trim();
        }
    }
    for (word, h) in [
        ("a.m.", Half::Am),
        ("p.m.", Half::Pm),
        ("am", Half::Am),
        ("pm", Half::Pm),
        ("a", Half::Am),
        ("p", Half::Pm),
    ] {
        if let Some(r) = rest.strip_suffix(word) {
            if half.is_some() {
                return None;
            }
            half = Some(h);
            rest = r.trim_end();
            break;
        }
    }
    let rest = rest.strip_suffix('分').unwrap_or(rest);
    let (hour, minute) = if let Some((h, m)) = rest.split_once([':', '.', 'h', '点', '時', '时'])
    {
        let minute = match m.trim() {
            "" => "0",
            "半" => "30",
            m => m,
        };
        (h.trim(), minute)
    } else if rest.len() == 4 && half.is_none() {
        // 0830, 1730: the way a 24-hour clock is written without a colon.
        (&rest[..2], &rest[2..])
    } else {
        (rest, "0")
    };
    let number = |part: &str, width: usize| {
        let ok = (1..=width).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        if ok {
            part.parse::<u32>().ok()
        } else {
            None
        }
    };
    let padded = hour.len() == 2;
    let mut hour = number(hour, 2)?;
    let minute = number(minute, 2)?;
    match half {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(Half::Am) if hour == 12 => hour = 0,
        Some(Half::Pm) if hour < 12 => hour += 12,
        _ => {}
    }
    Some(ReadTime {
        time: NaiveTime::from_hms_opt(hour, minute, 0)?,
        half,
        padded,
    })
}

/// A time of day as people write one: `17:30`, `8:30`, `8.30`, `0830`, `5.30pm`,
/// `5 pm`, `5:30 p.m.`, `17h30`, `下午5点半`, full-width digits too. `None` when it is
/// not one.
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    read_time_of_day(text).map(|t| t.time)
}

/// A time of day written `HH:MM` (an hour or minute of one digit is taken too, as
/// `8:00`). Read by hand rather than with a `%H:%M` format: chrono's format
/// machinery would be 5 KB of the engine's gzipped wasm for these two fields.
pub fn parse_hh_mm(text: &str) -> Option<NaiveTime> {
    let (hour, minute) = text.split_once(':')?;
    let number = |part: &str| {
        let part = part.trim_start();
        let short = (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        if short {
            part.parse::<u32>().ok()
        } else {
            None
        }
    };
    NaiveTime::from_hms_opt(number(hour)?, number(minute)?, 0)
}

/// A time of day as `HH:MM`.
pub fn format_hh_mm(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// What a Saturday counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SaturdayRule {
    /// Like a weekday evening: the after-hours target (default, 1 hour).
    #[default]
    AfterHours,
    /// Like a weekday: its working hours (set under `workingHours.sat`) use the working target.
    Workday,
    /// Like a Sunday.
    Sunday,
}

/// Company targets in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Targets {
    /// A message that arrives in working hours.
    pub working: i64,
    /// A message that arrives outside them.
    pub after_hours: i64,
    /// A message that arrives on a Sunday or a holiday.
    pub sunday: i64,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            working: 10,
            after_hours: 60,
            sunday: 120,
        }
    }
}

/// The reply policy: company targets and platform limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClockPolicy {
    /// Working hours per weekday (`mon` … `sun`), split shifts allowed.
    pub working_hours: BTreeMap<String, Vec<Shift>>,
    /// What a Saturday counts as.
    pub saturday: SaturdayRule,
    /// Dates (`YYYY-MM-DD`) that follow the Sunday rule.
    #[serde(deserialize_with = "serde_read::dates")]
    pub holidays: Vec<NaiveDate>,
    /// Company targets for every channel.
    pub targets: Targets,
    /// Company targets that differ per channel (`chat`, `rtm`, …).
    pub channel_targets: BTreeMap<Channel, Targets>,
    /// Platform limits in minutes per channel; a channel not listed has none.
    pub platform_limits: BTreeMap<Channel, i64>,
    /// Minutes before a deadline at which an item is "due soon" (at most half the target).
    pub due_soon_minutes: i64,
}

const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

impl Default for ClockPolicy {
    fn default() -> Self {
        let office = Shift {
            start: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(17, 30, 0).unwrap_or_default(),
        };
        let working_hours = map_of(DAYS[..5].iter().map(|(d, _)| (d.to_string(), vec![office])));
        ClockPolicy {
            working_hours,
            saturday: SaturdayRule::AfterHours,
            holidays: Vec::new(),
            targets: Targets::default(),
            channel_targets: BTreeMap::new(),
            platform_limits: map_of([
                (Channel::Inquiry, 24 * 60),
                (Channel::Chat, 60),
                (Channel::Rtm, 5),
            ]),
            due_soon_minutes: 5,
        }
    }
}

impl ClockPolicy {
    /// Checks what serde cannot: known weekdays, non-overlapping shifts, positive targets.
    pub fn validate(&self) -> Result<(), String> {
        for (day, shifts) in &self.working_hours {
            if !DAYS.iter().any(|(d, _)| d == day) {
                return Err(format!("policy.workingHours: '{day}' is not a weekday; use mon, tue, wed, thu, fri, sat or sun"));
            }
            let mut sorted = shifts.clone();
            sort_stable_by_key(&mut sorted, |s| s.start);
            if sorted.windows(2).any(|w| w[1].start < w[0].end) {
                return Err(format!("policy.workingHours.{day}: shifts overlap"));
            }
        }
        let all = std::iter::once(&self.targets).chain(self.channel_targets.values());
        for t in all {
            if [t.working, t.after_hours, t.sunday]
                .iter()
                .any(|m| !(1..=7 * 24 * 60).contains(m))
            {
                return Err("policy targets must be between 1 minute and 7 days".into());
            }
        }
        if self
            .platform_limits
            .values()
            .any(|m| !(1..=30 * 24 * 60).contains(m))
        {
            return Err("policy.platformLimits must be between 1 minute and 30 days".into());
        }
        if !(0..=24 * 60).contains(&self.due_soon_minutes) {
            return Err("policy.dueSoonMinutes must be between 0 and 1440".into());
        }
        Ok(())
    }

    fn shifts(&self, day: Weekday) -> &[Shift] {
        DAYS.iter()
            .find(|(_, d)| *d == day)
            .and_then(|(name, _)| self.working_hours.get(*name))
            .map_or(&[], Vec::as_slice)
    }

    /// The company target for a message arriving at local time `at` on `channel`.
    ///
    /// A real-time-marketing buyer is gone once the platform's few minutes are up, so
    /// the office-hours table does not apply there: its target is the platform's limit,
    /// or the rep's own target for the channel where that is shorter.
    pub fn company_target(&self, channel: Channel, at: DateTime<FixedOffset>) -> Duration {
        let own = self.channel_targets.get(&channel).copied();
        if channel == Channel::Rtm {
            if let Some(limit) = self.platform_limit(channel) {
                return own.map_or(limit, |t| self.target_at(t, at).min(limit));
            }
        }
        self.target_at(own.unwrap_or(self.targets), at)
    }

    /// Which of the targets `t` applies to a message arriving at local time `at`.
    fn target_at(&self, t: Targets, at: DateTime<FixedOffset>) -> Duration {
        let day = at.weekday();
        let holiday = self.holidays.contains(&at.date_naive());
        let in_shift = || {
            self.shifts(day)
                .iter()
                .any(|s| s.start <= at.time() && at.time() < s.end)
        };
        let minutes = if holiday || day == Weekday::Sun {
            t.sunday
        } else if day == Weekday::Sat {
            match self.saturday {
                SaturdayRule::Sunday => t.sunday,
                SaturdayRule::Workday if in_shift() => t.working,
                _ => t.after_hours,
            }
        } else if in_shift() {
            t.working
        } else {
            t.after_hours
        };
        Duration::minutes(minutes)
    }

    /// The platform's limit for a channel, if it has one.
    pub fn platform_limit(&self, channel: Channel) -> Option<Duration> {
        self.platform_limits
            .get(&channel)
            .map(|m| Duration::minutes(*m))
    }
}

/// Where an item stands against its clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Time left.
    OnTrack,
    /// Within the due-soon lead time of a deadline.
    DueSoon,
    /// A deadline has passed with no reply.
    Overdue,
    /// We replied after the buyer's message.
    Met,
}

/// The clocks of one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// The company's target for this arrival time (none for spam: see [`spam_deadline`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "serde_read::optional_time"
    )]
    pub company_due: Option<DateTime<FixedOffset>>,
    /// The platform's limit, where the channel has one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "serde_read::optional_time"
    )]
    pub platform_due: Option<DateTime<FixedOffset>>,
    /// Where the item stands at `now`.
    pub status: Status,
    /// Minutes before a deadline at which this item counts as due soon.
    pub due_soon_minutes: i64,
    /// Spam whose only clock is the platform's count of it: shown quietly, never
    /// urgent work (no badge, no warning, the bottom of the queue).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quiet: bool,
    /// `day` when the page showed the arrival as a date without a time: then only
    /// `due_on` is known, never a minute (see [`day_deadline`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    /// The day the reply is due, for a day-level deadline.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "serde_read::optional_date"
    )]
    pub due_on: Option<NaiveDate>,
}

/// How exactly a deadline is known, when less than to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Only the day: the page showed a date without a time.
    Day,
}

/// The deadline of an item whose page showed only the day it arrived
/// (`received_on`, in the rep's zone): the platform's limit counted in whole days from
/// that day is the day the reply is due (a limit of up to 24 h: the next day at the
/// latest). Due soon all that day (the hour is unknown, so the whole day is urgent),
/// overdue after it, on track before, met once we replied on or after the day it came.
/// No company target: a target in minutes cannot be placed on a day. `None` for
/// channels without a reply clock or a platform limit, and for a day too far out.
pub fn day_deadline(
    policy: &ClockPolicy,
    inquiry: &Inquiry,
    received_on: NaiveDate,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Option<Deadline> {
    let channel = inquiry.channel;
    let today = zone.local(now).date_naive();
    let replied =
        last_real_reply(inquiry).is_some_and(|r| zone.local(r).date_naive() >= received_on);
    if !has_reply_clock(channel) {
        return None;
    }
    let limit = policy.platform_limit(channel)?;
    // A limit of up to 24 h ends on the next day at the latest; each further day adds one.
    let days =
        u64::try_from(limit.num_minutes().max(1).checked_add(24 * 60 - 1)? / (24 * 60)).ok()?;
    let due_on = received_on.checked_add_days(chrono::Days::new(days))?;
    let status = if replied {
        Status::Met
    } else if today > due_on {
        Status::Overdue
    } else if today == due_on {
        Status::DueSoon
    } else {
        Status::OnTrack
    };
    Some(Deadline {
        company_due: None,
        platform_due: None,
        status,
        due_soon_minutes: 0,
        quiet: false,
        precision: Some(Precision::Day),
        due_on: Some(due_on),
    })
}

/// When the clock started: the first buyer message after our last real reply,
/// else the arrival time. `None` without any time.
fn clock_start(inquiry: &Inquiry) -> Option<DateTime<Utc>> {
    let thread = inquiry.thread.as_ref();
    let mut messages: Vec<(DateTime<Utc>, Sender, bool)> = thread
        .map(|t| {
            t.messages
                .iter()
                .filter_map(|m| Some((clock_time(m.at)?, m.from, m.auto)))
                .collect()
        })
        .unwrap_or_default();
    sort_stable_by_key(&mut messages, |m| m.0);
    let last_reply = messages
        .iter()
        .rev()
        .find(|m| m.1 == Sender::Seller && !m.2)
        .map(|m| m.0);
    let first_open = messages
        .iter()
        .find(|m| m.1 == Sender::Buyer && last_reply.is_none_or(|r| m.0 > r))
        .map(|m| m.0);
    first_open.or_else(|| clock_time(inquiry.received_at))
}

/// A time the clocks run on: in UTC, and only within the supported range (the door
/// reads no other, but an [`Inquiry`] built in code might hold one), so no clock
/// computed from it can leave the range the date library holds.
fn clock_time(t: Option<DateTime<FixedOffset>>) -> Option<DateTime<Utc>> {
    crate::core::inquiry::supported_time(t?.with_timezone(&Utc))
}

/// Our last real (non-automatic) reply, from the thread.
fn last_real_reply(inquiry: &Inquiry) -> Option<DateTime<Utc>> {
    let thread = inquiry.thread.as_ref()?;
    let from_messages = thread
        .messages
        .iter()
        .filter(|m| m.from == Sender::Seller && !m.auto)
        .filter_map(|m| clock_time(m.at))
        .max();
    [clock_time(thread.our_last_reply_at), from_messages]
        .into_iter()
        .flatten()
        .max()
}

/// Channels where a buyer waits for our answer. A buying request (RFQ) is quoted by
/// choice and ranked by freshness instead; visitor marketing is our own outreach.
pub fn has_reply_clock(channel: Channel) -> bool {
    !matches!(channel, Channel::Rfq | Channel::Visitor)
}

/// The deadlines of an inquiry at `now`, or `None` when it has no arrival time or its
/// channel has no reply clock.
pub fn deadline(
    policy: &ClockPolicy,
    inquiry: &Inquiry,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Option<Deadline> {
    if !has_reply_clock(inquiry.channel) {
        return None;
    }
    let start = clock_start(inquiry)?;
    let target = policy.company_target(inquiry.channel, zone.local(start));
    let platform = policy.platform_limit(inquiry.channel);
    clocks(
        inquiry,
        now,
        zone,
        start,
        Some(target),
        platform,
        policy.due_soon_minutes,
    )
}

/// Whether the platform still counts a spam message of `channel` in the rep's reply
/// figures until it is moved to the spam folder or its sender blacklisted: inquiries
/// and chat do (a short "OK" / "Thanks" is the way out); a real-time-marketing buyer who
/// is spam is simply let go.
pub fn platform_counts_spam(channel: Channel) -> bool {
    matches!(channel, Channel::Inquiry | Channel::Chat)
}

/// The clocks of an inquiry tagged spam: no company target (spam is not work to
/// hurry), only the platform's limit where the platform still counts the message
/// ([`platform_counts_spam`]), marked quiet. `None` where nothing counts it.
pub fn spam_deadline(
    policy: &ClockPolicy,
    inquiry: &Inquiry,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Option<Deadline> {
    if !has_reply_clock(inquiry.channel) || !platform_counts_spam(inquiry.channel) {
        return None;
    }
    let limit = policy.platform_limit(inquiry.channel)?;
    let start = clock_start(inquiry)?;
    let mut d = clocks(
        inquiry,
        now,
        zone,
        start,
        None,
        Some(limit),
        policy.due_soon_minutes,
    )?;
    d.quiet = true;
    Some(d)
}

/// The clocks running from `start`: the company's `target` and the platform's `limit`
/// (either may be absent, not both), and where the item stands at `now`. `None` when
/// a deadline falls outside the times the date library holds (never for the times
/// the door reads, which end in the year 9999: see [`crate::core::inquiry`]).
fn clocks(
    inquiry: &Inquiry,
    now: DateTime<Utc>,
    zone: &Zone,
    start: DateTime<Utc>,
    target: Option<Duration>,
    limit: Option<Duration>,
    due_soon_minutes: i64,
) -> Option<Deadline> {
    let company_due = match target {
        Some(t) => Some(start.checked_add_signed(t)?),
        None => None,
    };
    let platform_due = match limit {
        Some(p) => Some(start.checked_add_signed(p)?),
        None => None,
    };
    let met = last_real_reply(inquiry).is_some_and(|r| r >= start);
    // The lead is at most half the shortest clock, so a short one is not due soon at once.
    let shortest = target.into_iter().chain(limit).min().unwrap_or_default();
    let lead = Duration::try_minutes(due_soon_minutes)
        .unwrap_or_default()
        .min(shortest / 2);
    let now_and_lead = now.checked_add_signed(lead).unwrap_or(now);
    // The nearest deadline still ahead decides; once all have passed, it is overdue.
    let dues: Vec<DateTime<Utc>> = company_due.into_iter().chain(platform_due).collect();
    let status = if met {
        Status::Met
    } else if dues.iter().any(|d| now > *d) {
        Status::Overdue
    } else if dues.iter().any(|d| now_and_lead >= *d) {
        Status::DueSoon
    } else {
        Status::OnTrack
    };
    Some(Deadline {
        company_due: company_due.map(|c| zone.local(c)),
        platform_due: platform_due.map(|p| zone.local(p)),
        status,
        due_soon_minutes: lead.num_minutes(),
        quiet: false,
        precision: None,
        due_on: None,
    })
}

/// Which follow-up a thread needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    /// Our reply has not been read.
    Unread,
    /// Our reply was read but not answered.
    Read,
}

/// A follow-up a thread is due for (or will be, at `due`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    /// Which follow-up.
    pub kind: FollowUpKind,
    /// When it falls due.
    #[serde(deserialize_with = "serde_read::time")]
    pub due: DateTime<FixedOffset>,
    /// Which step of the cadence: 1 = the 24-hour one, then 3 days, 1 week, half a month;
    /// 0 = the grade cadence of a buyer already in conversation.
    pub step: u8,
}

/// Days after our last reply for each step of the cadence with a silent buyer.
const CADENCE_DAYS: [i64; 4] = [1, 3, 7, 15];

/// Time between contacts with a buyer already in conversation, by grade, on the rep's
/// clock (see [`Zone::wall_time_after`]).
fn grade_interval(grade: Grade) -> Duration {
    match grade {
        Grade::A => Duration::hours(84), // twice a week
        Grade::B => Duration::days(7),
        Grade::C => Duration::days(15),
        Grade::D => Duration::days(30),
    }
}

/// The next follow-up of a thread whose last word is ours, due now or later.
/// `None` when the buyer answered last, we never replied, or the cadence is over
/// (after half a month of silence the next step is a phone call, not a message).
pub fn next_follow_up(inquiry: &Inquiry, zone: &Zone, grade: Option<Grade>) -> Option<FollowUp> {
    let thread = inquiry.thread.as_ref()?;
    let replied = last_real_reply(inquiry)?;
    if thread
        .buyer_replied_at
        .is_some_and(|b| b.with_timezone(&Utc) > replied)
    {
        return None;
    }
    let mut messages: Vec<(DateTime<Utc>, Sender, bool)> = thread
        .messages
        .iter()
        .filter_map(|m| Some((clock_time(m.at)?, m.from, m.auto)))
        .collect();
    sort_stable_by_key(&mut messages, |m| m.0);
    if messages
        .last()
        .is_some_and(|m| m.1 == Sender::Buyer && m.0 > replied)
    {
        return None;
    }
    let kind = if thread
        .buyer_read_at
        .is_some_and(|r| r.with_timezone(&Utc) >= replied)
    {
        FollowUpKind::Read
    } else {
        FollowUpKind::Unread
    };
    let buyer_messages = messages.iter().filter(|m| m.1 == Sender::Buyer).count();
    let in_conversation = buyer_messages >= 2 || thread.buyer_replied_at.is_some();
    if let (true, Some(g)) = (in_conversation, grade) {
        return Some(FollowUp {
            kind,
            due: zone.local(zone.wall_time_after(replied, grade_interval(g))?),
            step: 0,
        });
    }
    // Our messages since the buyer last wrote: the first is the answer, the rest follow-ups.
    let last_buyer = messages
        .iter()
        .rev()
        .find(|m| m.1 == Sender::Buyer)
        .map(|m| m.0);
    let ours_since = messages
        .iter()
        .filter(|m| m.1 == Sender::Seller && !m.2 && last_buyer.is_none_or(|b| m.0 > b))
        .count()
        .max(1);
    let days = *CADENCE_DAYS.get(ours_since - 1)?;
    // The first step is "24 hours after our reply"; the later ones are days on the
    // rep's calendar, at the wall time of our last message.
    let due = if days == 1 {
        replied.checked_add_signed(Duration::try_hours(24)?)?
    } else {
        zone.wall_time_after(replied, Duration::try_days(days)?)?
    };
    Some(FollowUp {
        kind,
        due: zone.local(due),
        step: u8::try_from(ours_since).unwrap_or(u8::MAX),
    })
}

/// The follow-up due at `now`, if any (what the reply suggestion uses).
pub fn follow_up(
    inquiry: &Inquiry,
    now: DateTime<Utc>,
    zone: &Zone,
    grade: Option<Grade>,
) -> Option<FollowUp> {
    next_follow_up(inquiry, zone, grade).filter(|f| f.due.with_timezone(&Utc) <= now)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wall times on a switch's day: the skipped hour is moved on by the skip, the
    /// repeated hour is its first showing, and other times keep their offset.
    #[test]
    fn a_wall_time_on_a_switch_day_is_read_as_a_clock_shows_it() {
        let berlin = Zone {
            offset_minutes: 60,
            transitions: vec![(1_774_746_000_000, 120), (1_792_890_000_000, 60)],
        };
        let utc = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc));
        let from = |s: &str| {
            utc(s)
                .ok()
                .and_then(|t| berlin.wall_time_after(t, Duration::days(1)))
        };
        for (start, want) in [
            // 02:30 on 29 March is never shown: 03:30 summer time.
            ("2026-03-28T02:30:00+01:00", "2026-03-29T03:30:00+02:00"),
            ("2026-03-28T10:00:00+01:00", "2026-03-29T10:00:00+02:00"),
            // 02:30 on 25 October is shown twice: the first, still summer time.
            ("2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00"),
            ("2026-10-24T10:00:00+02:00", "2026-10-25T10:00:00+01:00"),
        ] {
            assert_eq!(from(start), utc(want).ok(), "{start}");
        }
    }

    /// Issue 26.6: an inquiry built in code (not through the door) with times at the
    /// very ends of the date library's range gets no clock, and no panic.
    #[test]
    fn times_at_the_ends_of_the_date_range_give_no_clock_and_no_panic() {
        let policy = ClockPolicy::default();
        let now: DateTime<Utc> = "2026-11-23T02:00:00Z".parse().expect("a time");
        let ends = [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC];
        for end in ends {
            for offset in [-14 * 3600, 0, 14 * 3600] {
                let Some(offset) = FixedOffset::east_opt(offset) else {
                    continue;
                };
                let t = end.with_timezone(&offset);
                for channel in Channel::BY_PRIORITY {
                    let inquiry = Inquiry {
                        channel,
                        received_at: Some(t),
                        body: "hi".into(),
                        thread: Some(crate::core::inquiry::Thread {
                            our_last_reply_at: Some(t),
                            buyer_read_at: Some(t),
                            messages: vec![crate::core::inquiry::Message {
                                from: Sender::Seller,
                                at: Some(t),
                                ..Default::default()
                            }],
                            ..Default::default()
                        }),
                        ..Inquiry::default()
                    };
                    let zone = Zone::fixed(14 * 60);
                    assert_eq!(deadline(&policy, &inquiry, now, &zone), None);
                    assert_eq!(spam_deadline(&policy, &inquiry, now, &zone), None);
                    assert_eq!(next_follow_up(&inquiry, &zone, Some(Grade::D)), None);
                    assert_eq!(next_follow_up(&inquiry, &zone, None), None);
                }
            }
        }
    }

    /// Text, and the time it reads as.
    #[test]
    fn times_of_day_read_as_the_hh_mm_format_reads_them() {
        let cases = [
            ("08:00", Some((8, 0))),
            ("8:05", Some((8, 5))),
            ("23:59", Some((23, 59))),
            ("00:00", Some((0, 0))),
            ("24:00", None),
            ("12:60", None),
            ("12", None),
            ("12:", None),
            (":30", None),
            ("123:00", None),
            ("12:005", None),
            ("12:30:00", None),
            ("12-30", None),
            ("1a:30", None),
            ("+1:30", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = parse_hh_mm(text);
            assert_eq!(
                got,
                want.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
                "{text:?}"
            );
            assert_eq!(
                got,
                NaiveTime::parse_from_str(text, "%H:%M").ok(),
                "{text:?} as chrono reads it"
            );
            if let Some(time) = got {
                assert_eq!(format_hh_mm(time), time.format("%H:%M").to_string());
            }
        }
    }

    #[test]
    fn shifts_parse_and_refuse_nonsense() {
        let s = Shift::try_from("08:00-11:30".to_string()).expect("valid");
        assert_eq!(String::from(s), "08:00-11:30");
        for bad in [
            "17:30-08:00",
            "25:00-26:00",
            "08:00",
            "soon-later",
            "-",
            "8:30-",
            "18-09",
        ] {
            assert!(Shift::try_from(bad.to_string()).is_err(), "{bad}");
        }
    }

    /// Working hours as reps type them, and what they mean.
    #[test]
    fn shifts_read_the_ways_people_write_hours() {
        for (text, want) in [
            ("08:00-17:30", "08:00-17:30"),
            ("8:30-17:30", "08:30-17:30"),
            ("8.30 - 5.30pm", "08:30-17:30"),
            ("8:30am-5:30pm", "08:30-17:30"),
            ("9am to 6pm", "09:00-18:00"),
            ("9 AM – 6 PM", "09:00-18:00"),
            ("2-6pm", "14:00-18:00"),
            ("11-2pm", "11:00-14:00"),
            ("9-5", "09:00-17:00"),
            ("8-17", "08:00-17:00"),
            ("0830-1730", "08:30-17:30"),
            ("17h30-20h", "17:30-20:00"),
            ("18:00~20:00", "18:00-20:00"),
            ("上午9点-下午5点半", "09:00-17:30"),
            ("９：００至１７：３０", "09:00-17:30"),
            ("12pm-1pm", "12:00-13:00"),
            ("7 p.m. to 11 p.m.", "19:00-23:00"),
        ] {
            let shift = parse_shift(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(String::from(shift), want, "{text}");
        }
    }

    #[test]
    fn times_of_day_read_as_people_write_them() {
        for (text, want) in [
            ("8:30", Some((8, 30))),
            ("17:30", Some((17, 30))),
            ("5.30pm", Some((17, 30))),
            ("5 pm", Some((17, 0))),
            ("12am", Some((0, 0))),
            ("12 p.m.", Some((12, 0))),
            ("0800", Some((8, 0))),
            ("22h", Some((22, 0))),
            ("晚上10点", Some((22, 0))),
            ("13pm", None),
            ("0am", None),
            ("25:00", None),
            ("8:75", None),
            ("later", None),
            ("", None),
        ] {
            assert_eq!(
                parse_time_of_day(text),
                want.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn policy_round_trips_and_validates() {
        let p = ClockPolicy::default();
        let json = serde_json::to_string(&p).expect("json");
        assert!(json.contains("\"mon\":[\"08:00-17:30\"]"), "{json}");
        let back: ClockPolicy = serde_json::from_str(&json).expect("reads");
        assert_eq!(back, p);
        assert!(p.validate().is_ok());
        let bad: ClockPolicy =
            serde_json::from_str(r#"{"workingHours":{"mon":["08:00-12:00","11:00-13:00"]}}"#)
                .expect("reads");
        assert!(bad.validate().expect_err("overlap").contains("overlap"));
        let bad: ClockPolicy =
            serde_json::from_str(r#"{"workingHours":{"monday":[]}}"#).expect("reads");
        assert!(bad.validate().is_err());
    }
}
