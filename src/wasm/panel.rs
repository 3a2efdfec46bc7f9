//! The side panel's work queue and metric charts, drawn with web-sys.
//!
//! The queue's order, filters and counts come from [`crate::core::queue`]; this
//! module only turns them into DOM rows and keeps the clocks ticking with one
//! `gloo-timers` interval. A tick rewrites only the clock texts while the rows
//! stay in the same order and state, so the rep's focus, hover and a click in
//! progress survive it; the rows are rebuilt only when the order changes. Text goes
//! in through `textContent` only. A click on a row (or its "Insert reply" button)
//! is left to the page's script, which reads the row's `data-url` and `data-key`.
//!
//! The charts' geometry comes from [`crate::core::clock::metrics::charts`]; here
//! it becomes small SVG bar charts.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use gloo_timers::callback::Interval;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::core::clock::metrics::{Chart, Metrics};
use crate::core::queue::{self, ClockState, QueueFilter, QueueItem, QueueRow};

/// UI strings (from the extension's `_locales`), keyed like the messages.
type Labels = HashMap<String, String>;

struct PanelState {
    container: Element,
    document: Document,
    items: Vec<QueueItem>,
    filter: QueueFilter,
    labels: Labels,
    due_soon_minutes: i64,
    /// What the drawn rows show: each row's key and clock state, in order.
    drawn_layout: Vec<(String, ClockState)>,
    /// The drawn rows' clock elements, in the same order.
    drawn_clocks: Vec<Element>,
}

impl PanelState {
    fn label<'a>(&'a self, key: &'a str) -> &'a str {
        label(&self.labels, key)
    }

    fn el(&self, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
        element(&self.document, tag, class, text)
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

    /// Draws the queue at `now_ms`. With `full` false and the same rows in the same
    /// states as drawn, only the clock texts change.
    fn render(&mut self, now_ms: f64, full: bool) -> Result<queue::QueueCounts, JsValue> {
        let now = DateTime::from_timestamp_millis(now_ms as i64)
            .ok_or_else(|| JsValue::from_str("now is not a time"))?;
        let view = queue::build(self.items.clone(), &self.filter, now, self.due_soon_minutes);
        // The every-second path compares in place; the layout is copied only on a redraw.
        let same_layout = view.rows.len() == self.drawn_layout.len()
            && view
                .rows
                .iter()
                .zip(&self.drawn_layout)
                .all(|(row, (key, state))| row.item.key == *key && row.state == *state);
        if !full && same_layout && self.container.is_connected() {
            for (row, clock) in view.rows.iter().zip(&self.drawn_clocks) {
                let (text, title) = self.clock_words(row, now_ms);
                if clock.text_content().as_deref() != Some(text.as_str()) {
                    clock.set_text_content(Some(&text));
                }
                if clock.get_attribute("title").unwrap_or_default() != title {
                    clock.set_attribute("title", &title)?;
                }
            }
            return Ok(view.counts);
        }
        let list = self.el("ol", "queue", "")?;
        list.set_attribute("aria-label", self.label("queueTitle"))?;
        let mut clocks = Vec::with_capacity(view.rows.len());
        for row in &view.rows {
            let (li, clock) = self.row_element(row, now_ms)?;
            list.append_child(&li)?;
            clocks.push(clock);
        }
        if view.rows.is_empty() {
            self.add(&list, "li", "empty", self.label("queueEmpty"))?;
        }
        self.container.replace_children_with_node_1(&list);
        self.drawn_layout = view
            .rows
            .iter()
            .map(|r| (r.item.key.clone(), r.state))
            .collect();
        self.drawn_clocks = clocks;
        Ok(view.counts)
    }

    /// One queue row; returns it with its clock element.
    fn row_element(&self, row: &QueueRow, now_ms: f64) -> Result<(Element, Element), JsValue> {
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
        // A page's internal ids mean nothing to the rep: a buyer without a name is
        // said to be one.
        let who = match (&item.buyer, &item.country) {
            (Some(b), Some(c)) => format!("{b} · {c}"),
            (Some(b), None) => b.clone(),
            (None, Some(c)) => format!("{} · {c}", self.label("buyerUnnamed")),
            (None, None) => self.label("buyerUnnamed").to_string(),
        };
        self.add(&li, "span", "buyer", &who)?
            .set_attribute("dir", "auto")?;
        if let Some(v) = &item.verdict {
            let key = format!("verdict_{v}");
            self.add(&li, "span", &format!("tag {v}"), self.label(&key))?;
        }
        if let Some(g) = &item.grade {
            self.add(&li, "span", "grade", g)?;
        }
        if item.verdict.as_deref() == Some("spam") {
            li.set_attribute("data-spam", "")?;
        }
        let (text, title) = self.clock_words(row, now_ms);
        let quiet = if is_quiet(row) { " quiet" } else { "" };
        let clock = self.add(
            &li,
            "span",
            &format!("clock {}{quiet}", state_name(row.state)),
            &text,
        )?;
        if !title.is_empty() {
            clock.set_attribute("title", &title)?;
        }
        // The reply the row's Insert puts in (the follow-up once one is due), by its
        // name once the worker has given the names (never its raw key).
        let reply = row.reply_template();
        if let Some(name) = reply.and_then(|t| self.labels.get(&format!("template_{t}"))) {
            self.add(&li, "span", "template", name)?;
        }
        if let Some(s) = &item.subject {
            let subject = self.add(&li, "span", "subject", &crate::core::text::clip(s, 90))?;
            // A buyer's words in Arabic read right to left; the browser decides per text.
            subject.set_attribute("dir", "auto")?;
        }
        // That reply can go straight into the item's page, where there is one to put
        // it in: the suggested reply while ours is owed, the follow-up once it is due.
        if let (Some(template), Some(_)) = (reply, &item.url) {
            let label = if row.state == ClockState::FollowUpDue {
                "insertFollowUp"
            } else {
                "insertReply"
            };
            let button = self.add(&li, "button", "insert", self.label(label))?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-template", template)?;
        }
        Ok((li, clock))
    }

    /// A span in words ("8 min"), from the `span*` labels.
    fn span(&self, ms: i64) -> String {
        let words = queue::span_words(ms);
        let args: Vec<String> = words.args.iter().map(u64::to_string).collect();
        fill(self.label(words.key), &args)
    }

    /// The row's clock in words on one line ("Reply in 8 min"), and its title: every
    /// clock of the item with its time ("Company target: in 8 min (10:08)").
    fn clock_words(&self, row: &QueueRow, now_ms: f64) -> (String, String) {
        let now = now_ms as i64;
        let item = &row.item;
        let left = |due: DateTime<FixedOffset>| due.timestamp_millis() - now;
        let answered = item.replied
            || item
                .deadline
                .as_ref()
                .is_some_and(|d| d.status.as_deref() == Some("met"));
        let text = match (row.state, row.next_due) {
            (ClockState::Met, _) => self.label("clockReplied").to_string(),
            (ClockState::FollowUpDue, _) => self.label("followUpNow").to_string(),
            (_, Some(due)) if answered => fill(self.label("followUpIn"), &[self.span(left(due))]),
            (_, Some(due)) if is_quiet(row) && left(due) >= 0 => {
                fill(self.label("clockQuietIn"), &[self.span(left(due))])
            }
            (_, Some(_)) if is_quiet(row) => self.label("clockQuietLate").to_string(),
            (ClockState::Overdue, Some(due)) => {
                fill(self.label("clockOverdue"), &[self.span(left(due))])
            }
            (_, Some(due)) => fill(self.label("clockReplyIn"), &[self.span(left(due))]),
            (_, None) => String::new(),
        };
        let mut title = Vec::new();
        if let (Some(d), false) = (&item.deadline, answered) {
            for (key, due) in [
                ("clockCompanyDue", d.company_due),
                ("clockPlatformDue", d.platform_due),
            ] {
                let Some(due) = due else { continue };
                let at = format!("{:02}:{:02}", due.hour(), due.minute());
                let when = if left(due) >= 0 {
                    fill(self.label("clockDueIn"), &[self.span(left(due)), at])
                } else {
                    fill(self.label("clockDueAgo"), &[self.span(left(due)), at])
                };
                title.push(fill(self.label(key), &[when]));
            }
            if d.quiet {
                title.push(self.label("clockQuietTitle").to_string());
            }
        }
        (text, title.join("\n"))
    }
}

/// Whether the row's clock is spam's quiet one (the platform's count only).
fn is_quiet(row: &QueueRow) -> bool {
    row.item.deadline.as_ref().is_some_and(|d| d.quiet)
}

/// A message with its `$1`…`$9` filled in (as the extension's locale module does).
fn fill(message: &str, args: &[String]) -> String {
    let mut out = String::with_capacity(message.len() + 16);
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('$') => {
                chars.next();
                out.push('$');
            }
            Some(d @ '1'..='9') => {
                chars.next();
                let n = d as usize - '1' as usize;
                out.push_str(args.get(n).map_or("", String::as_str));
            }
            _ => out.push('$'),
        }
    }
    out
}

/// The UI string for `key`, or the key itself so a missing one is visible.
fn label<'a>(labels: &'a Labels, key: &'a str) -> &'a str {
    labels.get(key).map_or(key, String::as_str)
}

/// An element with a class and text (never markup).
fn element(document: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = document.create_element(tag)?;
    if !class.is_empty() {
        e.set_attribute("class", class)?;
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Ok(e)
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
            super::json::from_js(&labels, "labels")?
        };
        Ok(QueuePanel {
            state: Rc::new(RefCell::new(PanelState {
                container,
                document,
                items: Vec::new(),
                filter: QueueFilter::default(),
                labels,
                due_soon_minutes: 5,
                drawn_layout: Vec::new(),
                drawn_clocks: Vec::new(),
            })),
            ticker: None,
        })
    }

    /// Replaces the UI strings (`{key: text}`), e.g. once the template names are known;
    /// the next draw uses them.
    #[wasm_bindgen(js_name = setLabels)]
    pub fn set_labels(&self, labels: JsValue) -> Result<(), JsError> {
        let labels: Labels = super::json::from_js(&labels, "labels")?;
        self.state.borrow_mut().labels = labels;
        Ok(())
    }

    /// Replaces the items (the records the service worker stores).
    /// Each record is read on its own (see [`crate::core::queue::items_from_values`]):
    /// one that cannot be read is skipped, never the queue. Returns the reasons of the
    /// skipped ones, for the caller to log.
    #[wasm_bindgen(js_name = setItems)]
    pub fn set_items(&self, items: JsValue) -> Result<Vec<String>, JsError> {
        let values: Vec<serde_json::Value> = super::json::from_js(&items, "items")?;
        let (items, skipped) = crate::core::queue::items_from_values(values);
        self.state.borrow_mut().items = items;
        Ok(skipped)
    }

    /// Sets the filter (`{channel, verdict, grade, urgentOnly, includeReplied, includeSpam, search}`).
    #[wasm_bindgen(js_name = setFilter)]
    pub fn set_filter(&self, filter: JsValue) -> Result<(), JsError> {
        let filter: QueueFilter = super::json::from_js(&filter, "filter")?;
        self.state.borrow_mut().filter = filter;
        Ok(())
    }

    /// Minutes before a deadline at which an item counts as due soon.
    #[wasm_bindgen(js_name = setDueSoonMinutes)]
    pub fn set_due_soon_minutes(&self, minutes: f64) {
        self.state.borrow_mut().due_soon_minutes = minutes.clamp(0.0, 1440.0) as i64;
    }

    /// Draws the queue as it stands at `nowMs` (rows rebuilt); returns the counts.
    pub fn render(&self, now_ms: f64) -> Result<JsValue, JsError> {
        let counts = self
            .state
            .borrow_mut()
            .render(now_ms, true)
            .map_err(js_error)?;
        super::json::to_js(&counts)
    }

    /// Brings the drawing to `nowMs`: only the clock texts change while the rows keep
    /// their order and states, else the rows are rebuilt. Returns the counts.
    pub fn tick(&self, now_ms: f64) -> Result<JsValue, JsError> {
        let counts = self
            .state
            .borrow_mut()
            .render(now_ms, false)
            .map_err(js_error)?;
        super::json::to_js(&counts)
    }

    /// Ticks every second (one timer for the whole panel) until `stop`.
    pub fn start(&mut self) {
        let state = Rc::clone(&self.state);
        self.ticker = Some(Interval::new(1000, move || {
            let _ = state.borrow_mut().render(js_sys::Date::now(), false);
        }));
    }

    /// Stops the clock.
    pub fn stop(&mut self) {
        self.ticker = None;
    }
}

/// Draws the reply metrics (`metrics` as the engine's `metrics` returns them) into
/// `container` as one small bar chart per figure: the last days against the target
/// line, with the 30-day figure and the target in the caption and each day's value
/// in its bar's tooltip. `labels` are the UI strings (`chart_*`, `chartLast30`,
/// `chartTarget`, `chartPeers`, `chartNoData`).
#[wasm_bindgen(js_name = drawMetrics)]
pub fn draw_metrics(container: Element, metrics: JsValue, labels: JsValue) -> Result<(), JsError> {
    let metrics: Metrics = super::json::from_js(&metrics, "metrics")?;
    let labels: Labels = super::json::from_js(&labels, "labels")?;
    let document = container
        .owner_document()
        .ok_or_else(|| JsError::new("the container is not in a document"))?;
    let charts = ChartDrawer { document, labels };
    let figures = charts.html("div", "charts", "").map_err(js_error)?;
    for chart in &metrics.charts {
        let figure = charts.chart(chart, &metrics).map_err(js_error)?;
        figures.append_child(&figure).map_err(js_error)?;
    }
    container.replace_children_with_node_1(&figures);
    Ok(())
}

const SVG: &str = "http://www.w3.org/2000/svg";
/// The charts' drawing box: one bar slot per day, bars with a gap between them.
const CHART_WIDTH: f64 = 140.0;
const CHART_HEIGHT: f64 = 36.0;

struct ChartDrawer {
    document: Document,
    labels: Labels,
}

impl ChartDrawer {
    fn label<'a>(&'a self, key: &'a str) -> &'a str {
        label(&self.labels, key)
    }

    fn html(&self, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
        element(&self.document, tag, class, text)
    }

    fn append(&self, parent: &Element, tag: &str, class: &str, text: &str) -> Result<(), JsValue> {
        let child = self.html(tag, class, text)?;
        parent.append_child(&child)?;
        Ok(())
    }

    fn svg(&self, tag: &str, attributes: &[(&str, String)]) -> Result<Element, JsValue> {
        let e = self.document.create_element_ns(Some(SVG), tag)?;
        for (name, value) in attributes {
            e.set_attribute(name, value)?;
        }
        Ok(e)
    }

    fn chart(&self, chart: &Chart, metrics: &Metrics) -> Result<Element, JsValue> {
        let metric = chart.metric;
        let figure = self.html("figure", &format!("chart {}", metric.as_str()), "")?;
        figure.set_attribute("data-metric", metric.as_str())?;
        let caption = self.html("figcaption", "", "")?;
        let name = self
            .label(&format!("chart_{}", metric.as_str()))
            .to_string();
        self.append(&caption, "span", "name", &name)?;
        let last30 = metric
            .of(&metrics.last_30_days)
            .map_or_else(|| "—".to_string(), |v| metric.format(v));
        let summary = format!("{} {last30}", self.label("chartLast30"));
        self.append(&caption, "span", "figure", &summary)?;
        if let Some(target) = chart.target {
            let key = match metric {
                crate::core::clock::metrics::ChartMetric::FirstReplyHours => "chartPeers",
                _ => "chartTarget",
            };
            let text = format!("{} {}", self.label(key), metric.format(target));
            self.append(&caption, "span", "target", &text)?;
        }
        figure.append_child(&caption)?;

        let svg = self.svg(
            "svg",
            &[
                ("viewBox", format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}")),
                ("preserveAspectRatio", "none".into()),
                ("role", "img".into()),
                ("aria-label", format!("{name}: {summary}")),
            ],
        )?;
        let slot = CHART_WIDTH / chart.bars.len().max(1) as f64;
        for (n, bar) in chart.bars.iter().enumerate() {
            let height =
                (bar.height * CHART_HEIGHT).max(if bar.value.is_some() { 1.0 } else { 0.5 });
            let class = match (bar.value, bar.meets_target) {
                (None, _) => "bar none",
                (Some(_), Some(false)) => "bar below",
                (Some(_), _) => "bar ok",
            };
            let rect = self.svg(
                "rect",
                &[
                    ("class", class.into()),
                    ("x", format!("{:.2}", n as f64 * slot + slot * 0.15)),
                    ("y", format!("{:.2}", CHART_HEIGHT - height)),
                    ("width", format!("{:.2}", slot * 0.7)),
                    ("height", format!("{height:.2}")),
                    ("data-day", bar.day.to_string()),
                ],
            )?;
            let value = bar.value.map_or_else(
                || self.label("chartNoData").to_string(),
                |v| metric.format(v),
            );
            let title = self.svg("title", &[])?;
            title.set_text_content(Some(&format!(
                "{:02}-{:02}: {value}",
                bar.day.month(),
                bar.day.day()
            )));
            rect.append_child(&title)?;
            svg.append_child(&rect)?;
        }
        if let Some(share) = chart.target_height {
            let y = format!("{:.2}", CHART_HEIGHT - share * CHART_HEIGHT);
            let line = self.svg(
                "line",
                &[
                    ("class", "target".into()),
                    ("x1", "0".into()),
                    ("x2", CHART_WIDTH.to_string()),
                    ("y1", y.clone()),
                    ("y2", y),
                ],
            )?;
            svg.append_child(&line)?;
        }
        figure.append_child(&svg)?;
        Ok(figure)
    }
}
