// Every string the rep sees comes from _locales: English and Chinese have the same
// keys, every key is used somewhere, and every key used exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const load = (lang) => JSON.parse(readFileSync(join(root, 'extension/_locales', lang, 'messages.json'), 'utf8'));
const en = load('en');
const zh = load('zh_CN');
const sources = [
  readFileSync(join(root, 'manifest.json'), 'utf8'),
  ...readdirSync(join(root, 'extension')).filter((f) => /\.(js|html)$/.test(f)).map((f) => readFileSync(join(root, 'extension', f), 'utf8')),
  readFileSync(join(root, 'src/wasm/panel.rs'), 'utf8'),
].join('\n');

test('English and Chinese have the same keys, none empty', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const [k, v] of [...Object.entries(en), ...Object.entries(zh)]) assert.ok(v.message.trim(), k);
});

test('every key is used', () => {
  // Keys built from a prefix and a value (verdict_spam, clockState_overdue, …) count as used
  // when their prefix is.
  const dynamic = ['clockState_', 'priority_', 'channel_', 'verdict_', 'lang_'];
  const unused = Object.keys(en).filter((k) => !sources.includes(k) && !dynamic.some((p) => k.startsWith(p) && sources.includes(p)));
  assert.deepEqual(unused, []);
});

test('every key used exists', () => {
  const used = new Set();
  for (const m of sources.matchAll(/(?:data-i18n(?:-placeholder)?="|\bt\(')(\w+)/g)) used.add(m[1]);
  for (const m of sources.matchAll(/__MSG_(\w+?)__/g)) used.add(m[1]);
  // A key ending in '_' is a prefix completed at run time (priority_high, …).
  const missing = [...used].filter((k) => !k.endsWith('_') && !(k in en));
  assert.deepEqual(missing, []);
});

test('labels are looked up once per language, and a language change is seen at once', async () => {
  const { runInNewContext } = await import('node:vm');
  const asked = [];
  const chrome = { i18n: { getMessage: (key, subs) => (asked.push(key), subs ? `${key}:${subs}` : `browser ${key}`) } };
  const context = { chrome };
  context.globalThis = context;
  runInNewContext(readFileSync(join(root, 'extension/locale.js'), 'utf8'), context);
  const { t, use } = context.XunpanLocale;

  for (let i = 0; i < 500; i++) assert.equal(t('verdict_spam'), 'browser verdict_spam');
  assert.deepEqual(asked, ['verdict_spam']);
  // With substitutions: kept per key and substitutions (a list asks for the same four
  // grade titles 500 times), and never mixed up between them.
  for (let i = 0; i < 500; i++) assert.equal(t('gradeTitle', ['B']), 'gradeTitle:B');
  assert.equal(t('gradeTitle', ['C']), 'gradeTitle:C');
  assert.equal(t('dueIn', '5'), 'dueIn:5');
  assert.equal(t('dueIn', ['5']), 'dueIn:5');
  assert.equal(t('dueIn', '6'), 'dueIn:6');
  assert.deepEqual(asked, ['verdict_spam', 'gradeTitle', 'gradeTitle', 'dueIn', 'dueIn']);
  // Free substitutions cannot make the store grow without end: it starts again when full.
  for (let i = 0; i < 2000; i++) assert.equal(t('dueIn', [String(i)]), `dueIn:${i}`);
  assert.equal(t('gradeTitle', ['B']), 'gradeTitle:B');

  use('zh_CN', { verdict_spam: { message: '垃圾' }, gradeTitle: { message: '买家等级 $1' } });
  assert.equal(t('verdict_spam'), '垃圾');
  assert.equal(t('gradeTitle', ['B']), '买家等级 B');
  use(null);
  assert.equal(t('verdict_spam'), 'browser verdict_spam');
  assert.equal(t('gradeTitle', ['B']), 'gradeTitle:B');
});
