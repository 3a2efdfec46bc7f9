//! Tier 3: the web-sys code in a real browser (headless Chromium via chromedriver).
//!
//! Run by `./build.sh test` as
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use xunpan::wasm::panel::QueuePanel;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let div = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON")
}

const NOW: f64 = 1_795_399_200_000.0; // 2026-11-23T10:00:00+08:00

const ITEMS: &str = r#"[
  {"key":"inquiry:1","id":"1","channel":"inquiry","buyer":"Ana <b>Ruiz</b>","country":"ES","verdict":"genuine","grade":"A",
   "template":"answer_questions","deadline":{"companyDue":"2026-11-23T10:08:00+08:00","platformDue":"2026-11-24T09:58:00+08:00"},
   "url":"https://message.alibaba.com/message/maDetail.htm?imInquiryId=1"},
  {"key":"chat:c1","id":"c1","channel":"chat","buyer":"Omar","verdict":"suspicious","grade":"C",
   "deadline":{"companyDue":"2026-11-23T09:50:00+08:00","platformDue":"2026-11-23T10:40:00+08:00"}},
  {"key":"inquiry:2","id":"2","channel":"inquiry","buyer":"Done","verdict":"genuine","grade":"B","replied":true,
   "deadline":{"companyDue":"2026-11-23T09:00:00+08:00","status":"met"}}
]"#;

#[wasm_bindgen_test]
fn draws_rows_in_working_order_with_clocks() {
    let div = container();
    let panel = QueuePanel::new(
        div.clone(),
        js(
            r#"{"clockOverdue":"Overdue $1","spanMinutes":"$1 min","spanHoursMinutes":"$1 h $2 min",
               "clockCompanyDue":"Company target: $1","clockPlatformDue":"Alibaba's limit: $1",
               "clockDueIn":"in $1 ($2)","clockDueAgo":"$1 ago ($2)"}"#,
        ),
    )
    .expect("panel");
    panel.set_items(js(ITEMS)).expect("items");
    panel.render(NOW).expect("render");
    let rows = div.query_selector_all("li.row").expect("rows");
    assert_eq!(rows.length(), 2, "replied items are hidden by default");
    let first = div.query_selector("li.row").expect("query").expect("a row");
    assert_eq!(first.get_attribute("data-key").as_deref(), Some("chat:c1"));
    assert_eq!(
        first.get_attribute("data-state").as_deref(),
        Some("overdue")
    );
    let clock = first
        .query_selector(".clock")
        .expect("query")
        .expect("clock");
    // In words on one line; both clocks, with their times, in the title.
    assert_eq!(clock.text_content().as_deref(), Some("Overdue 10 min"));
    assert_eq!(
        clock.get_attribute("title").as_deref(),
        Some("Company target: 10 min ago (09:50)\nAlibaba's limit: in 40 min (10:40)")
    );
    let second = rows.item(1).expect("second row");
    let second: web_sys::Element = wasm_bindgen::JsCast::dyn_into(second).expect("element");
    let clock = second
        .query_selector(".clock")
        .expect("query")
        .expect("clock");
    // No label given for this state: the key shows, so a missing translation is visible.
    assert_eq!(clock.text_content().as_deref(), Some("clockReplyIn"));
    assert!(second
        .get_attribute("data-url")
        .is_some_and(|u| u.contains("imInquiryId=1")));
}

#[wasm_bindgen_test]
fn buyer_text_is_text_not_markup() {
    let div = container();
    let panel = QueuePanel::new(div.clone(), JsValue::UNDEFINED).expect("panel");
    panel.set_items(js(ITEMS)).expect("items");
    panel.render(NOW).expect("render");
    assert!(
        div.query_selector("b").expect("query").is_none(),
        "no element made from buyer text"
    );
    assert!(div
        .text_content()
        .unwrap_or_default()
        .contains("Ana <b>Ruiz</b> · ES"));
}

#[wasm_bindgen_test]
fn filters_search_and_empty_state() {
    let div = container();
    let panel =
        QueuePanel::new(div.clone(), js(r#"{"queueEmpty":"Nothing waiting"}"#)).expect("panel");
    panel.set_items(js(ITEMS)).expect("items");
    panel.set_filter(js(r#"{"search":"ana"}"#)).expect("filter");
    let counts = panel.render(NOW).expect("render");
    assert_eq!(div.query_selector_all("li.row").expect("rows").length(), 1);
    let shown = js_sys::Reflect::get(&counts, &"shown".into()).expect("shown");
    assert_eq!(shown.as_f64(), Some(1.0));
    panel
        .set_filter(js(r#"{"verdict":"spam"}"#))
        .expect("filter");
    panel.render(NOW).expect("render");
    assert_eq!(div.text_content().as_deref(), Some("Nothing waiting"));
    // One record that cannot be read is skipped with its reason, never the queue.
    let skipped = panel
        .set_items(js(
            r#"[{"channel":"pigeon"}, {"key":"inquiry:9","buyer":7}]"#,
        ))
        .expect("the readable items are taken");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(
        panel.set_items(js(r#"{"not":"a list"}"#)).is_err(),
        "a list is required"
    );
}

#[wasm_bindgen_test]
fn a_tick_updates_the_clocks_in_place_and_rebuilds_only_when_the_order_changes() {
    let div = container();
    let panel = QueuePanel::new(div.clone(), JsValue::NULL).expect("panel");
    panel.set_items(js(ITEMS)).expect("items");
    panel.render(NOW).expect("render");
    let row_of = |key: &str| {
        div.query_selector(&format!("li.row[data-key=\"{key}\"]"))
            .expect("query")
            .expect("row")
    };
    let before = row_of("inquiry:1");
    panel.tick(NOW + 60_000.0).expect("tick");
    let after = row_of("inquiry:1");
    assert!(
        before.is_same_node(Some(&after)),
        "the row stays the same element"
    );
    let clock = after
        .query_selector(".clock")
        .expect("query")
        .expect("clock");
    assert_eq!(clock.text_content().as_deref(), Some("clockReplyIn"));
    assert!(clock
        .get_attribute("title")
        .is_some_and(|t| t.contains("clockCompanyDue")));
    // Past the company target the row turns overdue: its state changes, so it is redrawn.
    panel.tick(NOW + 9.0 * 60_000.0).expect("tick");
    let redrawn = row_of("inquiry:1");
    assert!(!before.is_same_node(Some(&redrawn)));
    assert_eq!(
        redrawn.get_attribute("data-state").as_deref(),
        Some("overdue")
    );
    // The row with a template and a page offers its reply; the chat row has neither.
    assert!(redrawn
        .query_selector("button.insert")
        .expect("query")
        .is_some());
    assert!(row_of("chat:c1")
        .query_selector("button.insert")
        .expect("query")
        .is_none());
}

#[wasm_bindgen_test]
fn metrics_become_three_bar_charts_with_titles_and_target_lines() {
    let div = container();
    let records = js(r#"[
      {"channel":"inquiry","buyerAt":"2026-11-22T09:00:00+08:00","firstReplyAt":"2026-11-22T09:06:00+08:00"},
      {"channel":"inquiry","buyerAt":"2026-11-22T10:00:00+08:00","firstReplyAt":"2026-11-23T11:00:00+08:00"}
    ]"#);
    let metrics =
        xunpan::wasm::metrics(records, NOW, js(r#"{"offsetMinutes":480}"#)).expect("metrics");
    xunpan::wasm::panel::draw_metrics(div.clone(), metrics, js(r#"{"chartTarget":"target"}"#))
        .expect("charts");
    let figures = div.query_selector_all("figure.chart").expect("figures");
    assert_eq!(figures.length(), 3);
    let bars = div
        .query_selector_all("figure[data-metric=timelyRate] rect.bar")
        .expect("bars");
    assert_eq!(bars.length(), 14);
    let below = div
        .query_selector("figure[data-metric=timelyRate] rect.bar.below title")
        .expect("query")
        .expect("yesterday missed the target");
    assert_eq!(below.text_content().as_deref(), Some("11-22: 50.0 %"));
    assert!(div
        .query_selector("figure[data-metric=timelyRate] line.target")
        .expect("query")
        .is_some());
    let caption = div
        .query_selector("figure[data-metric=timelyRate] figcaption")
        .expect("query")
        .expect("caption");
    assert!(caption
        .text_content()
        .is_some_and(|t| t.contains("target 99.5 %")));
}

#[wasm_bindgen_test]
fn spam_waits_quietly_under_its_own_filter() {
    let div = container();
    let panel = QueuePanel::new(
        div.clone(),
        js(r#"{"clockQuietIn":"Counts in $1","spanHours":"$1 h","buyerUnnamed":"Buyer"}"#),
    )
    .expect("panel");
    panel
        .set_items(js(r#"[
          {"key":"inquiry:9","id":"9","channel":"inquiry","verdict":"spam","grade":"D",
           "deadline":{"platformDue":"2026-11-24T09:00:00+08:00","quiet":true,"status":"on_track"}}
        ]"#))
        .expect("items");
    let counts = panel.render(NOW).expect("render");
    assert_eq!(div.query_selector_all("li.row").expect("rows").length(), 0);
    let spam = js_sys::Reflect::get(&counts, &"spam".into()).expect("spam");
    assert_eq!(spam.as_f64(), Some(1.0));
    panel
        .set_filter(js(r#"{"includeSpam":true}"#))
        .expect("filter");
    panel.render(NOW).expect("render");
    let row = div.query_selector("li.row").expect("query").expect("row");
    assert!(row.has_attribute("data-spam"));
    let clock = row.query_selector(".clock").expect("query").expect("clock");
    assert_eq!(clock.text_content().as_deref(), Some("Counts in 23 h"));
    assert!(clock.class_name().contains("quiet"));
    assert_eq!(
        row.query_selector(".buyer")
            .expect("query")
            .and_then(|b| b.text_content())
            .as_deref(),
        Some("Buyer"),
        "no page id in place of a name"
    );
}
