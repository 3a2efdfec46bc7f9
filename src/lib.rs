//! # Xunpan (询盘助手) engine
//!
//! Xunpan helps the sales reps of Chinese exporters work the buyer inquiries that
//! arrive in the Alibaba.com seller back office. This crate is the whole engine:
//!
//! * [`core`] — every decision, in pure Rust with no browser types and no clock of
//!   its own (time is always an argument):
//!   * [`core::inquiry`] — the Inquiry JSON contract (what the pages give us);
//!   * [`core::triage`] — spam / suspicious / genuine with reasons, buyer grade,
//!     answering priority, and the rep's own learned filter;
//!   * [`core::reply`] — the reply template library, the suggestion, filling in
//!     the variables, and the reply linter;
//!   * [`core::clock`] — reply deadlines (company target and platform limit),
//!     follow-up clocks and reply-rate metrics;
//!   * [`core::settings`] — everything a rep or admin can change, versioned;
//!   * [`core::queue`] — the rep's work queue: order, filters, counts;
//!   * [`core::engine`] — the one entry point that ties them together.
//! * [`cli`] — the `xunpan` command-line tool (`triage`, `eval`, `render`).
//! * `wasm` (only on `wasm32`) — the thin boundary the browser extension calls,
//!   and the side panel's queue view drawn with web-sys.
//!
//! The native `cargo test` runs the whole core; the same code is compiled to
//! WebAssembly for the extension's service worker and pages.

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
