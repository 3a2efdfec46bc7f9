// Reaching into Xunpan's closed shadow roots from a test, the way assistive technology
// does: through the browser's accessibility tree (Chrome DevTools Protocol). Pages
// cannot do this, which is the point of the closed roots; tests use it to read and
// click what the rep sees, by accessible name.

/** All accessibility nodes of the page whose role and name match. */
export async function findByRole(page, role, namePattern) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes.filter(
      (n) => !n.ignored && n.role?.value === role && namePattern.test(String(n.name?.value ?? '')),
    ).map((n) => ({ name: String(n.name?.value ?? ''), backendNodeId: n.backendDOMNodeId }));
  } finally {
    await cdp.detach();
  }
}

/**
 * Clicks the first element with that role and accessible name (in any shadow root).
 * The overlay is redrawn when the page's data arrives, so a node found a moment ago
 * may be gone: look again a few times before giving up.
 */
export async function clickByRole(page, role, namePattern, attempts = 8) {
  for (let i = 1; ; i++) {
    try {
      return await clickOnce(page, role, namePattern);
    } catch (err) {
      if (i >= attempts) throw err;
      await page.waitForTimeout(250);
    }
  }
}

async function clickOnce(page, role, namePattern) {
  const [node] = await findByRole(page, role, namePattern);
  if (!node) throw new Error(`no ${role} named ${namePattern} on ${page.url()}`);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.getDocument', { depth: 0 });
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
    const [x1, y1, , , x3, y3] = model.border;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
  return node;
}

/** The text of every static text node (what the rep reads), for assertions. */
export async function visibleTexts(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes.filter((n) => n.role?.value === 'StaticText' && !n.ignored).map((n) => String(n.name?.value ?? ''));
  } finally {
    await cdp.detach();
  }
}

/**
 * Every element inside Xunpan's shadow roots that could run, load or follow something:
 * links, images, scripts, frames, and any `href`, `src` or `on…` attribute. Read through
 * the DevTools protocol, which pierces closed roots. Returns descriptions; empty is good.
 */
export async function overlayActiveMarkup(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const found = [];
    const attrs = (n) => {
      const out = {};
      for (let i = 0; i + 1 < (n.attributes ?? []).length; i += 2) out[n.attributes[i]] = n.attributes[i + 1];
      return out;
    };
    const inspect = (n) => {
      if (n.nodeType === 1) {
        const a = attrs(n);
        const risky = Object.keys(a).filter((k) => k === 'href' || k === 'src' || k === 'srcdoc' || k.startsWith('on'));
        if (/^(A|IMG|SCRIPT|IFRAME|OBJECT|EMBED|LINK|FORM)$/.test(n.nodeName) || risky.length) {
          found.push(`${n.nodeName} ${JSON.stringify(a)}`);
        }
      }
      for (const c of n.children ?? []) inspect(c);
      for (const s of n.shadowRoots ?? []) inspect(s);
    };
    const walk = (n) => {
      if (n.nodeType === 1 && attrs(n)['data-xunpan-host'] !== undefined) {
        for (const s of n.shadowRoots ?? []) inspect(s);
      }
      for (const c of n.children ?? []) walk(c);
      if (n.contentDocument) walk(n.contentDocument);
    };
    walk(root);
    return found;
  } finally {
    await cdp.detach();
  }
}

/** `rgb(…)` / `rgba(…)` as [r, g, b, a]. */
function parseColor(text) {
  const m = /rgba?\(([^)]+)\)/.exec(text ?? '');
  if (!m) return [0, 0, 0, 0];
  const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return [r, g, b, a];
}

/** WCAG contrast ratio of two opaque colours. */
export function contrastRatio(fg, bg) {
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `top` laid over `bottom` (alpha compositing). */
const over = (top, bottom) => {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
};

/**
 * Every text Xunpan draws inside its shadow roots that is on screen, with the contrast
 * of its colour against what lies behind it, computed from the drawn styles through
 * the DevTools protocol (the roots are closed). Returns [{ text, ratio, large }].
 */
export async function overlayContrast(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const parents = new Map();
    const texts = [];
    const walk = (n, parent, inside) => {
      if (parent) parents.set(n.nodeId, parent);
      const attrs = n.attributes ?? [];
      const host = n.nodeType === 1 && attrs.includes('data-xunpan-host');
      if (inside && n.nodeType === 1) {
        const own = (n.children ?? []).filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join('').trim();
        if (own) texts.push({ nodeId: n.nodeId, text: own });
      }
      for (const c of n.children ?? []) walk(c, n.nodeId, inside);
      for (const s of n.shadowRoots ?? []) walk(s, n.nodeId, inside || host);
      if (n.contentDocument) walk(n.contentDocument, n.nodeId, inside);
    };
    walk(root, null, false);
    const style = async (nodeId) => {
      const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId });
      return Object.fromEntries(computedStyle.map((p) => [p.name, p.value]));
    };
    const results = [];
    for (const { nodeId, text } of texts) {
      // Only what is drawn: a node without a box (display none, a closed pop-up) is not.
      const box = await cdp.send('DOM.getBoxModel', { nodeId }).catch(() => null);
      if (!box) continue;
      const s = await style(nodeId);
      if (s.visibility !== 'visible' || Number(s.opacity) === 0) continue;
      // What lies behind: the nearest backgrounds up the tree, laid over white.
      const layers = [];
      for (let id = nodeId; id && layers.at(-1)?.[3] !== 1; id = parents.get(id)) {
        const bg = parseColor((await style(id).catch(() => ({})))['background-color']);
        if (bg[3] > 0) layers.push(bg);
      }
      const behind = layers.reverse().reduce((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
      const size = parseFloat(s['font-size']);
      const bold = Number(s['font-weight']) >= 700;
      results.push({ text, ratio: contrastRatio(over(parseColor(s.color), behind), behind), large: size >= 24 || (bold && size >= 18.66) });
    }
    return results;
  } finally {
    await cdp.detach();
  }
}

/** The same for an ordinary page (the extension's own): evaluated in the page. */
export async function pageContrast(page) {
  const found = await page.evaluate(() => {
    const parse = (text) => {
      const m = /rgba?\(([^)]+)\)/.exec(text ?? '');
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    };
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join('').trim();
      if (!own || !el.getClientRects().length) continue;
      const s = getComputedStyle(el);
      if (s.visibility !== 'visible' || el.closest('[hidden], svg')) continue;
      const layers = [];
      for (let n = el; n && n.nodeType === 1 && layers.at(-1)?.[3] !== 1; n = n.parentElement) {
        const bg = parse(getComputedStyle(n).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
      }
      out.push({ text: own, color: parse(s.color), layers: layers.reverse(), size: parseFloat(s.fontSize), weight: Number(s.fontWeight) });
    }
    return out;
  });
  return found.map(({ text, color, layers, size, weight }) => {
    const behind = layers.reduce((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
    return { text, ratio: contrastRatio(over(color, behind), behind), large: size >= 24 || (weight >= 700 && size >= 18.66) };
  });
}

/** The texts below WCAG AA: 4.5:1, or 3:1 for large text. */
export const belowAA = (results) => results.filter((r) => r.ratio < (r.large ? 3 : 4.5)).map((r) => `${r.text.slice(0, 40)}: ${r.ratio.toFixed(2)}`);

/**
 * The texts of the clocks on Xunpan's chips that the rep cannot read whole: cut by an
 * ellipsis or by the chip's own edge. Read through the DevTools protocol, which pierces
 * the closed roots. Empty is good.
 */
export async function cutChipClocks(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const clocks = [];
    const walk = (n) => {
      const cls = (n.attributes ?? []).find((_, i, a) => i % 2 === 1 && a[i - 1] === 'class');
      if (n.nodeType === 1 && /(^|\s)clock(\s|$)/.test(cls ?? '')) clocks.push(n.backendNodeId);
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? []), ...(n.contentDocument ? [n.contentDocument] : [])]) walk(c);
    };
    walk(root);
    const cut = [];
    for (const backendNodeId of clocks) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        returnByValue: true,
        functionDeclaration: `function () {
          const chip = this.closest('.chip');
          const box = this.getBoundingClientRect();
          if (!chip || !box.width) return null;
          const edge = chip.getBoundingClientRect().right;
          return { text: this.textContent, cut: this.scrollWidth > this.clientWidth + 1 || box.right > edge + 1 };
        }`,
      });
      if (result.value?.cut) cut.push(result.value.text);
    }
    return cut;
  } finally {
    await cdp.detach();
  }
}
