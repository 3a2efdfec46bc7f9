//! Which language a buyer wrote in, so the reply can be written in it.
//!
//! Identification works in two steps, both read from data:
//!
//! 1. **Script.** Han characters mean Chinese, Arabic letters Arabic, Cyrillic letters
//!    Russian, unless letters of a language we do not serve (Japanese kana, Hangul,
//!    Ukrainian, Kazakh or Persian letters, …) say otherwise.
//! 2. **Latin languages** by their common words and distinctive letters, from the
//!    table `extension/language-words.tsv` (one line per language and kind of
//!    evidence; its header says how to read it). Adding a language is adding rows
//!    there. Native builds compile the table in; the extension's WebAssembly reads it
//!    from the extension's files ([`load_table`]), which keeps the wasm smaller.
//!
//! A text too short or too mixed to tell is **English**, never a guess: a reply in
//! English is understood by most buyers, a reply in the wrong language by none.
//! [`Identified::sure`] says whether the answer was evidence or that fallback, so the
//! linter only argues about languages it is sure of.

use rustc_hash::FxHashMap;

/// The languages identified and served (a reply template may exist in them), in the
/// order of the data contract's buyer languages.
pub const LANGUAGES: [&str; 11] = [
    "en", "zh", "es", "pt", "fr", "ru", "ar", "tr", "de", "vi", "id",
];

/// The fallback when a text is too short or mixed to tell.
pub const FALLBACK: &str = "en";

/// How far into a text the language is looked for, in characters.
const SAMPLE_CHARS: usize = 4000;

/// Letters of a script needed before the script decides the language.
const MIN_SCRIPT_LETTERS: u32 = 2;

/// Evidence points a Latin language needs before it is named (two common words, or
/// one word and its distinctive letters).
const MIN_LATIN_SCORE: f32 = 2.0;

/// How far the best Latin language must lead the next one, in evidence points.
const MIN_LATIN_LEAD: f32 = 1.0;

/// At most this many points come from letters, per language: a text of accented
/// product names is not a text in that language.
const MAX_LETTER_POINTS: f32 = 3.0;

/// The answer: a language code of [`LANGUAGES`], and whether the text said so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identified {
    /// One of [`LANGUAGES`]; [`FALLBACK`] when unsure.
    pub language: &'static str,
    /// The text gave enough evidence; `false` means the answer is the fallback.
    pub sure: bool,
}

impl Identified {
    const UNSURE: Identified = Identified {
        language: FALLBACK,
        sure: false,
    };

    fn sure(language: &'static str) -> Identified {
        Identified {
            language,
            sure: true,
        }
    }
}

/// The language code of a text: one of [`LANGUAGES`], English when unsure.
pub fn language_of(text: &str) -> &'static str {
    identify(text).language
}

/// The language of a text, and whether the text was clear enough to say.
pub fn identify(text: &str) -> Identified {
    let head = &text.as_bytes()[..text.len().min(SAMPLE_CHARS)];
    if crate::core::text::NATIVE && head.is_ascii() {
        // One byte a character: the sample is the head, and its only script is Latin.
        // Fewer than three letters weigh less than one word (as `latin / 3` below):
        // the count stops at the third.
        if head
            .iter()
            .filter(|b| b.is_ascii_alphabetic())
            .nth(2)
            .is_none()
        {
            return Identified::UNSURE;
        }
        return latin_language(&text[..head.len()]);
    }
    let mut counts = ScriptCounts::default();
    let mut sample_end = text.len();
    for (n, (at, c)) in text.char_indices().enumerate() {
        if n == SAMPLE_CHARS {
            sample_end = at;
            break;
        }
        counts.note(c);
    }
    let sample = &text[..sample_end];
    // A Latin letter carries about a third of what a Han character or a word does.
    let latin = counts.latin / 3;
    let top = counts
        .han
        .max(counts.cyrillic)
        .max(counts.arabic)
        .max(counts.other)
        .max(latin);
    if top == 0 {
        return Identified::UNSURE;
    }
    if top == counts.han && counts.han >= MIN_SCRIPT_LETTERS {
        // Kana beside Han is Japanese, which we do not serve.
        return if counts.kana > 0 {
            Identified::UNSURE
        } else {
            Identified::sure("zh")
        };
    }
    if top == counts.cyrillic && counts.cyrillic >= MIN_SCRIPT_LETTERS {
        return if counts.other_cyrillic > counts.russian_only {
            Identified::UNSURE
        } else {
            Identified::sure("ru")
        };
    }
    if top == counts.arabic && counts.arabic >= MIN_SCRIPT_LETTERS {
        return if counts.other_arabic * 20 > counts.arabic {
            Identified::UNSURE
        } else {
            Identified::sure("ar")
        };
    }
    if top == latin && top > 0 {
        return latin_language(sample);
    }
    Identified::UNSURE
}

/// Letters of each script in a sample.
#[derive(Default)]
struct ScriptCounts {
    han: u32,
    kana: u32,
    cyrillic: u32,
    /// Cyrillic letters that Russian has and its neighbours lack (ы э ъ ё).
    russian_only: u32,
    /// Cyrillic letters of Ukrainian, Belarusian, Kazakh, Serbian, … that Russian lacks.
    other_cyrillic: u32,
    arabic: u32,
    /// Arabic-script letters of Persian and Urdu that Arabic lacks.
    other_arabic: u32,
    latin: u32,
    /// Letters of every other script (Hangul, Thai, Devanagari, Greek, Hebrew, …).
    other: u32,
}

impl ScriptCounts {
    fn note(&mut self, c: char) {
        match c {
            'a'..='z' | 'A'..='Z' => self.latin += 1,
            c if c.is_ascii() => {}
            '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => self.han += 1,
            '\u{3040}'..='\u{30ff}' => self.kana += 1,
            '\u{0400}'..='\u{04ff}' => {
                self.cyrillic += 1;
                match c {
                    'ы' | 'Ы' | 'э' | 'Э' | 'ъ' | 'Ъ' | 'ё' | 'Ё' => self.russian_only += 1,
                    'і' | 'І' | 'ї' | 'Ї' | 'є' | 'Є' | 'ґ' | 'Ґ' | 'ў' | 'Ў' | 'ә' | 'Ә' | 'ғ'
                    | 'Ғ' | 'қ' | 'Қ' | 'ң' | 'Ң' | 'ө' | 'Ө' | 'ұ' | 'Ұ' | 'ү' | 'Ү' | 'һ'
                    | 'Һ' | 'ђ' | 'Ђ' | 'ј' | 'Ј' | 'љ' | 'Љ' | 'њ' | 'Њ' | 'ћ' | 'Ћ' | 'џ'
                    | 'Џ' => self.other_cyrillic += 1,
                    _ => {}
                }
            }
            '\u{0600}'..='\u{06ff}' | '\u{0750}'..='\u{077f}' if c.is_alphabetic() => {
                self.arabic += 1;
                if matches!(
                    c,
                    'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' | 'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ھ'
                ) {
                    self.other_arabic += 1;
                }
            }
            '\u{0600}'..='\u{06ff}' | '\u{0750}'..='\u{077f}' => {}
            '\u{00c0}'..='\u{024f}' | '\u{1e00}'..='\u{1eff}' => self.latin += 1,
            c if c.is_alphabetic() => self.other += 1,
            _ => {}
        }
    }
}

/// One row kind of the data table.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Evidence {
    Words,
    Letters,
}

/// The Latin-script table, compiled from `extension/language-words.tsv`.
#[derive(Debug)]
struct LatinTable {
    /// Language codes in table order; unserved ones map to `None`.
    languages: Vec<(&'static str, Option<&'static str>)>,
    /// Word → the languages it counts for.
    words: FxHashMap<&'static str, Vec<usize>>,
    /// Letter → the languages it counts for, with the points each occurrence gives.
    letters: FxHashMap<char, Vec<(usize, f32)>>,
    /// Longest listed word, in bytes: longer words are not looked up.
    longest_word: usize,
    /// Natively, the listed ASCII words of up to [`PACKED_BYTES`] bytes by their
    /// packed form ([`packed`]) → the languages they count for: a word of ASCII text
    /// is looked up by one number, made from its bytes as they are read, not by its
    /// text hashed and compared.
    packed_words: FxHashMap<u128, Vec<usize>>,
}

/// Bytes a packed word holds at most (a `u128`'s).
const PACKED_BYTES: usize = 16;

/// An ASCII word of at most [`PACKED_BYTES`] bytes as one number: its bytes from the
/// lowest, the rest zero. No word holds a zero byte, so two words have the same
/// number only if they are the same word.
fn packed(word: &[u8]) -> Option<u128> {
    let mut bytes = [0u8; PACKED_BYTES];
    bytes.get_mut(..word.len())?.copy_from_slice(word);
    Some(u128::from_le_bytes(bytes))
}

#[cfg(not(target_arch = "wasm32"))]
const TABLE_SOURCE: &str = include_str!("../../extension/language-words.tsv");

static TABLE: std::sync::OnceLock<LatinTable> = std::sync::OnceLock::new();

/// The Latin-script table: built in natively; in the wasm the one [`load_table`]
/// gave (none yet: every Latin text is the unsure fallback).
#[cfg(not(target_arch = "wasm32"))]
fn table() -> Option<&'static LatinTable> {
    Some(TABLE.get_or_init(|| {
        LatinTable::parse(TABLE_SOURCE)
            .unwrap_or_else(|e| panic!("built-in language-words.tsv is broken: {e}"))
    }))
}

#[cfg(target_arch = "wasm32")]
fn table() -> Option<&'static LatinTable> {
    TABLE.get()
}

/// Whether Latin-script languages can be told apart: natively always; in the wasm once
/// [`load_table`] has been given the table.
pub fn reads_latin() -> bool {
    table().is_some()
}

/// Hands the Latin-language table (the text of `language-words.tsv`) to the engine:
/// the WebAssembly build reads it from the extension's files. Only the first call
/// counts. Fails, saying where, on a line the table cannot have.
pub fn load_table(source: &str) -> Result<(), String> {
    let source: &'static str = Box::leak(source.to_owned().into_boxed_str());
    let table = LatinTable::parse(source)?;
    let _ = TABLE.set(table);
    Ok(())
}

impl LatinTable {
    fn parse(source: &'static str) -> Result<LatinTable, String> {
        let mut table = LatinTable {
            languages: Vec::new(),
            words: FxHashMap::default(),
            letters: FxHashMap::default(),
            longest_word: 0,
            packed_words: FxHashMap::default(),
        };
        let mut letter_rows: Vec<(usize, Vec<char>)> = Vec::new();
        for (n, line) in source.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(code), Some(kind), Some(entries), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Err(format!(
                    "line {}: expected three tab-separated fields (language, kind, entries)",
                    n + 1
                ));
            };
            let lang = match table.languages.iter().position(|(c, _)| *c == code) {
                Some(i) => i,
                None => {
                    let served = LANGUAGES.iter().find(|l| **l == code).copied();
                    table.languages.push((code, served));
                    table.languages.len() - 1
                }
            };
            let evidence = match kind {
                "words" => Evidence::Words,
                "letters" => Evidence::Letters,
                "unserved" => {
                    table.languages[lang].1 = None;
                    continue;
                }
                other => {
                    return Err(format!(
                        "line {}: unknown kind '{other}' (use words, letters or unserved)",
                        n + 1
                    ))
                }
            };
            for entry in entries.split(' ').filter(|e| !e.is_empty()) {
                match evidence {
                    Evidence::Words => {
                        if entry
                            .chars()
                            .any(|c| !c.is_alphabetic() || c.is_uppercase())
                        {
                            return Err(format!(
                                "line {}: '{entry}' is not a lower-case word",
                                n + 1
                            ));
                        }
                        let langs = table.words.entry(entry).or_default();
                        if !langs.contains(&lang) {
                            langs.push(lang);
                        }
                        table.longest_word = table.longest_word.max(entry.len());
                    }
                    Evidence::Letters => {
                        let mut chars = entry.chars();
                        let (Some(letter), None) = (chars.next(), chars.next()) else {
                            return Err(format!("line {}: '{entry}' is not one letter", n + 1));
                        };
                        letter_rows.push((lang, vec![letter]));
                    }
                }
            }
        }
        // A letter shared by k languages gives each 1/k point per occurrence.
        let mut sharing: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        for (lang, letters) in &letter_rows {
            for letter in letters {
                let langs = sharing.entry(*letter).or_default();
                if !langs.contains(lang) {
                    langs.push(*lang);
                }
            }
        }
        if crate::core::text::NATIVE {
            for (word, langs) in &table.words {
                if let Some(key) = packed(word.as_bytes()).filter(|_| word.is_ascii()) {
                    table.packed_words.insert(key, langs.clone());
                }
            }
        }
        for (letter, langs) in sharing {
            let points = 1.0 / langs.len() as f32;
            table
                .letters
                .insert(letter, langs.into_iter().map(|l| (l, points)).collect());
        }
        if table.languages.len() > MAX_TABLE_LANGUAGES {
            return Err(format!(
                "{} languages; at most {MAX_TABLE_LANGUAGES} fit",
                table.languages.len()
            ));
        }
        Ok(table)
    }
}

/// Languages the Latin table may hold (the size of the score arrays).
const MAX_TABLE_LANGUAGES: usize = 16;

/// The Latin-script language of a sample, by common words and distinctive letters.
fn latin_language(sample: &str) -> Identified {
    let Some(table) = table() else {
        return Identified::UNSURE;
    };
    if crate::core::text::NATIVE && table.longest_word <= PACKED_BYTES && sample.is_ascii() {
        let no_letters = [0f32; MAX_TABLE_LANGUAGES];
        return ranked(
            table,
            &ascii_word_points(table, sample.as_bytes()),
            &no_letters,
        );
    }
    let (word_points, letter_points) = any_points(table, sample);
    ranked(table, &word_points, &letter_points)
}

/// The word and letter points of any text, for each language of the table.
fn any_points(
    table: &LatinTable,
    sample: &str,
) -> ([f32; MAX_TABLE_LANGUAGES], [f32; MAX_TABLE_LANGUAGES]) {
    let mut word_points = [0f32; MAX_TABLE_LANGUAGES];
    let mut letter_points = [0f32; MAX_TABLE_LANGUAGES];
    let mut lowered = String::new();
    for word in sample.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        if !word.is_ascii() {
            for c in word.chars().flat_map(char::to_lowercase) {
                if let Some(hits) = table.letters.get(&c) {
                    for &(lang, points) in hits {
                        letter_points[lang] += points;
                    }
                }
            }
        }
        if word.len() > table.longest_word {
            continue;
        }
        let key = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            word
        } else {
            lowered.clear();
            lowered.extend(word.chars().flat_map(char::to_lowercase));
            lowered.as_str()
        };
        if let Some(langs) = table.words.get(key) {
            for &lang in langs {
                word_points[lang] += 1.0;
            }
        }
    }
    // Inverted marks are not letters, so the split above skipped them.
    for c in sample.chars().filter(|c| matches!(c, '¿' | '¡')) {
        if let Some(hits) = table.letters.get(&c) {
            for &(lang, points) in hits {
                letter_points[lang] += points;
            }
        }
    }
    (word_points, letter_points)
}

/// The word points of ASCII text, for each language of the table (natively): its
/// words are the runs of ASCII letters, each no longer than the longest listed word
/// looked up lower-cased by its packed form, read from the text at once (the letters
/// count only in words that are not ASCII, and the inverted marks are not ASCII).
fn ascii_word_points(table: &LatinTable, text: &[u8]) -> [f32; MAX_TABLE_LANGUAGES] {
    let mut word_points = [0f32; MAX_TABLE_LANGUAGES];
    let longest = table.longest_word.min(PACKED_BYTES);
    let mut at = 0;
    while at < text.len() {
        if !text[at].is_ascii_alphabetic() {
            at += 1;
            continue;
        }
        let start = at;
        while at < text.len() && text[at].is_ascii_alphabetic() {
            at += 1;
        }
        if at - start > longest {
            continue;
        }
        if let Some(langs) =
            packed_lower(text, start, at).and_then(|key| table.packed_words.get(&key))
        {
            for &lang in langs {
                word_points[lang] += 1.0;
            }
        }
    }
    word_points
}

/// [`packed`] of the ASCII letters `text[start..end]` lower-cased (fewer than
/// [`PACKED_BYTES`]): read as one number where the text holds sixteen bytes from
/// `start`, the bytes past the word cleared.
fn packed_lower(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end.checked_sub(start).filter(|len| *len < PACKED_BYTES)?;
    // The bytes of the word: 8 × len < 128 bits.
    let word_bytes = (1u128 << (8 * len)) - 1;
    // An ASCII letter is lower-case with its 0x20 bit set.
    let lower = u128::from_le_bytes([0x20; PACKED_BYTES]) & word_bytes;
    match text.get(start..start + PACKED_BYTES) {
        Some(chunk) => {
            let mut bytes = [0u8; PACKED_BYTES];
            bytes.copy_from_slice(chunk);
            Some((u128::from_le_bytes(bytes) & word_bytes) | lower)
        }
        None => packed(text.get(start..end)?).map(|key| key | lower),
    }
}

/// A language of the Latin table (its place) and its score.
type Ranked = (usize, f32);

/// The first two of `(language, score)` entries ranked highest score first, on a tie
/// the table's order (English first): the two a sort would put first (the order has no
/// ties), kept in one pass since only they count.
fn first_two(entries: impl Iterator<Item = Ranked>) -> (Option<Ranked>, Option<Ranked>) {
    let ahead = |a: Ranked, b: Ranked| a.1.total_cmp(&b.1).reverse().then(a.0.cmp(&b.0)).is_lt();
    let mut first: Option<Ranked> = None;
    let mut second: Option<Ranked> = None;
    for entry in entries {
        match first {
            Some(leader) if !ahead(entry, leader) => {
                if second.is_none_or(|s| ahead(entry, s)) {
                    second = Some(entry);
                }
            }
            _ => {
                second = first;
                first = Some(entry);
            }
        }
    }
    (first, second)
}

/// The language the points name, if they name one clearly.
fn ranked(
    table: &LatinTable,
    word_points: &[f32; MAX_TABLE_LANGUAGES],
    letter_points: &[f32; MAX_TABLE_LANGUAGES],
) -> Identified {
    let (first, second) = first_two((0..table.languages.len()).map(|lang| {
        (
            lang,
            word_points[lang] + letter_points[lang].min(MAX_LETTER_POINTS),
        )
    }));
    let Some((best, score)) = first else {
        return Identified::UNSURE;
    };
    let runner_up = second.map_or(0.0, |r| r.1);
    if score < MIN_LATIN_SCORE || score - runner_up < MIN_LATIN_LEAD {
        return Identified::UNSURE;
    }
    match table.languages[best].1 {
        Some(code) => Identified::sure(code),
        None => Identified::UNSURE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_two_are_those_the_sort_puts_first() {
        // Scores with many ties, zeros of both signs among them, in every rotation.
        let values = [0.0f32, -0.0, 1.0, 2.5, 1.0, 2.5, 0.5, 3.0, 3.0, 0.0];
        for len in 0..=values.len() {
            for shift in 0..values.len() {
                let entries: Vec<(usize, f32)> = (0..len)
                    .map(|i| (i, values[(i + shift) % values.len()]))
                    .collect();
                let mut sorted = entries.clone();
                crate::core::sort::sort_stable_by(&mut sorted, |a, b| {
                    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
                });
                let (first, second) = first_two(entries.iter().copied());
                let bits = |e: Option<(usize, f32)>| e.map(|(i, s)| (i, s.to_bits()));
                assert_eq!(bits(first), bits(sorted.first().copied()), "{entries:?}");
                assert_eq!(bits(second), bits(sorted.get(1).copied()), "{entries:?}");
            }
        }
    }

    #[test]
    fn the_table_parses_and_names_every_served_latin_language() {
        let table = LatinTable::parse(TABLE_SOURCE).expect("parses");
        for code in ["en", "es", "pt", "fr", "tr", "de", "vi", "id"] {
            assert!(
                table
                    .languages
                    .iter()
                    .any(|(c, s)| *c == code && s.is_some()),
                "{code} missing"
            );
        }
        assert!(table
            .languages
            .iter()
            .any(|(c, s)| *c == "it" && s.is_none()));
    }

    /// The native reading of ASCII text gives every language the points the reading of
    /// any text gives: on every text of the language fixture made ASCII, on each listed
    /// word in three casings, and on words around the longest listed length.
    #[test]
    fn ascii_words_read_natively_score_as_any_text_reads_them() {
        let table = LatinTable::parse(TABLE_SOURCE).expect("parses");
        let fixture = include_str!("../../tests/fixtures/languages.tsv");
        let mut samples: Vec<String> = fixture
            .lines()
            .filter_map(|line| line.split('\t').nth(2))
            .map(|text| text.chars().filter(char::is_ascii).collect())
            .collect();
        assert!(samples.len() > 20, "only {} texts", samples.len());
        for word in table.words.keys() {
            let mut title: String = word.chars().take(1).flat_map(char::to_uppercase).collect();
            title.extend(word.chars().skip(1));
            samples.push(format!("{word} {} {title}, x{word}", word.to_uppercase()));
        }
        for len in 1..=40 {
            samples.push("e".repeat(len));
            samples.push(format!("{}the", "a".repeat(len)));
        }
        let mut ascii = 0;
        for sample in samples.iter().filter(|s| s.is_ascii()) {
            let (words, letters) = any_points(&table, sample);
            assert_eq!(
                ascii_word_points(&table, sample.as_bytes()),
                words,
                "{sample}"
            );
            assert!(letters.iter().all(|p| *p == 0.0), "{sample}");
            ascii += 1;
        }
        assert!(ascii > 500, "only {ascii} ASCII texts");
    }

    #[test]
    fn bad_table_lines_say_how_to_fix_them() {
        let err = LatinTable::parse("xx\twords").expect_err("fails");
        assert!(err.contains("three tab-separated"), "{err}");
        let err = LatinTable::parse("xx\tphrases\ta b").expect_err("fails");
        assert!(err.contains("unknown kind"), "{err}");
        let err = LatinTable::parse("xx\tletters\tab").expect_err("fails");
        assert!(err.contains("not one letter"), "{err}");
    }

    #[test]
    fn scripts_and_fallbacks() {
        let cases = [
            ("你好，这款灯多少钱？", "zh", true),
            ("Цена за 100 штук?", "ru", true),
            ("كم السعر؟", "ar", true),
            ("こんにちは、価格を教えてください", "en", false),
            ("Добрий день, яка ціна за їх?", "en", false),
            ("안녕하세요 가격", "en", false),
            ("ok", "en", false),
            ("", "en", false),
            ("🙏🙏", "en", false),
            (
                "Buongiorno, vorrei il prezzo per 500 pezzi, grazie",
                "en",
                false,
            ),
        ];
        for (text, lang, sure) in cases {
            let got = identify(text);
            assert_eq!((got.language, got.sure), (lang, sure), "{text}");
        }
    }
}
