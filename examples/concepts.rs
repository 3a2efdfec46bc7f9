//! Shows which concepts a text names, for editing the tables under
//! `src/core/triage/concepts/`: `cargo run --example concepts -- "text"` or lines on stdin.

use std::io::BufRead;

use xunpan::core::triage::concepts::{words, Found};

fn show(text: &str) {
    let found = Found::of(text);
    let all = words(text, 200);
    println!("{} words: {:?}", found.word_count, found.concepts());
    for concept in found.concepts() {
        println!("  {:<18} x{}", concept.name(), found.count(concept));
    }
    if all.len() <= 40 {
        let joined: Vec<&str> = all.iter().map(|w| w.text).collect();
        println!("  folded: {}", joined.join(" "));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        for line in std::io::stdin().lock().lines().map_while(Result::ok) {
            show(&line);
        }
    } else {
        show(&args.join(" "));
    }
}
