//! Reading a buyer's message: what they ask, what they request, what they name.
//!
//! Triage (for the message kind) and the reply library (for the numbered
//! questions and the template choice) both read messages through this one
//! module, so they always agree on what the buyer wrote.
//!
//! (Foundation stage: a first minimal reading.)

use crate::core::inquiry::Inquiry;

/// What a message says, as far as replying is concerned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// The unedited mobile one-click inquiry.
    pub one_click: bool,
    /// The buyer's questions, each as the buyer wrote it.
    pub questions: Vec<String>,
    /// The buyer's explicit requests ("send me the price list").
    pub requests: Vec<String>,
    /// The text names or describes a specific product.
    pub names_product: bool,
    /// The text gives a quantity.
    pub has_quantity: bool,
}

/// Reads one inquiry's text.
pub fn read(inquiry: &Inquiry) -> Reading {
    let body = inquiry.body.as_str();
    let questions: Vec<String> = body
        .split(['\n', '?'])
        .zip(body.match_indices(['\n', '?']).map(|(_, m)| m))
        .filter(|(_, end)| *end == "?")
        .map(|(q, _)| format!("{}?", q.trim()))
        .filter(|q| q.len() > 2)
        .collect();
    let lower = body.to_lowercase();
    Reading {
        one_click: lower.contains("i'm interested in your product")
            && lower.contains("i would like some more details"),
        questions,
        requests: Vec::new(),
        names_product: false,
        has_quantity: lower.chars().any(|c| c.is_ascii_digit()),
    }
}
