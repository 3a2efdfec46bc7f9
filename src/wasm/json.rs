//! Values cross the boundary as JSON text, in both directions.
//!
//! `JSON.stringify` and `JSON.parse` are the engine's fastest way between
//! JavaScript objects and text, and serde_json reads and writes that text in one
//! pass. Walking an object field by field across the boundary instead cost more than
//! the triage of a short message, and its code (every type's reader and writer once
//! more, for JavaScript values) a tenth of the engine's download.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// `value` as a JavaScript value (through its JSON text).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("an answer could not be written: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("an answer could not be read back as JSON"))
}

/// Reads a JavaScript value as `T` (`what` names it in the error). `undefined`
/// reads as `null`; text cut inside a surrogate pair reads with U+FFFD in its place.
pub(crate) fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsError> {
    read(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// Reads a JavaScript value as `T`, or says why it cannot (for a batch item, whose
/// error is reported in its place).
pub(crate) fn read<T: DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    // Read from the parsed value, as the door for inquiries does: one reader per
    // type in the download, not one for text and one for values.
    crate::core::value_reader::read::<T>(&read_value(value)?).map_err(|e| e.to_string())
}

/// Reads a JavaScript value as a JSON value (the batch's items, which the door for
/// inquiries reads and prunes in place: taken as they are parsed, not copied).
pub(crate) fn read_value(value: &JsValue) -> Result<serde_json::Value, String> {
    let text = if value.is_undefined() {
        "null".to_string()
    } else {
        js_sys::JSON::stringify(value)
            .map_err(|e| {
                let why = js_sys::Error::from(e).message();
                format!("it cannot be written as JSON: {why}")
            })?
            .as_string()
            .ok_or("it is not a JSON value")?
    };
    serde_json::from_str(&text)
        .or_else(|first| {
            let repaired = crate::core::text::lone_surrogates_replaced(&text);
            if repaired == text {
                Err(first)
            } else {
                serde_json::from_str(&repaired)
            }
        })
        .map_err(|e| e.to_string())
}
