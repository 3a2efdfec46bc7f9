//! The side panel's work queue, drawn with web-sys.
//!
//! The queue's order, filters and counts come from [`crate::core::queue`]; this
//! module only turns them into DOM rows and keeps the clocks ticking with one
//! `gloo-timers` interval. Text goes in through `textContent` only. A click on a
//! row is left to the page's script, which reads the row's `data-url`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::DateTime;
use gloo_timers::callback::Interval;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::core::queue::{self, ClockState, QueueFilter, QueueItem};

/// UI strings (from the extension's `_locales`), keyed like the messages.
type Labels = HashMap<String, String>;

struct PanelState {
    container: Element,
    document: Document,
    items: Vec<QueueItem>,
    filter: QueueFilter,
    labels: Labels,
    due_soon_minutes: i64,
}

impl PanelState {
    fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.labels.get(key).map_or(key, String::as_str)
    }

    fn el(&self, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
        let e = self.document.create_element(tag)?;
        if !class.is_empty() {
            e.set_attribute("class", class)?;
        }
        if !text.is_empty() {
            e.set_text_content(Some(text));
        }
        Ok(e)
    }

    /// Creates an element and appends it to `parent`.
    fn add(
        &self,
        parent: &Element,
        tag: &str,
        class: &str,
        text: &str,
    ) -> Result<Element, JsValue> {
        let e = self.el(tag, class, text)?;
        parent.append_child(&e)?;
        Ok(e)
    }

    fn render(&self, now_ms: f64) -> Result<queue::QueueCounts, JsValue> {
        let now = DateTime::from_timestamp_millis(now_ms as i64)
            .ok_or_else(|| JsValue::from_str("now is not a time"))?;
        let view = queue::build(self.items.clone(), &self.filter, now, self.due_soon_minutes);
        let list = self.el("ol", "queue", "")?;
        list.set_attribute("aria-label", self.label("queueTitle"))?;
        for row in &view.rows {
            let item = &row.item;
            let li = self.el("li", "row", "")?;
            li.set_attribute("data-key", &item.key)?;
            li.set_attribute("data-state", state_name(row.state))?;
            li.set_attribute("tabindex", "0")?;
            if let Some(url) = &item.url {
                li.set_attribute("data-url", url)?;
            }
            let channel = format!("channel_{}", item.channel.as_str());
            self.add(&li, "span", "channel", self.label(&channel))?;
            let who = match (&item.buyer, &item.country) {
                (Some(b), Some(c)) => format!("{b} · {c}"),
                (Some(b), None) => b.clone(),
                (None, Some(c)) => c.clone(),
                (None, None) => item.id.clone().unwrap_or_default(),
            };
            self.add(&li, "span", "buyer", &who)?;
            if let Some(v) = &item.verdict {
                let key = format!("verdict_{v}");
                self.add(&li, "span", &format!("tag {v}"), self.label(&key))?;
            }
            if let Some(g) = &item.grade {
                self.add(&li, "span", "grade", g)?;
            }
            let clock_text = match (row.state, row.next_due) {
                (ClockState::Met, _) => self.label("clockState_met").to_string(),
                (_, Some(due)) => {
                    let left = due.timestamp_millis() - now.timestamp_millis();
                    format!(
                        "{} {}",
                        self.label(&format!("clockState_{}", state_name(row.state))),
                        queue::format_span(left)
                    )
                }
                (_, None) => String::new(),
            };
            self.add(
                &li,
                "span",
                &format!("clock {}", state_name(row.state)),
                &clock_text,
            )?;
            if let Some(t) = &item.template {
                self.add(
                    &li,
                    "span",
                    "template",
                    self.label(&format!("template_{t}")),
                )?;
            }
            if let Some(s) = &item.subject {
                self.add(&li, "span", "subject", &crate::core::text::clip(s, 90))?;
            }
            list.append_child(&li)?;
        }
        if view.rows.is_empty() {
            self.add(&list, "li", "empty", self.label("queueEmpty"))?;
        }
        self.container.replace_children_with_node_1(&list);
        Ok(view.counts)
    }
}

fn state_name(state: ClockState) -> &'static str {
    match state {
        ClockState::Overdue => "overdue",
        ClockState::DueSoon => "due_soon",
        ClockState::FollowUpDue => "follow_up",
        ClockState::OnTrack => "on_track",
        ClockState::None => "none",
        ClockState::Met => "met",
    }
}

fn js_error(e: JsValue) -> JsError {
    JsError::new(&e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// The queue view of the side panel: give it items and a filter, it draws and ticks.
#[wasm_bindgen]
pub struct QueuePanel {
    state: Rc<RefCell<PanelState>>,
    ticker: Option<Interval>,
}

#[wasm_bindgen]
impl QueuePanel {
    /// A panel drawing into `container`, with UI strings `labels` (`{key: text}`).
    #[wasm_bindgen(constructor)]
    pub fn new(container: Element, labels: JsValue) -> Result<QueuePanel, JsError> {
        let document = container
            .owner_document()
            .ok_or_else(|| JsError::new("the container is not in a document"))?;
        let labels: Labels = if labels.is_undefined() || labels.is_null() {
            Labels::new()
        } else {
            serde_wasm_bindgen::from_value(labels)
                .map_err(|e| JsError::new(&format!("labels: {e}")))?
        };
        Ok(QueuePanel {
            state: Rc::new(RefCell::new(PanelState {
                container,
                document,
                items: Vec::new(),
                filter: QueueFilter::default(),
                labels,
                due_soon_minutes: 5,
            })),
            ticker: None,
        })
    }

    /// Replaces the items (the records the service worker stores).
    #[wasm_bindgen(js_name = setItems)]
    pub fn set_items(&self, items: JsValue) -> Result<(), JsError> {
        let items: Vec<QueueItem> = serde_wasm_bindgen::from_value(items)
            .map_err(|e| JsError::new(&format!("items: {e}")))?;
        self.state.borrow_mut().items = items;
        Ok(())
    }

    /// Sets the filter (`{channel, verdict, grade, urgentOnly, includeReplied, search}`).
    #[wasm_bindgen(js_name = setFilter)]
    pub fn set_filter(&self, filter: JsValue) -> Result<(), JsError> {
        let filter: QueueFilter = serde_wasm_bindgen::from_value(filter)
            .map_err(|e| JsError::new(&format!("filter: {e}")))?;
        self.state.borrow_mut().filter = filter;
        Ok(())
    }

    /// Minutes before a deadline at which an item counts as due soon.
    #[wasm_bindgen(js_name = setDueSoonMinutes)]
    pub fn set_due_soon_minutes(&self, minutes: f64) {
        self.state.borrow_mut().due_soon_minutes = minutes.clamp(0.0, 1440.0) as i64;
    }

    /// Draws the queue as it stands at `nowMs`; returns the counts.
    pub fn render(&self, now_ms: f64) -> Result<JsValue, JsError> {
        let counts = self.state.borrow().render(now_ms).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&counts).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Redraws every second (one timer for the whole panel) until `stop`.
    pub fn start(&mut self) {
        let state = Rc::clone(&self.state);
        self.ticker = Some(Interval::new(1000, move || {
            let _ = state.borrow().render(js_sys::Date::now());
        }));
    }

    /// Stops the clock.
    pub fn stop(&mut self) {
        self.ticker = None;
    }
}
