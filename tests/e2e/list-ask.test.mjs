// The list's rows go to the engine without laying the page out first. content-start.js
// asks for a list's answers with the page's view (its scroll top and height, so the rows
// that can be in view are answered first); reading the scroll top made the browser lay
// out the page in our task whenever the list was posted once the page was parsed, its
// rows just inserted: on the demo's 100-row list, loaded, 6 to 16 ms before the list
// left for the worker. The page here sets its list as it inserts its rows, at
// DOMContentLoaded, and changes its layout again as the list's post reaches the window:
// no layout may be forced by content-start.js over six loads (a trace's forced layouts
// name the script that asked for them).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo } from './harness.mjs';

const URL_ = 'https://message.alibaba.com/message/default.htm?lang=en&probe=list-ask#feedback/all';
const ROWS = 100;
const LOADS = 6;

const rowHtml = (i) => `<a class="inquiry-item" style="display:block;padding:12px">Buyer ${i}: please quote 500 units of the blue model, FOB Ningbo</a>`;
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Inquiries</title></head><body>
<main id="rows">${Array.from({ length: ROWS }, (_, i) => rowHtml(i)).join('')}</main>
<script>
  // The page's own listener, capturing at the window: it runs before the content
  // script's and leaves the layout to be done again.
  window.addEventListener('message', (ev) => {
    if (ev.data && ev.data.source === 'xunpan-page-data') document.getElementById('rows').style.paddingTop = (window.__pad = (window.__pad || 0) + 1) + 'px';
  }, true);
  document.addEventListener('DOMContentLoaded', () => {
    // A layout the page asks for itself: the trace must name its script.
    window.__height = document.body.offsetHeight;
    document.getElementById('rows').style.paddingBottom = '1px';
    const list = [];
    for (let i = 0; i < ${ROWS}; i++) list.push({ tradeId: String(7400000000 + i), subject: 'Quotation ' + i, content: 'Please quote 500 units of the blue model, FOB Ningbo.' });
    window.feedbackListResponse = { list };
  });
</script></body></html>`;

let demo;
let browser;
before(async () => {
  demo = await startDemo();
  browser = await launch(demo.port);
  await browser.context.route(/probe=list-ask/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: PAGE }));
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

/** One load traced: the forced layouts whose stack names `file`, and whether the list was posted. */
async function forcedLayouts(file) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack', transferMode: 'ReportEvents' });
  await page.goto(URL_);
  await page.waitForFunction(() => window.__pad >= 1, null, { timeout: 10_000 });
  await page.waitForTimeout(300);
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  await page.close();
  const stackOf = (e) => e.args?.beginData?.stackTrace ?? e.args?.data?.stackTrace ?? [];
  const layouts = events.filter((e) => e.name === 'Layout' || e.name === 'UpdateLayoutTree');
  return {
    forced: layouts.filter((e) => stackOf(e).some((f) => String(f.url).endsWith(`/${file}`))).length,
    withStacks: layouts.filter((e) => stackOf(e).length).length,
  };
}

test('a list posted once the page is parsed goes to the engine without a layout of ours', async () => {
  let forced = 0;
  let withStacks = 0;
  for (let n = 0; n < LOADS; n++) {
    const load = await forcedLayouts('content-start.js');
    forced += load.forced;
    withStacks += load.withStacks;
  }
  // The list was asked for (the worker heard a list), and the probe sees forced layouts
  // at all (the page's own read names its script).
  const listHeard = await browser.worker.evaluate(() => typeof globalThis.XunpanStartTimes?.listIn === 'number');
  assert.ok(listHeard, 'no list reached the worker: nothing was asked');
  assert.ok(withStacks > 0, 'the trace names no script for any layout: the probe cannot tell');
  assert.equal(forced, 0, `content-start.js forced ${forced} layouts over ${LOADS} loads`);
});
