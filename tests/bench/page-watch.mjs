// What the page benches watch in the page's own world, as an init script's text: the
// page's long animation frames (window.__frames: start, end, render start) and each
// row's first tag (window.__tags: [trade id, time]); and window.__rowsSeen(rowsAt), read
// after a load: the first frame rendered once the rows were in, each row's tag time,
// and the tag times of the rows in the viewport. floor.mjs and first-tags.mjs add what
// they watch besides.

/** The watch, as statements for an init script (wrap it in a function of your own). */
export const FRAMES_AND_TAGS = `
  window.__frames = [];
  window.__tags = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__frames.push({ start: e.startTime, end: e.startTime + e.duration, renderStart: e.renderStart });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  const seen = new Set();
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (seen.has(r.target) || !r.target.hasAttribute('data-trade-id') || !r.target.hasAttribute('data-xunpan-verdict')) continue;
      seen.add(r.target);
      window.__tags.push([r.target.getAttribute('data-trade-id'), now]);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-xunpan-verdict'] });
  window.__rowsSeen = (rowsAt) => {
    const frame = window.__frames.find((f) => f.renderStart > 0 && f.renderStart >= rowsAt);
    const tagAt = new Map(window.__tags);
    const inView = [...document.querySelectorAll('[data-trade-id]')].filter((r) => {
      const box = r.getBoundingClientRect();
      return box.width > 0 && box.bottom > 0 && box.top < innerHeight;
    }).map((r) => tagAt.get(r.getAttribute('data-trade-id')));
    return { frame, tagAt, inView };
  };
`;
