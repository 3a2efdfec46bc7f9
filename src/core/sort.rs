//! Stable sorting through one shared copy of the sort.
//!
//! `slice::sort_by` is generic: every element type and comparison it is used with
//! gets its own copy of the standard library's stable sort, 3 to 4 KB of the wasm
//! each, and collecting pairs into a `BTreeMap` sorts them with one more copy. The
//! engine sorts short lists (a verdict's reasons, the templates, a day's shifts, the
//! work queue) in a handful of places, so they all come here:
//! - [`sort_stable_by`] sorts the positions `0..len` with one non-generic
//!   comparison of positions, then moves the elements into that order: the sort
//!   itself exists once in the whole engine;
//! - [`map_of`] fills a map by insertion, so no sort is needed at all.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Sorts `items` by `compare`, keeping the order of equal items (as `sort_by` does).
pub(crate) fn sort_stable_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    // `order` holds every position once, so every slot is taken exactly once.
    items.extend(
        order
            .into_iter()
            .filter_map(|at| slots.get_mut(at).and_then(Option::take)),
    );
}

/// Sorts `items` by the key `key` gives, keeping the order of equal keys (as
/// `sort_by_key` does).
pub(crate) fn sort_stable_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_stable_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` (of two positions) puts them, ties
/// in their original order. Not generic: the one copy of the sort.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// A map of `pairs`; a key given twice keeps its last value (as `collect` does).
pub(crate) fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lists of (key, original position), sorted by key: the positions of equal keys
    /// stay in order, and the result is what the standard library's stable sort gives.
    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let cases: &[&[u8]] = &[
            &[],
            &[1],
            &[2, 1],
            &[1, 1, 1],
            &[3, 1, 2, 1, 3, 0, 2, 2, 1],
            &[9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        ];
        for keys in cases {
            let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut ours = items.clone();
            sort_stable_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items.clone();
            std.sort_by_key(|item| item.0);
            assert_eq!(ours, std, "{keys:?}");

            let mut by_key = items;
            sort_stable_by_key(&mut by_key, |item| std::cmp::Reverse(item.0));
            let mut std_reversed = ours.clone();
            std_reversed.sort_by_key(|item| std::cmp::Reverse(item.0));
            assert_eq!(by_key, std_reversed, "{keys:?}");
        }
    }

    #[test]
    fn a_long_list_of_owned_values_keeps_every_value() {
        let mut words: Vec<String> = (0..500).map(|n| format!("w{}", (n * 37) % 101)).collect();
        let mut std = words.clone();
        sort_stable_by(&mut words, |a, b| {
            a.len().cmp(&b.len()).then_with(|| b.cmp(a))
        });
        std.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| b.cmp(a)));
        assert_eq!(words, std);
    }

    #[test]
    fn a_map_keeps_the_last_value_of_a_repeated_key() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        let map = map_of(pairs);
        assert_eq!(map, pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(map.get("b"), Some(&3));
    }
}
