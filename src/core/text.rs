//! Small text helpers shared by the core modules.

use crate::core::pattern::{BuiltIn, Pattern};

/// Declares one of the engine's own patterns, `pattern!(NAME, r"…");`: a static
/// compiled on first use by [`built_in_regex`]. The pattern must be a literal in the
/// call: the build script (`build.rs`) finds every `pattern!` call under `src/` and
/// parses its pattern ahead of time for the wasm, which carries no pattern parser.
macro_rules! pattern {
    ($name:ident, $text:literal) => {
        static $name: std::sync::LazyLock<$crate::core::pattern::Pattern> =
            std::sync::LazyLock::new(|| {
                $crate::core::text::built_in_regex($crate::core::pattern::BuiltIn {
                    name: stringify!($name),
                    key: const { $crate::core::pattern_source::pattern_key($text) },
                    // Natively the pattern is parsed from its text; the wasm needs
                    // only its key.
                    #[cfg(not(target_arch = "wasm32"))]
                    written: $text,
                })
            });
    };
}
pub(crate) use pattern;

/// Declares a set of the engine's patterns searched over one text together,
/// `pattern_set!(NAME, [A, B, …]);` (at most 64, each declared with [`pattern`]): see
/// [`crate::core::pattern::PatternSet`]. Natively the set is compiled on first use;
/// the wasm has nothing to compile (every member is searched alone there).
macro_rules! pattern_set {
    ($name:ident, [$($member:ident),+ $(,)?]) => {
        #[cfg(not(target_arch = "wasm32"))]
        static $name: std::sync::LazyLock<$crate::core::pattern::PatternSet> =
            std::sync::LazyLock::new(|| {
                $crate::core::pattern::PatternSet::new(stringify!($name), &[$(&*$member),+])
            });
        #[cfg(target_arch = "wasm32")]
        static $name: $crate::core::pattern::PatternSet = $crate::core::pattern::PatternSet {};
    };
}
pub(crate) use pattern_set;

/// Whether this build takes the fast paths that only add code: the native build does;
/// the wasm leaves them out (its download counts, and the slower path gives the same
/// answer).
pub(crate) const NATIVE: bool = cfg!(not(target_arch = "wasm32"));

/// A fixed string looked for in many texts ("http", "www.", "://"), declared once as a
/// static. `str::contains` with a `&str` builds a two-way searcher on every call, which
/// costs more than the search on a short message; natively the needle's
/// `memchr::memmem` finder is built on first use and kept. The wasm keeps
/// `str::contains` and carries no searcher code of its own (`text::NATIVE`).
pub(crate) struct Needle {
    text: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    finder: std::sync::OnceLock<memchr::memmem::Finder<'static>>,
}

impl Needle {
    /// The needle `text` (not empty).
    pub(crate) const fn new(text: &'static str) -> Needle {
        Needle {
            text,
            #[cfg(not(target_arch = "wasm32"))]
            finder: std::sync::OnceLock::new(),
        }
    }

    /// Whether `haystack` holds the needle.
    pub(crate) fn is_in(&self, haystack: &str) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.finder
                .get_or_init(|| memchr::memmem::Finder::new(self.text))
                .find(haystack.as_bytes())
                .is_some()
        }
        #[cfg(target_arch = "wasm32")]
        {
            haystack.contains(self.text)
        }
    }
}

/// What every link written out starts with or holds, looked for in whole messages.
pub(crate) static LINK_HTTP: Needle = Needle::new("http");
pub(crate) static LINK_WWW: Needle = Needle::new("www.");
pub(crate) static LINK_SCHEME: Needle = Needle::new("://");
/// A signature's marker and a quote's rule (see `triage::signals::signature_separator`),
/// looked for in whole messages.
pub(crate) static SIGNATURE_DASHES: Needle = Needle::new("--");
pub(crate) static QUOTE_RULE: Needle = Needle::new("__________");

/// Compiles one of the engine's own patterns. They are constants of the source, so
/// a bad one is a bug caught by the tests, never a runtime condition.
///
/// The patterns are written with `\d`, `\s`, `\w` and `\W`, read here as the
/// engine's own small classes (see [`crate::core::pattern_source::ENGINE_CLASSES`]) rather than Unicode's large
/// ones: matching stays on the fast automaton, and the build carries no Unicode
/// class tables. Word boundaries are written ASCII-only, `(?-u:\b)`.
pub(crate) fn built_in_regex(pattern: BuiltIn) -> Pattern {
    let name = pattern.name;
    Pattern::built_in(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {name}: {e}"))
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

/// Characters that change how text looks without showing themselves: zero-width
/// spaces and joiners, direction marks, embeddings, overrides and isolates, the byte
/// order mark. Scammers put them inside host names and file names.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// `s` with every invisible formatting character written out as `[U+XXXX]`, so a
/// detail shown to the rep shows the disguise instead of performing it.
pub fn reveal_invisible(s: &str) -> String {
    if !s.chars().any(is_invisible_format) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_invisible_format(c) {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            out.push(c);
        }
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

/// Every string of `1..=max_len` characters over `alphabet`, and the empty one: the
/// inputs of the tests that compare a hand-written reading with the pattern it
/// replaces on every short text that matters.
#[cfg(test)]
pub(crate) fn every_string(alphabet: &[char], max_len: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut frontier = vec![String::new()];
    for _ in 0..max_len {
        let mut next = Vec::with_capacity(frontier.len() * alphabet.len());
        for prefix in &frontier {
            for &c in alphabet {
                let mut s = prefix.clone();
                s.push(c);
                next.push(s);
            }
        }
        all.extend(next.iter().cloned());
        frontier = next;
    }
    all
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
                crate::core::pattern::Pattern::new(
                    &crate::core::pattern_source::with_engine_classes(pattern)
                )
                .expect("test pattern compiles")
                .is_match(text),
                want,
                "{pattern} on {text:?}"
            );
        }
    }

    #[test]
    fn invisible_characters_are_written_out() {
        for (input, shown) in [
            ("plain.example", "plain.example"),
            ("www.ali\u{200b}baba.example", "www.ali[U+200B]baba.example"),
            ("invoice\u{202e}fdp.exe", "invoice[U+202E]fdp.exe"),
            ("\u{feff}a\u{2066}b\u{2069}", "[U+FEFF]a[U+2066]b[U+2069]"),
            ("询盘\u{200d}助手", "询盘[U+200D]助手"),
        ] {
            assert_eq!(reveal_invisible(input), shown, "{input:?}");
        }
    }

    #[test]
    fn a_needle_is_found_where_str_contains_finds_it() {
        static SCHEME: Needle = Needle::new("://");
        for haystack in [
            "",
            ":",
            "://",
            "a:/b://c",
            "http:/x",
            "ｈｔｔｐ://",
            "价格://",
            ":/:/",
        ] {
            assert_eq!(
                SCHEME.is_in(haystack),
                haystack.contains("://"),
                "{haystack:?}"
            );
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

/// JSON text with every escaped lone surrogate (`\ud83d` without its pair, as
/// `JSON.stringify` writes text cut inside a pair) replaced by `\ufffd`, the
/// replacement character a UTF-16 to UTF-8 conversion gives it; escaped pairs and
/// everything else are kept.
pub fn lone_surrogates_replaced(json: &str) -> String {
    fn unit_at(b: &[u8], at: usize) -> Option<u16> {
        let hex = b.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    }
    let b = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let (mut i, mut copied) = (0usize, 0usize);
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit_at(b, i) {
            Some(0xD800..=0xDBFF) => {
                if unit_at(b, i + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) {
                    i += 12;
                } else {
                    out.push_str(&json[copied..i]);
                    out.push_str("\\ufffd");
                    i += 6;
                    copied = i;
                }
            }
            Some(0xDC00..=0xDFFF) => {
                out.push_str(&json[copied..i]);
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            Some(_) => i += 6,
            // Any other escape is two bytes (`\\` among them: never read as a start).
            None => i += 2,
        }
    }
    out.push_str(&json[copied..]);
    out
}

#[cfg(test)]
mod lone_surrogate_tests {
    use super::lone_surrogates_replaced;

    #[test]
    fn only_lone_surrogates_are_replaced() {
        let cases = [
            (r#"{"body":"hi \ud83d"}"#, r#"{"body":"hi \ufffd"}"#),
            (r#"{"body":"\ude00 x"}"#, r#"{"body":"\ufffd x"}"#),
            (r#"{"body":"\ud83d\ude00"}"#, r#"{"body":"\ud83d\ude00"}"#),
            (
                r#"{"body":"\ud83d\ud83d\ude00"}"#,
                r#"{"body":"\ufffd\ud83d\ude00"}"#,
            ),
            // A written backslash before "ud83d" is text, not an escape.
            (r#"{"body":"\\ud83d"}"#, r#"{"body":"\\ud83d"}"#),
            (
                r#"{"body":"\u00e9 \n \"q\""}"#,
                r#"{"body":"\u00e9 \n \"q\""}"#,
            ),
            (r#"{"body":"cut \ud8"}"#, r#"{"body":"cut \ud8"}"#),
        ];
        for (input, want) in cases {
            assert_eq!(lone_surrogates_replaced(input), want, "{input}");
        }
        let read: serde_json::Value =
            serde_json::from_str(&lone_surrogates_replaced(r#"{"body":"hi \ud83d"}"#))
                .expect("valid JSON once replaced");
        assert_eq!(read["body"], "hi \u{fffd}");
    }
}
