//! Small text helpers shared by the core modules.

use crate::core::pattern::Pattern;

/// Compiles one of the engine's own patterns. They are constants of the source, so
/// a bad one is a bug caught by the tests, never a runtime condition.
///
/// The patterns are written with `\d`, `\s`, `\w` and `\W`, read here as the
/// engine's own small classes (see [`ENGINE_CLASSES`]) rather than Unicode's large
/// ones: matching stays on the fast automaton, and the build carries no Unicode
/// class tables. Word boundaries are written ASCII-only, `(?-u:\b)`.
pub(crate) fn built_in_regex(pattern: &str) -> Pattern {
    let pattern = with_engine_classes(pattern);
    Pattern::new(&pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
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
pub(crate) fn with_engine_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(e) => match ENGINE_CLASSES.iter().find(|(name, _)| *name == e) {
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
                built_in_regex(pattern).is_match(text),
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
    fn clip_counts_characters_not_bytes() {
        assert_eq!(clip("询盘助手", 2), "询盘…");
        assert_eq!(clip("abc", 3), "abc");
    }

    #[test]
    fn normalize_folds_space_and_case() {
        assert_eq!(normalize("  Hello\n\tWORLD  "), "hello world");
    }
}
