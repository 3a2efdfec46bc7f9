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
  assert.deepEqual([...manifest.permissions].sort(), ['alarms', 'notifications', 'sidePanel', 'storage']);
  assert.equal(manifest.optional_permissions, undefined);
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
