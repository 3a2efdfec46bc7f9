//! What the build script and the engine both need to know about a built-in pattern.
//!
//! The wasm carries no pattern parser: `build.rs` parses every pattern declared with
//! [`crate::core::text::pattern`] ahead of time, and the wasm compiles each from that
//! parsed form (see [`crate::core::pattern`]). This file is shared word for word by
//! both sides (`build.rs` includes it with `#[path]`), so it depends on nothing but
//! the standard library:
//! - the engine's own character classes, spelled into a pattern before it is parsed;
//! - the key a pattern's parsed form is found by;
//! - the tags of the parsed form's encoding;
//! - the buckets of the three-byte openings a pattern's matches begin with.

/// What `\d`, `\s`, `\w` and `\W` mean in the engine's patterns:
/// - digits: ASCII and full-width (Chinese keyboards type both);
/// - space: every Unicode white-space character (the whole list is short);
/// - word characters: letters and digits of the scripts buyers write in here
///   (Latin with its accents, Cyrillic, Arabic, Chinese) and `_`.
pub const ENGINE_CLASSES: [(char, &str); 4] = [
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
pub fn with_engine_classes(pattern: &str) -> String {
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

/// The key a pattern's parsed form is stored under: 64-bit FNV-1a of the pattern as
/// written (the build script checks that no two keys collide). A `const fn`, so the
/// engine computes each key while it is compiled and the wasm need not carry the
/// patterns' text at all.
pub const fn pattern_key(written: &str) -> u64 {
    let bytes = written.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut at = 0;
    while at < bytes.len() {
        hash = (hash ^ bytes[at] as u64).wrapping_mul(0x0100_0000_01b3);
        at += 1;
    }
    hash
}

/// The node tags of the parsed-form encoding. Each node is its tag, then:
/// - `EMPTY`: nothing;
/// - `LITERAL`: a length, then that many bytes;
/// - `CLASS_UNICODE`: a count, then each range's first and last code point;
/// - `CLASS_BYTES`: a count, then each range's first and last byte (one byte each);
/// - `LOOK`: the assertion's number (`regex_syntax::hir::Look::as_repr`);
/// - `REPETITION`: the minimum, the maximum plus one (0: none), 1 if greedy else 0,
///   then the repeated node;
/// - `CAPTURE`: the group's index, its name's length plus one (0: none) and the name,
///   then the node;
/// - `CONCAT` and `ALTERNATION`: a count, then the nodes.
///
/// Numbers are unsigned LEB128.
pub mod tag {
    pub const EMPTY: u8 = 0;
    pub const LITERAL: u8 = 1;
    pub const CLASS_UNICODE: u8 = 2;
    pub const CLASS_BYTES: u8 = 3;
    pub const LOOK: u8 = 4;
    pub const REPETITION: u8 = 5;
    pub const CAPTURE: u8 = 6;
    pub const CONCAT: u8 = 7;
    pub const ALTERNATION: u8 = 8;
}

/// How many buckets the three- and four-byte openings of a text are counted in
/// (see [`gram_bucket`]): a power of two, few enough that a text's set is 512 bytes.
// Natively only the cross-check build counts openings (see `pattern::Counted`).
#[cfg_attr(
    not(any(target_arch = "wasm32", feature = "pattern-cross-check")),
    allow(dead_code)
)]
pub const GRAM_BUCKETS: usize = 4096;

/// The bucket of an opening of three or four bytes (`gram`). A pattern whose every
/// match begins with one of a known set of literals cannot match a text that has
/// none of their openings' buckets; two openings sharing a bucket only make that
/// test weaker.
#[cfg_attr(
    not(any(target_arch = "wasm32", feature = "pattern-cross-check")),
    allow(dead_code)
)]
pub const fn gram_bucket(gram: &[u8]) -> u16 {
    let mut value: u32 = 0;
    let mut i = 0;
    while i < gram.len() && i < 4 {
        value = value << 8 | gram[i] as u32;
        i += 1;
    }
    // Three- and four-byte openings are counted apart (their own sets).
    (value.wrapping_mul(0x9E37_79B1) >> (32 - 12)) as u16
}
