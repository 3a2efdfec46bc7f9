//! Parses the engine's built-in patterns ahead of time, for the wasm.
//!
//! Every `pattern!(NAME, r"…")` call under `src/` is read here; its pattern is
//! spelled with the engine's classes, parsed by regex-syntax (the parser the pattern
//! compiler itself uses), its alternations' runs of literals grouped
//! (`src/core/pattern_shape.rs`), and the parsed form written to
//! `$OUT_DIR/parsed_patterns.rs` in the encoding described in
//! `src/core/pattern_source.rs`. The wasm compiles each pattern from that form and
//! so carries no pattern parser (22 KB of its gzipped size). Native builds still parse
//! at run time, and their tests check that every pattern they build has a parsed form
//! here, the same one they parse.
//!
//! For native builds it also finds each pattern's required literals (literals one of
//! which every match holds, see `required_literals`): the native engine searches a
//! message once for all of them and skips a pattern none of whose literals is there.

#[path = "src/core/pattern_source.rs"]
#[allow(dead_code)]
mod pattern_source;

#[path = "src/core/pattern_shape.rs"]
mod pattern_shape;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind};

use pattern_source::{gram_bucket, pattern_key, tag, with_engine_classes};

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=build.rs");
    bundle_concept_tables();

    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();

    let mut by_key: BTreeMap<u64, (String, String)> = BTreeMap::new(); // key -> (place, pattern)
    let mut table =
        String::from("/// Each built-in pattern's key and its parsed form, from `build.rs`.\n");
    table.push_str("static PARSED: &[(u64, &[u8])] = &[\n");
    let mut gates = String::from(
        "/// The buckets of the openings (their width, three or four bytes) every match of\n\
         /// a pattern begins with (by key; a pattern not listed may begin with anything):\n\
         /// the wasm's gate, and the cross-check build's (natively, `REQUIRED` gates).\n\
         #[cfg(any(target_arch = \"wasm32\", feature = \"pattern-cross-check\"))]\n\
         static GATES: &[(u64, u8, &[u16])] = &[\n",
    );
    // Natively, each pattern's required literals (see `required_literals`) by their
    // place in one list of every pattern's, searched once per message.
    let mut literal_list: Vec<Vec<u8>> = Vec::new();
    let mut required = String::from(
        "/// Each built-in pattern's required literals, one of which every match holds, as\n\
         /// their places in `REQUIRED_LITERALS`, 64 to a word: (the word's index, the\n\
         /// literals' bits in it) (by key; a pattern not listed has none known).\n\
         #[cfg(not(target_arch = \"wasm32\"))]\n\
         static REQUIRED: &[(u64, &[(u8, u64)])] = &[\n",
    );
    let mut written_list = String::from("/// The built-in patterns as written, in the order of `PARSED`.\n#[cfg(test)]\nstatic WRITTEN: &[&str] = &[\n");
    for file in &files {
        let source = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        for (line, written) in pattern_calls(&source, file) {
            let place = format!("{}:{line}", file.display());
            let key = pattern_key(&written);
            if let Some((other, earlier)) = by_key.get(&key) {
                if *earlier == written {
                    continue; // the same pattern declared twice shares one parsed form
                }
                panic!("{place}: its pattern's key collides with the one at {other}; change either text slightly");
            }
            let hir = regex_syntax::ParserBuilder::new()
                .build()
                .parse(&with_engine_classes(&written))
                .unwrap_or_else(|e| panic!("{place}: bad pattern: {e}"));
            let mut bytes = Vec::new();
            encode(
                &pattern_shape::literal_runs_grouped(hir.clone()),
                &mut bytes,
            );
            let _ = writeln!(table, "    ({key:#018x}, &{bytes:?}),");
            let _ = writeln!(written_list, "    {written:?},");
            if let Some((width, buckets)) = opening_buckets(&hir) {
                let _ = writeln!(gates, "    ({key:#018x}, {width}, &{buckets:?}),");
            }
            if let Some(literals) = required_literals(&hir) {
                let places: Vec<u16> = literals
                    .into_iter()
                    .map(|literal| {
                        let place = literal_list
                            .iter()
                            .position(|known| *known == literal)
                            .unwrap_or_else(|| {
                                literal_list.push(literal);
                                literal_list.len() - 1
                            });
                        u16::try_from(place).expect("fewer than 65 536 required literals")
                    })
                    .collect();
                // A pattern's new literals take the next places: its bits share a few words.
                let mut words: Vec<(u8, u64)> = Vec::new();
                for place in places {
                    let (word, bit) = (
                        u8::try_from(place / 64).expect("at most 4096 literals"),
                        1u64 << (place % 64),
                    );
                    match words.iter_mut().find(|(w, _)| *w == word) {
                        Some((_, bits)) => *bits |= bit,
                        None => words.push((word, bit)),
                    }
                }
                let _ = writeln!(required, "    ({key:#018x}, &{words:?}),");
            }
            by_key.insert(key, (place, written));
        }
    }
    assert!(
        !by_key.is_empty(),
        "no pattern!(NAME, literal) calls found under src/: is build.rs run from the crate root?"
    );
    table.push_str("];\n\n");
    written_list.push_str("];\n");
    table.push_str(&written_list);
    gates.push_str("];\n");
    table.push_str(&gates);
    assert!(
        literal_list.len() <= 4096,
        "more than 4096 required literals: widen `LiteralsPresent` in src/core/pattern.rs"
    );
    required.push_str("];\n");
    table.push_str(&required);
    table.push_str(
        "/// The required literals of every built-in pattern, each once.\n\
         #[cfg(not(target_arch = \"wasm32\"))]\n\
         static REQUIRED_LITERALS: &[&[u8]] = &[\n",
    );
    for literal in &literal_list {
        let _ = writeln!(table, "    &{literal:?},");
    }
    table.push_str("];\n");

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("parsed_patterns.rs"), table).expect("OUT_DIR is writable");
}

/// The openings every match of `hir` begins with, as the buckets
/// ([`gram_bucket`]) of the literals' first four bytes (when every literal has four),
/// else of their first three; `None` when a match may begin with less than three
/// known bytes (a class, a repetition, an empty branch, too many literals). Four
/// bytes tell more patterns apart from a text than three ("pric" against "pri").
fn opening_buckets(hir: &Hir) -> Option<(u8, Vec<u16>)> {
    for width in [4usize, 3] {
        let mut extractor = Extractor::new();
        extractor
            .kind(ExtractKind::Prefix)
            .limit_class(16)
            .limit_literal_len(width)
            .limit_total(1000);
        let openings = extractor.extract(hir);
        let Some(literals) = openings.literals() else {
            continue;
        };
        if literals.is_empty() || literals.iter().any(|l| l.as_bytes().len() < width) {
            continue;
        }
        let mut buckets: Vec<u16> = literals
            .iter()
            .map(|l| gram_bucket(&l.as_bytes()[..width]))
            .collect();
        buckets.sort_unstable();
        buckets.dedup();
        return Some((width as u8, buckets));
    }
    None
}

/// Literals of which every match of `hir` holds at least one (as bytes, each at least
/// [`MIN_REQUIRED_BYTES`] long, none holding another), chosen to be as rare as the
/// pattern allows: the longest, then the fewest. `None` when no such set is known
/// (a branch of an alternation that may match without any literal, a class
/// throughout). Natively a message's text is searched once for every pattern's
/// literals, and a pattern none of whose literals is in the text is not searched.
fn required_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut set = literal_facts(hir).required?;
    // Only the first bytes of each (whole characters): a text holding a literal holds
    // its start, and short literals make the searcher of them all small and quick to build.
    for literal in &mut set {
        let mut end = literal.len().min(MAX_REQUIRED_BYTES);
        while end < literal.len() && (literal[end] & 0xC0) == 0x80 {
            end += 1;
        }
        literal.truncate(end);
    }
    // A literal that holds another adds nothing: the other is in the text whenever it is.
    set.sort_by_key(Vec::len);
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for literal in set {
        if !kept.iter().any(|shorter| contains(&literal, shorter)) {
            kept.push(literal);
        }
    }
    (!kept.is_empty() && kept.iter().all(|l| l.len() >= MIN_REQUIRED_BYTES)).then_some(kept)
}

/// A required literal shorter than this says too little of a text to be worth looking for.
const MIN_REQUIRED_BYTES: usize = 3;
/// How many bytes of a required literal are looked for (rounded up to a whole character).
const MAX_REQUIRED_BYTES: usize = 10;
/// The most strings a set of exact strings grows to before it is given up.
const MAX_EXACT: usize = 64;

/// What is known of the strings a piece of a pattern matches: `exact`, every string it
/// can match (the empty one too); `required`, literals of which every match holds one.
struct LiteralFacts {
    exact: Option<Vec<Vec<u8>>>,
    required: Option<Vec<Vec<u8>>>,
}

fn literal_facts(hir: &Hir) -> LiteralFacts {
    let exact_only = |set: Vec<Vec<u8>>| LiteralFacts {
        required: (!set.iter().any(Vec::is_empty)).then(|| set.clone()),
        exact: Some(set),
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => exact_only(vec![Vec::new()]),
        HirKind::Literal(literal) => exact_only(vec![literal.0.to_vec()]),
        HirKind::Class(Class::Unicode(class)) => {
            let chars: Option<Vec<Vec<u8>>> =
                class.iter().try_fold(Vec::new(), |mut chars, range| {
                    let (start, end) = (u32::from(range.start()), u32::from(range.end()));
                    if chars.len() + (end - start) as usize >= 8 {
                        return None;
                    }
                    for c in (start..=end).filter_map(char::from_u32) {
                        chars.push(c.to_string().into_bytes());
                    }
                    Some(chars)
                });
            match chars {
                Some(chars) => exact_only(chars),
                None => LiteralFacts {
                    exact: None,
                    required: None,
                },
            }
        }
        HirKind::Class(Class::Bytes(_)) => LiteralFacts {
            exact: None,
            required: None,
        },
        HirKind::Capture(capture) => literal_facts(&capture.sub),
        HirKind::Repetition(repetition) => {
            let sub = literal_facts(&repetition.sub);
            match (repetition.min, repetition.max) {
                (0, Some(1)) => LiteralFacts {
                    exact: sub.exact.map(|mut set| {
                        set.push(Vec::new());
                        set
                    }),
                    required: None,
                },
                (0, _) => LiteralFacts {
                    exact: None,
                    required: None,
                },
                (1, Some(1)) => sub,
                _ => LiteralFacts {
                    exact: None,
                    required: sub.required,
                },
            }
        }
        HirKind::Alternation(subs) => {
            let facts: Vec<LiteralFacts> = subs.iter().map(literal_facts).collect();
            let exact = facts
                .iter()
                .try_fold(Vec::new(), |mut all, f| {
                    all.extend(f.exact.clone()?);
                    Some(all)
                })
                .filter(|all| all.len() <= MAX_EXACT);
            let required = facts.iter().try_fold(Vec::new(), |mut all, f| {
                all.extend(f.required.clone()?);
                Some(all)
            });
            LiteralFacts { exact, required }
        }
        HirKind::Concat(subs) => {
            let mut candidates: Vec<Vec<Vec<u8>>> = Vec::new();
            // The strings of the current run of exact pieces, joined.
            let mut run: Option<Vec<Vec<u8>>> = Some(vec![Vec::new()]);
            let mut whole: Option<Vec<Vec<u8>>> = Some(vec![Vec::new()]);
            for sub in subs {
                let facts = literal_facts(sub);
                candidates.extend(facts.required.clone());
                whole = match (whole, &facts.exact) {
                    (Some(w), Some(e)) => product(&w, e),
                    _ => None,
                };
                match (&run, &facts.exact) {
                    (Some(r), Some(e)) => match product(r, e) {
                        Some(joined) => run = Some(joined),
                        None => {
                            candidates.extend(run.take().filter(|r| !r.iter().any(Vec::is_empty)));
                            run = Some(e.clone());
                        }
                    },
                    (_, Some(e)) => run = Some(e.clone()),
                    (Some(_), None) => {
                        candidates.extend(run.take().filter(|r| !r.iter().any(Vec::is_empty)));
                    }
                    (None, None) => {}
                }
            }
            candidates.extend(run.filter(|r| !r.iter().any(Vec::is_empty)));
            let required = candidates.into_iter().max_by_key(|set| {
                let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
                (shortest.min(6), std::cmp::Reverse(set.len()))
            });
            LiteralFacts {
                exact: whole,
                required,
            }
        }
    }
}

/// Every string of `a` followed by every string of `b`, unless there would be more
/// than [`MAX_EXACT`].
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_EXACT {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut joined = x.clone();
            joined.extend_from_slice(y);
            if !out.contains(&joined) {
                out.push(joined);
            }
        }
    }
    Some(out)
}

/// Whether `haystack` holds `needle`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Writes every concept table under `src/core/triage/concepts/` into one text,
/// `$OUT_DIR/concept-tables.txt`, each table after a `[name]` line. Native builds
/// compile it in; the wasm leaves it out and is handed the same text at start (the
/// extension ships it as `data/concept-tables.txt`, written the same way by
/// `build.sh`), which keeps 30 KB of text out of the engine's download. The default
/// templates (`src/core/reply/templates.json`, as one line) follow as `[templates]`
/// and the built-in word model (`src/core/triage/model.tsv`) as the last table,
/// `[word-model]`, for the same reason.
fn bundle_concept_tables() {
    let dir = Path::new("src/core/triage/concepts");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut bundle = String::new();
    for path in &names {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let _ = writeln!(bundle, "[{name}]");
        bundle.push_str(&text);
        if !text.ends_with('\n') {
            bundle.push('\n');
        }
    }
    // The default templates (the English library), as one line: JSON's line breaks are
    // only spaces between its tokens, and a table ends at a line starting with '['.
    let templates_path = Path::new("src/core/reply/templates.json");
    let templates = std::fs::read_to_string(templates_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", templates_path.display()));
    let _ = writeln!(bundle, "[templates]");
    bundle.push_str(&templates.replace(['\n', '\r'], " "));
    bundle.push('\n');
    // The built-in word model goes last, in the same bundle (33 KB of text).
    let model_path = Path::new("src/core/triage/model.tsv");
    let model = std::fs::read_to_string(model_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", model_path.display()));
    assert!(
        !model.lines().any(|l| l.starts_with('[')),
        "{}: a line starts with '[', which would read as the start of a table",
        model_path.display()
    );
    let _ = writeln!(bundle, "[word-model]");
    bundle.push_str(&model);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("concept-tables.txt"), bundle).expect("OUT_DIR is writable");
}

/// The line and pattern of every `pattern!(NAME, literal)` call in `source`, outside
/// line comments. A call whose pattern is not a literal stops the build: the wasm
/// would have no parsed form for it.
fn pattern_calls(source: &str, file: &Path) -> Vec<(usize, String)> {
    const CALL: &str = "pattern!";
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(found) = source[from..].find(CALL) {
        let at = from + found;
        from = at + CALL.len();
        let line_start = source[..at].rfind('\n').map_or(0, |n| n + 1);
        let line = source[..at].matches('\n').count() + 1;
        if source[line_start..at].contains("//") {
            continue;
        }
        // `pattern!(` or `pattern! (`; anything else (a mention) is not a call.
        let Some(args) = source[from..].trim_start().strip_prefix('(') else {
            continue;
        };
        from = source.len() - args.len();
        let place = format!("{}:{line}", file.display());
        let rest = source[from..].trim_start();
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let after_name = rest[name_len..].trim_start();
        let Some(after_comma) = after_name.strip_prefix(',') else {
            panic!("{place}: write pattern!(NAME, r\"…\")");
        };
        let (written, after) = string_literal(after_comma.trim_start())
            .unwrap_or_else(|| panic!("{place}: the pattern must be a string literal"));
        let after = after.trim_start();
        let after = after.strip_prefix(',').unwrap_or(after).trim_start();
        if !after.starts_with(')') {
            panic!("{place}: write pattern!(NAME, r\"…\") with nothing after the pattern");
        }
        calls.push((line, written));
    }
    calls
}

/// A Rust string literal at the start of `s` (raw, `r#"…"#`, or plain with escapes),
/// and the text after it.
fn string_literal(s: &str) -> Option<(String, &str)> {
    if let Some(raw) = s.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let close = format!("\"{}", "#".repeat(hashes));
        let end = body.find(&close)?;
        return Some((body[..end].to_string(), &body[end + close.len()..]));
    }
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                'u' => {
                    let hex: String = chars
                        .by_ref()
                        .map(|(_, c)| c)
                        .take_while(|&c| c != '}')
                        .collect();
                    out.push(char::from_u32(
                        u32::from_str_radix(hex.trim_start_matches('{'), 16).ok()?,
                    )?);
                }
                '\n' => {
                    // A line continuation: the next line's leading white space goes too.
                    let rest = &body[i + 2..];
                    let skip = rest.len() - rest.trim_start().len();
                    for _ in rest[..skip].chars() {
                        chars.next();
                    }
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// Appends the encoding of `hir` (see `pattern_source::tag`).
fn encode(hir: &Hir, out: &mut Vec<u8>) {
    match hir.kind() {
        HirKind::Empty => out.push(tag::EMPTY),
        HirKind::Literal(literal) => {
            out.push(tag::LITERAL);
            number(literal.0.len(), out);
            out.extend_from_slice(&literal.0);
        }
        HirKind::Class(Class::Unicode(class)) => {
            out.push(tag::CLASS_UNICODE);
            number(class.ranges().len(), out);
            for range in class.ranges() {
                number(u32::from(range.start()) as usize, out);
                number(u32::from(range.end()) as usize, out);
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            out.push(tag::CLASS_BYTES);
            number(class.ranges().len(), out);
            for range in class.ranges() {
                out.push(range.start());
                out.push(range.end());
            }
        }
        HirKind::Look(look) => {
            out.push(tag::LOOK);
            number(look.as_repr() as usize, out);
        }
        HirKind::Repetition(repetition) => {
            out.push(tag::REPETITION);
            number(repetition.min as usize, out);
            number(repetition.max.map_or(0, |max| max as usize + 1), out);
            out.push(u8::from(repetition.greedy));
            encode(&repetition.sub, out);
        }
        HirKind::Capture(capture) => {
            out.push(tag::CAPTURE);
            number(capture.index as usize, out);
            match &capture.name {
                None => number(0, out),
                Some(name) => {
                    number(name.len() + 1, out);
                    out.extend_from_slice(name.as_bytes());
                }
            }
            encode(&capture.sub, out);
        }
        HirKind::Concat(subs) => encode_all(tag::CONCAT, subs, out),
        HirKind::Alternation(subs) => encode_all(tag::ALTERNATION, subs, out),
    }
}

/// Appends `tag`, the count of `subs`, and each of them.
fn encode_all(tag: u8, subs: &[Hir], out: &mut Vec<u8>) {
    out.push(tag);
    number(subs.len(), out);
    for sub in subs {
        encode(sub, out);
    }
}

/// Unsigned LEB128.
fn number(mut n: usize, out: &mut Vec<u8>) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
