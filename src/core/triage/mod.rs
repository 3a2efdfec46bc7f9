//! Inquiry triage: is it spam, a scam, or a real buyer — and why.
//!
//! Three steps, as in the best rule-based filters: detectors (`signals`) report
//! the evidence they see as rule codes; one table (`rules`) gives each code its
//! weight, category and wording; the sum gives the score and thresholds give
//! the verdict. Two guards shape the sum because a genuine buyer called spam is
//! the expensive error:
//!
//! * genuine signs can pull the score down by at most [`GENUINE_CAP`], so a
//!   perfect-looking inquiry cannot hide a sign-in link or an HTML "order";
//! * *strong* evidence (credential links, disguised or executable attachments,
//!   advance fees, the rep's deny list) makes a message spam by itself, while no
//!   single weak sign (brevity, a free mailbox, a new account) can.
//!
//! The built-in content model and the rep's own learned filter (`bayes`) add one
//! reason each, with a capped weight. The rep's allow and deny lists decide first.

pub mod bayes;
pub mod concepts;
pub mod rules;
pub mod signals;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::analysis;
use crate::core::inquiry::Inquiry;
use crate::core::sort::sort_stable_by;
use crate::core::text::{LINK_SCHEME, LINK_WWW};
use bayes::{Filter, BUILT_IN};
use concepts::Found;
use rules::{rule, Category, Code};
use signals::mechanisms::{self, Evidence};
use signals::{Hit, Text};

/// How far genuine signs can pull a score down.
pub const GENUINE_CAP: f64 = -5.0;
/// The most the built-in content model can add or take away.
pub const MODEL_CAP: f64 = 4.5;
/// Signs of how a mailing is laid out (an unsubscribe footer, a page of links): a
/// newsletter the rep asked for has them as much as bulk spam does. When they are
/// there, the built-in word model may raise a flag but not carry the message over the
/// spam threshold alone: its words were learned from 2002 mailing lists, where
/// wanted and unwanted newsletters share the same words. (Measured on SpamAssassin:
/// ham called spam 41 → 25 of 4150, spam flagged unchanged at 92.1 %.)
pub const BULK_LAYOUT: [Code; 2] = [Code::UNSUBSCRIBE_FOOTER, Code::MANY_LINKS];
/// The most the rep's learned filter can add or take away.
pub const REP_FILTER_CAP: f64 = 5.0;
/// A phishing, scam or advertising rule this heavy keeps a message at least
/// suspicious, whatever genuine signs surround it.
pub const MECHANISM_FLOOR_WEIGHT: f64 = 4.0;

/// The genuine signs read from a message's text (not from the buyer's account or the
/// conversation): a copy of a text sent again within the hour does not count them
/// twice.
pub const TEXT_SIGNS: [Code; 13] = [
    Code::NAMES_PRODUCT,
    Code::GIVES_QUANTITY,
    Code::GIVES_SPECIFICATION,
    Code::TRADE_TERMS,
    Code::ASKS_CERTIFICATES,
    Code::ASKS_DELIVERY,
    Code::TARGET_PRICE,
    Code::ASKS_PACKAGING,
    Code::ASKS_SAMPLES,
    Code::COMPANY_DETAILS,
    Code::GREETS,
    Code::EXPLAINED_ATTACHMENT,
    Code::MATCHING_COMPANY_EMAIL,
];
/// A flagged message whose heaviest evidence is junk (nothing to quote on, a chat
/// handle only, a copy pushed again) of at least this weight is junk: it gets the
/// short acknowledgement, not open questions.
pub const JUNK_KIND_WEIGHT: f64 = 3.0;
/// Entries each of the rep's allow and deny lists may hold.
pub const MAX_LIST_ENTRIES: usize = 10_000;

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
    /// What the buyer asks and requests (the reply library reads it too).
    #[serde(skip)]
    pub reading: analysis::Reading,
}

/// The rep's allow and deny lists: buyer ids, e-mail addresses and domains.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Lists {
    /// Never spam: buyer ids, e-mails or domains (`example.com`).
    pub allow: Vec<String>,
    /// Always spam: buyer ids, e-mails or domains.
    pub deny: Vec<String>,
}

/// Which of the rep's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListName {
    /// Never spam.
    Allow,
    /// Always spam.
    Deny,
}

impl Lists {
    /// The form an entry is kept in: trimmed, lower-case; a website address becomes
    /// its domain (`https://www.acme.com/about` → `acme.com`), `@acme.com` → `acme.com`.
    pub fn normalize(entry: &str) -> Result<String, String> {
        let entry = entry.trim().to_lowercase();
        let entry = entry.trim_start_matches('@');
        let entry = if entry.contains("://") || entry.starts_with("www.") {
            signals::registrable(signals::host_of(entry).trim_start_matches("www."))
        } else {
            entry.to_string()
        };
        if entry.is_empty() || entry.chars().any(char::is_whitespace) || entry.len() > 254 {
            return Err(format!(
                "'{entry}' is not a buyer id, e-mail address or domain; give one of them without spaces"
            ));
        }
        Ok(entry)
    }

    /// Puts an entry on one list (and takes it off the other). Returns the entry as kept.
    pub fn add(&mut self, list: ListName, entry: &str) -> Result<String, String> {
        let entry = Self::normalize(entry)?;
        self.remove(&entry);
        match list {
            ListName::Allow => self.allow.push(entry.clone()),
            ListName::Deny => self.deny.push(entry.clone()),
        }
        Ok(entry)
    }

    /// Takes an entry off both lists; `true` when it was on one.
    pub fn remove(&mut self, entry: &str) -> bool {
        let Ok(entry) = Self::normalize(entry) else {
            return false;
        };
        let before = self.allow.len() + self.deny.len();
        self.allow
            .retain(|e| !e.trim().eq_ignore_ascii_case(&entry));
        self.deny.retain(|e| !e.trim().eq_ignore_ascii_case(&entry));
        before != self.allow.len() + self.deny.len()
    }

    /// `Some(true)` when the buyer is on the deny list, `Some(false)` on the allow list.
    fn verdict_for(&self, inquiry: &Inquiry) -> Option<bool> {
        if self.allow.is_empty() && self.deny.is_empty() {
            return None;
        }
        let buyer = inquiry.buyer.as_ref()?;
        let mut keys: Vec<String> = Vec::new();
        if let Some(id) = &buyer.account_id {
            keys.push(id.trim().to_lowercase());
        }
        if let Some(email) = &buyer.email {
            let email = email.trim().to_lowercase();
            if let Some((_, domain)) = email.rsplit_once('@') {
                // Both the exact mail domain and its registrable part (sales.acme.com → acme.com).
                keys.push(signals::registrable(domain));
                keys.push(domain.to_string());
            }
            keys.push(email);
        }
        if let Some(site) = &buyer.website {
            keys.push(signals::registrable(
                signals::host_of(&site.trim().to_lowercase()).trim_start_matches("www."),
            ));
        }
        let on = |list: &[String]| {
            list.iter().any(|e| {
                let e = e.trim().trim_start_matches('@');
                !e.is_empty() && keys.iter().any(|k| k.eq_ignore_ascii_case(e))
            })
        };
        if on(&self.deny) {
            Some(true)
        } else if on(&self.allow) {
            Some(false)
        } else {
            None
        }
    }
}

/// Triage settings: thresholds, weights, lists and the learned filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TriageSettings {
    /// Score at or above which a message is spam.
    pub spam_threshold: f64,
    /// Score at or above which a message is suspicious.
    pub suspicious_threshold: f64,
    /// Weight overrides by reason code (`{"FREE_WEBMAIL": 0}` turns a rule off).
    pub weights: BTreeMap<String, f64>,
    /// Allow and deny lists.
    pub lists: Lists,
    /// The rep's own filter, trained by the "spam" / "not spam" buttons.
    pub learned: Filter,
    /// Whether the built-in content model is used.
    pub content_model: bool,
}

impl Default for TriageSettings {
    fn default() -> Self {
        TriageSettings {
            spam_threshold: 6.0,
            suspicious_threshold: 3.0,
            weights: BTreeMap::new(),
            lists: Lists::default(),
            learned: Filter::default(),
            content_model: true,
        }
    }
}

impl TriageSettings {
    /// Checks what serde cannot: thresholds in order, known codes, finite weights.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.suspicious_threshold.is_finite() && self.spam_threshold.is_finite())
            || self.suspicious_threshold > self.spam_threshold
        {
            return Err(
                "triage.suspiciousThreshold must be a number no higher than triage.spamThreshold"
                    .into(),
            );
        }
        for (code, w) in &self.weights {
            if rule(code).is_none() {
                return Err(format!(
                    "triage.weights: no reason code {code}; use a code from the reasons list"
                ));
            }
            if !w.is_finite() || w.abs() > 100.0 {
                return Err(format!(
                    "triage.weights.{code} must be a number between -100 and 100"
                ));
            }
        }
        for (name, list) in [("allow", &self.lists.allow), ("deny", &self.lists.deny)] {
            if list.len() > MAX_LIST_ENTRIES {
                return Err(format!(
                    "triage.lists.{name} has {} entries; keep at most {MAX_LIST_ENTRIES} (remove old ones)",
                    list.len()
                ));
            }
            for entry in list {
                Lists::normalize(entry).map_err(|e| format!("triage.lists.{name}: {e}"))?;
            }
        }
        self.learned
            .validate()
            .map_err(|e| format!("triage.learned: {e}"))
    }

    /// Puts a buyer id, e-mail address or domain on the allow or deny list (taking it
    /// off the other). Returns the entry as kept, or why it cannot be an entry.
    pub fn list_add(&mut self, list: ListName, entry: &str) -> Result<String, String> {
        self.lists.add(list, entry)
    }

    /// Takes an entry off the allow and deny lists; `true` when it was on one.
    pub fn list_remove(&mut self, entry: &str) -> bool {
        self.lists.remove(entry)
    }

    /// Trains the rep's filter with one inquiry the rep marked as spam or not spam.
    pub fn learn(&mut self, inquiry: &Inquiry, spam: bool) {
        self.learned.train(&bayes::document(inquiry), spam);
    }
}

/// What the triager remembers across a batch: which texts came from whom.
///
/// A text is remembered by a fingerprint of its words with numbers and punctuation
/// left out, so a copy with another quantity or a changed date is still the same
/// text. Copies count from the same buyer (a buyer pushing one message again and
/// again) and from other buyers (one script behind many accounts).
#[derive(Debug, Default)]
pub struct Seen {
    /// Fingerprint → (buyer key hash → what was seen of it).
    texts: rustc_hash::FxHashMap<u64, rustc_hash::FxHashMap<u64, SeenCopies>>,
    /// Fingerprint and inquiry id → what its first reading was told: one inquiry read
    /// twice (a page that shows it twice, a fuller reading) is one message, not a copy.
    /// A list, searched from its end: a batch is one page's items.
    readings: Vec<(u64, Repeats)>,
}

/// One buyer's copies of one text: how many were seen, when the last was received and
/// the hash of the product card it came with (0 without one).
type SeenCopies = (u32, Option<i64>, u64);

/// Texts shorter than this many letters are not fingerprinted: "hi" twice is no campaign.
pub const MIN_FINGERPRINT_LETTERS: usize = 20;
/// Buyers remembered per text, so one hostile batch cannot grow the memory without end.
const MAX_BUYERS_PER_TEXT: usize = 64;
/// How much of a body its fingerprint reads: its first bytes, and of them the first
/// words.
const FINGERPRINT_BYTES: usize = 8192;
const FINGERPRINT_WORDS: usize = 2_000;

/// How often a text was seen before.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Repeats {
    /// Earlier copies from the same buyer.
    pub same_buyer: u32,
    /// Other buyers who sent it earlier.
    pub other_buyers: u32,
    /// The same buyer sent it within [`REPEAT_WINDOW_SECONDS`] before.
    pub soon: bool,
    /// Sent again: [`Repeats::soon`], from the same product card as the last copy (a
    /// buyer may ask the same about two products, and each is answered), and not in
    /// the very second of it (one mail delivered twice, by a list or a mail system,
    /// arrives at one time; a buyer who sends again sends later).
    pub sent_again: bool,
}

/// A copy from the same buyer this soon after the last is a push, not a new inquiry.
pub const REPEAT_WINDOW_SECONDS: i64 = 60 * 60;

fn fnv(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash = (*hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
}

/// The hash of a buyer's key: its text trimmed and lower-cased, in UTF-8. ASCII is
/// lower-cased byte by byte, the same bytes as character by character.
fn buyer_key_hash(key: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let key = key.trim();
    if key.is_ascii() {
        for &b in key.as_bytes() {
            fnv(&mut hash, &[b.to_ascii_lowercase()]);
        }
        return hash;
    }
    for c in key.chars().flat_map(char::to_lowercase) {
        let mut utf8 = [0u8; 4];
        fnv(&mut hash, c.encode_utf8(&mut utf8).as_bytes());
    }
    hash
}

/// The fingerprint of a body (lower-cased): a hash of its words without numbers and
/// links, or `None` when they hold too few letters to tell copies apart. `read`: the
/// words of the text `lower_body` ends (the subject and body lower-cased, read by
/// [`concepts::words`]) and where the body starts in it, so that they are not read
/// again.
fn fingerprint(lower_body: &str, read: Option<(&concepts::Words, usize)>) -> Option<u64> {
    let mut text_hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut letters = 0usize;
    let mut add = |word: concepts::Word<'_>| {
        if !word.number {
            // The characters counted as the bytes are hashed: every byte but a
            // continuation byte (0b10xx_xxxx) starts one.
            for &b in word.text.as_bytes() {
                text_hash = (text_hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
                letters += usize::from(b & 0xc0 != 0x80);
            }
            fnv(&mut text_hash, b" ");
        }
    };
    // Links are left out: a feed's items differ only in their links' numbers.
    let is_link = |token: &str| token.contains("://") || token.starts_with("www.");
    match read {
        // The words already read, when they hold the whole body.
        Some((read, body_start))
            if lower_body.len() <= FINGERPRINT_BYTES && read.len() < concepts::MAX_WORDS =>
        {
            // Most messages hold no link at all: one look at the whole body spares a
            // search per word.
            let may_link = LINK_SCHEME.is_in(lower_body) || LINK_WWW.is_in(lower_body);
            let links: Vec<(usize, usize)> = lower_body
                .split_whitespace()
                .take_while(|_| may_link)
                .filter(|token| is_link(token))
                .map(|token| {
                    let at = token.as_ptr() as usize - lower_body.as_ptr() as usize;
                    (at, at + token.len())
                })
                .collect();
            (0..read.len())
                .filter_map(|i| Some((read.source(i)?.checked_sub(body_start)?, i)))
                .filter(|(at, _)| !links.iter().any(|(from, to)| (*from..*to).contains(at)))
                .take(FINGERPRINT_WORDS)
                .filter_map(|(_, i)| read.get(i))
                .for_each(&mut add);
        }
        _ => {
            let mut without_links = String::with_capacity(lower_body.len().min(FINGERPRINT_BYTES));
            for token in signals::cap(lower_body, FINGERPRINT_BYTES).split_whitespace() {
                if !is_link(token) {
                    without_links.push_str(token);
                    without_links.push(' ');
                }
            }
            concepts::words(&without_links, FINGERPRINT_WORDS)
                .iter()
                .for_each(&mut add);
        }
    }
    (letters >= MIN_FINGERPRINT_LETTERS).then_some(text_hash)
}

impl Seen {
    /// Records this inquiry's text (`lower_body`: the body lower-cased) and says how
    /// often it was seen before, from this buyer and from others. `read`: the words
    /// of the text `lower_body` ends (the subject and body lower-cased, read by
    /// [`concepts::words`]) and where the body starts in it, so that they are not
    /// read again.
    fn repeats(
        &mut self,
        inquiry: &Inquiry,
        lower_body: &str,
        read: Option<(&concepts::Words, usize)>,
    ) -> Repeats {
        let Some(text_hash) = fingerprint(lower_body, read) else {
            return Repeats::default();
        };
        let reading = inquiry.id.as_deref().filter(|id| !id.is_empty()).map(|id| {
            let mut key = text_hash;
            fnv(&mut key, id.as_bytes());
            key
        });
        if let Some(key) = reading {
            if let Some((_, first)) = self.readings.iter().rev().find(|(k, _)| *k == key) {
                return *first;
            }
        }
        let repeats = self.count(inquiry, text_hash);
        if let Some(key) = reading {
            self.readings.push((key, repeats));
        }
        repeats
    }

    /// Counts this sight of the text `text_hash` from `inquiry`'s buyer and says how
    /// often it was seen before.
    fn count(&mut self, inquiry: &Inquiry, text_hash: u64) -> Repeats {
        let buyer = inquiry.buyer.as_ref().and_then(|b| {
            b.account_id
                .as_ref()
                .or(b.email.as_ref())
                .or(b.name.as_ref())
        });
        // Without a buyer, copies cannot be told apart from one mail sent to many lists.
        let Some(name) = buyer else {
            return Repeats::default();
        };
        let buyer_hash = buyer_key_hash(name);
        let at = inquiry.received_at.map(|t| t.timestamp());
        let buyers = self.texts.entry(text_hash).or_default();
        let card = inquiry.product.as_ref().map_or(0, |p| {
            buyer_key_hash(p.id.as_deref().or(p.title.as_deref()).unwrap_or_default())
        });
        let (same_buyer, last_at, last_card) =
            buyers.get(&buyer_hash).copied().unwrap_or((0, None, 0));
        let other_buyers = buyers.len() as u32 - u32::from(same_buyer > 0);
        let gap = match (at, last_at) {
            (Some(now), Some(before)) => now
                .checked_sub(before)
                .filter(|gap| (0..=REPEAT_WINDOW_SECONDS).contains(gap)),
            _ => None,
        };
        let soon = gap.is_some();
        let sent_again = gap.is_some_and(|gap| gap > 0) && card == last_card;
        if same_buyer > 0 || buyers.len() < MAX_BUYERS_PER_TEXT {
            let entry = buyers.entry(buyer_hash).or_insert((0, None, 0));
            entry.0 = entry.0.saturating_add(1);
            entry.1 = at.or(entry.1);
            entry.2 = card;
        }
        Repeats {
            same_buyer,
            other_buyers,
            soon,
            sent_again,
        }
    }
}

/// The compiled triage engine.
#[derive(Debug, Clone)]
pub struct Triager {
    settings: TriageSettings,
    model: Option<std::sync::Arc<bayes::Model>>,
}

fn round1(x: f64) -> f64 {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

impl Triager {
    /// Compiles the rules for the given settings.
    pub fn new(settings: &TriageSettings) -> Self {
        Triager {
            settings: settings.clone(),
            model: None,
        }
    }

    /// As [`Triager::new`], with another content model in place of the built-in one
    /// (for training and held-out evaluation).
    pub fn with_model(settings: &TriageSettings, model: bayes::Model) -> Self {
        Triager {
            settings: settings.clone(),
            model: Some(std::sync::Arc::new(model)),
        }
    }

    fn weight(&self, code: Code) -> f64 {
        self.settings
            .weights
            .get(code.as_str())
            .copied()
            .unwrap_or(code.rule().weight)
    }

    fn reason(&self, code: Code, weight: f64, detail: Option<&str>) -> Reason {
        let (en, zh) = (code.rule().en, code.rule().zh);
        // Built by hand: one reason per hit makes the formatting machinery show up.
        let with = |s: &str| match detail {
            Some(d) if !d.is_empty() => [s, ": ", d].concat(),
            _ => s.to_string(),
        };
        Reason {
            code: code.as_str().to_string(),
            weight: round1(weight),
            detail: with(en),
            detail_zh: with(zh),
        }
    }

    /// Triage one inquiry. `seen` carries what earlier inquiries of the batch said.
    pub fn assess(&self, inquiry: &Inquiry, seen: &mut Seen) -> Assessment {
        let text = Text::new(inquiry);
        // Every search below reads this text or a part of it.
        let _openings = crate::core::pattern::Openings::of(&text.lower);
        let mut reading = analysis::read_lowered(inquiry, text.lower_body());
        let mut hits: Vec<Hit> = Vec::new();
        match self.settings.lists.verdict_for(inquiry) {
            Some(true) => hits.push(Hit {
                code: Code::BLOCKLISTED,
                detail: None,
            }),
            Some(false) => hits.push(Hit {
                code: Code::ALLOWLISTED,
                detail: None,
            }),
            None => {}
        }
        let mut signs = Vec::new();
        let genuine_count = signals::genuine(inquiry, &text, reading.names_product, &mut signs);
        let any_link = signals::links(&text, genuine_count, &mut hits);
        // The words of subject and body, read once for the concepts, the count of the
        // body's words and the fingerprint of its text.
        let read = concepts::words(&text.lower, concepts::MAX_WORDS);
        let body_start = text.lower.len() - text.lower_body().len();
        // The words read from the body (the subject's come first).
        let in_body = |i: &usize| read.source(*i).is_some_and(|at| at >= body_start);
        let mut found = Found::of_words(&read);
        let subject_words = (0..read.len()).take_while(|i| !in_body(i)).count();
        let own_from = subject_words + concepts::OWN_WORDS_MIN;
        found.end_own_words(own_from);
        // A phone's footer ends them wherever it stands: it heads no quoted message
        // and greets no one, and a one-line ask typed on a phone is one line.
        found.end_own_words_at(concepts::Concept::PhoneFooter, subject_words + 1);
        // So does a legal footer: what it says of confidentiality, viruses and checking
        // is the mail system's, not the sender's ask.
        found.end_own_words_at(concepts::Concept::Disclaimer, subject_words + 1);
        // A signature marker or a quote's rule ends what the sender asks as a sign-off
        // does (its links and requests), after as many words.
        let layout_break = signals::signature_separator(&text.lower, body_start)
            .filter(|at| read.first_from(*at) >= own_from);
        if let Some(at) = layout_break {
            found.forget_requests_from(read.first_from(at));
        }
        // Goods received and how they are found: a customer's word after the sale,
        // unless the customer asks for something new beside it ("上次那批货已经收到，质量
        // 不错。这次再订 3000 个，麻烦报个价"): a reorder is answered, not thanked for.
        reading.concepts.review |=
            found.has(concepts::Concept::GoodsReceived) && reading.requests.is_empty();
        reading.concepts.deal_under_way = found.has(concepts::Concept::DealReference);
        reading.concepts.order_progress = found.has(concepts::Concept::OrderProgress);
        reading.concepts.buying_words = found.has(concepts::Concept::Purchase);
        // A count in the buyer's own unit ("200 шт?", "300 комплектов", "2 mil unidades"),
        // searched only where the words name such a unit and no plain count was read.
        if found.has(concepts::Concept::OwnUnit)
            && !signs.iter().any(|h| h.code == Code::GIVES_QUANTITY)
            && signals::counted_in_own_units(&text.lower)
        {
            reading.has_quantity = true;
            signs.push(Hit {
                code: Code::GIVES_QUANTITY,
                detail: None,
            });
        }
        signals::wording(&text, found.has(concepts::Concept::WeNeed), &mut hits);
        // The links of the sender's own words: one in a signature or a quoted message
        // is not what the sender asks the reader to open.
        let own_end = read
            .source(found.own_words)
            .unwrap_or(text.lower.len())
            .min(layout_break.unwrap_or(usize::MAX));
        // The own words are the text's first part: without a link in the text, they
        // have none (see `signals::outside_links`).
        let outside_links = if any_link {
            signals::outside_links(text.lower.get(..own_end).unwrap_or(&text.lower))
        } else {
            0
        };
        // A payment slip or proforma sent for an order already under way (its deposit,
        // balance or production named, no link to open) is explained by that order.
        let order_under_way = outside_links == 0 && found.has(concepts::Concept::OrderProgress);
        signals::attachments(inquiry, &text, genuine_count, order_under_way, &mut hits);
        hits.extend(signs);
        if let Some(buyer) = &inquiry.buyer {
            signals::profile(buyer, inquiry.received_at, &text, &mut hits);
            signals::send_time(buyer, inquiry.received_at, &mut hits);
        }
        let has_hit = |hits: &[Hit], code: Code| hits.iter().any(|h| h.code == code);
        let substance = [
            Code::GIVES_QUANTITY,
            Code::GIVES_SPECIFICATION,
            Code::NAMES_PRODUCT,
            Code::TRADE_TERMS,
            Code::TARGET_PRICE,
        ]
        .into_iter()
        .filter(|c| has_hit(&hits, *c))
        .count();
        let evidence = Evidence {
            text: &text,
            found: &found,
            outside_links,
            substance,
            quantity: has_hit(&hits, Code::GIVES_QUANTITY),
            attachments: !inquiry.attachments.is_empty(),
            asks: !reading.questions.is_empty() || text.lower.contains(['?', '？']),
            requests_thing: !reading.requests.is_empty()
                && !reading.requests_only_polite
                && !reading.wants_contact_app,
            product: inquiry.product.as_ref().is_some_and(|p| {
                p.title.as_ref().is_some_and(|t| !t.trim().is_empty()) || p.id.is_some()
            }),
            conversation: signals::in_conversation(inquiry),
            // Without the Latin table (a wasm whose extension could not load it) no
            // Latin language can be told, and every text reads as one the tables
            // read, as before languages were told apart here.
            readable: reading.language_sure || !crate::core::language::reads_latin(),
            count: reading.concepts.quantity,
            order_under_way,
            subject_words,
            own_site_links: outside_links > 0
                && (signals::links_on_own_site(
                    &text,
                    inquiry.buyer.as_ref().and_then(|b| b.website.as_deref()),
                    inquiry.buyer.as_ref().and_then(|b| b.company.as_deref()),
                ) || signals::links_to_drawings(&text)),
            // Read in a short message's own words: a long mail (a newsletter, a
            // forwarded thread) writes addresses in its headers and footers, not as
            // the place to answer. (SpamAssassin: read in every text, two ham were
            // flagged.)
            webmail_address: found.own_words <= mechanisms::TEASER_MAX_WORDS
                && signals::webmail_address(
                    text.lower
                        .get(body_start..own_end.max(body_start))
                        .unwrap_or(""),
                ),
        };
        let body_words = (0..read.len()).filter(in_body).take(64).count();
        mechanisms::lures(&evidence, &mut hits);
        mechanisms::money(&evidence, &mut hits);
        mechanisms::intent(&evidence, &mut hits);
        mechanisms::fishing(&evidence, &mut hits);
        mechanisms::contact(&evidence, &mut hits);
        if !reading.one_click {
            let mash = || {
                mechanisms::mostly_mash((0..read.len()).filter(in_body).filter_map(|i| read.get(i)))
            };
            mechanisms::substance(&evidence, body_words, mash, &mut hits);
        }
        let repeats = seen.repeats(inquiry, text.lower_body(), Some((&read, body_start)));
        if repeats.same_buyer > 0 {
            hits.push(Hit {
                code: Code::REPEATED_TEXT,
                detail: None,
            });
        }
        if repeats.soon {
            hits.push(Hit {
                code: Code::REPEATED_WITHIN_MINUTES,
                detail: None,
            });
        }
        if repeats.same_buyer > 1 {
            hits.push(Hit {
                code: Code::REPEATED_AGAIN,
                detail: Some((repeats.same_buyer + 1).to_string()),
            });
        }
        if repeats.other_buyers > 0 {
            hits.push(Hit {
                code: Code::SAME_TEXT_MANY_BUYERS,
                detail: Some(repeats.other_buyers.to_string()),
            });
        }
        if evidence.conversation {
            hits.push(Hit {
                code: Code::IN_CONVERSATION,
                detail: None,
            });
        }

        let mut reasons: Vec<Reason> = Vec::new();
        let (mut bad, mut good, mut strong) = (0.0_f64, 0.0_f64, false);
        let mut by_category = ByCategory::default();
        // A copy of a text the same buyer sent again within the hour carries the first
        // copy's words: what its text shows of a buyer (product, count, sizes, the
        // signature's company) was counted there, and the rep answers that one. Only
        // what is said of the buyer's account still counts here.
        let copy_of_text = repeats.sent_again;
        for h in &hits {
            let r = h.code.rule();
            let w = self.weight(h.code);
            if w == 0.0 || (copy_of_text && w < 0.0 && TEXT_SIGNS.contains(&h.code)) {
                continue;
            }
            if w > 0.0 {
                bad += w;
                strong |= r.strong;
                by_category.add(r.category, w);
            } else {
                good += w;
            }
            reasons.push(self.reason(h.code, w, h.detail.as_deref()));
        }
        // Advertisers describe their own service in words that look like a buyer's
        // (ports, sizes, terms); a buyer gives a quantity. Without one, an advertising
        // message keeps all of its weight.
        let advertising = by_category.get(Category::Advertising).unwrap_or(0.0) >= 3.0;
        let buyer_like = hits.iter().any(|h| h.code == Code::GIVES_QUANTITY);
        // A mechanism that works whatever surrounds it (a document only behind a link,
        // a seller's pitch, money the wrong way, a copy pushed again) keeps the message
        // at least suspicious: lures copy product, quantity and port on purpose, so
        // genuine signs may lower its score but not clear it. (Letting no genuine sign
        // count against a mechanism was measured: SpamAssassin ham called spam rose
        // from 0.99 % to 1.69 %.)
        let heavy = |categories: &[Category]| {
            hits.iter().any(|h| {
                categories.contains(&h.code.rule().category)
                    && self.weight(h.code) >= MECHANISM_FLOOR_WEIGHT
            })
        };
        let mechanism = heavy(&[
            Category::Phishing,
            Category::Scam,
            Category::Advertising,
            Category::PriceFishing,
            Category::Junk,
        ]);
        let cap = if advertising && !buyer_like {
            0.0
        } else {
            GENUINE_CAP
        };
        let good = good.max(cap);
        let mut score = bad + good;

        // The word statistics add one reason each, capped, and only when they say something.
        let tokens = bayes::tokens_lowered(inquiry, text.lower_subject(), text.lower_body());
        let model = self.model.as_deref().unwrap_or(&BUILT_IN);
        // Without the rep's marks and with few tokens, the built-in model reads the
        // tokens as read; the distinct tokens are set apart only when needed.
        let quick = match (
            self.settings.content_model,
            self.settings.learned.untrained(),
        ) {
            _ if !crate::core::text::NATIVE => None,
            (false, true) => Some(0.0),
            (true, true) => model.evidence_of_tokens(&tokens),
            _ => None,
        };
        let (built_in, learned) = match quick {
            Some(built_in) => (built_in, 0.0),
            None => {
                let doc = bayes::Document::distinct(tokens);
                let built_in = if self.settings.content_model {
                    model.evidence(&doc)
                } else {
                    0.0
                };
                (built_in, self.settings.learned.evidence(&doc))
            }
        };
        let bulk_layout = hits.iter().any(|h| BULK_LAYOUT.contains(&h.code));
        let built_in = if bulk_layout && built_in > 0.0 {
            // Up to just under the spam threshold: a flag, not a verdict.
            built_in
                .min(MODEL_CAP)
                .min(self.settings.spam_threshold - 0.1 - score)
                .max(0.0)
        } else {
            built_in
        };
        for (evidence, cap, codes) in [
            (
                built_in,
                MODEL_CAP,
                (Code::CONTENT_LIKE_SPAM, Code::CONTENT_LIKE_GENUINE),
            ),
            (
                learned,
                REP_FILTER_CAP,
                (Code::REP_FILTER_SPAM, Code::REP_FILTER_GENUINE),
            ),
        ] {
            let evidence = evidence.clamp(-cap, cap);
            if evidence.abs() >= 0.5 {
                score += evidence;
                let code = if evidence > 0.0 { codes.0 } else { codes.1 };
                reasons.push(self.reason(code, evidence, None));
            }
        }
        let allowed = hits.iter().any(|h| h.code == Code::ALLOWLISTED);
        if strong && !allowed {
            score = score.max(self.settings.spam_threshold);
        }
        if mechanism && !allowed {
            score = score.max(self.settings.suspicious_threshold);
        }
        let score = round1(score);
        let verdict = if score >= self.settings.spam_threshold {
            Verdict::Spam
        } else if score >= self.settings.suspicious_threshold {
            Verdict::Suspicious
        } else {
            Verdict::Genuine
        };
        sort_stable_by(&mut reasons, |a, b| {
            b.weight
                .abs()
                .total_cmp(&a.weight.abs())
                .then(a.code.cmp(&b.code))
        });

        let kind = kind_of(verdict, &by_category, &reading, inquiry);
        let has = |code: Code| hits.iter().any(|h| h.code == code);
        let grade = grade_of(verdict, &reading, genuine_count, &has);
        let priority = priority_of(verdict, kind, &reading, &has);
        Assessment {
            verdict,
            score,
            reasons,
            kind,
            grade,
            priority,
            reading,
        }
    }
}

/// The weight of a message's evidence for spam by category, of the categories named.
#[derive(Debug, Default)]
struct ByCategory([Option<f64>; 8]);

impl ByCategory {
    /// The category's place (a new category fails to compile here until it has one).
    fn place(category: Category) -> usize {
        match category {
            Category::Phishing => 0,
            Category::Scam => 1,
            Category::Advertising => 2,
            Category::PriceFishing => 3,
            Category::Junk => 4,
            Category::Profile => 5,
            Category::Genuine => 6,
            Category::Learned => 7,
        }
    }

    fn add(&mut self, category: Category, weight: f64) {
        *self.0[Self::place(category)].get_or_insert(0.0) += weight;
    }

    fn get(&self, category: Category) -> Option<f64> {
        self.0[Self::place(category)]
    }
}

/// The message kind: the heaviest spam category when flagged, else what the text does.
fn kind_of(
    verdict: Verdict,
    by_category: &ByCategory,
    reading: &analysis::Reading,
    inquiry: &Inquiry,
) -> Kind {
    if verdict != Verdict::Genuine {
        let top = [
            Category::Phishing,
            Category::Scam,
            Category::Advertising,
            Category::PriceFishing,
            Category::Junk,
        ]
        .into_iter()
        .filter_map(|c| by_category.get(c).map(|w| (c, w)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
        match top {
            Some((Category::Phishing, w)) if w >= 2.0 => return Kind::Phishing,
            Some((Category::Scam, w)) if w >= 2.0 => return Kind::Scam,
            Some((Category::Advertising, w)) if w >= 1.5 => return Kind::Advertising,
            Some((Category::PriceFishing, w)) if w >= 1.5 => return Kind::PriceFishing,
            Some((Category::Junk, w)) if w >= JUNK_KIND_WEIGHT => return Kind::Junk,
            _ if verdict == Verdict::Spam => return Kind::Junk,
            _ => {}
        }
    }
    if inquiry
        .thread
        .as_ref()
        .is_some_and(|t| t.our_last_reply_at.is_some())
    {
        Kind::FollowUp
    } else if reading.one_click {
        Kind::OneClick
    } else if !reading.questions.is_empty() {
        Kind::Questions
    } else if reading.names_product || reading.has_quantity {
        Kind::Requests
    } else {
        Kind::Vague
    }
}

/// The buyer grade (domain §4): intent shown in the text and the account.
fn grade_of(
    verdict: Verdict,
    reading: &analysis::Reading,
    genuine_signs: usize,
    has: &dyn Fn(Code) -> bool,
) -> Grade {
    match verdict {
        Verdict::Spam => Grade::D,
        Verdict::Suspicious => Grade::D,
        Verdict::Genuine => {
            let specific = reading.names_product || has(Code::GIVES_SPECIFICATION);
            let quantity = reading.has_quantity || has(Code::GIVES_QUANTITY);
            let business = has(Code::COMPANY_DETAILS)
                || has(Code::MATCHING_COMPANY_EMAIL)
                || has(Code::ESTABLISHED_BUYER)
                || has(Code::IN_CONVERSATION);
            if specific && quantity && (business || genuine_signs >= 5) {
                Grade::A
            } else if specific && (quantity || business) {
                Grade::B
            } else if specific || quantity || business || !reading.questions.is_empty() {
                Grade::C
            } else {
                Grade::D
            }
        }
    }
}

/// The answering priority (domain §5): who gets answered first.
fn priority_of(
    verdict: Verdict,
    kind: Kind,
    reading: &analysis::Reading,
    has: &dyn Fn(Code) -> bool,
) -> Priority {
    if verdict == Verdict::Spam
        || matches!(
            kind,
            Kind::Scam | Kind::Advertising | Kind::Phishing | Kind::Junk
        )
        || has(Code::INVITATION_LETTER)
        || has(Code::COOPERATION_PITCH)
    {
        return Priority::Low;
    }
    if verdict == Verdict::Suspicious {
        return Priority::Medium;
    }
    let named = reading.names_product || has(Code::GIVES_SPECIFICATION) || reading.has_quantity;
    if kind == Kind::FollowUp
        || (named && (has(Code::GREETS) || has(Code::COMPANY_DETAILS)))
        || (named && !reading.questions.is_empty())
    {
        Priority::High
    } else {
        Priority::Medium
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::inquiry::Buyer;

    fn from(email: &str, id: &str, website: &str) -> Inquiry {
        let buyer = Buyer {
            email: Some(email.into()),
            account_id: Some(id.into()),
            website: Some(website.into()),
            ..Buyer::default()
        };
        Inquiry {
            body: "Please quote 200 pcs.".into(),
            buyer: Some(buyer),
            ..Inquiry::default()
        }
    }

    #[test]
    fn list_entries_are_kept_in_one_form() {
        let cases = [
            ("  Joe@Acme.COM ", Ok("joe@acme.com")),
            ("@acme.com", Ok("acme.com")),
            ("https://www.acme.co.uk/about", Ok("acme.co.uk")),
            ("www.acme.com", Ok("acme.com")),
            ("cn1234567", Ok("cn1234567")),
            ("", Err(())),
            ("two words", Err(())),
        ];
        for (entry, want) in cases {
            let got = Lists::normalize(entry).map_err(|_| ());
            let got = got.as_deref().map_err(|_| ());
            assert_eq!(got, want, "{entry:?}");
        }
    }

    #[test]
    fn lists_match_ids_addresses_and_domains() {
        // (list entry, buyer e-mail, buyer id, website, on the list?)
        let cases = [
            ("joe@acme.com", "joe@acme.com", "x1", "", true),
            ("acme.com", "joe@acme.com", "x1", "", true),
            ("acme.com", "joe@sales.acme.com", "x1", "", true),
            ("acme.com", "joe@gmail.com", "x1", "https://acme.com", true),
            ("CN777", "joe@gmail.com", "cn777", "", true),
            ("acme.com", "joe@notacme.com", "x1", "", false),
            ("joe@acme.com", "ann@acme.com", "x1", "", false),
        ];
        for (entry, email, id, site, want) in cases {
            let mut settings = TriageSettings::default();
            settings
                .list_add(ListName::Deny, entry)
                .expect("valid entry");
            let inquiry = from(email, id, site);
            assert_eq!(
                settings.lists.verdict_for(&inquiry),
                want.then_some(true),
                "{entry} vs {email}/{id}/{site}"
            );
        }
    }

    #[test]
    fn an_entry_is_on_one_list_at_a_time_and_can_be_removed() {
        let mut settings = TriageSettings::default();
        settings
            .list_add(ListName::Deny, "acme.com")
            .expect("valid entry");
        settings
            .list_add(ListName::Allow, "ACME.com")
            .expect("valid entry");
        assert_eq!(settings.lists.allow, vec!["acme.com".to_string()]);
        assert!(settings.lists.deny.is_empty());
        assert!(settings.list_remove("acme.com"));
        assert!(!settings.list_remove("acme.com"));
        assert_eq!(settings.lists, Lists::default());
    }

    #[test]
    fn validate_rejects_unusable_list_entries() {
        let mut settings = TriageSettings::default();
        settings.lists.deny.push("not an entry".into());
        let err = settings.validate().expect_err("spaces are refused");
        assert!(err.contains("triage.lists.deny"), "{err}");
    }

    #[test]
    fn scores_have_one_decimal_and_no_negative_zero() {
        for (raw, want) in [(-0.04, "0"), (-0.0, "0"), (2.345, "2.3"), (-1.26, "-1.3")] {
            assert_eq!(round1(raw).to_string(), want, "{raw}");
        }
    }
}

#[cfg(test)]
mod buyer_key_tests {
    /// A buyer's key hashes as its characters lower-cased one by one, ASCII or not.
    #[test]
    fn a_buyer_key_hashes_as_its_characters_lower_cased() {
        let keys = [
            "",
            " ",
            "Acme Trading",
            " ACME trading ",
            "buyer@Example.COM",
            "İstanbul Ltd",
            "Ärzte GmbH",
            "ООО Ромашка",
            "张三",
            "a\tB",
            "123-XYZ",
        ];
        for key in keys {
            let mut by_chars = 0xcbf2_9ce4_8422_2325_u64;
            for c in key.trim().chars().flat_map(char::to_lowercase) {
                let mut utf8 = [0u8; 4];
                super::fnv(&mut by_chars, c.encode_utf8(&mut utf8).as_bytes());
            }
            assert_eq!(super::buyer_key_hash(key), by_chars, "{key}");
        }
        for byte in 0u8..128 {
            let key = format!("a{}Z", char::from(byte));
            let mut by_chars = 0xcbf2_9ce4_8422_2325_u64;
            for c in key.trim().chars().flat_map(char::to_lowercase) {
                let mut utf8 = [0u8; 4];
                super::fnv(&mut by_chars, c.encode_utf8(&mut utf8).as_bytes());
            }
            assert_eq!(super::buyer_key_hash(&key), by_chars, "{key:?}");
        }
    }
}

#[cfg(test)]
mod fingerprint_tests {
    use super::*;

    /// The fingerprint from the words the triage already read equals the one read
    /// from the body alone, for every fixture and for the shapes that could differ:
    /// links, a subject, numbers, Chinese, accents, combining marks, long bodies.
    #[test]
    fn the_fingerprint_is_the_same_from_the_words_already_read() {
        let mut bodies: Vec<(Option<String>, String)> = vec![
            (
                None,
                "Please quote 500 pcs of the 20 inch wig, FOB Ningbo".into(),
            ),
            (
                Some("RFQ: wigs".into()),
                "see http://x.example/a?b=1 and www.y.example now, price for 200 units".into(),
            ),
            (
                None,
                "check:https://docs.example/view the order list of 40 items today".into(),
            ),
            (
                None,
                "请报价 500 件 LED 面板灯，谢谢 please reply soon my friend".into(),
            ),
            (
                None,
                "Contrase\u{0301}na ŞİFRE Đăng nhập Straße كلمةُ المرور and more words here".into(),
            ),
            (
                None,
                "\u{0301}abc \u{0301} \u{0301}\u{0301}x price for wigs and hair bundles".into(),
            ),
            (None, format!("{} tail", "word ".repeat(3_000))),
            (None, format!("{} www.link.example tail", "a".repeat(9_000))),
            (None, "   ".into()),
        ];
        let fixtures = include_str!("../../../tests/fixtures/triage-cases.jsonl");
        for line in fixtures.lines() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let inquiry = &value["inquiry"];
            if let Some(body) = inquiry["body"].as_str() {
                bodies.push((
                    inquiry["subject"].as_str().map(String::from),
                    body.to_string(),
                ));
            }
        }
        assert!(bodies.len() > 50, "only {} bodies", bodies.len());
        let mut fingerprinted = 0;
        for (subject, body) in &bodies {
            let inquiry = Inquiry {
                subject: subject.clone(),
                body: body.clone(),
                ..Inquiry::default()
            };
            let text = Text::new(&inquiry);
            let read = concepts::words(&text.lower, concepts::MAX_WORDS);
            let body_start = text.lower.len() - text.lower_body().len();
            let alone = fingerprint(text.lower_body(), None);
            let shared = fingerprint(text.lower_body(), Some((&read, body_start)));
            assert_eq!(alone, shared, "{subject:?} {body:?}");
            fingerprinted += usize::from(alone.is_some());
        }
        assert!(fingerprinted > 40, "only {fingerprinted} fingerprints");
    }
}
