//! The engine's own patterns, compiled once, searched the fastest way each build can
//! afford.
//!
//! Every pattern is a constant of the source (declared with
//! [`crate::core::text::pattern`]), written so that a lazy DFA can run it on
//! any text: ASCII word boundaries only, and no capture groups read back. That
//! allows two search paths with the same answers:
//!
//! - **in the wasm**, `regex-automata`'s hybrid (lazy DFA) regex alone. The `regex`
//!   crate's meta layer on top of it (strategy selection, the PikeVM it falls back
//!   to, capture bookkeeping) would add a seventh to the download, and without its
//!   SIMD literal prefilters, which the wasm does not carry, it searches these
//!   patterns no faster;
//! - **natively**, the `regex` crate with every speed feature: its literal
//!   prefilters make triage a third faster, and size does not matter there.
//!
//! The wasm also carries no pattern parser: `build.rs` parses every built-in pattern
//! ahead of time (see [`crate::core::pattern_source`]) and the wasm compiles each from
//! its parsed form ([`Pattern::built_in`]; [`parsed`] reads the forms). Native builds
//! parse at run time, and their tests check that each parsed form is the one they
//! parse.
//!
//! With the `pattern-cross-check` feature a native build searches both ways, the lean
//! way compiled from the build's parsed forms, and panics where they differ;
//! `./build.sh test` runs the core's tests and the corpora so.
//!
//! The API is the small part of `regex::Regex` the engine needs, with its
//! leftmost-first semantics: [`Pattern::is_match`], [`Pattern::find`] and
//! [`Pattern::find_iter`].

/// One compiled pattern.
pub(crate) struct Pattern {
    /// The width (three or four bytes) and buckets of the openings every match
    /// begins with, when known (see [`Openings`]).
    #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
    openings: Option<(u8, &'static [u16])>,
    /// Natively, the literals one of which every match holds, when known (see
    /// [`Openings`]): their places in the required literals, as (word, bits) of a
    /// [`LiteralsPresent`].
    #[cfg(not(target_arch = "wasm32"))]
    required: Option<&'static [(u8, u64)]>,
    #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
    lean: lean::Lean,
    #[cfg(not(target_arch = "wasm32"))]
    full: regex::Regex,
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pattern").finish_non_exhaustive()
    }
}

/// Where a pattern matched in a text, and what it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Found<'t> {
    fn new(text: &'t str, (start, end): (usize, usize)) -> Found<'t> {
        Found { text, start, end }
    }

    /// The matched text.
    pub(crate) fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }

    /// Byte offset of the match's start.
    pub(crate) fn start(&self) -> usize {
        self.start
    }
}

/// Why a pattern cannot be one of the engine's.
#[derive(Debug)]
pub(crate) struct PatternError(String);

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A parser's or compiler's error, as ours.
fn failed(error: impl std::fmt::Display) -> PatternError {
    PatternError(error.to_string())
}

/// One of the engine's patterns as [`crate::core::text::pattern`] declares it.
pub(crate) struct BuiltIn {
    /// The static's name, for messages.
    pub name: &'static str,
    /// Its key among the parsed forms ([`crate::core::pattern_source::pattern_key`]).
    pub key: u64,
    /// The pattern as written, with the engine's class names (`\w`, `\d`, …):
    /// native builds parse it; the wasm has only the parsed form.
    #[cfg(not(target_arch = "wasm32"))]
    pub written: &'static str,
}

impl Pattern {
    /// Compiles one of the engine's patterns. The wasm compiles it from the form
    /// `build.rs` parsed; native builds parse it (and, in debug builds, check that the
    /// build parsed it too).
    pub(crate) fn built_in(pattern: BuiltIn) -> Result<Pattern, PatternError> {
        #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
        let parsed = parsed::hir_of(pattern.key, pattern.name)?;
        #[cfg(not(any(target_arch = "wasm32", feature = "pattern-cross-check")))]
        debug_assert!(
            parsed::hir_of(pattern.key, pattern.name).is_ok(),
            "no parsed form for {}: declare it with the pattern! macro, its pattern a literal, so that build.rs finds it",
            pattern.name
        );
        Ok(Pattern {
            #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
            openings: parsed::openings_of(pattern.key),
            #[cfg(not(target_arch = "wasm32"))]
            required: parsed::required_of(pattern.key),
            #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
            lean: lean::Lean::from_hir(parsed)?,
            #[cfg(not(target_arch = "wasm32"))]
            full: regex::Regex::new(&crate::core::pattern_source::with_engine_classes(
                pattern.written,
            ))
            .map_err(failed)?,
        })
    }

    /// Compiles `pattern` (the `regex` crate's syntax), parsing it: for the tests.
    /// Fails on bad syntax, and on a pattern a lazy DFA could give up on (a Unicode
    /// word boundary: write `(?-u:\b)`), so that no search can fail.
    #[cfg(test)]
    pub(crate) fn new(pattern: &str) -> Result<Pattern, PatternError> {
        Ok(Pattern {
            #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
            openings: None,
            #[cfg(not(target_arch = "wasm32"))]
            required: None,
            #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
            lean: lean::Lean::new(pattern)?,
            #[cfg(not(target_arch = "wasm32"))]
            full: regex::Regex::new(pattern).map_err(failed)?,
        })
    }

    /// Whether the pattern matches anywhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        if self.cannot_match(text) {
            return false;
        }
        #[cfg(target_arch = "wasm32")]
        return self.lean.is_match(text);
        #[cfg(all(not(target_arch = "wasm32"), not(feature = "pattern-cross-check")))]
        return self.full.is_match(text);
        #[cfg(all(not(target_arch = "wasm32"), feature = "pattern-cross-check"))]
        return self.agreed(text, self.lean.is_match(text), self.full.is_match(text));
    }

    /// The leftmost-first match in `text`.
    pub(crate) fn find<'t>(&self, text: &'t str) -> Option<Found<'t>> {
        if self.cannot_match(text) {
            return None;
        }
        #[cfg(target_arch = "wasm32")]
        let span = self.lean.find(text);
        #[cfg(all(not(target_arch = "wasm32"), not(feature = "pattern-cross-check")))]
        let span = self.full.find(text).map(|m| (m.start(), m.end()));
        #[cfg(all(not(target_arch = "wasm32"), feature = "pattern-cross-check"))]
        let span = self.agreed(
            text,
            self.lean.find(text),
            self.full.find(text).map(|m| (m.start(), m.end())),
        );
        span.map(|span| Found::new(text, span))
    }

    /// Every successive non-overlapping match in `text`, as `regex` gives them.
    pub(crate) fn find_iter<'p, 't: 'p>(
        &'p self,
        text: &'t str,
    ) -> impl Iterator<Item = Found<'t>> + 'p {
        // An empty slice of the text stands in: it has no match, as the text has none.
        let text = if self.cannot_match(text) {
            &text[..0]
        } else {
            text
        };
        #[cfg(target_arch = "wasm32")]
        let spans = self.lean.find_iter(text);
        #[cfg(all(not(target_arch = "wasm32"), not(feature = "pattern-cross-check")))]
        let spans = self.full.find_iter(text).map(|m| (m.start(), m.end()));
        #[cfg(all(not(target_arch = "wasm32"), feature = "pattern-cross-check"))]
        let spans = self
            .agreed(
                text,
                self.lean.find_iter(text).collect::<Vec<_>>(),
                self.full
                    .find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .collect(),
            )
            .into_iter();
        spans.map(move |span| Found::new(text, span))
    }

    /// Whether the openings of the text being read ([`Openings::of`]) prove that this
    /// pattern has no match in `text`, a part of that text. With the
    /// `pattern-cross-check` feature the proof is checked by searching anyway.
    fn cannot_match(&self, text: &str) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(required) = self.required {
            let cannot = Openings::lack_literals(text, required);
            #[cfg(feature = "pattern-cross-check")]
            assert!(
                !(cannot && self.full.is_match(text)),
                "pattern {} matches {text:?}, though none of its required literals is in the text",
                self.full.as_str()
            );
            if cannot {
                return true;
            }
        }
        #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
        if let Some((width, buckets)) = self.openings {
            let cannot = Openings::prove_absent(text, width, buckets);
            #[cfg(all(not(target_arch = "wasm32"), feature = "pattern-cross-check"))]
            assert!(
                !(cannot && self.full.is_match(text)),
                "pattern {} matches {text:?}, though none of its openings is in the text",
                self.full.as_str()
            );
            return cannot;
        }
        false
    }

    /// The lean path's answer, after checking that the full one is the same.
    #[cfg(all(not(target_arch = "wasm32"), feature = "pattern-cross-check"))]
    fn agreed<T: PartialEq + std::fmt::Debug>(&self, text: &str, lean: T, full: T) -> T {
        assert_eq!(
            lean,
            full,
            "pattern {} searches differently on the lazy DFA alone (left) and in the regex crate (right), in {text:?}",
            self.full.as_str()
        );
        lean
    }
}

/// Several of the engine's patterns asked about one text together
/// ([`crate::core::text::pattern_set`]), so that a text is scanned once for all of
/// them instead of once each.
///
/// Natively the members run as one `regex::RegexSet`: one pass over the text tells
/// which members match anywhere in it, and [`MayMatch::is_match`] answers from that.
/// The wasm has no set: there [`MayMatch::is_match`] searches the member alone, as
/// before (a set's automaton would add to the download, and a large set's lazy DFA
/// thrashes its cache on varied text, see docs/performance.md).
///
/// With the `pattern-cross-check` feature every member's answer is checked against
/// its own searches on both paths, and a difference panics.
pub(crate) struct PatternSet {
    #[cfg(not(target_arch = "wasm32"))]
    set: regex::RegexSet,
    #[cfg(all(not(target_arch = "wasm32"), feature = "pattern-cross-check"))]
    members: Vec<&'static Pattern>,
}

/// Which members of a [`PatternSet`] match a text, by their place in the set
/// (natively; the wasm knows nothing until it searches).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MayMatch {
    #[cfg(not(target_arch = "wasm32"))]
    bits: u64,
}

impl MayMatch {
    /// Whether member `index`, `pattern`, matches `text` (the text the set was asked
    /// about): natively the set's answer, in the wasm the member's own search.
    pub(crate) fn is_match(self, index: usize, pattern: &Pattern, text: &str) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (pattern, text);
            u32::try_from(index)
                .ok()
                .and_then(|index| self.bits.checked_shr(index))
                .is_some_and(|bits| bits & 1 != 0)
        }
        #[cfg(target_arch = "wasm32")]
        {
            let _ = index;
            pattern.is_match(text)
        }
    }
}

impl PatternSet {
    /// Compiles the members as one set. Built-in patterns only, as constants of the
    /// source: the tests compile every set, so a failure is a bug.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn new(name: &str, members: &[&'static Pattern]) -> PatternSet {
        assert!(
            members.len() <= 64,
            "pattern set {name} has more than 64 members"
        );
        let set = regex::RegexSet::new(members.iter().map(|p| p.full.as_str()))
            .unwrap_or_else(|e| panic!("bad built-in pattern set {name}: {e}"));
        PatternSet {
            set,
            #[cfg(feature = "pattern-cross-check")]
            members: members.to_vec(),
        }
    }

    /// Which members match `text` (natively; the wasm searches each when asked).
    pub(crate) fn may_match(&self, text: &str) -> MayMatch {
        #[cfg(target_arch = "wasm32")]
        {
            let _ = text;
            MayMatch {}
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let bits = self
                .set
                .matches(text)
                .iter()
                .fold(0u64, |bits, index| bits | (1 << index));
            #[cfg(feature = "pattern-cross-check")]
            for (index, member) in self.members.iter().enumerate() {
                assert_eq!(
                    bits & (1 << index) != 0,
                    member.full.is_match(text) && member.lean.is_match(text),
                    "pattern {} is {} by its set in {text:?}",
                    member.full.as_str(),
                    if bits & (1 << index) != 0 {
                        "matched"
                    } else {
                        "ruled out"
                    }
                );
            }
            MayMatch { bits }
        }
    }
}

/// The three- and four-byte openings of the text being read, so that a pattern can
/// skip a search it cannot win.
///
/// Most patterns begin every match with one of a few known literals (`build.rs`
/// lists the buckets of their first four bytes, or three when a literal is shorter). While an [`Openings`] scope is
/// open on a text, a search of that text or of any part of it first checks those
/// buckets against the text's own, counted once in one pass; none present, no match
/// is possible and the search is skipped. A message is searched by dozens of
/// patterns, most of which cannot match it: this saves their scans (most of the
/// triage's time, in the wasm above all, where searches have no literal prefilter).
///
/// Natively the scope notes instead which of the patterns' *required* literals the
/// text holds: `build.rs` finds, for most patterns, a set of literals one of which
/// every match holds anywhere in it (`fee`, `commission`, `upfront`, … for an advance
/// fee), and one Aho-Corasick pass over the text finds every such literal of every
/// pattern. A pattern none of whose required literals is in the text is not searched.
/// The `regex` crate's own prefilters look only at how a match begins, and a
/// pattern's first words are often common ones ("pay", "send", "we are") whose every
/// occurrence starts a run of the lazy DFA; the required literals are the rarer
/// words further in.
pub(crate) struct Openings<'t> {
    previous: Option<Counted>,
    _text: std::marker::PhantomData<&'t str>,
}

/// A text's openings, and where the text lies in memory.
struct Counted {
    start: usize,
    end: usize,
    /// The buckets of its three-byte openings, then of its four-byte ones: in the wasm
    /// and the cross-check build, which checks every skip against a real search. The
    /// native build does not count them: the `regex` crate's literal prefilters
    /// already pass over a text that lacks a pattern's first literals at memchr speed,
    /// so counting a message's openings (one pass per width) and looking each
    /// pattern's up cost more than the scans they spare (dev1, `xunpan triage`: 255.9 k
    /// → 252.3 k instructions per message without them).
    #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
    buckets: Box<[[u64; crate::core::pattern_source::GRAM_BUCKETS / 64]; 2]>,
    /// Natively, which of the patterns' required literals it holds.
    #[cfg(not(target_arch = "wasm32"))]
    literals: LiteralsPresent,
}

/// The automaton of every pattern's required literals (see [`LiteralsPresent::of`]):
/// a DFA, 5.2 MB built in 6 ms on the first message, about 15 instructions a byte. A
/// contiguous NFA builds in 1 ms but steps at 42 a byte (5.6 k more a dev1 message);
/// a lazy DFA of the literals holds every literal's start in each state and thrashes.
#[cfg(not(target_arch = "wasm32"))]
type Searcher = aho_corasick::dfa::DFA;

/// Which of the patterns' required literals (`parsed::REQUIRED_LITERALS`, at most
/// 4096: `build.rs` checks) a text holds, one bit each.
#[cfg(not(target_arch = "wasm32"))]
struct LiteralsPresent([u64; 64]);

#[cfg(not(target_arch = "wasm32"))]
impl LiteralsPresent {
    /// Every literal may be there: what a search that could not run says.
    const ALL: LiteralsPresent = LiteralsPresent([u64::MAX; 64]);

    /// One pass over `text` for every required literal at once, overlapping ones
    /// included: an Aho-Corasick automaton of them all, stepped byte by byte here
    /// (an iterator of matches costs more per match than the step).
    fn of(text: &str) -> LiteralsPresent {
        use aho_corasick::automaton::Automaton;
        use aho_corasick::Anchored;
        static SEARCHER: std::sync::LazyLock<Option<Searcher>> =
            std::sync::LazyLock::new(|| Searcher::new(parsed::required_literals()).ok());
        let Some(searcher) = SEARCHER.as_ref() else {
            return LiteralsPresent::ALL;
        };
        let Ok(mut state) = searcher.start_state(Anchored::No) else {
            return LiteralsPresent::ALL;
        };
        let mut present = LiteralsPresent([0; 64]);
        for &byte in text.as_bytes() {
            state = searcher.next_state(Anchored::No, state, byte);
            if searcher.is_special(state) && searcher.is_match(state) {
                for index in 0..searcher.match_len(state) {
                    let place = searcher.match_pattern(state, index).as_usize();
                    if let Some(word) = present.0.get_mut(place / 64) {
                        *word |= 1 << (place % 64);
                    }
                }
            }
        }
        present
    }

    /// Whether the text holds none of the literals whose bits are `words` (each a
    /// word's index and its bits): a few words tested, not each literal.
    fn has_none(&self, words: &[(u8, u64)]) -> bool {
        !words.iter().any(|&(word, bits)| {
            self.0
                .get(usize::from(word))
                .is_some_and(|present| present & bits != 0)
        })
    }
}

std::thread_local! {
    static READING: std::cell::RefCell<Option<Counted>> = const { std::cell::RefCell::new(None) };
}

impl<'t> Openings<'t> {
    /// Counts the openings of `text` and keeps them until the scope ends. Searches
    /// of other texts are not affected.
    pub(crate) fn of(text: &'t str) -> Openings<'t> {
        let start = text.as_ptr() as usize;
        let counted = Counted {
            start,
            end: start.saturating_add(text.len()),
            #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
            buckets: Self::count(text),
            #[cfg(not(target_arch = "wasm32"))]
            literals: LiteralsPresent::of(text),
        };
        Openings {
            previous: READING.with(|r| r.replace(Some(counted))),
            _text: std::marker::PhantomData,
        }
    }

    /// The buckets of the three- and four-byte openings of `text`.
    #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
    fn count(text: &str) -> Box<[[u64; crate::core::pattern_source::GRAM_BUCKETS / 64]; 2]> {
        use crate::core::pattern_source::{gram_bucket, GRAM_BUCKETS};
        let mut buckets = Box::new([[0u64; GRAM_BUCKETS / 64]; 2]);
        let bytes = text.as_bytes();
        for (set, width) in buckets.iter_mut().zip([3, 4]) {
            for gram in bytes.windows(width) {
                let b = usize::from(gram_bucket(gram));
                set[b / 64] |= 1 << (b % 64);
            }
        }
        buckets
    }

    /// Natively: whether `text` lies in the text being read and holds none of the
    /// required literals of `words` (see [`LiteralsPresent::has_none`]).
    #[cfg(not(target_arch = "wasm32"))]
    fn lack_literals(text: &str, words: &[(u8, u64)]) -> bool {
        READING.with(|r| {
            let reading = r.borrow();
            let Some(counted) = reading.as_ref() else {
                return false;
            };
            let start = text.as_ptr() as usize;
            start >= counted.start
                && start.saturating_add(text.len()) <= counted.end
                && counted.literals.has_none(words)
        })
    }

    /// Whether `text` lies in the text being read and has none of `buckets` among
    /// its openings `width` bytes wide.
    #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
    fn prove_absent(text: &str, width: u8, buckets: &[u16]) -> bool {
        READING.with(|r| {
            let reading = r.borrow();
            let Some(counted) = reading.as_ref() else {
                return false;
            };
            let start = text.as_ptr() as usize;
            let inside = start >= counted.start && start.saturating_add(text.len()) <= counted.end;
            let set = &counted.buckets[usize::from(width == 4)];
            inside
                && !buckets.iter().any(|&b| {
                    let b = usize::from(b);
                    set[b / 64] & (1 << (b % 64)) != 0
                })
        })
    }
}

impl Drop for Openings<'_> {
    fn drop(&mut self) {
        let previous = self.previous.take();
        READING.with(|r| *r.borrow_mut() = previous);
    }
}

/// The search path of the wasm: a lazy DFA forward (and backward for a match's
/// start), with its cache kept for the next search.
#[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
mod lean {
    use std::sync::{Mutex, OnceLock, PoisonError};

    use regex_automata::hybrid::dfa;
    use regex_automata::nfa::thompson;
    use regex_automata::util::iter::Searcher;
    use regex_automata::{Anchored, Input, Match, MatchError, MatchKind};
    use regex_syntax::hir::Hir;

    use super::{failed, PatternError};

    /// A pattern's search cache (the lazy DFA's states found so far), lent to one
    /// search at a time. A search that finds it lent out, on another thread, starts
    /// a cache of its own; of two returned, one is kept. `regex-automata`'s `Pool`
    /// does the same with a stack per thread: the wasm has one thread, and the pool's
    /// set-up, per pattern on its first use, and code cost more than they spare.
    /// (Boxed: a search moves a pointer out and back, not the cache.)
    struct Kept<C>(Mutex<Option<Box<C>>>);

    /// A cache lent out of a [`Kept`], given back when dropped.
    struct Lent<'k, C> {
        kept: &'k Kept<C>,
        cache: Option<Box<C>>,
    }

    impl<C> Kept<C> {
        /// None kept yet.
        fn new() -> Kept<C> {
            Kept(Mutex::new(None))
        }

        /// The kept cache, or a new one from `make`.
        fn lend(&self, make: impl FnOnce() -> C) -> Lent<'_, C> {
            let kept = self.0.lock().unwrap_or_else(PoisonError::into_inner).take();
            Lent {
                kept: self,
                cache: Some(kept.unwrap_or_else(|| Box::new(make()))),
            }
        }
    }

    impl<C> std::ops::Deref for Lent<'_, C> {
        type Target = C;
        fn deref(&self) -> &C {
            self.cache
                .as_ref()
                .unwrap_or_else(|| unreachable!("given back on drop only"))
        }
    }

    impl<C> std::ops::DerefMut for Lent<'_, C> {
        fn deref_mut(&mut self) -> &mut C {
            self.cache
                .as_mut()
                .unwrap_or_else(|| unreachable!("given back on drop only"))
        }
    }

    impl<C> Drop for Lent<'_, C> {
        fn drop(&mut self) {
            let cache = self.cache.take();
            *self.kept.0.lock().unwrap_or_else(PoisonError::into_inner) = cache;
        }
    }

    /// A pattern on the lazy DFA. Most patterns are only asked whether they match,
    /// which the forward automaton answers alone; the reverse one, which finds where
    /// a match starts, is compiled on the first search that found a match. The start
    /// is the costlier half to compile (a reversed pattern has two to three times the
    /// states), and compiling is most of the engine's first answer. Every search runs
    /// the forward automaton with the one forward cache, so a pattern both asked
    /// whether it matches and where builds each forward state once.
    pub(super) struct Lean {
        forward: dfa::DFA,
        forward_cache: Kept<dfa::Cache>,
        /// The parsed pattern, kept to compile the reverse automaton from.
        hir: Hir,
        reverse: OnceLock<Result<Reverse, String>>,
    }

    /// The reverse automaton, for searches that report where a match starts.
    struct Reverse {
        dfa: dfa::DFA,
        cache: Kept<dfa::Cache>,
    }

    std::thread_local! {
        /// One compiler per direction for every pattern of a thread: a compiler keeps
        /// its working tables (a large one for character classes) from one pattern to
        /// the next instead of allocating them each time.
        static COMPILERS: (thompson::Compiler, thompson::Compiler) = {
            // DFAs never report capture groups: leave them out of the automata.
            let config = thompson::Config::new().which_captures(thompson::WhichCaptures::None);
            let mut forward = thompson::Compiler::new();
            forward.configure(config.clone());
            let mut reverse = thompson::Compiler::new();
            reverse.configure(config.reverse(true));
            (forward, reverse)
        };
    }

    /// The automaton of `hir`, forward or reversed.
    fn nfa(hir: &Hir, reverse: bool) -> Result<thompson::NFA, PatternError> {
        COMPILERS.with(|(forward, backward)| {
            if reverse { backward } else { forward }
                .build_from_hir(hir)
                .map_err(failed)
        })
    }

    /// A lazy DFA gives up only where told to, or at a Unicode word boundary on a
    /// non-ASCII byte; refuse the pattern then, so that no search can fail.
    fn never_quits(dfa: &dfa::DFA) -> Result<(), PatternError> {
        if (0..=255u8).any(|byte| dfa.get_config().get_quit(byte)) {
            return Err(PatternError(
                "a Unicode word boundary stops the lazy DFA on non-ASCII text; \
                 write the boundary ASCII-only, (?-u:\\b)"
                    .to_string(),
            ));
        }
        Ok(())
    }

    impl Lean {
        /// Parses `pattern` first: for the tests (the wasm has no parser).
        #[cfg(test)]
        pub(super) fn new(pattern: &str) -> Result<Lean, PatternError> {
            let hir = regex_automata::util::syntax::parse(pattern).map_err(super::failed)?;
            let lean = Lean::from_hir(hir)?;
            // Compiled now, so that a pattern the reverse automaton refuses fails here.
            lean.reverse()?;
            Ok(lean)
        }

        /// Compiles the forward automaton of a parsed pattern, as
        /// `hybrid::regex::Regex::new` compiles its text; the reverse waits for
        /// [`Lean::find`].
        pub(super) fn from_hir(hir: Hir) -> Result<Lean, PatternError> {
            let forward = dfa::Builder::new()
                .build_from_nfa(nfa(&hir, false)?)
                .map_err(failed)?;
            never_quits(&forward)?;
            Ok(Lean {
                forward,
                forward_cache: Kept::new(),
                hir,
                reverse: OnceLock::new(),
            })
        }

        /// The reverse automaton, compiled on the first call.
        fn reverse(&self) -> Result<&Reverse, PatternError> {
            let built = self.reverse.get_or_init(|| {
                let dfa = dfa::Builder::new()
                    .configure(
                        dfa::DFA::config()
                            .prefilter(None)
                            .specialize_start_states(false)
                            .match_kind(MatchKind::All),
                    )
                    .build_from_nfa(nfa(&self.hir, true).map_err(|e| e.0)?)
                    .map_err(|e| e.to_string())?;
                never_quits(&dfa).map_err(|e| e.0)?;
                Ok(Reverse {
                    dfa,
                    cache: Kept::new(),
                })
            });
            built.as_ref().map_err(|e| PatternError(e.clone()))
        }

        /// Whether the reverse automaton compiles (it is compiled if not yet).
        #[cfg(test)]
        pub(super) fn compiled_both_ways(&self) -> Result<(), PatternError> {
            self.reverse().map(|_| ())
        }

        /// The reverse automaton of a built-in pattern: the patterns are constants of
        /// the source, and the tests compile every one both ways, so a failure is a bug.
        fn built_reverse(&self) -> &Reverse {
            self.reverse()
                .unwrap_or_else(|e| panic!("a built-in pattern's reverse automaton: {e}"))
        }

        /// The leftmost-first match in `input`, as `hybrid::regex::Regex` finds it:
        /// its end by the forward automaton, then its start by the reverse one run
        /// back from that end, anchored there. A text without a match never needs the
        /// reverse automaton.
        fn search(
            &self,
            forward_cache: &mut dfa::Cache,
            input: &Input<'_>,
        ) -> Result<Option<Match>, MatchError> {
            let Some(end) = self.forward.try_search_fwd(forward_cache, input)? else {
                return Ok(None);
            };
            let end = end.offset();
            // An empty match at the search's start, or a pattern that only matches
            // there: the start is known without searching back.
            if input.start() == end || self.forward.get_nfa().is_always_start_anchored() {
                return Ok(Some(Match::must(0, input.start()..end)));
            }
            let reverse = self.built_reverse();
            let mut reverse_cache = reverse.cache.lend(|| reverse.dfa.create_cache());
            let back = input
                .clone()
                .span(input.start()..end)
                .anchored(Anchored::Yes)
                .earliest(false);
            let start = reverse
                .dfa
                .try_search_rev(&mut reverse_cache, &back)?
                .ok_or_else(|| MatchError::gave_up(end))?;
            Ok(Some(Match::must(0, start.offset()..end)))
        }

        pub(super) fn is_match(&self, text: &str) -> bool {
            let mut cache = self.forward_cache.lend(|| self.forward.create_cache());
            // Stops at the first state that proves a match: its end is not needed.
            let input = Input::new(text).earliest(true);
            matches!(self.forward.try_search_fwd(&mut cache, &input), Ok(Some(_)))
        }

        pub(super) fn find(&self, text: &str) -> Option<(usize, usize)> {
            let mut cache = self.forward_cache.lend(|| self.forward.create_cache());
            let found = self.search(&mut cache, &Input::new(text)).ok()??;
            Some((found.start(), found.end()))
        }

        pub(super) fn find_iter<'p, 't: 'p>(
            &'p self,
            text: &'t str,
        ) -> impl Iterator<Item = (usize, usize)> + 'p {
            let mut cache = self.forward_cache.lend(|| self.forward.create_cache());
            let mut searcher = Searcher::new(Input::new(text));
            std::iter::from_fn(move || {
                // The searcher steps past an empty match without splitting a character.
                let found = searcher
                    .try_advance(|input| self.search(&mut cache, input))
                    .ok()??;
                Some((found.start(), found.end()))
            })
        }
    }
}

/// The parsed forms of the built-in patterns, made by `build.rs`, and their reader.
#[cfg_attr(
    not(any(
        target_arch = "wasm32",
        feature = "pattern-cross-check",
        debug_assertions
    )),
    allow(dead_code)
)]
pub(crate) mod parsed {
    use regex_syntax::hir::{
        Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, Look,
        Repetition,
    };

    use super::PatternError;
    use crate::core::pattern_source::tag;

    include!(concat!(env!("OUT_DIR"), "/parsed_patterns.rs"));

    /// The required literals of the built-in pattern under `key`, when `build.rs` found
    /// them, as (word, bits) of their places.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn required_of(key: u64) -> Option<&'static [(u8, u64)]> {
        REQUIRED
            .iter()
            .find_map(|&(k, words)| (k == key).then_some(words))
    }

    /// Every pattern's required literals, each once.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn required_literals() -> &'static [&'static [u8]] {
        REQUIRED_LITERALS
    }

    /// The opening buckets of the built-in pattern under `key`, when `build.rs` found
    /// that every match begins with one of a few literals.
    #[cfg(any(target_arch = "wasm32", feature = "pattern-cross-check"))]
    pub(crate) fn openings_of(key: u64) -> Option<(u8, &'static [u16])> {
        GATES
            .iter()
            .find_map(|&(k, width, buckets)| (k == key).then_some((width, buckets)))
    }

    /// Deeper than any pattern nests; a guard, since the forms come from the build.
    const MAX_DEPTH: usize = 200;

    /// The parsed form of the built-in pattern under `key` (`name`: for the message).
    pub(crate) fn hir_of(key: u64, name: &str) -> Result<Hir, PatternError> {
        let bytes = PARSED
            .iter()
            .find_map(|&(k, bytes)| (k == key).then_some(bytes))
            .ok_or_else(|| {
                PatternError(format!(
                    "no parsed form for the pattern {name}: declare it with the pattern! macro, its pattern a literal, so that build.rs finds it"
                ))
            })?;
        let mut reader = Reader { bytes, at: 0 };
        let hir = reader.node(0)?;
        if reader.at != bytes.len() {
            return Err(reader.broken());
        }
        Ok(hir)
    }

    struct Reader {
        bytes: &'static [u8],
        at: usize,
    }

    impl Reader {
        fn broken(&self) -> PatternError {
            PatternError(format!(
                "a parsed pattern is broken at byte {}: rebuild (build.rs writes them)",
                self.at
            ))
        }

        fn byte(&mut self) -> Result<u8, PatternError> {
            let byte = *self.bytes.get(self.at).ok_or_else(|| self.broken())?;
            self.at += 1;
            Ok(byte)
        }

        /// Unsigned LEB128.
        fn number(&mut self) -> Result<u32, PatternError> {
            let mut value: u32 = 0;
            for shift in (0..32).step_by(7) {
                let byte = self.byte()?;
                value |= u32::from(byte & 0x7f) << shift;
                if byte & 0x80 == 0 {
                    return Ok(value);
                }
            }
            Err(self.broken())
        }

        fn count(&mut self) -> Result<usize, PatternError> {
            usize::try_from(self.number()?).map_err(|_| self.broken())
        }

        fn char(&mut self) -> Result<char, PatternError> {
            let n = self.number()?;
            char::from_u32(n).ok_or_else(|| self.broken())
        }

        fn bytes(&mut self, n: usize) -> Result<&'static [u8], PatternError> {
            let end = self.at.checked_add(n).ok_or_else(|| self.broken())?;
            let bytes = self.bytes.get(self.at..end).ok_or_else(|| self.broken())?;
            self.at = end;
            Ok(bytes)
        }

        /// A count, then that many items, each read by `item`.
        fn list<T>(
            &mut self,
            mut item: impl FnMut(&mut Self) -> Result<T, PatternError>,
        ) -> Result<Vec<T>, PatternError> {
            let n = self.count()?;
            (0..n).map(|_| item(self)).collect()
        }

        fn node(&mut self, depth: usize) -> Result<Hir, PatternError> {
            if depth > MAX_DEPTH {
                return Err(self.broken());
            }
            Ok(match self.byte()? {
                tag::EMPTY => Hir::empty(),
                tag::LITERAL => {
                    let n = self.count()?;
                    Hir::literal(self.bytes(n)?)
                }
                tag::CLASS_UNICODE => {
                    let ranges = self.list(|r| Ok(ClassUnicodeRange::new(r.char()?, r.char()?)))?;
                    Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
                }
                tag::CLASS_BYTES => {
                    let ranges = self.list(|r| Ok(ClassBytesRange::new(r.byte()?, r.byte()?)))?;
                    Hir::class(Class::Bytes(ClassBytes::new(ranges)))
                }
                tag::LOOK => {
                    let repr = self.number()?;
                    Hir::look(Look::from_repr(repr).ok_or_else(|| self.broken())?)
                }
                tag::REPETITION => {
                    let min = self.number()?;
                    let max = self.number()?.checked_sub(1);
                    let greedy = self.byte()? == 1;
                    let sub = Box::new(self.node(depth + 1)?);
                    Hir::repetition(Repetition {
                        min,
                        max,
                        greedy,
                        sub,
                    })
                }
                tag::CAPTURE => {
                    let index = self.number()?;
                    let name = match self.count()?.checked_sub(1) {
                        None => None,
                        Some(n) => Some(
                            std::str::from_utf8(self.bytes(n)?)
                                .map_err(|_| self.broken())?
                                .into(),
                        ),
                    };
                    let sub = Box::new(self.node(depth + 1)?);
                    Hir::capture(Capture { index, name, sub })
                }
                tag::CONCAT => Hir::concat(self.list(|r| r.node(depth + 1))?),
                tag::ALTERNATION => Hir::alternation(self.list(|r| r.node(depth + 1))?),
                _ => return Err(self.broken()),
            })
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::core::pattern_source::{pattern_key, with_engine_classes};

        /// Each parsed form from the build is the one the pattern compiler's own parser
        /// makes of the pattern now, in the shape the build gives it
        /// ([`crate::core::pattern_shape`]), and every pattern has its own key.
        #[test]
        fn every_parsed_form_is_what_the_parser_makes() {
            assert_eq!(PARSED.len(), WRITTEN.len());
            assert!(WRITTEN.len() >= 50, "only {} patterns found", WRITTEN.len());
            let mut keys: Vec<u64> = PARSED.iter().map(|&(k, _)| k).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), PARSED.len());
            for written in WRITTEN {
                let parsed = hir_of(pattern_key(written), written).expect("a parsed form");
                let now = regex_automata::util::syntax::parse(&with_engine_classes(written))
                    .expect("the pattern parses");
                let shaped = crate::core::pattern_shape::literal_runs_grouped(now);
                assert_eq!(parsed, shaped, "{written}");
            }
        }

        /// A second count of the `pattern!` calls under `src/`, independent of the
        /// build script's reader: each call's pattern is in the build's table.
        #[test]
        fn the_build_found_every_pattern_call() {
            fn count(dir: &std::path::Path, call: &regex::Regex) -> usize {
                let mut n = 0;
                for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        n += count(&path, call);
                    } else if path.extension().is_some_and(|x| x == "rs") {
                        let text = std::fs::read_to_string(&path).expect("a source file");
                        n += call.find_iter(&text).count();
                    }
                }
                n
            }
            let call = regex::Regex::new(r"(?m)^\s*pattern!\s*\(").expect("valid");
            let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
            assert_eq!(
                count(&src, &call),
                WRITTEN.len(),
                "pattern! calls in src/ and patterns parsed by build.rs (declare a pattern once)"
            );
        }

        /// Every built-in pattern compiles on the wasm's path both ways, forward and
        /// reverse: the reverse automaton is compiled only on a pattern's first search
        /// for a match's start, so a pattern it refuses would fail late otherwise.
        #[cfg(feature = "pattern-cross-check")]
        #[test]
        fn every_built_in_pattern_compiles_both_ways_on_the_lazy_dfa() {
            for written in WRITTEN {
                let parsed = hir_of(pattern_key(written), written).expect("a parsed form");
                let lean = super::super::lean::Lean::from_hir(parsed)
                    .unwrap_or_else(|e| panic!("{written}: {e}"));
                lean.compiled_both_ways()
                    .unwrap_or_else(|e| panic!("{written}: {e}"));
            }
        }

        /// The lower-cased subjects and bodies of the fixture cases and probe sets: the
        /// texts the required literals are checked on.
        #[cfg(not(target_arch = "wasm32"))]
        fn fixture_texts() -> Vec<String> {
            let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
            let mut files = vec![fixtures.join("triage-cases.jsonl")];
            let probes = std::fs::read_dir(fixtures.join("probes")).expect("tests/fixtures/probes");
            files.extend(probes.flatten().map(|e| e.path()));
            let mut texts = Vec::new();
            for file in files
                .iter()
                .filter(|f| f.extension().is_some_and(|x| x == "jsonl"))
            {
                let lines = std::fs::read_to_string(file).expect("a fixture file");
                for line in lines.lines().filter(|l| !l.trim().is_empty()) {
                    let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
                    let inquiry = value.get("inquiry").unwrap_or(&value);
                    for field in ["subject", "body"] {
                        if let Some(text) = inquiry.get(field).and_then(|t| t.as_str()) {
                            texts.push(text.to_lowercase());
                        }
                    }
                }
            }
            texts
        }

        /// Every match of a pattern holds one of the required literals the build found
        /// for it (what lets a text without them go unsearched), on every fixture text;
        /// and most patterns have such literals.
        #[cfg(not(target_arch = "wasm32"))]
        #[test]
        fn every_match_holds_one_of_its_required_literals() {
            let texts = fixture_texts();
            assert!(texts.len() > 2000, "only {} fixture texts", texts.len());
            let (mut with_literals, mut matches) = (0, 0);
            for written in WRITTEN {
                let Some(words) = required_of(pattern_key(written)) else {
                    continue;
                };
                with_literals += 1;
                let literals: Vec<&[u8]> = words
                    .iter()
                    .flat_map(|&(word, bits)| {
                        (0..64)
                            .filter(move |bit| bits & (1u64 << bit) != 0)
                            .map(move |bit| REQUIRED_LITERALS[usize::from(word) * 64 + bit])
                    })
                    .collect();
                let regex = regex::Regex::new(&with_engine_classes(written)).expect("valid");
                for text in &texts {
                    for found in regex.find_iter(text) {
                        matches += 1;
                        let bytes = found.as_str().as_bytes();
                        assert!(
                            literals
                                .iter()
                                .any(|l| bytes.windows(l.len()).any(|w| w == *l)),
                            "{written}: the match {:?} holds none of {:?}",
                            found.as_str(),
                            literals
                                .iter()
                                .map(|l| String::from_utf8_lossy(l))
                                .collect::<Vec<_>>()
                        );
                    }
                }
            }
            assert!(
                with_literals * 2 > WRITTEN.len(),
                "{with_literals} of {} patterns have required literals",
                WRITTEN.len()
            );
            assert!(matches > 5000, "only {matches} matches checked");
        }

        /// Natively, a search of the text being read (or a part of it) that holds none of
        /// the pattern's required literals is skipped, and gives what the search would:
        /// no match. Another text is searched as usual.
        #[cfg(not(target_arch = "wasm32"))]
        #[test]
        fn a_text_without_the_required_literals_is_not_searched() {
            // The advance fee's wording: every match holds one of a few rare words.
            let written = WRITTEN
                .iter()
                .find(|w| w.starts_with("(?:(?:pay|send|transfer|remit|deposit|wire)"))
                .expect("the advance-fee pattern");
            let pattern = super::super::Pattern::built_in(super::super::BuiltIn {
                name: "ADVANCE_FEE",
                key: crate::core::pattern_source::pattern_key(written),
                written,
            })
            .expect("compiles");
            assert!(pattern.required.is_some(), "no required literals found");
            let plain = "please send the price for 500 pcs, we will pay by t/t.";
            let fee = "please pay the registration fee to our agent first.";
            let reading = super::super::Openings::of(plain);
            assert!(pattern.cannot_match(plain));
            assert!(pattern.cannot_match(&plain[7..]), "a part of the text read");
            assert!(!pattern.is_match(plain));
            drop(reading);
            assert!(!pattern.cannot_match(plain), "no text being read");
            let _reading = super::super::Openings::of(fee);
            assert!(!pattern.cannot_match(fee));
            assert!(pattern.is_match(fee));
            assert!(
                !pattern.cannot_match(plain),
                "a text other than the one read"
            );
        }

        #[test]
        fn an_undeclared_pattern_has_no_parsed_form() {
            let e = hir_of(
                pattern_key("not one of the engine's patterns"),
                "NOT_DECLARED",
            )
            .expect_err("unknown");
            assert!(e.to_string().contains("pattern! macro"), "{e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A match as byte offsets, start and end.
    type Span = (usize, usize);

    fn spans(pattern: &str, text: &str) -> Vec<Span> {
        let p = Pattern::new(pattern).expect("test pattern compiles");
        p.find_iter(text)
            .map(|f| (f.start(), f.start() + f.as_str().len()))
            .collect()
    }

    #[test]
    fn searches_as_the_regex_crate_does() {
        // (pattern, text, every match); `find` is the first, `is_match` its presence.
        let cases: &[(&str, &str, &[Span])] = &[
            // leftmost-first, not leftmost-longest
            ("sam|sample", "free sample", &[(5, 8)]),
            ("sample|sam", "free sample", &[(5, 11)]),
            // greedy repeats, successive matches
            ("[0-9]+", "10 pcs, 200 pcs", &[(0, 2), (8, 11)]),
            // an empty match never splits a character, and is not repeated at a match's end
            ("x*", "询x", &[(0, 0), (3, 4)]),
            ("", "价", &[(0, 0), (3, 3)]),
            // ASCII word boundaries, next to non-ASCII text
            (r"(?-u:\b)moq(?-u:\b)", "询moq，moqs", &[(3, 6)]),
            // line anchors
            ("(?m)^q[0-9]$", "q1\nq22\nq3", &[(0, 2), (7, 9)]),
            // no match
            ("quotation", "询价", &[]),
        ];
        for (pattern, text, want) in cases {
            assert_eq!(spans(pattern, text), *want, "{pattern} in {text:?}");
            let p = Pattern::new(pattern).expect("test pattern compiles");
            let first = p
                .find(text)
                .map(|f| (f.start(), f.start() + f.as_str().len()));
            assert_eq!(first, want.first().copied(), "{pattern} in {text:?}");
            assert_eq!(p.is_match(text), !want.is_empty(), "{pattern} in {text:?}");
        }
    }

    #[test]
    fn a_match_reads_back_its_text() {
        let p = Pattern::new("[0-9]+ ?pcs").expect("test pattern compiles");
        let found = p.find("MOQ: 500 pcs please").expect("a match");
        assert_eq!((found.start(), found.as_str()), (5, "500 pcs"));
    }

    #[test]
    fn bad_patterns_and_unicode_word_boundaries_are_refused() {
        for pattern in [r"\bmoq\b", "(unclosed", "[z-a]"] {
            assert!(Pattern::new(pattern).is_err(), "{pattern}");
        }
    }
}
