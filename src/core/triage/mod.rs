//! Inquiry triage: is it spam, a scam, or a real buyer — and why.
//!
//! (Foundation stage: the types are final, the rules are a first minimal set.)

use serde::{Deserialize, Serialize};

use crate::core::inquiry::Inquiry;

/// The tag a rep sees on a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Not worth a real answer (still counts for the reply rate: acknowledge it).
    Spam,
    /// Look before answering.
    Suspicious,
    /// A real buyer.
    Genuine,
}

impl Verdict {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Spam => "spam",
            Verdict::Suspicious => "suspicious",
            Verdict::Genuine => "genuine",
        }
    }
}

/// What the message is, which decides the reply template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The unedited mobile one-click inquiry.
    OneClick,
    /// The buyer asked explicit questions.
    Questions,
    /// The buyer made explicit requests about a specific need.
    Requests,
    /// No specific product and no quantity.
    Vague,
    /// Credential theft: sign-in links, HTML/archive "orders".
    Phishing,
    /// Advance-fee and commission scams.
    Scam,
    /// Service advertising (forwarders, SEO, …).
    Advertising,
    /// A competitor or mass sender fishing for prices.
    PriceFishing,
    /// The buyer answers a thread that is already running.
    FollowUp,
    /// Generic junk that fits none of the above.
    Junk,
}

/// Buyer grade, A (clear intent) to D (unclear).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// Clear intent, likely to buy.
    A,
    /// Intent but hesitating.
    B,
    /// Intent, long purchasing cycle.
    C,
    /// Unclear intent.
    D,
}

/// Answering priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// Answer first.
    High,
    /// Answer with open questions.
    Medium,
    /// Standard template is enough.
    Low,
}

/// One piece of evidence behind a verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// Stable SCREAMING_SNAKE code.
    pub code: String,
    /// Its weight in the score (negative: evidence of a genuine buyer).
    pub weight: f64,
    /// English sentence for the rep.
    pub detail: String,
    /// Chinese sentence for the rep.
    pub detail_zh: String,
}

/// The triage of one inquiry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// The tag.
    pub verdict: Verdict,
    /// Higher = more likely spam.
    pub score: f64,
    /// The evidence, strongest first.
    pub reasons: Vec<Reason>,
    /// What the message is.
    pub kind: Kind,
    /// Buyer grade.
    pub grade: Grade,
    /// Answering priority.
    pub priority: Priority,
}

/// Triage settings: thresholds (and, later, weights, lists and the learned filter).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TriageSettings {
    /// Score at or above which a message is spam.
    pub spam_threshold: f64,
    /// Score at or above which a message is suspicious.
    pub suspicious_threshold: f64,
}

impl Default for TriageSettings {
    fn default() -> Self {
        TriageSettings {
            spam_threshold: 6.0,
            suspicious_threshold: 3.0,
        }
    }
}

/// What the triager remembers across one batch (repeated texts).
#[derive(Debug, Default)]
pub struct Seen {
    texts: std::collections::HashMap<String, u32>,
}

/// The compiled triage engine.
#[derive(Debug, Clone)]
pub struct Triager {
    settings: TriageSettings,
}

impl Triager {
    /// Compiles the rules for the given settings.
    pub fn new(settings: &TriageSettings) -> Self {
        Triager {
            settings: settings.clone(),
        }
    }

    /// Triage one inquiry. `seen` carries what earlier inquiries of the batch said.
    pub fn assess(&self, inquiry: &Inquiry, seen: &mut Seen) -> Assessment {
        let mut reasons = Vec::new();
        let lower = inquiry.body.to_lowercase();
        if lower.contains("password") || lower.contains("sign in") || lower.contains("log in") {
            reasons.push(Reason {
                code: "CREDENTIAL_LINK".into(),
                weight: 6.0,
                detail: "asks you to sign in to see the order".into(),
                detail_zh: "要求登录才能查看订单".into(),
            });
        }
        let key = crate::core::text::normalize(&inquiry.body);
        let count = seen.texts.entry(key).or_insert(0);
        *count += 1;
        let score: f64 = reasons.iter().map(|r| r.weight).sum();
        let verdict = if score >= self.settings.spam_threshold {
            Verdict::Spam
        } else if score >= self.settings.suspicious_threshold {
            Verdict::Suspicious
        } else {
            Verdict::Genuine
        };
        let kind = if verdict == Verdict::Spam {
            Kind::Phishing
        } else if inquiry.body.contains('?') {
            Kind::Questions
        } else {
            Kind::Vague
        };
        Assessment {
            verdict,
            score,
            reasons,
            kind,
            grade: if verdict == Verdict::Genuine {
                Grade::B
            } else {
                Grade::D
            },
            priority: if verdict == Verdict::Genuine {
                Priority::High
            } else {
                Priority::Low
            },
        }
    }
}
