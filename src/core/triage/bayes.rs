//! Word statistics: the built-in content model and the rep's own learned filter.
//!
//! Both read a message as a set of tokens — words, Chinese character pairs, the
//! hosts of its links and the types of its attachments — and weigh each token by
//! how much more often it appears in spam than in real inquiries (a log-odds
//! ratio, as naive Bayes does). The built-in model is a small table trained on
//! labelled mail (`train`, natively; `examples/train_model.rs` rebuilds it and
//! measures it on sets left out); its first line names the sets it saw. The rep's
//! filter keeps counts from the rep's own "spam" / "not spam" clicks; its
//! evidence is shrunk while it has seen few examples, so two clicks nudge and
//! fifty decide.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::core::decimal::parse_decimal;
use crate::core::inquiry::Inquiry;
use crate::core::text::{LINK_HTTP, LINK_WWW};
use crate::core::triage::signals::{cap, host_of, registrable};

/// Tokens read from one message at most.
pub const MAX_TOKENS: usize = 400;
/// Distinct tokens the rep's filter keeps at most (rare ones are pruned first).
pub const MAX_FILTER_TOKENS: usize = 20_000;
/// The strongest tokens of a message that count toward the evidence.
const TOP_TOKENS: usize = 30;

/// The distinct tokens of one message, in the order they first appear. Tokens borrow
/// from the message's lower-cased text where they can, so reading a message
/// allocates little; the order never changes a figure (ties between equally strong
/// tokens are broken by the token itself).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document<'a> {
    tokens: Vec<Cow<'a, str>>,
}

impl<'a> Document<'a> {
    /// The first [`MAX_TOKENS`] distinct tokens of `tokens`, in their order.
    pub(crate) fn distinct(tokens: Vec<Cow<'a, str>>) -> Document<'a> {
        let keep: Vec<bool> = {
            let mut seen: FxHashSet<&str> = FxHashSet::with_capacity_and_hasher(
                tokens.len().min(MAX_TOKENS),
                Default::default(),
            );
            tokens
                .iter()
                .map(|t| seen.len() < MAX_TOKENS && seen.insert(t.as_ref()))
                .collect()
        };
        let mut tokens = tokens;
        let mut keep = keep.into_iter();
        tokens.retain(|_| keep.next().unwrap_or(false));
        Document { tokens }
    }

    /// The tokens, in the order they first appear.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(|t| t.as_ref())
    }

    /// Whether `token` is one of the message's tokens.
    pub fn contains(&self, token: &str) -> bool {
        self.iter().any(|t| t == token)
    }

    /// How many distinct tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the message has no token at all.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The same tokens, no longer borrowing the message's text.
    pub fn into_owned(self) -> Document<'static> {
        Document {
            tokens: self
                .tokens
                .into_iter()
                .map(|t| Cow::Owned(t.into_owned()))
                .collect(),
        }
    }
}

/// Reads an inquiry as tokens (owned: for training and for callers without a
/// lower-cased copy of the text).
pub fn document(inquiry: &Inquiry) -> Document<'static> {
    let subject = inquiry
        .subject
        .as_deref()
        .map(|s| cap(s, SUBJECT_BYTES).to_lowercase());
    let body = cap(&inquiry.body, BODY_BYTES).to_lowercase();
    document_lowered(inquiry, subject.as_deref(), &body).into_owned()
}

/// Subject bytes read for tokens.
const SUBJECT_BYTES: usize = 512;
/// Body bytes read for tokens.
const BODY_BYTES: usize = 32 * 1024;

/// Reads an inquiry as tokens from its subject and body already lower-cased.
pub fn document_lowered<'a>(
    inquiry: &Inquiry,
    lower_subject: Option<&str>,
    lower_body: &'a str,
) -> Document<'a> {
    Document::distinct(tokens_lowered(inquiry, lower_subject, lower_body))
}

/// The tokens of [`document_lowered`] as read, repeats and all.
pub(crate) fn tokens_lowered<'a>(
    inquiry: &Inquiry,
    lower_subject: Option<&str>,
    lower_body: &'a str,
) -> Vec<Cow<'a, str>> {
    // Tokens are gathered in a list, then the first distinct ones kept. A word takes
    // five bytes or more with its space: the list is sized once for the whole body.
    let body = cap(lower_body, BODY_BYTES);
    let mut out: Vec<Cow<'a, str>> = Vec::with_capacity(body.len() / 5 + 16);
    let add = |t: Cow<'a, str>, out: &mut Vec<Cow<'a, str>>| out.push(t);
    if let Some(subject) = lower_subject {
        words(cap(subject, SUBJECT_BYTES), |w| {
            // Built by hand: `concat` goes through a general join.
            let mut token = String::with_capacity(2 + w.len());
            token.push_str("s:");
            token.push_str(w);
            add(Cow::Owned(token), &mut out)
        });
    }
    words(body, |w| add(Cow::Borrowed(w), &mut out));
    // Every link starts "http" or "www.": most messages have neither, and need no
    // second pass word by word.
    if LINK_HTTP.is_in(body) || LINK_WWW.is_in(body) {
        for url in body
            .split_whitespace()
            .filter(|w| {
                w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.")
            })
            .take(50)
        {
            let url = url.trim_matches(|c: char| "()<>\"'[],".contains(c));
            add(
                Cow::Owned(format!("host:{}", registrable(host_of(url)))),
                &mut out,
            );
        }
    }
    for a in inquiry.attachments.iter().take(20) {
        if let Some((_, ext)) = a.name.rsplit_once('.') {
            add(Cow::Owned(format!("att:{}", ext.to_lowercase())), &mut out);
        }
    }
    out
}

/// Calls `emit` with each word of 2–24 letters or digits of a lower-cased text, and
/// each pair of neighbouring Chinese characters; every token is a slice of `text`.
fn words<'a>(text: &'a str, mut emit: impl FnMut(&'a str)) {
    if crate::core::text::NATIVE && text.is_ascii() {
        // One byte a character and no Chinese: the words are the runs of word bytes,
        // told by one look in a table.
        let is_word = |b: u8| ASCII_WORD_BYTES[usize::from(b)];
        let bytes = text.as_bytes();
        let mut emitted = 0;
        let mut at = 0;
        while at < bytes.len() {
            if !is_word(bytes[at]) {
                at += 1;
                continue;
            }
            let start = at;
            at += 1;
            while at < bytes.len() && is_word(bytes[at]) {
                at += 1;
            }
            let w = &text[start..at];
            if (2..=24).contains(&w.len()) && !w.bytes().all(|b| b.is_ascii_digit()) {
                emit(w);
                emitted += 1;
                // As below: the words up to the first past the limit.
                if emitted > MAX_TOKENS * 4 {
                    return;
                }
            }
        }
        return;
    }
    words_any(text, emit);
}

/// Which bytes are word bytes in ASCII text: letters, digits, `$` and `'` (as
/// [`words_any`] reads an ASCII character).
static ASCII_WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'$' || byte == b'\'';
        b += 1;
    }
    table
};

/// `char::is_alphanumeric`, told at once for the Latin-1 and Cyrillic letters
/// (the common letters after ASCII in buyers' texts), which the standard library
/// looks up in its tables.
fn is_alphanumeric(c: char) -> bool {
    match c {
        'À'..='ÿ' => c != '×' && c != '÷',
        'Ѐ'..='ҁ' | 'Ҋ'..='ӿ' => true,
        _ => c.is_alphanumeric(),
    }
}

/// [`words`] of any text, character by character.
fn words_any<'a>(text: &'a str, mut emit: impl FnMut(&'a str)) {
    let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut emitted = 0;
    // The current word: its start and its length in characters.
    let mut word: Option<(usize, usize)> = None;
    // The previous character, when it was Chinese: where it starts.
    let mut prev_cjk: Option<usize> = None;
    let mut flush = |word: &mut Option<(usize, usize)>, end: usize, emitted: &mut usize| {
        if let Some((start, chars)) = word.take() {
            let w = &text[start..end];
            if (2..=24).contains(&chars) && !w.bytes().all(|b| b.is_ascii_digit()) {
                emit(w);
                *emitted += 1;
            }
        }
    };
    let mut pairs: Vec<&'a str> = Vec::new();
    let mut at = 0;
    while at < text.len() {
        // ASCII is read a byte at a time; other characters are decoded.
        let byte = text.as_bytes()[at];
        let (c, len) = if byte.is_ascii() {
            (char::from(byte), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if len > 1 && is_cjk(c) {
            flush(&mut word, at, &mut emitted);
            if let Some(p) = prev_cjk {
                pairs.push(&text[p..at + len]);
            }
            prev_cjk = Some(at);
            at += len;
            continue;
        }
        prev_cjk = None;
        let in_word = if len == 1 {
            byte.is_ascii_alphanumeric() || byte == b'$' || byte == b'\''
        } else {
            is_alphanumeric(c)
        };
        if in_word {
            match &mut word {
                Some((_, chars)) => *chars += 1,
                None => word = Some((at, 1)),
            }
        } else {
            flush(&mut word, at, &mut emitted);
        }
        if emitted + pairs.len() > MAX_TOKENS * 4 {
            break;
        }
        at += len;
    }
    flush(&mut word, text.len(), &mut emitted);
    pairs.into_iter().for_each(emit);
}

/// The sum of the strongest token weights of a document (of equally strong tokens,
/// the one that sorts first counts first, so the sum never depends on text order).
fn strongest<'t>(weights: impl Iterator<Item = (&'t str, f64)>) -> f64 {
    let mut w: Vec<(&str, f64)> = weights.filter(|(_, w)| *w != 0.0).collect();
    w.sort_unstable_by(by_strength);
    w.iter().take(TOP_TOKENS).map(|(_, w)| w).sum()
}

/// The order of [`strongest`]: the strongest weight first, then by token.
fn by_strength(a: &(&str, f64), b: &(&str, f64)) -> std::cmp::Ordering {
    b.1.abs().total_cmp(&a.1.abs()).then_with(|| a.0.cmp(b.0))
}

/// The built-in content model: token → log-odds weight.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Each token of the built-in model is its table's own text, not a copy
    /// ([`Model::from_static_tsv`]).
    weights: FxHashMap<Cow<'static, str>, f64>,
    /// Overall scale applied to the sum.
    scale: f64,
}

impl Model {
    /// Reads the model's text form: a `scale <x>` line, then `token<TAB>weight` lines
    /// (any other line, such as the `# trained on …` line, is a comment).
    pub fn from_tsv(text: &str) -> Model {
        Model::read(text, |token| Cow::Owned(token.to_string()))
    }

    /// [`Model::from_tsv`] of a text that lives as long as the program (the tables
    /// handed to the engine): its tokens are borrowed, not copied, which spares a
    /// new engine's first triage thousands of small allocations.
    pub fn from_static_tsv(text: &'static str) -> Model {
        Model::read(text, Cow::Borrowed)
    }

    fn read<'t>(text: &'t str, token_of: impl Fn(&'t str) -> Cow<'static, str>) -> Model {
        let mut model = Model {
            // One weight a line, nearly: no growth while reading.
            weights: FxHashMap::with_capacity_and_hasher(
                text.bytes().filter(|&b| b == b'\n').count(),
                Default::default(),
            ),
            scale: 1.0,
        };
        for line in text.lines() {
            if let Some(s) = line.strip_prefix("scale ") {
                model.scale = parse_decimal(s.trim()).unwrap_or(1.0);
            } else if let Some((token, w)) = line.split_once('\t') {
                if let Some(w) = parse_decimal(w.trim()) {
                    model.weights.insert(token_of(token), w);
                }
            }
        }
        model
    }

    /// Evidence for spam (positive) or a real inquiry (negative).
    pub fn evidence(&self, doc: &Document) -> f64 {
        self.scale * strongest(doc.iter().filter_map(|t| Some((t, *self.weights.get(t)?))))
    }

    /// [`Model::evidence`] of the document of `tokens` (as [`tokens_lowered`] reads
    /// them), when they are no more than [`MAX_TOKENS`], so that the document would
    /// keep every distinct one: only the tokens the model knows are set apart, not
    /// every token. `None` for more tokens.
    pub(crate) fn evidence_of_tokens(&self, tokens: &[Cow<'_, str>]) -> Option<f64> {
        if tokens.len() > MAX_TOKENS {
            return None;
        }
        let mut known: Vec<(&str, f64)> = Vec::with_capacity(tokens.len());
        known.extend(
            tokens
                .iter()
                .filter_map(|t| Some((t.as_ref(), *self.weights.get(t.as_ref())?)))
                .filter(|(_, w)| *w != 0.0),
        );
        // As `strongest` orders them, by weight, then by token: a token's repeats
        // (one token, one weight) are neighbours then, and only the first counts.
        known.sort_unstable_by(by_strength);
        known.dedup_by(|a, b| a.0 == b.0);
        Some(self.scale * known.iter().take(TOP_TOKENS).map(|(_, w)| w).sum::<f64>())
    }

    /// Tokens in the model.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model is empty.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// The model shipped with Xunpan: the `word-model` table of the bundle of tables
/// (compiled in natively; the wasm is handed it at start with the concept tables).
pub static BUILT_IN: LazyLock<Model> = LazyLock::new(|| {
    Model::from_static_tsv(
        super::concepts::bundled_table(super::concepts::WORD_MODEL).unwrap_or_default(),
    )
});

/// Trains the built-in model's text form (what [`Model::from_tsv`] reads) from
/// labelled documents (`true`: spam): the [`TRAINED_TOKENS`] tokens that tell the two
/// apart best, by a smoothed log-odds ratio, each in [`MIN_TRAINING_DOCS`] messages
/// or more. Its first line, `# trained on …`, is `provenance`: the model names what
/// it has seen, so a figure on those sets is known to be flattered. Native only:
/// the extension ships the model as data and never trains it.
#[cfg(not(target_arch = "wasm32"))]
pub fn train<'d>(
    examples: impl Iterator<Item = (&'d Document<'d>, bool)>,
    provenance: &str,
    scale: f64,
) -> String {
    use std::fmt::Write;
    let (mut spam, mut genuine) = (0_u32, 0_u32);
    let mut counts: FxHashMap<&str, [u32; 2]> = FxHashMap::default();
    for (doc, is_spam) in examples {
        let messages = if is_spam { &mut spam } else { &mut genuine };
        *messages = messages.saturating_add(1);
        for t in doc.iter() {
            let count = &mut counts.entry(t).or_default()[usize::from(!is_spam)];
            *count = count.saturating_add(1);
        }
    }
    let log_odds = |c: [u32; 2]| {
        ((f64::from(c[0]) + 1.0) / (f64::from(spam) + 2.0)).ln()
            - ((f64::from(c[1]) + 1.0) / (f64::from(genuine) + 2.0)).ln()
    };
    // (token, weight, messages it is in); a token that could read as a comment, a
    // table's start or two lines is left out.
    let mut weights: Vec<(&str, f64, u32)> = counts
        .into_iter()
        .filter(|(t, c)| {
            c[0] + c[1] >= MIN_TRAINING_DOCS
                && !t.starts_with(['#', '['])
                && !t.contains(['\t', '\n'])
        })
        .map(|(t, c)| (t, log_odds(c), c[0] + c[1]))
        .filter(|(_, w, _)| w.abs() >= 1.0)
        .collect();
    // Strongest and most common first; ties by the token, so training is repeatable.
    weights.sort_by(|a, b| {
        (b.1.abs() * f64::from(b.2).sqrt())
            .total_cmp(&(a.1.abs() * f64::from(a.2).sqrt()))
            .then(a.0.cmp(b.0))
    });
    weights.truncate(TRAINED_TOKENS);
    weights.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = format!("# trained on {provenance}\nscale {scale}\n");
    for (t, w, _) in weights {
        let _ = writeln!(out, "{t}\t{w:.2}");
    }
    out
}

/// Tokens the trained model keeps.
#[cfg(not(target_arch = "wasm32"))]
pub const TRAINED_TOKENS: usize = 2500;
/// A token is trained on only when this many messages have it.
#[cfg(not(target_arch = "wasm32"))]
pub const MIN_TRAINING_DOCS: u32 = 6;

/// The rep's learned filter: how often each token appeared in messages the rep
/// marked as spam and as not spam.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Filter {
    /// Messages marked spam.
    pub spam_docs: u32,
    /// Messages marked not spam.
    pub genuine_docs: u32,
    /// Token → `[in spam, in not spam]` counts.
    pub tokens: BTreeMap<String, [u32; 2]>,
}

impl Filter {
    /// Adds one marked message.
    pub fn train(&mut self, doc: &Document, spam: bool) {
        let i = usize::from(!spam);
        if spam {
            self.spam_docs = self.spam_docs.saturating_add(1);
        } else {
            self.genuine_docs = self.genuine_docs.saturating_add(1);
        }
        for t in doc.iter() {
            let e = self.tokens.entry(t.to_string()).or_insert([0, 0]);
            e[i] = e[i].saturating_add(1);
        }
        self.prune();
    }

    /// Keeps the filter within [`MAX_FILTER_TOKENS`], dropping the rarest tokens.
    fn prune(&mut self) {
        let mut floor = 1;
        while self.tokens.len() > MAX_FILTER_TOKENS {
            self.tokens.retain(|_, c| c[0] + c[1] > floor);
            floor += 1;
        }
    }

    /// Evidence for spam (positive) or not (negative), shrunk while examples are few.
    pub fn evidence(&self, doc: &Document) -> f64 {
        let (s, g) = (f64::from(self.spam_docs), f64::from(self.genuine_docs));
        if s + g == 0.0 {
            return 0.0;
        }
        let weights = doc.iter().filter_map(|t| {
            let c = self.tokens.get(t)?;
            let p_spam = (f64::from(c[0]) + 0.5) / (s + 1.0);
            let p_gen = (f64::from(c[1]) + 0.5) / (g + 1.0);
            Some((t, (p_spam / p_gen).ln()))
        });
        let confidence = (s + g) / (s + g + 4.0);
        strongest(weights) * confidence * 0.5
    }

    /// Whether nothing was marked yet: the filter's evidence is then 0 for any message.
    pub(crate) fn untrained(&self) -> bool {
        self.spam_docs == 0 && self.genuine_docs == 0
    }

    /// Checks an imported filter for impossible counts.
    pub fn validate(&self) -> Result<(), String> {
        if self.tokens.len() > MAX_FILTER_TOKENS * 2 {
            return Err(format!(
                "too many tokens ({}); at most {MAX_FILTER_TOKENS} are kept",
                self.tokens.len()
            ));
        }
        for (t, c) in &self.tokens {
            if c[0] > self.spam_docs || c[1] > self.genuine_docs {
                return Err(format!(
                    "token '{}' is counted in more messages than were marked",
                    crate::core::text::clip(t, 20)
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_words_as_any_text_reads_them() {
        let pieces = [
            "ab",
            "a",
            "12",
            "x9",
            "$5",
            "don't",
            " ",
            ",",
            "\n",
            "-",
            "abcdefghijklmnopqrstuvwxyz",
        ];
        let mut seed: u64 = 7;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..seed % 40 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[usize::try_from(seed >> 33).unwrap_or(0) % pieces.len()]);
            }
            let (mut fast, mut any) = (Vec::new(), Vec::new());
            super::words(&text, |w| fast.push(w));
            super::words_any(&text, |w| any.push(w));
            assert_eq!(fast, any, "{text:?}");
        }
        // Every ASCII character, between letters and alone.
        for byte in 0u8..128 {
            let c = char::from(byte);
            for text in [format!("ab{c}cd"), format!("{c}{c}"), format!("9{c}")] {
                let (mut fast, mut any) = (Vec::new(), Vec::new());
                super::words(&text, |w| fast.push(w));
                super::words_any(&text, |w| any.push(w));
                assert_eq!(fast, any, "{text:?}");
            }
        }
        // Past the limit of words read.
        let long = "ab ".repeat(super::MAX_TOKENS * 5);
        let (mut fast, mut any) = (Vec::new(), Vec::new());
        super::words(&long, |w| fast.push(w));
        super::words_any(&long, |w| any.push(w));
        assert_eq!(fast, any);
    }

    use super::*;

    fn doc(body: &str) -> Document<'static> {
        document(&Inquiry {
            body: body.into(),
            ..Inquiry::default()
        })
    }

    #[test]
    fn tokens_cover_words_chinese_pairs_hosts_and_files() {
        let mut i = Inquiry {
            body: "Price FOB? 询盘报价 see http://bit.ly/x or WWW.Example.com/specs".into(),
            ..Inquiry::default()
        };
        i.attachments.push(crate::core::inquiry::Attachment {
            name: "PO.ZIP".into(),
            size: None,
        });
        let d = document(&i);
        for t in [
            "price",
            "fob",
            "询盘",
            "盘报",
            "报价",
            "host:bit.ly",
            "host:example.com",
            "att:zip",
        ] {
            assert!(d.contains(t), "{t} in {d:?}");
        }
    }

    #[test]
    fn the_rep_filter_learns_from_a_few_clicks() {
        let mut f = Filter::default();
        assert_eq!(f.evidence(&doc("cheap seo services for your store")), 0.0);
        f.train(
            &doc("we offer cheap seo services for your store ranking"),
            true,
        );
        f.train(
            &doc("need 200 pcs of the 13x4 frontal wig, price fob"),
            false,
        );
        let spam = f.evidence(&doc("seo services, cheap ranking for your store"));
        let real = f.evidence(&doc("price for 500 pcs frontal wig fob"));
        assert!(spam > 0.5, "{spam}");
        assert!(real < -0.5, "{real}");
        assert!(f.validate().is_ok());
    }

    #[test]
    fn the_rep_filter_stays_bounded() {
        let mut f = Filter::default();
        for n in 0..(MAX_FILTER_TOKENS / 100 + 5) {
            let body: String = (0..100).map(|k| format!("t{n}x{k} ")).collect();
            f.train(&doc(&body), n % 2 == 0);
        }
        assert!(f.tokens.len() <= MAX_FILTER_TOKENS);
    }

    /// The evidence of the tokens as read equals the evidence of their document, to
    /// the bit, on every text of the triage cases (repeats and all).
    #[test]
    fn the_evidence_of_tokens_is_the_documents() {
        let cases = include_str!("../../../tests/fixtures/triage-cases.jsonl");
        let mut compared = 0;
        for line in cases.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let Some(body) = value.pointer("/inquiry/body").and_then(|b| b.as_str()) else {
                continue;
            };
            let inquiry = Inquiry {
                body: format!("{body} {body}"),
                ..Inquiry::default()
            };
            let lower = inquiry.body.to_lowercase();
            let tokens = tokens_lowered(&inquiry, Some("sample offer sample"), &lower);
            let Some(quick) = BUILT_IN.evidence_of_tokens(&tokens) else {
                continue;
            };
            let doc = Document::distinct(tokens);
            assert_eq!(quick.to_bits(), BUILT_IN.evidence(&doc).to_bits(), "{body}");
            compared += 1;
        }
        assert!(compared > 50, "only {compared} cases compared");
    }

    #[test]
    fn letters_told_at_once_are_the_standard_librarys() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn the_built_in_model_loads() {
        assert!(!BUILT_IN.is_empty());
    }

    /// Every weight line of the model file is read, to the value the standard
    /// library reads (a weight the decimal reader refused would silently drop).
    #[test]
    fn every_weight_of_the_built_in_model_is_read_exactly() {
        let text = include_str!("model.tsv");
        let mut lines = 0;
        for line in text.lines() {
            let Some((token, weight)) = line.split_once('\t') else {
                continue;
            };
            lines += 1;
            let want: f64 = weight.trim().parse().expect("a number");
            assert_eq!(
                BUILT_IN.weights.get(token).map(|w| w.to_bits()),
                Some(want.to_bits()),
                "{line}"
            );
        }
        assert_eq!(BUILT_IN.weights.len(), lines);
        let scale = text
            .lines()
            .find_map(|l| l.strip_prefix("scale "))
            .expect("a scale");
        assert_eq!(
            BUILT_IN.scale.to_bits(),
            scale.trim().parse::<f64>().expect("a number").to_bits()
        );
    }
}
