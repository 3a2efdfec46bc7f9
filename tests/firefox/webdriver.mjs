// A small W3C WebDriver client over fetch, for geckodriver: the Firefox tier needs no
// npm package (Playwright drives only its own patched Firefox, never Debian's).
//
// Only what the tier uses: sessions, navigation, windows, scripts, elements (also in
// shadow roots, closed ones included: WebDriver reaches them), clicks, keys,
// screenshots, and geckodriver's temporary add-on install.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const SHADOW = 'shadow-6066-11e4-a52e-4f735466cecf';

/** A free local TCP port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts geckodriver on a free port (`env`: the environment Firefox inherits from it;
 * `args`: more of geckodriver's flags).
 * Returns { url, close() }.
 */
export async function startGeckodriver({ binary = 'geckodriver', env = process.env, args = [] } = {}) {
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--host', '127.0.0.1', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => {
    log = (log + d).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`geckodriver exited (${child.exitCode}): ${log}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return {
    url,
    log: () => log,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** A WebDriver error with the driver's own message. */
class WebDriverError extends Error {}

async function call(base, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json.value?.error) {
    const v = json.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${v.error ?? res.status}: ${v.message ?? ''}`.trim());
  }
  return json.value;
}

/** An element reference as WebDriver wants it back. */
const ref = (id) => ({ [ELEMENT]: id, ELEMENT: id });

/** One browser session. */
export class Session {
  constructor(driver, id, capabilities) {
    this.driver = driver;
    this.id = id;
    this.capabilities = capabilities;
  }

  static async create(driver, capabilities) {
    const value = await call(driver, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(driver, value.sessionId, value.capabilities);
  }

  cmd(method, path, body) {
    return call(this.driver, method, `/session/${this.id}${path}`, body);
  }

  close() {
    return this.cmd('DELETE', '');
  }

  /** Installs an add-on for this session only (a zip, base64) and returns its id. */
  installAddon(zipBase64) {
    return this.cmd('POST', '/moz/addon/install', { addon: zipBase64, temporary: true });
  }

  go(url) {
    return this.cmd('POST', '/url', { url });
  }

  url() {
    return this.cmd('GET', '/url');
  }

  async newTab() {
    const { handle } = await this.cmd('POST', '/window/new', { type: 'tab' });
    await this.cmd('POST', '/window', { handle });
    return handle;
  }

  async closeTab() {
    const left = await this.cmd('DELETE', '/window');
    if (left.length) await this.cmd('POST', '/window', { handle: left[left.length - 1] });
  }

  setSize(width, height) {
    return this.cmd('POST', '/window/rect', { width, height });
  }

  /** Runs `fn` (a function, its source sent) in the page with `args`; returns its value. */
  run(fn, ...args) {
    return this.cmd('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments);`, args });
  }

  /** Like run, awaiting the promise `fn` returns. */
  runAsync(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve((${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((v) => done({ ok: v }), (e) => done({ error: String(e && e.stack || e) }));`;
    return this.cmd('POST', '/execute/async', { script, args }).then((r) => {
      if (r && 'error' in r) throw new Error(r.error);
      return r?.ok;
    });
  }

  setScriptTimeout(ms) {
    return this.cmd('POST', '/timeouts', { script: ms });
  }

  /** Waits until `fn` (run in the page) returns a truthy value; returns it. */
  async waitFor(fn, { timeout = 20_000, args = [], what = 'the condition' } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.run(fn, ...args);
        if (last) return last;
      } catch (err) {
        last = err;
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${what} (${last instanceof Error ? last.message : JSON.stringify(last)})`);
      await sleep(150);
    }
  }

  async find(css) {
    const value = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return value.map((v) => v[ELEMENT]);
  }

  /** The shadow root of an element (open or closed), or null. */
  async shadowOf(element) {
    try {
      const value = await this.cmd('GET', `/element/${element}/shadow`);
      return value[SHADOW];
    } catch {
      return null;
    }
  }

  async findInShadow(shadow, css) {
    const value = await this.cmd('POST', `/shadow/${shadow}/elements`, { using: 'css selector', value: css });
    return value.map((v) => v[ELEMENT]);
  }

  text(element) {
    return this.cmd('GET', `/element/${element}/text`);
  }

  attribute(element, name) {
    return this.cmd('GET', `/element/${element}/attribute/${encodeURIComponent(name)}`);
  }

  click(element) {
    return this.cmd('POST', `/element/${element}/click`, {});
  }

  type(element, text) {
    return this.cmd('POST', `/element/${element}/value`, { text });
  }

  /** Sends keys to the focused element (`\uE007` is Enter). */
  keys(text) {
    const actions = [...text].flatMap((c) => [
      { type: 'keyDown', value: c },
      { type: 'keyUp', value: c },
    ]);
    return this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** The element as a script argument. */
  static ref(element) {
    return ref(element);
  }

  /** A screenshot of the viewport, as PNG bytes. */
  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }
}
