//! The pure core: every decision Xunpan makes, with no browser and no clock.
//!
//! Nothing in here may depend on `web-sys`, `js-sys` or read the current time;
//! the crate's `Cargo.toml` only gives those crates to the `wasm32` target, so a
//! stray import fails the native build.

pub mod analysis;
pub mod clock;
pub(crate) mod decimal;
pub mod engine;
pub mod error;
pub mod inquiry;
pub mod intake;
pub mod language;
pub(crate) mod pattern;
// The shape build.rs gives the wasm's parsed patterns: the tests check it.
#[cfg(test)]
pub(crate) mod pattern_shape;
// In the wasm only its key and tags are used; the classes serve the native parser.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) mod pattern_source;
pub mod queue;
pub mod reply;
pub mod rfq;
pub mod settings;
pub(crate) mod sort;
pub mod text;
pub mod time_text;
pub mod triage;
pub mod value_reader;
