//! The WebAssembly boundary: the only code that knows about JavaScript.
//!
//! One tagged command in, one JSON-shaped value out (camelCase, as JSON text: see
//! [`json`]). Every export is a thin call into [`crate::core`]; the
//! extension's service worker and pages hold one [`WasmEngine`] each.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod json;
pub mod panel;

use json::{from_js, to_js};

use crate::core::clock::{day_deadline, Zone};
use crate::core::engine::{Batch, Engine};
use crate::core::inquiry::{time_from_millis, Inquiry, SUPPORTED_TIMES};
use crate::core::intake::read_inquiry;
use crate::core::settings::Settings;

/// An inquiry from JavaScript, read at the door every inquiry comes in by
/// ([`crate::core::intake`]): optional fields that cannot be read are left out.
fn inquiry_from_js(value: &JsValue, what: &str) -> Result<Inquiry, JsError> {
    let mut value: serde_json::Value = from_js(value, what)?;
    read_inquiry(&mut value)
        .map(|intake| intake.inquiry)
        .map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// `nowMs` as a time, within the supported range.
fn now_from_ms(now_ms: f64) -> Result<chrono::DateTime<chrono::Utc>, JsError> {
    Some(now_ms)
        .filter(|ms| ms.is_finite())
        .and_then(|ms| time_from_millis(ms as i64))
        .ok_or_else(|| {
            JsError::new(&format!(
                "nowMs is not a time from {SUPPORTED_TIMES}: pass Date.now()"
            ))
        })
}

/// The engine as JavaScript sees it.
#[wasm_bindgen]
pub struct WasmEngine {
    engine: Engine,
}

#[wasm_bindgen]
impl WasmEngine {
    /// Builds an engine from a settings object (`undefined` or `null`: defaults).
    #[wasm_bindgen(constructor)]
    pub fn new(settings: JsValue) -> Result<WasmEngine, JsError> {
        if !crate::core::triage::concepts::loaded() {
            return Err(JsError::new(
                "the concept tables are not loaded: call useConceptTables(text of data/concept-tables.txt) before building an engine",
            ));
        }
        let settings = if settings.is_undefined() || settings.is_null() {
            Settings::default()
        } else {
            let value: serde_json::Value = from_js(&settings, "settings")?;
            Settings::from_value(value).map_err(|e| JsError::new(&e.to_string()))?
        };
        let engine = Engine::new(settings).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(WasmEngine { engine })
    }

    /// Triage a list of inquiries at `nowMs` (epoch ms) for a rep in `zone`
    /// (`{offsetMinutes, transitions}`). Returns one result per inquiry, in order.
    ///
    /// Each inquiry is read on its own, at the door the CLI uses
    /// ([`crate::core::intake`]): an optional field that cannot be read is left out and
    /// named in the result's `dropped`; an inquiry that cannot be read at all (no text
    /// `body`) answers `{"error": "..."}` in its place and the rest of the batch is
    /// triaged. Beside the
    /// contract's fields an inquiry may carry `receivedOn` ("YYYY-MM-DD"): the page
    /// showed its arrival as a date without a time, and it gets a day-level deadline
    /// (see [`crate::core::clock::day_deadline`]) instead of a made-up minute clock. One
    /// marked `"threadOnly": true` is known by its thread alone (a list row whose latest
    /// message is our reply: the buyer's text was not shown, its `body` is not read): it
    /// answers its clocks, `{deadline, followUp}`, each null when there is none (see
    /// [`crate::core::engine::ThreadClocks`]), never a verdict.
    pub fn triage(
        &self,
        inquiries: JsValue,
        now_ms: f64,
        zone: JsValue,
    ) -> Result<JsValue, JsError> {
        if !js_sys::Array::is_array(&inquiries) {
            return Err(JsError::new("inquiries: expected a list of inquiries"));
        }
        let items: &js_sys::Array = inquiries.unchecked_ref();
        let zone: Zone = from_js(&zone, "zone")?;
        let now = now_from_ms(now_ms)?;
        let mut batch = Batch::default();
        // The answers go back as one JSON text, parsed once on the JavaScript side:
        // building them as objects field by field across the boundary cost more than
        // the triage of a short message.
        let mut answers = String::from("[");
        // The list crosses as one JSON text when it can be written as one; when it
        // cannot (an item holds a BigInt or a cycle), item by item, so that only the
        // item JSON cannot hold is skipped.
        let values: Vec<Result<serde_json::Value, String>> = match json::read_value(&inquiries) {
            Ok(serde_json::Value::Array(list)) if list.len() == items.length() as usize => {
                list.into_iter().map(Ok).collect()
            }
            _ => items.iter().map(|item| json::read_value(&item)).collect(),
        };
        for (n, value) in values.into_iter().enumerate() {
            let read = value.and_then(|mut value| {
                let received_on = value
                    .get("receivedOn")
                    .and_then(serde_json::Value::as_str)
                    .and_then(|s| crate::core::time_text::parse_date(s).ok());
                let thread_only = value.get("threadOnly") == Some(&serde_json::Value::Bool(true));
                read_inquiry(&mut value)
                    .map(|intake| (intake, received_on, thread_only))
                    .map_err(|e| e.to_string())
            });
            let answer = match read {
                Ok((intake, _, true)) => {
                    serde_json::to_string(&self.engine.thread_clocks(&intake.inquiry, now, &zone))
                }
                Ok((intake, received_on, false)) => {
                    let inquiry = &intake.inquiry;
                    let mut result = self.engine.triage(inquiry, &mut batch, now, &zone);
                    if let (None, Some(day)) = (&result.deadline, received_on) {
                        result.deadline =
                            day_deadline(&self.engine.settings().policy, inquiry, day, now, &zone);
                    }
                    result.dropped = intake.dropped;
                    serde_json::to_string(&result)
                }
                Err(e) => serde_json::to_string(&SkippedItem {
                    error: format!(
                        "item {n} was skipped ({e}); send it with the fields of docs/formats.md"
                    ),
                }),
            }
            .map_err(|e| {
                JsError::new(&format!("item {n}: its answer could not be written: {e}"))
            })?;
            if n > 0 {
                answers.push(',');
            }
            answers.push_str(&answer);
        }
        answers.push(']');
        js_sys::JSON::parse(&answers)
            .map_err(|_| JsError::new("the answers could not be read back as JSON"))
    }

    /// Renders the reply for one inquiry (`template`: an id, or null for the suggestion;
    /// `language`: a language code, or null/absent for the buyer's).
    pub fn render(
        &self,
        inquiry: JsValue,
        template: Option<String>,
        now_ms: f64,
        zone: JsValue,
        language: Option<String>,
    ) -> Result<JsValue, JsError> {
        let inquiry = inquiry_from_js(&inquiry, "inquiry")?;
        let zone: Zone = from_js(&zone, "zone")?;
        let now = now_from_ms(now_ms)?;
        let rendered = self
            .engine
            .render_in(
                &inquiry,
                template.as_deref(),
                language.as_deref(),
                &mut Batch::default(),
                now,
                &zone,
            )
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&rendered)
    }
}

/// The answer in place of an inquiry that could not be read.
#[derive(serde::Serialize)]
struct SkippedItem {
    error: String,
}

#[wasm_bindgen]
impl WasmEngine {
    /// Every template: `[{id, name, nameZh, descriptionZh, body}]`.
    pub fn templates(&self) -> Result<JsValue, JsError> {
        to_js(&self.engine.templates())
    }

    /// Lints what the rep wrote (`inquiry` may be null).
    pub fn lint(&self, text: &str, inquiry: JsValue) -> Result<JsValue, JsError> {
        let inquiry: Option<Inquiry> = if inquiry.is_null() || inquiry.is_undefined() {
            None
        } else {
            Some(inquiry_from_js(&inquiry, "inquiry")?)
        };
        to_js(&self.engine.lint(text, inquiry.as_ref()))
    }

    /// Learns from a "spam" / "not spam" click; returns the new settings to store.
    pub fn learn(&mut self, inquiry: JsValue, spam: bool) -> Result<JsValue, JsError> {
        let inquiry = inquiry_from_js(&inquiry, "inquiry")?;
        self.engine.learn(&inquiry, spam);
        to_js(self.engine.settings())
    }

    /// Learns from many marked inquiries at once (`[{inquiry, spam}]`); returns how
    /// many were learned. Read the new settings with `settings()`.
    #[wasm_bindgen(js_name = learnMany)]
    pub fn learn_many(&mut self, examples: JsValue) -> Result<u32, JsError> {
        let examples: Vec<Example> = from_js(&examples, "examples")?;
        let mut read = Vec::with_capacity(examples.len());
        for (index, mut example) in examples.into_iter().enumerate() {
            let intake = read_inquiry(&mut example.inquiry)
                .map_err(|e| JsError::new(&format!("examples[{index}].inquiry: {e}")))?;
            read.push((intake.inquiry, example.spam));
        }
        self.engine
            .learn_many(read.iter().map(|(inquiry, spam)| (inquiry, *spam)));
        Ok(u32::try_from(read.len()).unwrap_or(u32::MAX))
    }

    /// The settings in force (the stored document, defaults filled in).
    pub fn settings(&self) -> Result<JsValue, JsError> {
        to_js(self.engine.settings())
    }
}

/// One marked example for [`WasmEngine::learn_many`].
#[derive(serde::Deserialize)]
struct Example {
    inquiry: serde_json::Value,
    spam: bool,
}

/// Reply metrics (timely rate, average first reply, second-reply rate) of `records`
/// (`[{channel, buyerAt, firstReplyAt, buyerAnswered, counts}]`) at `nowMs`.
#[wasm_bindgen]
pub fn metrics(records: JsValue, now_ms: f64, zone: JsValue) -> Result<JsValue, JsError> {
    let records: Vec<crate::core::clock::metrics::ReplyRecord> = from_js(&records, "records")?;
    let zone: Zone = from_js(&zone, "zone")?;
    let now = now_from_ms(now_ms)?;
    to_js(&crate::core::clock::metrics::metrics(&records, now, &zone))
}

/// The settings in force: the rep's own layer over an administrator's policy (managed
/// storage); either may be null. See [`crate::core::settings::layered`].
#[wasm_bindgen(js_name = layerSettings)]
pub fn layer_settings(policy: JsValue, own: JsValue) -> Result<JsValue, JsError> {
    let policy = optional_value(policy, "policy")?;
    let own = optional_value(own, "own settings")?;
    let settings = crate::core::settings::layered(policy.as_ref(), own.as_ref())
        .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&settings)
}

/// What a full settings document changes relative to the policy with its defaults
/// filled in: the rep's layer to store.
#[wasm_bindgen(js_name = ownSettingsLayer)]
pub fn own_settings_layer(policy_complete: JsValue, full: JsValue) -> Result<JsValue, JsError> {
    let policy: serde_json::Value = from_js(&policy_complete, "policy")?;
    let full: serde_json::Value = from_js(&full, "settings")?;
    to_js(&crate::core::settings::own_layer(&policy, &full))
}

fn optional_value(value: JsValue, what: &str) -> Result<Option<serde_json::Value>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    from_js(&value, what).map(Some)
}

/// The crate version, for diagnostics.
/// Hands the engine its concept tables (the text of the extension's
/// `data/concept-tables.txt`), once, before the first `WasmEngine`. They are kept out
/// of the wasm to keep its download small.
#[wasm_bindgen(js_name = useConceptTables)]
pub fn use_concept_tables(text: String) -> Result<(), JsError> {
    crate::core::triage::concepts::use_tables(text).map_err(|e| JsError::new(&e))
}

/// Hands over the default templates' language versions (the extension's
/// `template-versions.json`, as text) before engines are built.
#[wasm_bindgen(js_name = loadLanguageVersions)]
pub fn load_language_versions(json: &str) -> Result<(), JsError> {
    crate::core::reply::load_language_versions(json).map_err(|e| JsError::new(&e))
}

/// Hands over the language-identification table (the extension's
/// `language-words.tsv`, as text) before engines are built.
#[wasm_bindgen(js_name = loadLanguageWords)]
pub fn load_language_words(tsv: &str) -> Result<(), JsError> {
    crate::core::language::load_table(tsv).map_err(|e| JsError::new(&e))
}

#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
