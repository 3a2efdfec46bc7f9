//! The shape the wasm's patterns are compiled in: each pattern as parsed, with every
//! run of literal branches of an alternation set apart in a group of its own, and a
//! branch that spells only a few words (`pieces?`) written as those words first.
//!
//! The build script (`build.rs`, which includes this file with `#[path]`) writes every
//! pattern's parsed form in this shape, and the wasm compiles that; native builds
//! parse and compile the pattern as written. The tests check that the build wrote
//! this shape, and the `pattern-cross-check` build that both give the same matches.
//!
//! Why: the NFA compiler makes an alternation of literals alone into a trie (one
//! state for all their first bytes, shared prefixes once), but an alternation where
//! other kinds of branches stand among the literals (`send|share|quote|…|(?:would|'d)
//! like …`) into one choice with a branch per literal. An unanchored lazy DFA holds
//! the first state of every branch in every state it builds (a match may start at
//! any byte), and new states, each costing in proportion to what it holds, are most
//! of a new engine's first triage. In a group, the literals are an alternation of
//! literals alone again, and a trie; a branch such as `units?` or `rot[oa]`, spelled
//! out as its words, joins the literals around it instead of parting them.
//!
//! The matches are the same, leftmost-first: an alternation's branches keep their
//! order, nested (`a|b|X|c|d` is `(?:a|b)|X|(?:c|d)`); a branch's words come in the
//! order the branch prefers them; the group captures nothing the engine reads (its
//! automata leave groups out).

use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

/// `hir` with each run of two or more literal branches of its alternations set
/// apart in a group of its own.
pub fn literal_runs_grouped(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Alternation(subs) => {
            let mut branches: Vec<Hir> = Vec::with_capacity(subs.len());
            let mut literals: Vec<Hir> = Vec::new();
            for sub in subs {
                let sub = literal_runs_grouped(sub);
                // A branch of a few words (`pieces?`, `rot[oa]`) as those words.
                let words = match sub.kind() {
                    HirKind::Literal(_) => None,
                    _ => spelled_out(&sub).filter(|w| w.iter().all(|w| !w.is_empty())),
                };
                match words {
                    Some(words) => literals.extend(words.into_iter().map(Hir::literal)),
                    None if matches!(sub.kind(), HirKind::Literal(_)) => literals.push(sub),
                    None => {
                        branches.extend(grouped(std::mem::take(&mut literals)));
                        branches.push(sub);
                    }
                }
            }
            if branches.is_empty() {
                // Literals alone: a trie as they are.
                return Hir::alternation(literals);
            }
            branches.extend(grouped(literals));
            Hir::alternation(branches)
        }
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(literal_runs_grouped).collect()),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(literal_runs_grouped(*repetition.sub)),
            ..repetition
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(literal_runs_grouped(*capture.sub)),
            ..capture
        }),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Look(look) => Hir::look(look),
    }
}

/// At most this many words spell out a branch ([`spelled_out`]).
const MAX_SPELLED: usize = 4;

/// The words `hir` matches, in the order it prefers them, when they are few: a
/// literal, a class of a few characters, an optional part, a group or alternation
/// of such, one after another. `pieces?` is `pieces`, then `piece` (a greedy option
/// prefers to match); `rot[oa]` is `roto` and `rota`. As branches in that order they
/// match what `hir` matches, leftmost-first: of two ways through `hir` the one it
/// prefers comes first. `None` for anything else (an assertion, a repeat, a larger
/// class).
fn spelled_out(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::Class;
    let words: Vec<Vec<u8>> = match hir.kind() {
        HirKind::Empty => vec![Vec::new()],
        HirKind::Literal(literal) => vec![literal.0.to_vec()],
        HirKind::Class(Class::Unicode(class)) => {
            let mut words = Vec::new();
            for range in class.ranges() {
                for c in range.start()..=range.end() {
                    if words.len() == MAX_SPELLED {
                        return None;
                    }
                    words.push(c.to_string().into_bytes());
                }
            }
            words
        }
        HirKind::Capture(capture) => spelled_out(&capture.sub)?,
        HirKind::Repetition(repetition) if repetition.min == 0 && repetition.max == Some(1) => {
            let mut words = spelled_out(&repetition.sub)?;
            if repetition.greedy {
                words.push(Vec::new());
            } else {
                words.insert(0, Vec::new());
            }
            words
        }
        HirKind::Alternation(subs) => {
            let mut words = Vec::new();
            for sub in subs {
                words.extend(spelled_out(sub)?);
            }
            words
        }
        HirKind::Concat(subs) => {
            let mut words = vec![Vec::new()];
            for sub in subs {
                let next = spelled_out(sub)?;
                if words.len() * next.len() > MAX_SPELLED {
                    return None;
                }
                words = words
                    .iter()
                    .flat_map(|before| {
                        next.iter()
                            .map(move |after| [before.as_slice(), after].concat())
                    })
                    .collect();
            }
            words
        }
        _ => return None,
    };
    // A word a preferred way already spells adds nothing.
    let mut unique: Vec<Vec<u8>> = Vec::with_capacity(words.len());
    for word in words {
        if !unique.contains(&word) {
            unique.push(word);
        }
    }
    (unique.len() <= MAX_SPELLED).then_some(unique)
}

/// A run of literal branches, in their order: two or more as one group, one as it
/// is.
fn grouped(literals: Vec<Hir>) -> Vec<Hir> {
    if literals.len() < 2 {
        return literals;
    }
    vec![Hir::capture(Capture {
        index: 0,
        name: None,
        sub: Box::new(Hir::alternation(literals)),
    })]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(pattern: &str) -> Hir {
        literal_runs_grouped(regex_syntax::Parser::new().parse(pattern).expect("parses"))
    }

    /// Runs of literals are grouped where other branches stand among them, in order;
    /// an alternation of literals alone, or a lone literal, is left as it is.
    #[test]
    fn literal_runs_among_other_branches_are_grouped() {
        let group = |hir: Hir| {
            Hir::capture(Capture {
                index: 0,
                name: None,
                sub: Box::new(hir),
            })
        };
        let parse = |p: &str| regex_syntax::Parser::new().parse(p).expect("parses");
        assert_eq!(
            shaped("send|share|x+|quote|offer|y+|mail"),
            Hir::alternation(vec![
                group(parse("send|share")),
                parse("x+"),
                group(parse("quote|offer")),
                parse("y+"),
                parse("mail"),
            ])
        );
        for alone in ["send|share|quote", "x+|send|y+", "(?:send|x+)z"] {
            assert_eq!(shaped(alone), parse(alone), "{alone}");
        }
        // A branch of a few words joins the literals around it as those words.
        assert_eq!(
            shaped("pcs|pieces?|x+"),
            Hir::alternation(vec![group(parse("pcs|pieces|piece")), parse("x+")])
        );
    }

    #[test]
    fn a_branch_is_spelled_out_in_the_order_it_prefers_its_words() {
        let spelled = |pattern: &str| {
            let hir = regex_syntax::Parser::new().parse(pattern).expect("parses");
            spelled_out(&hir).map(|words| {
                words
                    .into_iter()
                    .map(|w| String::from_utf8(w).expect("UTF-8"))
                    .collect::<Vec<_>>()
            })
        };
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("pieces?", Some(&["pieces", "piece"])),
            ("pieces??", Some(&["piece", "pieces"])),
            ("rot[oa]", Some(&["rota", "roto"])),
            ("(?:a|ab)(?:b|)", Some(&["ab", "a", "abb"])),
            ("件|個", Some(&["件", "個"])),
            ("(?-u:\\b)x", None),
            ("x+", None),
            ("[a-z]", None),
            ("(?:ab|cd)(?:ef|gh)(?:ij|kl)", None),
        ];
        for (pattern, words) in cases {
            assert_eq!(
                spelled(pattern).as_deref(),
                words
                    .map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                    .as_deref(),
                "{pattern}"
            );
        }
    }

    /// The shaped pattern finds what the pattern finds, match for match, on the lazy
    /// DFA the wasm runs (the cross-check build compares every built-in pattern so,
    /// on the corpora).
    #[test]
    fn the_shape_finds_the_same_matches() {
        use regex_automata::hybrid::{dfa, regex::Regex};
        use regex_automata::nfa::thompson;
        fn compiled(hir: &Hir) -> Regex {
            let nfa = |reverse: bool| {
                thompson::Compiler::new()
                    .configure(
                        thompson::Config::new()
                            .which_captures(thompson::WhichCaptures::None)
                            .reverse(reverse),
                    )
                    .build_from_hir(hir)
                    .expect("compiles")
            };
            let forward = dfa::Builder::new()
                .build_from_nfa(nfa(false))
                .expect("forward");
            let reverse = dfa::Builder::new()
                .configure(
                    dfa::DFA::config()
                        .prefilter(None)
                        .match_kind(regex_automata::MatchKind::All),
                )
                .build_from_nfa(nfa(true))
                .expect("reverse");
            Regex::builder().build_from_dfas(forward, reverse)
        }
        let texts = [
            "sample samba sam samples; 5 pcs, 10 pieces or 1 piece? roto rota rot",
            "abb ab a abbb  b aab",
            "send us your offer, quote or share the catalog; would like your price",
            "件個 件 個个",
        ];
        for pattern in [
            "sam|sample|samba|x+",
            "sample|sam|s[ab]|samba",
            "\\d+ ?(?:pcs|pieces?|units?)",
            "(?:a|ab)(?:b|)|b+|abb",
            "(?-u:\\b)(?:send|share|quote|offer|(?:would|'d) like (?:your|the))(?-u:\\b)",
            "rot[oa]s?|rot|\\s",
            "件|個|个+",
        ] {
            let parsed = regex_syntax::Parser::new().parse(pattern).expect("parses");
            let (plain, shaped) = (compiled(&parsed), compiled(&literal_runs_grouped(parsed)));
            for text in texts {
                let spans = |re: &Regex| {
                    let mut cache = re.create_cache();
                    re.find_iter(&mut cache, text)
                        .map(|m| m.range())
                        .collect::<Vec<_>>()
                };
                assert_eq!(spans(&shaped), spans(&plain), "{pattern} in {text:?}");
            }
        }
    }
}
