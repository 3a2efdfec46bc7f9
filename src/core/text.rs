//! Small text helpers shared by the core modules.

/// Compiles one of the engine's own patterns. They are constants of the source, so
/// a bad one is a bug caught by the tests, never a runtime condition.
pub(crate) fn built_in_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// At most `max` characters of `s`, with `…` when cut. Never splits a character.
pub fn clip(s: &str, max: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
