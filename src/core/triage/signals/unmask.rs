//! Unmasking: the text as it reads, not as it was typed to slip past a filter.
//!
//! A lure spells its words so that a filter reading letter by letter misses them:
//! `w h a t s a p p`, `W.h.a.t.s.A.p.p`, `hxxps`, `docs-view[.]online`,
//! `secure-site . com / login`, `gmail dot com`, a Cyrillic `а` inside a Latin word, full-width
//! `Ａｌｉｂａｂａ`, a zero-width space or a soft hyphen inside `pass\u{200b}word`. A
//! reader sees the word, so the engine must too: the subject and body are unmasked
//! once, as they are lower-cased, and every concept, link and pattern reads the
//! result. Concept tables then need one spelling per word, not one per disguise.
//!
//! A buyer's own text comes through unchanged: the joins need a form no one types
//! by accident (four single letters in a row, a dot with a space before a web
//! ending), and look-alike letters are read as Latin only beside a Latin letter.

/// Web endings a host split by spaces is rejoined before (`site . com`, `site dot com`).
const ENDINGS: &[&str] = &[
    "com", "net", "org", "info", "biz", "top", "xyz", "online", "site", "shop", "store", "club",
    "live", "link", "help", "world", "vip", "cc", "cn", "co", "io", "ru", "de", "app",
];

/// The words for "dot" that spell a host out (`name dot com`, `nombre punto com`).
const DOT_WORDS: &[&str] = &["dot", "punto", "ponto", "point", "punkt", "nokta", "titik"];

/// Separators between spelled-out letters (`w h a t s`, `w.h.a.t.s`, `w-h-a-t-s`).
const LETTER_SEPARATORS: &[u8] = b" .-_*";

/// Spelled-out letters rejoin from this many on (`u s a` stays three words).
const SPELLED_MIN: usize = 4;

/// Appends `c` lower-cased, without the characters that hide inside words (zero-width
/// ones, the soft hyphen), with full-width letters and digits as ASCII, and with a
/// Cyrillic or Greek letter drawn like a Latin one as that letter when a Latin letter
/// stands beside it (`аlibаbа`, `pаsswоrd`; a Russian word stays as it is). `next`:
/// the character after `c`.
pub fn push_lower_visible(out: &mut String, c: char, next: Option<char>) {
    if crate::core::text::NATIVE && c.is_ascii() {
        // No ASCII character is hidden, full-width or drawn like another.
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            out.push(ascii.to_ascii_lowercase());
        }
        _ => {
            let latin_beside = out.ends_with(|p: char| p.is_ascii_alphabetic())
                || next.is_some_and(|n| n.is_ascii_alphabetic());
            for l in c.to_lowercase() {
                out.push(
                    latin_beside
                        .then(|| latin_look_alike(l))
                        .flatten()
                        .unwrap_or(l),
                );
            }
        }
    }
}

/// The Latin letter a lower-case Cyrillic or Greek letter is drawn like, if any.
fn latin_look_alike(c: char) -> Option<char> {
    let at = "асеіјорѕухοαρι".chars().position(|x| x == c)?;
    "aceijopsyxoapi".chars().nth(at)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// The web ending that starts at `at` as a whole word, if one does.
fn ending_at(bytes: &[u8], at: usize) -> Option<usize> {
    let len = bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let word = bytes.get(at..at + len)?;
    let whole = !bytes.get(at + len).is_some_and(|b| is_word_byte(*b));
    (whole && ENDINGS.iter().any(|e| e.as_bytes() == word)).then_some(len)
}

/// How many bytes of blanks start at `at` (spaces and tabs; with `newline`, one line
/// break among them).
fn blanks(bytes: &[u8], at: usize, newline: bool) -> usize {
    let mut n = 0;
    let mut breaks = 0;
    while let Some(&b) = bytes.get(at + n) {
        match b {
            b' ' | b'\t' => {}
            b'\n' | b'\r' if newline && breaks < 2 => breaks += 1,
            _ => break,
        }
        n += 1;
    }
    n
}

/// Where a dot that joins a spaced-out host stands, after `at` (blanks, an optional
/// dot word, blanks, then the ending): (bytes to skip to the ending, ending's length).
fn spaced_dot(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let before = blanks(bytes, at, false);
    let mut next = at + before;
    let dot_word = if bytes.get(next) == Some(&b'.') {
        next += 1;
        false
    } else {
        if before == 0 || !matches!(bytes.get(next), Some(b'd' | b'p' | b'n' | b't')) {
            return None;
        }
        let word = DOT_WORDS.iter().find(|w| {
            bytes[next..].starts_with(w.as_bytes())
                && bytes.get(next + w.len()).is_some_and(|b| !is_word_byte(*b))
        })?;
        next += word.len();
        true
    };
    let after = blanks(bytes, next, false);
    // A dot word needs blanks on both sides; a bare dot at least on one, and with
    // blanks only after it, a path behind the ending (`in stock. Top quality` is prose).
    if (dot_word && after == 0) || (!dot_word && before + after == 0) {
        return None;
    }
    next += after;
    let len = ending_at(bytes, next)?;
    if !dot_word && before == 0 && bytes.get(next + len) != Some(&b'/') {
        return None;
    }
    Some((next - at, len))
}

/// The bytes a run of at least [`SPELLED_MIN`] single letters starting at `at` takes
/// (its letters stand at every other byte: one separator byte between two), or 0
/// for a shorter run.
fn spelled_out(bytes: &[u8], at: usize) -> usize {
    let single = |i: usize| {
        bytes.get(i).is_some_and(u8::is_ascii_alphabetic)
            && !bytes.get(i + 1).is_some_and(|b| is_word_byte(*b))
    };
    let mut letters = 0;
    let mut end = at;
    loop {
        letters += 1;
        end += 1;
        match bytes.get(end) {
            Some(sep) if LETTER_SEPARATORS.contains(sep) && single(end + 1) => end += 1,
            _ => break,
        }
    }
    if letters < SPELLED_MIN {
        return 0;
    }
    end - at
}

/// The lower-cased text unmasked: spelled-out words joined, defanged and
/// spaced-out links put back together, look-alike letters read as Latin. `None`
/// when nothing was masked.
pub fn unmask(lower: &str) -> Option<String> {
    let bytes = lower.as_bytes();
    // Most texts hold no disguise: the output is written only from the first change
    // on, with the bytes before it copied then.
    let mut out: Vec<u8> = Vec::new();
    let mut changed = false;
    let start_changes = |out: &mut Vec<u8>, changed: &mut bool, i: usize| {
        if !*changed {
            out.reserve(bytes.len());
            out.extend_from_slice(&bytes[..i]);
            *changed = true;
        }
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let word_start = i == 0 || !is_word_byte(bytes[i - 1]);
        if is_word_byte(b) {
            if word_start {
                if b == b'h' && bytes[i..].starts_with(b"hxxp") {
                    start_changes(&mut out, &mut changed, i);
                    out.extend_from_slice(b"http");
                    i += 4;
                    continue;
                }
                if b.is_ascii_alphabetic() && !bytes.get(i + 1).is_some_and(|b| is_word_byte(*b)) {
                    let taken = spelled_out(bytes, i);
                    if taken > 0 {
                        start_changes(&mut out, &mut changed, i);
                        out.extend(bytes[i..i + taken].iter().step_by(2));
                        i += taken;
                        continue;
                    }
                }
            }
            // No other disguise starts at a letter or digit, nor inside a word: the
            // rest of the word as it is.
            let run = 1 + bytes[i + 1..]
                .iter()
                .position(|b| !is_word_byte(*b))
                .unwrap_or(bytes.len() - i - 1);
            if changed {
                out.extend_from_slice(&bytes[i..i + run]);
            }
            i += run;
            continue;
        }
        if matches!(b, b'[' | b'(') {
            let rest = &bytes[i..];
            if let Some(defanged) = [&b"[.]"[..], b"(.)"]
                .into_iter()
                .find(|d| rest.starts_with(d))
            {
                start_changes(&mut out, &mut changed, i);
                out.push(b'.');
                i += defanged.len();
                continue;
            }
        }
        // A host spaced out: `site . com`, `site dot com`, and a path after it:
        // `site.com / login`.
        if i > 0 && bytes[i - 1].is_ascii_alphabetic() && matches!(b, b' ' | b'\t' | b'.') {
            if let Some((skip, len)) = spaced_dot(bytes, i) {
                start_changes(&mut out, &mut changed, i);
                out.push(b'.');
                out.extend_from_slice(&bytes[i + skip..i + skip + len]);
                i += skip + len;
                let gap = blanks(bytes, i, false);
                if bytes.get(i + gap) == Some(&b'/') {
                    let after = blanks(bytes, i + gap + 1, false);
                    if gap + after > 0
                        && bytes
                            .get(i + gap + 1 + after)
                            .is_some_and(|b| is_word_byte(*b))
                    {
                        out.push(b'/');
                        i += gap + 1 + after;
                    }
                }
                continue;
            }
            // A link broken over a line after a dot (`site.\ncom/path`).
            if b == b'.' {
                let gap = blanks(bytes, i + 1, true);
                let broken_link = bytes[i + 1..i + 1 + gap].contains(&b'\n')
                    && ending_at(bytes, i + 1 + gap)
                        .is_some_and(|len| bytes.get(i + 1 + gap + len) == Some(&b'/'));
                if broken_link {
                    start_changes(&mut out, &mut changed, i);
                    out.push(b'.');
                    i += 1 + gap;
                    continue;
                }
            }
        }
        if changed {
            out.push(b);
        }
        i += 1;
    }
    // Only ASCII bytes were joined or dropped, so the text is still UTF-8.
    changed.then(|| String::from_utf8(out).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        let mut lower = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            push_lower_visible(&mut lower, c, chars.peek().copied());
        }
        unmask(&lower).unwrap_or(lower)
    }

    #[test]
    fn disguised_words_and_links_read_as_written_plainly() {
        let cases = [
            ("add my w h a t s a p p now", "add my whatsapp now"),
            ("W.h.a.t.s.A.p.p: 8613", "whatsapp: 8613"),
            ("t-e-l-e-g-r-a-m me", "telegram me"),
            (
                "hxxps://docs-view[.]online/po",
                "https://docs-view.online/po",
            ),
            (
                "h t t p s : / / order-site . cc / view",
                "https : / / order-site.cc/view",
            ),
            (
                "www. pedidos-seguros .top/login",
                "www. pedidos-seguros.top/login",
            ),
            (
                "verify at alibaba-verify dot com today",
                "verify at alibaba-verify.com today",
            ),
            (
                "https://drive-docs.\nworld/order",
                "https://drive-docs.world/order",
            ),
            ("pass\u{200B}word and sign\u{00AD}in", "password and signin"),
            ("Ａｌｉｂａｂａ Gold", "alibaba gold"),
            ("https://аlibаbа-secure.com", "https://alibaba-secure.com"),
        ];
        for (typed, plain) in cases {
            assert_eq!(read(typed), plain, "{typed}");
        }
    }

    #[test]
    fn a_buyers_plain_writing_is_left_as_it_is() {
        let cases = [
            "sizes s m l xl, 500 pcs each",
            "made in the u.s.a. and shipped from 1.2.3 warehouse",
            "in stock. top quality, see our shop. com is short for company",
            "Привет, нужна цена за 100 шт",
            "version 2.0 . top quality",
            "dimensions 1 x 2 x 3 m",
            "请报价，谢谢！",
            "нужен кабель usb-c, 10кг",
        ];
        for text in cases {
            assert_eq!(read(text), text.to_lowercase(), "{text}");
        }
    }
}
