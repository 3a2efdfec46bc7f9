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
  // As Chromium fills a message's $1…$9 from the substitutions.
  const messages = { verdict_spam: 'browser verdict_spam', gradeTitle: 'gradeTitle:$1', dueIn: 'dueIn:$1' };
  const fill = (key, subs) => messages[key].replace(/\$([1-9])/g, (_, n) => String([].concat(subs ?? [])[Number(n) - 1] ?? ''));
  const chrome = { i18n: { getMessage: (key, subs) => (asked.push(key), fill(key, subs)) } };
  const context = { chrome };
  context.globalThis = context;
  runInNewContext(readFileSync(join(root, 'extension/locale.js'), 'utf8'), context);
  const { t, use } = context.XunpanLocale;

  for (let i = 0; i < 500; i++) assert.equal(t('verdict_spam'), 'browser verdict_spam');
  assert.deepEqual(asked, ['verdict_spam']);
  // With substitutions: the browser is asked once per key (a list's clocks ask for the
  // same texts with other numbers), and the texts are never mixed up between them.
  for (let i = 0; i < 500; i++) assert.equal(t('gradeTitle', ['B']), 'gradeTitle:B');
  assert.equal(t('gradeTitle', ['C']), 'gradeTitle:C');
  assert.equal(t('dueIn', '5'), 'dueIn:5');
  assert.equal(t('dueIn', ['5']), 'dueIn:5');
  assert.equal(t('dueIn', '6'), 'dueIn:6');
  assert.deepEqual(asked, ['verdict_spam', 'gradeTitle', 'dueIn']);
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

test('in the browser\'s language, each message is asked of the browser once and filled as the browser fills it', async () => {
  const { default: vm } = await import('node:vm');
  // chrome.i18n.getMessage as Chromium answers it: $1…$9 replaced by the substitutions,
  // a missing one by nothing, an unknown key by ''.
  const asked = [];
  const getMessage = (key, subs) => {
    asked.push(key);
    const list = subs === undefined ? [] : [].concat(subs);
    return en[key] ? en[key].message.replace(/\$([1-9])/g, (_, n) => String(list[Number(n) - 1] ?? '')) : '';
  };
  const context = vm.createContext({ chrome: { i18n: { getMessage, getUILanguage: () => 'en-US' } } });
  vm.runInContext(readFileSync(join(root, 'extension/locale.js'), 'utf8'), context);
  const { t } = context.XunpanLocale;
  const subsOf = [undefined, ['8 min'], ['8 min', '10:08'], ['$2 and $1', 'x']];
  for (const key of Object.keys(en)) {
    for (const subs of subsOf) {
      const browser = getMessage(key, subs);
      assert.equal(t(key, subs), browser, `${key} with ${JSON.stringify(subs)}`);
    }
  }
  asked.length = 0;
  for (const key of Object.keys(en)) for (let n = 0; n < 5; n++) t(key, [`${n} min`]);
  assert.deepEqual(asked, [], 'every message is known after its first lookup');
  assert.equal(t('noSuchMessage'), 'noSuchMessage', 'an unknown key shows itself');
});
