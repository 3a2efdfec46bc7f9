//! Small text helpers shared by the core modules, and the engine's patterns.
//!
//! Every built-in pattern is a [`Pattern`]: a compiled regular expression plus a
//! literal prefilter. The extension's engine matches with `regex-lite` (a small
//! backtracking-free matcher that keeps the wasm light), the native tool with
//! `regex` (automata, fast); both read the same patterns. Most patterns are lists
//! of phrases that do not occur in most messages, so before running the matcher a
//! pattern first checks for the literals any match must contain
//! ([`required_literals`]): a plain substring search, far cheaper than the match.

use std::ops::Range;

// The extension's matcher, under the native one's name: the two share an API.
#[cfg(target_arch = "wasm32")]
use regex_lite as regex;

/// Whether patterns check their literals before matching (see [`Pattern::is_match`]).
const USE_PREFILTER: bool = cfg!(target_arch = "wasm32");

/// One of the engine's own patterns, compiled, with its literal prefilter.
pub struct Pattern {
    /// The pattern as written.
    #[cfg(test)]
    source: String,
    regex: regex::Regex,
    /// Any match contains one of these; `None` when the pattern gives no such set.
    required: Option<Vec<String>>,
}

impl Pattern {
    /// Compiles one of the engine's patterns. They are constants of the source, so a
    /// bad one is a bug caught by the tests, never a runtime condition.
    pub fn new(pattern: &str) -> Pattern {
        Pattern {
            #[cfg(test)]
            source: pattern.to_string(),
            regex: built_in_regex(pattern),
            required: required_literals(pattern),
        }
    }

    /// Whether `hay` may match: false only when none of the required literals occurs.
    /// Used by the extension's matcher only: natively, `regex`'s own vectorised
    /// prefilters are faster than these plain searches (45 000 against 28 000
    /// inquiries/s with both).
    fn may_match(&self, hay: &str) -> bool {
        !USE_PREFILTER || self.admits(hay)
    }

    /// Whether the literal prefilter lets `hay` through.
    fn admits(&self, hay: &str) -> bool {
        self.required
            .as_ref()
            .is_none_or(|lits| lits.iter().any(|l| hay.contains(l.as_str())))
    }

    /// Whether the pattern matches anywhere in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        self.may_match(hay) && self.regex.is_match(hay)
    }

    /// The first match.
    pub fn find<'h>(&self, hay: &'h str) -> Option<regex::Match<'h>> {
        if !self.may_match(hay) {
            return None;
        }
        self.regex.find(hay)
    }

    /// The first match's span.
    pub fn find_span(&self, hay: &str) -> Option<Range<usize>> {
        self.find(hay).map(|m| m.range())
    }

    /// Every match, left to right.
    pub fn find_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = regex::Match<'h>> + use<'r, 'h> {
        self.may_match(hay)
            .then(|| self.regex.find_iter(hay))
            .into_iter()
            .flatten()
    }

    /// The first match's groups.
    pub fn captures<'h>(&self, hay: &'h str) -> Option<regex::Captures<'h>> {
        if !self.may_match(hay) {
            return None;
        }
        self.regex.captures(hay)
    }

    /// Every match's groups, left to right.
    pub fn captures_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = regex::Captures<'h>> + use<'r, 'h> {
        self.may_match(hay)
            .then(|| self.regex.captures_iter(hay))
            .into_iter()
            .flatten()
    }

    /// The literals any match contains (for tests and diagnostics).
    pub fn required(&self) -> Option<&[String]> {
        self.required.as_deref()
    }

    /// Whether the prefilter would hide a match in `hay` (for the tests that prove
    /// it sound, on every build).
    pub fn prefilter_hides_a_match(&self, hay: &str) -> bool {
        !self.admits(hay) && self.regex.is_match(hay)
    }
}

/// Compiles `pattern` with the engine's classes (see [`ENGINE_CLASSES`]).
///
/// The patterns are written with `\d`, `\s`, `\w` and `\W`, read here as the
/// engine's own small classes rather than Unicode's large ones: the build carries no
/// Unicode class tables. Word boundaries are written ASCII-only, `(?-u:\b)`, which
/// is what `\b` means to `regex-lite`.
fn built_in_regex(pattern: &str) -> regex::Regex {
    let pattern = with_engine_classes(pattern, cfg!(target_arch = "wasm32"));
    regex::Regex::new(&pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// What `\d`, `\s`, `\w` and `\W` mean in the engine's patterns:
/// - digits: ASCII and full-width (Chinese keyboards type both);
/// - space: every Unicode white-space character (the whole list is short);
/// - word characters: letters and digits of the scripts buyers write in here
///   (Latin with its accents, Cyrillic, Arabic, Chinese) and `_`.
pub(crate) const ENGINE_CLASSES: [(char, &str); 4] = [
    ('d', "[0-9０-９]"),
    (
        's',
        "[\\t\\n\\x0B\\x0C\\r \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]",
    ),
    (
        'w',
        "[0-9A-Za-z_\\x{C0}-\\x{24F}\\x{400}-\\x{4FF}\\x{600}-\\x{6FF}\\x{4E00}-\\x{9FFF}０-９]",
    ),
    (
        'W',
        "[^0-9A-Za-z_\\x{C0}-\\x{24F}\\x{400}-\\x{4FF}\\x{600}-\\x{6FF}\\x{4E00}-\\x{9FFF}０-９]",
    ),
];

/// `pattern` with `\d`, `\s`, `\w` and `\W` spelled out as [`ENGINE_CLASSES`]
/// (other escapes, `\\` included, are kept as written).
/// For `regex-lite` (`lite`), ASCII word boundaries are spelt plainly: the only
/// kind it knows.
fn with_engine_classes(pattern: &str, lite: bool) -> String {
    let pattern = if lite {
        pattern.replace("(?-u:\\b)", "\\b")
    } else {
        pattern.to_string()
    };
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        if c != '\\' {
            // Inside a bracket class the engine class goes in without its own
            // brackets: `regex-lite` has no nested classes.
            match c {
                '[' => in_class = true,
                ']' => in_class = false,
                _ => {}
            }
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(e) => match ENGINE_CLASSES.iter().find(|(name, _)| *name == e) {
                Some((_, class)) if in_class => out.push_str(&class[1..class.len() - 1]),
                Some((_, class)) => out.push_str(class),
                None => {
                    out.push('\\');
                    out.push(e);
                }
            },
            None => out.push('\\'),
        }
    }
    out
}

/// What a piece of a pattern says about the text it matches.
#[derive(Debug, Clone, PartialEq)]
enum Lits {
    /// It matches exactly one of these strings.
    Exact(Vec<String>),
    /// Any match contains one of these (`None`: nothing is known).
    Contains(Option<Vec<String>>),
}

/// The most strings a literal set may hold before it stops being worth checking.
const MAX_LITERALS: usize = 128;
/// The most strings an exact set may grow to by concatenation (`(a|b)(c|d)…`);
/// beyond it the more selective side stands for both.
const MAX_PRODUCT: usize = 32;

/// Literals at least one of which every match of `pattern` contains, or `None` when
/// the pattern does not give such a set (or uses syntax the reader does not follow,
/// in which case the pattern simply runs without a prefilter).
///
/// A small reader of the engine's pattern dialect: literal characters and escapes,
/// groups, alternation, small bracket classes and the usual repetitions. An exact
/// set is kept while it stays small (`colou?r` is `color` or `colour`); past that,
/// the piece with the longest shortest literal stands for the whole.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let mut reader = LiteralReader {
        chars: pattern.chars().collect(),
        pos: 0,
    };
    let lits = reader.alternation()?;
    if reader.pos != reader.chars.len() {
        return None;
    }
    let mut set = match lits {
        Lits::Exact(set) | Lits::Contains(Some(set)) => set,
        Lits::Contains(None) => return None,
    };
    if set.is_empty() || set.iter().any(String::is_empty) {
        return None; // the empty string is in every text
    }
    set.sort();
    set.dedup();
    Some(set)
}

struct LiteralReader {
    chars: Vec<char>,
    pos: usize,
}

/// How much a set narrows the search (0 for no set): longer shortest literals first
/// (up to six characters, which already occur rarely), then fewer literals to check.
fn strength(set: &Option<Vec<String>>) -> usize {
    let Some(set) = set else { return 0 };
    let shortest = set.iter().map(|l| l.chars().count()).min().unwrap_or(0);
    (shortest.min(6) * 1000).saturating_sub(set.len())
}

fn best(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    if strength(&b) > strength(&a) {
        b
    } else {
        a
    }
}

fn known(lits: Lits) -> Option<Vec<String>> {
    match lits {
        Lits::Exact(set) => Some(set),
        Lits::Contains(set) => set,
    }
}

fn concat(a: Lits, b: Lits) -> Lits {
    match (a, b) {
        (Lits::Exact(x), Lits::Exact(y)) if x.len() * y.len() <= MAX_PRODUCT => Lits::Exact(
            x.iter()
                .flat_map(|p| y.iter().map(move |q| format!("{p}{q}")))
                .collect(),
        ),
        (a, b) => Lits::Contains(best(known(a), known(b))),
    }
}

fn union(parts: Vec<Lits>) -> Lits {
    let all_exact = parts.iter().all(|p| matches!(p, Lits::Exact(_)));
    let mut set = Vec::new();
    for part in parts {
        match known(part) {
            Some(s) => set.extend(s),
            None => return Lits::Contains(None),
        }
    }
    if set.len() > MAX_LITERALS {
        Lits::Contains(None)
    } else if all_exact {
        Lits::Exact(set)
    } else {
        Lits::Contains(Some(set))
    }
}

fn empty() -> Lits {
    Lits::Exact(vec![String::new()])
}

impl LiteralReader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        self.pos += usize::from(hit);
        hit
    }

    fn alternation(&mut self) -> Option<Lits> {
        let mut parts = vec![self.concatenation()?];
        while self.eat('|') {
            parts.push(self.concatenation()?);
        }
        Some(if parts.len() == 1 {
            parts.pop()?
        } else {
            union(parts)
        })
    }

    fn concatenation(&mut self) -> Option<Lits> {
        let mut acc = empty();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let piece = self.repetition(atom)?;
            acc = concat(acc, piece);
        }
        Some(acc)
    }

    fn atom(&mut self) -> Option<Lits> {
        let c = self.peek()?;
        self.pos += 1;
        Some(match c {
            '(' => {
                if self.eat('?') {
                    // Flags: only those that leave literals alone are followed.
                    let mut flags = String::new();
                    while let Some(f) = self.peek().filter(|f| *f == '-' || f.is_ascii_alphabetic())
                    {
                        flags.push(f);
                        self.pos += 1;
                    }
                    if !flags.chars().all(|f| matches!(f, '-' | 'u' | 'm' | 's')) {
                        return None; // case folding and the like: no prefilter
                    }
                    if self.eat(')') {
                        return Some(empty()); // `(?m)`: flags for the rest
                    }
                    if !self.eat(':') {
                        return None; // named groups and look-arounds are not read
                    }
                }
                let inner = self.alternation()?;
                if !self.eat(')') {
                    return None;
                }
                inner
            }
            '[' => self.class()?,
            '\\' => self.escape()?,
            '.' => Lits::Contains(None),
            '^' | '$' => empty(),
            '*' | '+' | '?' | '{' | ')' => return None, // not an atom: malformed
            c => Lits::Exact(vec![c.to_string()]),
        })
    }

    /// `\b`, classes and escaped characters.
    fn escape(&mut self) -> Option<Lits> {
        let e = self.peek()?;
        self.pos += 1;
        Some(match e {
            'b' | 'B' | 'A' | 'z' => empty(),
            'd' | 'D' | 's' | 'S' | 'w' | 'W' => Lits::Contains(None),
            'n' => Lits::Exact(vec!["\n".to_string()]),
            't' => Lits::Exact(vec!["\t".to_string()]),
            'x' => {
                let hex: String = if self.eat('{') {
                    let mut h = String::new();
                    while let Some(c) = self.peek().filter(|c| *c != '}') {
                        h.push(c);
                        self.pos += 1;
                    }
                    if !self.eat('}') {
                        return None;
                    }
                    h
                } else {
                    let h: String = self.chars.get(self.pos..self.pos + 2)?.iter().collect();
                    self.pos += 2;
                    h
                };
                let c = char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?;
                Lits::Exact(vec![c.to_string()])
            }
            c if c.is_ascii_alphanumeric() => return None, // an escape not read here
            c => Lits::Exact(vec![c.to_string()]),
        })
    }

    /// A bracket class: a handful of listed characters is an exact set; ranges,
    /// negation and class escapes say nothing.
    fn class(&mut self) -> Option<Lits> {
        let mut listed = Vec::new();
        let mut known = !self.eat('^');
        let mut first = true;
        loop {
            let c = self.peek()?;
            self.pos += 1;
            match c {
                ']' if !first => break,
                '\\' => {
                    let e = self.peek()?;
                    self.pos += 1;
                    match e {
                        'n' => listed.push('\n'),
                        't' => listed.push('\t'),
                        c if c.is_ascii_alphanumeric() => known = false,
                        c => listed.push(c),
                    }
                }
                '-' if !first && self.peek() != Some(']') => known = false,
                '[' => return None, // nested classes are not read
                c => listed.push(c),
            }
            first = false;
        }
        Some(if known && !listed.is_empty() && listed.len() <= 4 {
            Lits::Exact(listed.iter().map(char::to_string).collect())
        } else {
            Lits::Contains(None)
        })
    }

    fn repetition(&mut self, atom: Lits) -> Option<Lits> {
        let (min, max) = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                let close = self.chars[self.pos..].iter().position(|c| *c == '}')? + self.pos;
                let body: String = self.chars[self.pos + 1..close].iter().collect();
                let (lo, hi) = match body.split_once(',') {
                    Some((lo, "")) => (lo.parse().ok()?, None),
                    Some((lo, hi)) => (lo.parse().ok()?, Some(hi.parse().ok()?)),
                    None => {
                        let n: usize = body.parse().ok()?;
                        (n, Some(n))
                    }
                };
                self.pos = close;
                (lo, hi)
            }
            _ => return Some(atom),
        };
        self.pos += 1;
        self.eat('?'); // lazy or greedy: the same text can match
        Some(match (min, max, atom) {
            (1, Some(1), atom) => atom,
            (0, Some(1), Lits::Exact(mut set)) => {
                set.push(String::new());
                Lits::Exact(set)
            }
            (0, _, _) => Lits::Contains(None),
            (_, _, atom) => Lits::Contains(known(atom)),
        })
    }
}

/// At most `max` characters of `s`, with `…` when cut. Never splits a character.
pub fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string(); // no more bytes than allowed, so no more characters
    }
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// Lower-cases and folds runs of whitespace to one space, for matching.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Texts to prove prefilters on: the development corpora beside the checkout
/// (lower-cased, as the engine matches them; the first 2 000 messages of each), and
/// a few written here.
#[cfg(test)]
pub(crate) fn sample_texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "please quote 500 pcs, fob price? 1. moq 2. sample cost",
        "dear sir, kindly send the catalogue and price list to my email",
        "western union transfer of $4,500,000 inheritance award",
        "login to verify your account: https://alibaba.com.secure.example/po",
        "",
    ]
    .map(String::from)
    .to_vec();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    for name in ["inquiries-dev.jsonl", "spamassassin-dev.jsonl"] {
        let Ok(data) = std::fs::read_to_string(dir.join(name)) else {
            continue;
        };
        for line in data.lines().take(2000) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let v = v.get("inquiry").unwrap_or(&v);
            for field in ["subject", "body"] {
                if let Some(t) = v.get(field).and_then(|t| t.as_str()) {
                    texts.push(t.to_lowercase());
                }
            }
        }
    }
    texts
}

/// Fails when `pattern`'s prefilter would hide a match in any of `texts`, or when
/// the extension's matcher (`regex-lite`) and the native one (`regex`) disagree
/// on any of them.
#[cfg(test)]
pub(crate) fn assert_prefilter_sound(pattern: &Pattern, texts: &[String]) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let lite_source = with_engine_classes(&pattern.source, true);
        let lite = regex_lite::Regex::new(&lite_source)
            .unwrap_or_else(|e| panic!("regex-lite refuses {lite_source}: {e}"));
        for t in texts {
            assert_eq!(
                lite.find(t).map(|m| m.range()),
                pattern.regex.find(t).map(|m| m.range()),
                "regex-lite and regex differ: {} on {t:?}",
                pattern.source
            );
        }
    }
    for t in texts {
        assert!(
            !pattern.prefilter_hides_a_match(t),
            "prefilter {:?} on {t:?}",
            pattern.required()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_classes() {
        let cases = [
            (r"^\d+$", "１２3", true),
            (r"^\d+$", "٣", false),
            (r"^a\sb$", "a\u{3000}b", true),
            (r"^a\sb$", "a\u{200B}b", false), // zero-width space is not white space
            (r"^\w+$", "préço_Цена价格", true),
            (r"^x\W", "x!", true),
            (r"^x\W", "xé", false),
            (r"^[\d,.]+$", "1,000.5", true),
            (r"^[^\s<>]+$", "a<b", false),
            (r"^\\d$", "\\d", true), // an escaped backslash stays one
        ];
        for (pattern, text, want) in cases {
            assert_eq!(
                Pattern::new(pattern).is_match(text),
                want,
                "{pattern} on {text:?}"
            );
        }
    }

    #[test]
    fn required_literals_of_the_pattern_dialect() {
        let set = |p: &str| required_literals(p).map(|s| s.join("|"));
        let cases: [(&str, Option<&str>); 14] = [
            (
                r"(?-u:\b)(?:price list|catalog(?:ue)?)(?-u:\b)",
                Some("catalog|catalogue|price list"),
            ),
            (r"colou?r", Some("color|colour")),
            (r"western union|moneygram", Some("moneygram|western union")),
            (r"\d+ ?(?:pcs|pieces)", Some("pcs|pieces")),
            (r"(?m)^\s*→\s*$", Some("→")),
            (r"https?://[^\s]+", Some("http://|https://")),
            (r"[^.\n]{0,15}\d", None),
            (r"a|\w+", None),
            (r"(?i)hello", None),
            (r"x*", None),
            (r"(?:ab){2,}c", Some("ab")),
            (r"\x{4E00}价", Some("一价")),
            (r"[,，]\s*(?:ok)", Some("ok")),
            (r"[-•*·]\s*(.+)$", Some("*|-|·|•")),
        ];
        for (pattern, want) in cases {
            assert_eq!(set(pattern).as_deref(), want, "{pattern}");
        }
    }

    #[test]
    fn the_prefilter_never_hides_a_match() {
        let texts = [
            "please send the price list",
            "we want the catalogue",
            "colour: red",
            "20 pcs",
            "1.\n   → \n",
            "visit https://x.example/a",
            "",
        ];
        for pattern in [
            r"(?-u:\b)(?:price list|catalog(?:ue)?)(?-u:\b)",
            r"colou?r",
            r"\d+ ?(?:pcs|pieces)",
            r"(?m)^\s*→\s*$",
            r"https?://[^\s]+",
        ] {
            let p = Pattern::new(pattern);
            assert!(p.required().is_some(), "{pattern} has literals");
            for t in texts {
                assert!(!p.prefilter_hides_a_match(t), "{pattern} on {t:?}");
            }
        }
    }

    #[test]
    fn clip_counts_characters_not_bytes() {
        assert_eq!(clip("询盘助手", 2), "询盘…");
        assert_eq!(clip("abc", 3), "abc");
    }

    #[test]
    fn normalize_folds_space_and_case() {
        assert_eq!(normalize("  Hello\n\tWORLD  "), "hello world");
    }
}
