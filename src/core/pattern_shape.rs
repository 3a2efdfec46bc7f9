//! The shape the wasm's patterns are compiled in: each pattern as parsed, with every
//! run of literal branches of an alternation set apart in a group of its own.
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
//! literals alone again, and a trie.
//!
//! The matches are the same, leftmost-first: an alternation's branches keep their
//! order, nested (`a|b|X|c|d` is `(?:a|b)|X|(?:c|d)`); the group captures nothing
//! the engine reads (its automata leave groups out).

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
                if matches!(sub.kind(), HirKind::Literal(_)) {
                    literals.push(sub);
                } else {
                    branches.extend(grouped(std::mem::take(&mut literals)));
                    branches.push(sub);
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
    }
}
