//! Reply clocks: the company's target and the platform's limit for each item.
//!
//! (Foundation stage: the types are final, the policy is the plain default.)

use chrono::{DateTime, Datelike, Duration, FixedOffset, TimeZone, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::core::error::Error;
use crate::core::inquiry::{Channel, Inquiry};

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
        FixedOffset::east_opt(minutes * 60)
            .unwrap_or(FixedOffset::east_opt(0).expect("zero offset"))
    }

    /// `t` in the rep's local time.
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        self.offset_at(t).from_utc_datetime(&t.naive_utc())
    }
}

/// The reply policy (company targets, platform limits).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClockPolicy {
    /// Minutes before a deadline at which an item is "due soon".
    pub due_soon_minutes: i64,
}

impl Default for ClockPolicy {
    fn default() -> Self {
        ClockPolicy {
            due_soon_minutes: 5,
        }
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
    /// The company's target for this arrival time.
    pub company_due: DateTime<FixedOffset>,
    /// The platform's limit, where the channel has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_due: Option<DateTime<FixedOffset>>,
    /// Where the item stands at `now`.
    pub status: Status,
}

/// The deadlines of an inquiry at `now`, or `None` when it has no arrival time.
pub fn deadline(
    policy: &ClockPolicy,
    inquiry: &Inquiry,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Option<Deadline> {
    let arrived = inquiry.received_at?.with_timezone(&Utc);
    let local = zone.local(arrived);
    let minutes_of_day = local.hour() * 60 + local.minute();
    let target = match local.weekday() {
        Weekday::Sun => Duration::hours(2),
        Weekday::Sat => Duration::hours(1),
        _ if (8 * 60..17 * 60 + 30).contains(&minutes_of_day) => Duration::minutes(10),
        _ => Duration::hours(1),
    };
    let platform = match inquiry.channel {
        Channel::Inquiry => Some(Duration::hours(24)),
        Channel::Chat => Some(Duration::hours(1)),
        Channel::Rtm => Some(Duration::minutes(5)),
        Channel::Rfq | Channel::Visitor => None,
    };
    let company_due = arrived + target;
    let platform_due = platform.map(|p| arrived + p);
    let replied = inquiry
        .thread
        .as_ref()
        .and_then(|t| t.our_last_reply_at)
        .is_some_and(|r| r.with_timezone(&Utc) >= arrived);
    let first_due = platform_due.map_or(company_due, |p| p.min(company_due));
    let status = if replied {
        Status::Met
    } else if now > first_due {
        Status::Overdue
    } else if now + Duration::minutes(policy.due_soon_minutes) >= first_due {
        Status::DueSoon
    } else {
        Status::OnTrack
    };
    Some(Deadline {
        company_due: zone.local(company_due),
        platform_due: platform_due.map(|p| zone.local(p)),
        status,
    })
}

/// Which follow-up a thread needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    /// 24 h after our reply the buyer has not read it.
    Unread,
    /// 24 h after our reply the buyer read it but did not answer.
    Read,
}

/// A follow-up the thread is due for (or will be, at `due`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    /// Which follow-up.
    pub kind: FollowUpKind,
    /// When it falls due.
    pub due: DateTime<FixedOffset>,
}

/// The follow-up a thread needs at `now`: our reply is the last word and
/// 24 hours have passed. `None` when the buyer answered or we never replied.
pub fn follow_up(
    _policy: &ClockPolicy,
    inquiry: &Inquiry,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Option<FollowUp> {
    let thread = inquiry.thread.as_ref()?;
    let replied = thread.our_last_reply_at?.with_timezone(&Utc);
    if thread
        .buyer_replied_at
        .is_some_and(|b| b.with_timezone(&Utc) >= replied)
    {
        return None;
    }
    let due = replied + Duration::hours(24);
    if now < due {
        return None;
    }
    let kind = if thread.buyer_read_at.is_some() {
        FollowUpKind::Read
    } else {
        FollowUpKind::Unread
    };
    Some(FollowUp {
        kind,
        due: zone.local(due),
    })
}
