// Least privilege in the manifest: Xunpan asks for the hosts it works on and nothing
// wider, the same hosts its content scripts run on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';

const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));

test('host permissions are exactly the three seller hosts the content scripts run on', () => {
  const hosts = ['https://message.alibaba.com/*', 'https://onetalk.alibaba.com/*', 'https://sourcing.alibaba.com/*'];
  assert.deepEqual([...manifest.host_permissions].sort(), hosts);
  for (const script of manifest.content_scripts) assert.deepEqual([...script.matches].sort(), hosts);
  assert.ok(manifest.host_permissions.every((h) => !h.includes('*.')), 'no wildcard subdomain');
});

test('no permission beyond what the README lists and explains', () => {
  assert.deepEqual([...manifest.permissions].sort(), ['alarms', 'notifications', 'offscreen', 'sidePanel', 'storage']);
  assert.equal(manifest.optional_permissions, undefined);
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const permission of manifest.permissions) assert.ok(readme.includes(`| \`${permission}\` |`), `the README's table explains ${permission}`);
});

test('the site table knows the same three hosts, and only pages on them are seller pages', async () => {
  const { createRequire } = await import('node:module');
  const Site = createRequire(import.meta.url)('../../extension/site.js');
  assert.deepEqual(Site.SELLER_HOSTS.map((h) => `https://${h}/*`).sort(), [...manifest.host_permissions].sort());
  assert.equal(Site.isSellerPage('https://message.alibaba.com/message/default.htm#feedback/all'), true);
  assert.equal(Site.isSellerPage('http://message.alibaba.com/'), false, 'HTTPS only');
  assert.equal(Site.isSellerPage('https://message.alibaba.com.evil.example/'), false);
  assert.equal(Site.isSellerPage('https://www.alibaba.com/'), false);
  assert.equal(Site.isSellerPage('not a url'), false);
});

test('the content scripts run in frames, but read a frame only where no seller page is around it', async () => {
  const { createRequire } = await import('node:module');
  const Site = createRequire(import.meta.url)('../../extension/site.js');
  for (const script of manifest.content_scripts) {
    assert.equal(script.all_frames, true, 'the message center framed by My Alibaba is read');
    assert.notEqual(script.match_about_blank, true, "an editor's blank frame is part of its page");
  }
  const top = { location: { href: 'https://message.alibaba.com/message/default.htm' } };
  top.top = top;
  assert.equal(Site.readsFrame(top), true, 'a tab’s top page');
  const inSeller = { top, location: { href: 'https://message.alibaba.com/x.htm' } };
  assert.equal(Site.readsFrame(inSeller), false, 'a frame of a seller page is that page’s part');
  const crossOrigin = { get top() { return { get location() { throw new Error('SecurityError'); } }; } };
  const framed = (origins) => Object.assign(Object.create(crossOrigin), { location: { href: 'https://message.alibaba.com/message/default.htm', ancestorOrigins: origins } });
  assert.equal(Site.readsFrame(framed(['https://i.alibaba.com'])), true, 'the message center in My Alibaba');
  assert.equal(Site.readsFrame(framed(['https://onetalk.alibaba.com'])), false, 'inside another seller page');
  assert.equal(Site.readsFrame(framed(undefined)), true, 'no ancestor origins told (Firefox): read');
});

test('only what cannot wait starts with the page; the rest comes once it is parsed', () => {
  const isolated = manifest.content_scripts.filter((s) => s.world !== 'MAIN');
  const first = isolated.find((s) => s.run_at === 'document_start');
  assert.deepEqual(first.js, ['messages.js', 'content-start.js'], 'the page pays for these before its own rows');
  const rest = isolated.find((s) => s.js.includes('content.js'));
  assert.equal(rest.run_at, 'document_idle');
  assert.deepEqual(rest.js.slice(-3), ['site.js', 'overlay.js', 'content.js']);
  assert.equal(isolated.length, 2);
  // In the page's world: the page-data observer must see the list set as the page loads.
  const main = manifest.content_scripts.find((s) => s.world === 'MAIN');
  assert.equal(main.run_at, 'document_start');
  assert.equal(main.js[0], 'page-data.js');
});
