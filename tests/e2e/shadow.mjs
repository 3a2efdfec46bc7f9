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
