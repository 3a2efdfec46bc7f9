//! Buying requests (RFQ): is this one worth a quote, and how soon?
//!
//! The RFQ market has no reply deadline; what matters is whether the request is
//! for something the rep sells, whether it is still fresh, and whether quotes are
//! left (domain §1: fresher is better, the monthly quote quota is limited). The
//! rep lists what they sell as keywords in the settings; a request naming one is
//! relevant. Matching is by words, so word order, case and plurals do not matter
//! ("lace wigs" matches "Wig, lace front"); a keyword in Chinese (or any script
//! without spaces) matches as a phrase.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::inquiry::{Channel, Inquiry};
use crate::core::triage::{Assessment, Priority, Verdict};

/// The most keywords a rep may list, and the longest one.
const MAX_KEYWORDS: usize = 300;
const MAX_KEYWORD_CHARS: usize = 100;

/// A request naming at least this share of a keyword's words is worth a look.
const PARTLY_RELEVANT: f64 = 0.5;

/// The rep's RFQ preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RfqSettings {
    /// What the rep sells: words or phrases ("lace wig", "316L pipe", "假发").
    /// Empty: every request counts as relevant.
    pub keywords: Vec<String>,
    /// How long after posting a request counts as fresh, in hours.
    pub fresh_hours: u32,
}

impl Default for RfqSettings {
    fn default() -> Self {
        RfqSettings {
            keywords: Vec::new(),
            fresh_hours: 24,
        }
    }
}

impl RfqSettings {
    /// Checks the limits; the message says what to change.
    pub fn validate(&self) -> Result<(), String> {
        if self.keywords.len() > MAX_KEYWORDS {
            return Err(format!(
                "rfq.keywords: {} keywords, at most {MAX_KEYWORDS}; keep the product lines you quote",
                self.keywords.len()
            ));
        }
        if let Some(long) = self
            .keywords
            .iter()
            .find(|k| k.chars().count() > MAX_KEYWORD_CHARS)
        {
            let start: String = long.chars().take(20).collect();
            return Err(format!(
                "rfq.keywords: '{start}…' is longer than {MAX_KEYWORD_CHARS} characters; use a short phrase"
            ));
        }
        if !(1..=24 * 90).contains(&self.fresh_hours) {
            return Err(format!(
                "rfq.freshHours: {} is outside 1–2160 hours",
                self.fresh_hours
            ));
        }
        Ok(())
    }
}

/// How well a buying request fits the rep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RfqFit {
    /// 0–1: the largest share of one keyword's words the request names
    /// (1 = some keyword named in full). 1 when the rep lists no keywords.
    pub relevance: f64,
    /// The keywords named in full, in the rep's spelling.
    pub matched: Vec<String>,
    /// Whether relevance was judged: false while the rep lists no keywords.
    pub ranked: bool,
    /// Hours since the request was posted, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_hours: Option<f64>,
    /// Posted within the fresh window of the settings.
    pub fresh: bool,
    /// Quotes suppliers may still send, when the market shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes_left: Option<u64>,
    /// Not spam, quotes left, and relevant enough: spend a quote on it.
    pub worth_quoting: bool,
}

/// Keywords prepared once per settings.
#[derive(Debug, Clone, Default)]
pub struct RfqMatcher {
    keywords: Vec<Keyword>,
    fresh_hours: u32,
}

#[derive(Debug, Clone)]
struct Keyword {
    shown: String,
    /// Word stems, or one phrase for text written without spaces.
    parts: Vec<String>,
    phrase: bool,
}

impl RfqMatcher {
    /// Prepares the settings' keywords (blank ones are skipped).
    pub fn new(settings: &RfqSettings) -> RfqMatcher {
        let keywords = settings
            .keywords
            .iter()
            .filter_map(|k| {
                let shown = k.trim();
                let phrase = shown.chars().any(is_unspaced_script);
                let parts: Vec<String> = if phrase {
                    vec![shown.to_lowercase()]
                } else {
                    words(shown).collect()
                };
                (!parts.is_empty()).then(|| Keyword {
                    shown: shown.to_string(),
                    parts,
                    phrase,
                })
            })
            .collect();
        RfqMatcher {
            keywords,
            fresh_hours: settings.fresh_hours,
        }
    }

    /// The fit of `inquiry` at `now`; `None` for anything but a buying request.
    pub fn fit(
        &self,
        inquiry: &Inquiry,
        assessment: &Assessment,
        now: DateTime<Utc>,
    ) -> Option<RfqFit> {
        if inquiry.channel != Channel::Rfq {
            return None;
        }
        let text = [
            inquiry.subject.as_deref(),
            Some(inquiry.body.as_str()),
            inquiry.product.as_ref().and_then(|p| p.title.as_deref()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
        let lowered = text.to_lowercase();
        let stems: std::collections::HashSet<String> = words(&text).collect();

        let mut relevance: f64 = if self.keywords.is_empty() { 1.0 } else { 0.0 };
        let mut matched = Vec::new();
        for keyword in &self.keywords {
            let found = keyword
                .parts
                .iter()
                .filter(|p| {
                    if keyword.phrase {
                        lowered.contains(p.as_str())
                    } else {
                        stems.contains(p.as_str())
                    }
                })
                .count();
            let share = found as f64 / keyword.parts.len() as f64;
            if found == keyword.parts.len() {
                matched.push(keyword.shown.clone());
            }
            relevance = relevance.max(share);
        }

        let age_hours = inquiry.received_at.map(|posted| {
            let minutes = (now - posted.with_timezone(&Utc)).num_minutes().max(0);
            (minutes as f64 / 6.0).round() / 10.0
        });
        let fresh = age_hours.is_some_and(|h| h <= f64::from(self.fresh_hours));
        let quotes_left = inquiry.rfq.as_ref().and_then(|r| r.quotes_left);
        let worth_quoting = assessment.verdict != Verdict::Spam
            && quotes_left != Some(0)
            && relevance >= PARTLY_RELEVANT;
        Some(RfqFit {
            relevance: (relevance * 100.0).round() / 100.0,
            matched,
            ranked: !self.keywords.is_empty(),
            age_hours,
            fresh,
            quotes_left,
            worth_quoting,
        })
    }

    /// The answering priority of a buying request, given its fit: requests that
    /// cannot or should not be quoted go last; a fresh request for something the
    /// rep lists goes first. Without keywords the triage's own priority stands.
    pub fn priority(&self, fit: &RfqFit, assessed: Priority) -> Priority {
        if !fit.worth_quoting {
            return Priority::Low;
        }
        if self.keywords.is_empty() {
            return assessed;
        }
        if !fit.matched.is_empty() && fit.fresh {
            Priority::High
        } else {
            Priority::Medium
        }
    }
}

/// Scripts written without spaces between words (Han, kana, Hangul, Thai).
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}' | '\u{0e00}'..='\u{0e7f}' | '\u{f900}'..='\u{faff}')
}

/// Lower-cased word stems: letters and digits, plurals folded ("wigs" → "wig",
/// "batteries" → "battery", "boxes" → "box").
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| stem(&w.to_lowercase()))
}

fn stem(word: &str) -> String {
    let n = word.len();
    if !word.is_ascii() || n <= 3 || word.bytes().all(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    if let Some(base) = word.strip_suffix("ies") {
        return format!("{base}y");
    }
    for tail in ["ches", "shes", "sses", "xes", "zes"] {
        if word.ends_with(tail) {
            return word[..n - 2].to_string();
        }
    }
    if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..n - 1].to_string();
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::inquiry::RfqListing;
    use crate::core::triage::{Grade, Kind};

    fn assessment(verdict: Verdict) -> Assessment {
        Assessment {
            verdict,
            score: 0.0,
            reasons: Vec::new(),
            kind: Kind::Requests,
            grade: Grade::B,
            priority: Priority::Medium,
            reading: Default::default(),
        }
    }

    fn request(
        subject: &str,
        hours_ago: i64,
        quotes_left: Option<u64>,
    ) -> (Inquiry, DateTime<Utc>) {
        let now: DateTime<Utc> = "2026-11-23T02:00:00Z".parse().expect("a time");
        let posted = (now - chrono::Duration::hours(hours_ago)).fixed_offset();
        let inquiry = Inquiry {
            channel: Channel::Rfq,
            subject: Some(subject.to_string()),
            body: format!("{subject}\nQuantity: 200 Pieces"),
            received_at: Some(posted),
            rfq: Some(RfqListing {
                quotes_left,
                buyer_tags: vec![],
            }),
            ..Inquiry::default()
        };
        (inquiry, now)
    }

    fn matcher(keywords: &[&str]) -> RfqMatcher {
        RfqMatcher::new(&RfqSettings {
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            ..RfqSettings::default()
        })
    }

    #[test]
    fn keywords_match_by_words_in_any_order_and_number() {
        // (keywords, request subject, relevance, matched)
        let cases: &[(&[&str], &str, f64, &[&str])] = &[
            (
                &["lace wig"],
                "Looking for 20 inch body wave human hair wigs with lace",
                1.0,
                &["lace wig"],
            ),
            (&["lace wig"], "Body wave wigs 22 inch", 0.5, &[]),
            (
                &["lace wig", "316L pipe"],
                "316L seamless stainless pipes 2 inch",
                1.0,
                &["316L pipe"],
            ),
            (
                &["LED panel"],
                "led PANELS 600x600 40W for offices",
                1.0,
                &["LED panel"],
            ),
            (
                &["battery"],
                "48V lithium batteries for solar",
                1.0,
                &["battery"],
            ),
            (&["假发"], "需要 200 顶真人发假发", 1.0, &["假发"]),
            (&["solar inverter"], "Office chairs, mesh back", 0.0, &[]),
            (&["  ", "wig"], "wig", 1.0, &["wig"]),
        ];
        for (keywords, subject, relevance, matched) in cases {
            let (inq, now) = request(subject, 2, Some(5));
            let fit = matcher(keywords)
                .fit(&inq, &assessment(Verdict::Genuine), now)
                .expect("an RFQ has a fit");
            assert_eq!(fit.relevance, *relevance, "{keywords:?} in {subject}");
            assert_eq!(fit.matched, *matched, "{keywords:?} in {subject}");
        }
    }

    #[test]
    fn priority_follows_fit_freshness_and_quotes() {
        // (keywords, subject, hours ago, quotes left, verdict, priority, worth quoting)
        type Case<'a> = (
            &'a [&'a str],
            &'a str,
            i64,
            Option<u64>,
            Verdict,
            Priority,
            bool,
        );
        let cases: &[Case] = &[
            (
                &["wig"],
                "HD lace wigs",
                2,
                Some(8),
                Verdict::Genuine,
                Priority::High,
                true,
            ),
            (
                &["wig"],
                "HD lace wigs",
                50,
                Some(8),
                Verdict::Genuine,
                Priority::Medium,
                true,
            ),
            (
                &["wig"],
                "HD lace wigs",
                2,
                Some(0),
                Verdict::Genuine,
                Priority::Low,
                false,
            ),
            (
                &["wig"],
                "Office chairs",
                2,
                Some(8),
                Verdict::Genuine,
                Priority::Low,
                false,
            ),
            (
                &["wig"],
                "HD lace wigs",
                2,
                Some(8),
                Verdict::Spam,
                Priority::Low,
                false,
            ),
            (
                &[],
                "Office chairs",
                2,
                None,
                Verdict::Genuine,
                Priority::Medium,
                true,
            ),
        ];
        for (keywords, subject, hours, left, verdict, priority, worth) in cases {
            let (inq, now) = request(subject, *hours, *left);
            let m = matcher(keywords);
            let fit = m.fit(&inq, &assessment(*verdict), now).expect("an RFQ");
            assert_eq!(fit.worth_quoting, *worth, "{subject} {hours}h {left:?}");
            assert_eq!(
                m.priority(&fit, Priority::Medium),
                *priority,
                "{subject} {hours}h {left:?}"
            );
            assert_eq!(fit.fresh, *hours <= 24);
            assert_eq!(fit.age_hours, Some(*hours as f64));
            assert_eq!(
                fit.ranked,
                !keywords.is_empty(),
                "relevance is judged only against keywords"
            );
        }
    }

    #[test]
    fn only_buying_requests_have_a_fit() {
        let (mut inq, now) = request("HD lace wigs", 2, Some(8));
        inq.channel = Channel::Inquiry;
        assert_eq!(
            matcher(&["wig"]).fit(&inq, &assessment(Verdict::Genuine), now),
            None
        );
    }

    #[test]
    fn limits_are_explained() {
        let many = RfqSettings {
            keywords: vec!["x".into(); MAX_KEYWORDS + 1],
            ..RfqSettings::default()
        };
        assert!(many.validate().expect_err("too many").contains("at most"));
        let stale = RfqSettings {
            fresh_hours: 0,
            ..RfqSettings::default()
        };
        assert!(stale
            .validate()
            .expect_err("zero hours")
            .contains("freshHours"));
        assert!(RfqSettings::default().validate().is_ok());
    }

    #[test]
    fn stems_fold_plurals_only() {
        for (word, want) in [
            ("wigs", "wig"),
            ("batteries", "battery"),
            ("boxes", "box"),
            ("glass", "glass"),
            ("bus", "bus"),
            ("inches", "inch"),
            ("316l", "316l"),
            ("gas", "gas"),
        ] {
            assert_eq!(stem(word), want, "{word}");
        }
    }
}
