//! Dates and times read from text exactly as chrono's `FromStr` and serde readers
//! read them, without chrono's general format parser.
//!
//! The engine reads two forms: a date (`2026-11-23`, chrono's `NaiveDate` form) and
//! a time in relaxed RFC 3339 (`2026-11-23T09:12:00+08:00`, chrono's
//! `DateTime<FixedOffset>` form, which also takes a space or a lower-case `t` for
//! the `T`, spaces between the parts, `UTC` for the offset and an offset without its
//! colon). chrono reads both through its general parser of format items, with a
//! setter per field and the resolution of week dates, ordinals and timestamps that
//! these forms never use: 12 KB of the wasm. The readers here take the same steps
//! in the same order, so they accept the same texts, give the same values and fail
//! with the same errors (their messages are chrono's); the tests compare them with
//! chrono on every text they try.
//!
//! Strict RFC 3339 ([`chrono::DateTime::parse_from_rfc3339`]) has its own small
//! reader in chrono and is used as it is.

use std::fmt;

use chrono::{DateTime, FixedOffset, MappedLocalTime, NaiveDate, NaiveTime, TimeZone};
use serde::de::{self, Deserialize, Deserializer};

/// Why a text is not a date or a time: chrono's kinds of parse error, with its
/// messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeTextError {
    /// A part is out of its range (month 13, hour 24, an offset of a day or more).
    OutOfRange,
    /// The parts name no time (a local time its offset moves out of range).
    Impossible,
    /// A character where another was expected.
    Invalid,
    /// The text ends before the form does.
    TooShort,
    /// Text after the form.
    TooLong,
}

impl fmt::Display for TimeTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeTextError::OutOfRange => "input is out of range",
            TimeTextError::Impossible => "no possible date and time matching input",
            TimeTextError::Invalid => "input contains invalid characters",
            TimeTextError::TooShort => "premature end of input",
            TimeTextError::TooLong => "trailing input",
        })
    }
}

impl std::error::Error for TimeTextError {}

use TimeTextError::{Impossible, Invalid, OutOfRange, TooLong, TooShort};

type Read<'a, T> = Result<(&'a str, T), TimeTextError>;

/// Reads `min` to `max` ASCII digits as a number (chrono's `scan::number`).
fn number(s: &str, min: usize, max: usize) -> Read<'_, i64> {
    let bytes = s.as_bytes();
    if bytes.len() < min {
        return Err(TooShort);
    }
    let mut n = 0i64;
    for (i, &c) in bytes.iter().take(max).enumerate() {
        if !c.is_ascii_digit() {
            return if i < min {
                Err(Invalid)
            } else {
                Ok((&s[i..], n))
            };
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(i64::from(c - b'0')))
            .ok_or(OutOfRange)?;
    }
    Ok((&s[max.min(bytes.len())..], n))
}

/// A field of at most `width` digits after optional white space, in `range`.
fn field(s: &str, width: usize, range: std::ops::RangeInclusive<i64>) -> Read<'_, u32> {
    let (s, v) = number(s.trim_start(), 1, width)?;
    match u32::try_from(v) {
        Ok(v) if range.contains(&i64::from(v)) => Ok((s, v)),
        _ => Err(OutOfRange),
    }
}

/// A one-character separator after optional white space.
fn separator(s: &str, c: char) -> Result<&str, TimeTextError> {
    let s = s.trim_start();
    if s.is_empty() {
        Err(TooShort)
    } else {
        s.strip_prefix(c).ok_or(Invalid)
    }
}

/// Year, month and day as chrono's date items read them: a year of up to four
/// digits, or any number of digits after a sign; white space around the dashes.
fn date_parts(s: &str) -> Read<'_, (i32, u32, u32)> {
    let s = s.trim_start();
    let (s, year) = if let Some(rest) = s.strip_prefix('-') {
        let (s, v) = number(rest, 1, usize::MAX)?;
        (s, -v)
    } else if let Some(rest) = s.strip_prefix('+') {
        number(rest, 1, usize::MAX)?
    } else {
        number(s, 1, 4)?
    };
    let year = i32::try_from(year).map_err(|_| OutOfRange)?;
    let s = separator(s, '-')?;
    let (s, month) = field(s, 2, 1..=12)?;
    let s = separator(s, '-')?;
    let (s, day) = field(s, 2, 1..=31)?;
    Ok((s, (year, month, day)))
}

/// Reads a date as `NaiveDate`'s `FromStr` does (`2026-11-23`, `+12026-1-2`, white
/// space around the parts).
pub fn parse_date(s: &str) -> Result<NaiveDate, TimeTextError> {
    let (rest, (year, month, day)) = date_parts(s)?;
    if !rest.trim_start().is_empty() {
        return Err(TooLong);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(OutOfRange)
}

/// The UTC offset of a relaxed RFC 3339 time, in seconds: `Z`, `UTC` (any case), or
/// a signed `hh:mm` whose colon may be missing or white space.
fn offset(s: &str) -> Read<'_, i32> {
    let s = s.trim_start();
    if s.len() >= 3 && s.as_bytes()[..3].eq_ignore_ascii_case(b"UTC") {
        return Ok((&s[3..], 0));
    }
    if let Some(rest) = s.strip_prefix(['Z', 'z']) {
        return Ok((rest, 0));
    }
    let (s, negative) = if let Some(rest) = s.strip_prefix('+') {
        (rest, false)
    } else if let Some(rest) = s.strip_prefix(['-', '\u{2212}']) {
        (rest, true)
    } else if s.is_empty() {
        return Err(TooShort);
    } else {
        return Err(Invalid);
    };
    let two = |s: &str| -> Option<(u8, u8)> {
        let b = s.as_bytes();
        (b.len() >= 2).then(|| (b[0], b[1]))
    };
    let hours = match two(s).ok_or(TooShort)? {
        (h1 @ b'0'..=b'9', h2 @ b'0'..=b'9') => i32::from((h1 - b'0') * 10 + (h2 - b'0')),
        _ => return Err(Invalid),
    };
    let s = s[2..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    let minutes = match two(s).ok_or(TooShort)? {
        (m1 @ b'0'..=b'5', m2 @ b'0'..=b'9') => i32::from((m1 - b'0') * 10 + (m2 - b'0')),
        (b'6'..=b'9', b'0'..=b'9') => return Err(OutOfRange),
        _ => return Err(Invalid),
    };
    let seconds = hours * 3600 + minutes * 60;
    Ok((&s[2..], if negative { -seconds } else { seconds }))
}

/// Reads a time as `DateTime<FixedOffset>`'s `FromStr` (and so its serde reader)
/// does: relaxed RFC 3339 (see the module's documentation).
pub fn parse_date_time(s: &str) -> Result<DateTime<FixedOffset>, TimeTextError> {
    let (s, (year, month, day)) = date_parts(s)?;
    let s = match s.as_bytes().first() {
        Some(b't' | b'T' | b' ') => &s[1..],
        Some(_) => return Err(Invalid),
        None => return Err(TooShort),
    };
    let (s, hour) = field(s, 2, 0..=23)?;
    let s = separator(s, ':')?;
    let (s, minute) = field(s, 2, 0..=59)?;
    let s = separator(s, ':')?;
    let (s, second) = field(s, 2, 0..=60)?;
    let (s, nano) = match s.strip_prefix('.') {
        Some(digits) => {
            let (rest, v) = number(digits, 1, 9)?;
            let scale = 10u32.pow(9 - (digits.len() - rest.len()) as u32);
            // Fewer than ten digits were read: `v * scale` is below 10^9.
            let v = u32::try_from(v).map_err(|_| OutOfRange)?;
            let v = v.checked_mul(scale).ok_or(OutOfRange)?;
            (rest.trim_start_matches(|c: char| c.is_ascii_digit()), v)
        }
        None => (s, 0),
    };
    let (rest, offset) = offset(s)?;
    if !rest.trim_start().is_empty() {
        return Err(TooLong);
    }
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(OutOfRange)?;
    // Second 60 is a leap second: 59 and one more second of nanoseconds.
    let (second, leap) = if second == 60 {
        (59, 1_000_000_000)
    } else {
        (second, 0)
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, leap + nano).ok_or(OutOfRange)?;
    let offset = FixedOffset::east_opt(offset).ok_or(OutOfRange)?;
    match offset.from_local_datetime(&date.and_time(time)) {
        MappedLocalTime::Single(t) => Ok(t),
        // A fixed offset maps a local time to one time or, out of range, none.
        MappedLocalTime::None | MappedLocalTime::Ambiguous(..) => Err(Impossible),
    }
}

/// A date read as chrono's serde reader reads one, with its errors.
struct DateText(NaiveDate);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a formatted date string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                parse_date(v).map(DateText).map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// A time read as chrono's serde reader reads one, with its errors.
struct TimeText(DateTime<FixedOffset>);

impl<'de> Deserialize<'de> for TimeText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = TimeText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 formatted date and time string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TimeText, E> {
                parse_date_time(v).map(TimeText).map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// `#[serde(deserialize_with)]` readers for the records' date and time fields, in
/// place of chrono's (which would bring its general parser back).
pub mod serde_read {
    use super::*;

    /// A date.
    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        DateText::deserialize(d).map(|t| t.0)
    }

    /// A date or `null`.
    pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<DateText>::deserialize(d).map(|t| t.map(|t| t.0))
    }

    /// A list of dates.
    pub fn dates<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
        let dates = Vec::<DateText>::deserialize(d)?;
        Ok(dates.into_iter().map(|t| t.0).collect())
    }

    /// A list of `[date, value]` pairs.
    pub fn dated<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Vec<(NaiveDate, T)>, D::Error> {
        let pairs = Vec::<(DateText, T)>::deserialize(d)?;
        Ok(pairs.into_iter().map(|(t, v)| (t.0, v)).collect())
    }

    /// A time.
    pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        TimeText::deserialize(d).map(|t| t.0)
    }

    /// A time or `null`.
    pub fn optional_time<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        Option::<TimeText>::deserialize(d).map(|t| t.map(|t| t.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts around every step of both forms: each part missing, doubled, out of
    /// range, with white space and signs; leap seconds; offsets at their limits;
    /// years at the ends of chrono's range and beyond `i32` and `i64`.
    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "",
            " ",
            "2026-11-23",
            " 2026-11-23 ",
            "2026 - 11 - 23",
            "2026-1-2",
            "2026-01-02x",
            "2026-13-01",
            "2026-00-10",
            "2026-02-29",
            "2024-02-29",
            "2026-02-30",
            "2026-04-31",
            "2026-12-32",
            "2026-12-0",
            "2026-12",
            "2026-",
            "2026",
            "20261-01-01",
            "+20261-01-01",
            "-0001-01-01",
            "-1-1-1",
            "+262143-12-31",
            "+262144-01-01",
            "-262144-01-01",
            "-262145-01-01",
            "+2147483647-01-01",
            "+2147483648-01-01",
            "+99999999999999999999-1-1",
            "- 2026-01-01",
            "+-2026-01-01",
            "2026-011-01",
            "2026-1-011",
            "2026-01-01 ",
            "２０２６-01-01",
            "2026\u{3000}-01-01",
            "2026-01-01T",
            "2026/01/01",
            "x",
            "-",
            "+",
            "2026-1-",
            "2026-11-23T09:12:00+08:00",
            "2026-11-23t09:12:00+08:00",
            "2026-11-23 09:12:00+08:00",
            "2026-11-23T09:12:00Z",
            "2026-11-23T09:12:00z",
            "2026-11-23T09:12:00 UTC",
            "2026-11-23T09:12:00utc",
            "2026-11-23T09:12:00UT",
            "2026-11-23T09:12:00+0800",
            "2026-11-23T09:12:00+08",
            "2026-11-23T09:12:00+8:00",
            "2026-11-23T09:12:00+08 00",
            "2026-11-23T09:12:00+08::00",
            "2026-11-23T09:12:00+08:60",
            "2026-11-23T09:12:00+08:5",
            "2026-11-23T09:12:00+08:0x",
            "2026-11-23T09:12:00\u{2212}05:00",
            "2026-11-23T09:12:00-05:00",
            "2026-11-23T09:12:00+23:59",
            "2026-11-23T09:12:00+24:00",
            "2026-11-23T09:12:00+99:59",
            "2026-11-23T09:12:00-24:00",
            "2026-11-23T09:12:00",
            "2026-11-23T09:12",
            "2026-11-23T09",
            "2026-11-23T",
            "2026-11-23X09:12:00Z",
            "2026-11-23  09:12:00Z",
            "2026-11-23T 9:2:0Z",
            "2026-11-23T09 : 12 : 00 Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T23:60:00Z",
            "2026-11-23T23:59:60Z",
            "2026-11-23T23:59:60.5Z",
            "2026-11-23T23:59:61Z",
            "2026-11-23T12:00:60Z",
            "2026-11-23T09:12:00.Z",
            "2026-11-23T09:12:00.1Z",
            "2026-11-23T09:12:00.123456789Z",
            "2026-11-23T09:12:00.1234567891234Z",
            "2026-11-23T09:12:00.000000000000000000000001Z",
            "2026-11-23T09:12:00.5 +01:00",
            "2026-11-23T09:12:00 .5Z",
            "2026-11-23T09:12:00Z ",
            "2026-11-23T09:12:00Z x",
            "2026-11-23T09:12:00+08:00:00",
            "2026-11-23T09:12:00+",
            "2026-11-23T09:12:00+0",
            "2026-11-23T09:12:00+08:",
            "2026-11-23T09:12:00+08:0",
            "+262143-12-31T23:59:59-23:00",
            "+262143-12-31T23:59:59+23:00",
            "-262144-01-01T00:00:00+01:00",
            "-262144-01-01T00:00:00-01:00",
            "2026-02-30T09:12:00Z",
            "2026-11-23T09:12:00Zulu",
            "2026-11-23T09:12:00GMT",
            "2026-11-23T09:12:00+08:00 ",
            "2026-11-23T09:12:00 +08:00",
            "2026-11-23T09:12:00.+08:00",
            "2026-11-23T9:12:00+08:00",
            "2026-11-23T009:12:00Z",
            "2026-11-23T09:12:000Z",
            "2026-11-23T09:12:00é",
            "2026-11-23é",
            "é",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every prefix of a few full texts: each step's "ends too soon".
        for full in ["+2026-11-23T09:12:00.123-08:30", "2026-11-23 09:12:60 UTC"] {
            texts.extend(
                (0..=full.len())
                    .filter_map(|n| full.get(..n))
                    .map(str::to_string),
            );
        }
        texts
    }

    /// The texts, and each with one character replaced by, or inserted as, each of
    /// the characters the forms are made of (and one they are not).
    fn mutated_texts() -> Vec<String> {
        let alphabet = [
            ' ', '-', ':', '.', '+', 'T', 't', '0', '1', '6', '9', 'Z', 'U', 'é',
        ];
        let mut all = Vec::new();
        for text in texts() {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (n, &at) in bounds.iter().enumerate() {
                for c in alphabet {
                    let mut inserted = text.clone();
                    inserted.insert(at, c);
                    all.push(inserted);
                    if let Some(&next) = bounds.get(n + 1) {
                        let mut replaced = text.clone();
                        replaced.replace_range(at..next, c.encode_utf8(&mut [0; 4]));
                        all.push(replaced);
                    }
                }
            }
            all.push(text);
        }
        all
    }

    fn kind(e: chrono::ParseError) -> String {
        e.to_string()
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for text in mutated_texts() {
            let ours = parse_date(&text).map_err(|e| e.to_string());
            let chrono = text.parse::<NaiveDate>().map_err(kind);
            assert_eq!(ours, chrono, "{text:?}");
        }
    }

    #[test]
    fn times_read_as_chrono_reads_them() {
        for text in mutated_texts() {
            let ours = parse_date_time(&text).map_err(|e| e.to_string());
            let chrono = text.parse::<DateTime<FixedOffset>>().map_err(kind);
            assert_eq!(ours, chrono, "{text:?}");
            // The same instant and the same offset.
            if let (Ok(a), Ok(b)) = (
                parse_date_time(&text),
                text.parse::<DateTime<FixedOffset>>(),
            ) {
                assert_eq!(a.offset(), b.offset(), "{text:?}");
            }
        }
    }

    #[test]
    fn serde_readers_answer_as_chrono_s() {
        let values = [
            serde_json::json!("2026-11-23"),
            serde_json::json!("2026-11-23T09:12:00+08:00"),
            serde_json::json!("2026-13-23"),
            serde_json::json!("nonsense"),
            serde_json::json!(20261123),
            serde_json::json!(null),
            serde_json::json!(["2026-11-23"]),
            serde_json::json!({"a": 1}),
        ];
        let show = |r: Result<String, serde_json::Error>| r.map_err(|e| e.to_string());
        for v in &values {
            assert_eq!(
                show(serde_read::date(v).map(|d| d.to_string())),
                show(NaiveDate::deserialize(v).map(|d| d.to_string())),
                "{v}"
            );
            assert_eq!(
                show(serde_read::optional_date(v).map(|d| format!("{d:?}"))),
                show(Option::<NaiveDate>::deserialize(v).map(|d| format!("{d:?}"))),
                "{v}"
            );
            assert_eq!(
                show(serde_read::time(v).map(|t| t.to_rfc3339())),
                show(DateTime::<FixedOffset>::deserialize(v).map(|t| t.to_rfc3339())),
                "{v}"
            );
            assert_eq!(
                show(serde_read::optional_time(v).map(|t| format!("{t:?}"))),
                show(Option::<DateTime<FixedOffset>>::deserialize(v).map(|t| format!("{t:?}"))),
                "{v}"
            );
            let list = serde_json::json!([v]);
            assert_eq!(
                show(serde_read::dates(&list).map(|d| format!("{d:?}"))),
                show(Vec::<NaiveDate>::deserialize(&list).map(|d| format!("{d:?}"))),
                "{v}"
            );
            let pairs = serde_json::json!([[v, 1]]);
            assert_eq!(
                show(serde_read::dated::<_, u8>(&pairs).map(|d| format!("{d:?}"))),
                show(Vec::<(NaiveDate, u8)>::deserialize(&pairs).map(|d| format!("{d:?}"))),
                "{v}"
            );
        }
    }
}
