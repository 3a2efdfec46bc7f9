// What the adapter could not read, in the rep's words: every name site.js gives a
// missing part (its selector names and its items' short field names alike) turns into
// the locale's name of that part, never "other parts" for a part the rep can act on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const context = vm.createContext({});
vm.runInContext(readFileSync(join(root, 'extension/health.js'), 'utf8'), context);
const health = vm.runInContext('globalThis.XunpanHealth', context);
const en = JSON.parse(readFileSync(join(root, 'extension/_locales/en/messages.json'), 'utf8'));
const t = (key, subs) => {
  assert.ok(en[key], `no locale key ${key}`);
  return (subs ?? []).reduce((text, sub, i) => text.replace(`$${i + 1}`, sub), en[key].message);
};

const cases = [
  // [what site.js names, the locale key it must read as]
  ['messageText 3/20', 'partMessages'],
  ['text', 'partMessages'],
  ['receivedTime 20/20', 'partTimes'],
  ['time', 'partTimes'],
  ['buyer 1/20', 'partBuyer'],
  ['messageSide', 'partSide'],
  ['side', 'partSide'],
  ['firstUnansweredTime 1/7', 'partFirstUnanswered'],
  ['firstUnanswered', 'partFirstUnanswered'],
  ['messageOriginal 2/4', 'partOriginal'],
  ['original', 'partOriginal'],
  ['replyEditor', 'partEditor'],
];

for (const [name, key] of cases) {
  test(`"${name}" reads as ${key}`, () => {
    const words = health.partsInWords([name], t);
    assert.ok(words.startsWith(en[key].message) || words.includes(en[key].message), `${name}: "${words}"`);
    assert.ok(!words.includes(en.partOther.message), `${name}: "${words}"`);
  });
}
