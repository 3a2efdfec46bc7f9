// Options: every setting Xunpan has, the template editor with a live preview, and the
// settings file. The engine runs here too (an extension page may compile WebAssembly):
// it fills in defaults, renders the preview, and validates before anything is saved.
// The service worker validates again on save; settings that do not validate are
// refused with the reason and change nothing.
import init, { WasmEngine } from './pkg/xunpan.js';
import { isChinese, localizePage, t } from './i18n.js';

const api = globalThis.browser ?? globalThis.chrome;
const { TYPES } = globalThis.XunpanMessages;
localizePage();
await init({ module_or_path: api.runtime.getURL('pkg/xunpan_bg.wasm') });

const form = document.getElementById('form');
const $ = (id) => document.getElementById(id);
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DEFAULT_TEMPLATES = new WasmEngine(null).templates();
const isDefault = (id) => DEFAULT_TEMPLATES.some((d) => d.id === id);

async function ask(type, fields = {}) {
  const reply = await api.runtime.sendMessage({ type, ...fields });
  if (reply?.error) throw new Error(reply.error);
  return reply;
}

/** The stored settings with every default filled in (through the engine). */
async function loadSettings() {
  const { settings, policy } = await ask(TYPES.GET_STATE);
  $('policyNote').hidden = !policy;
  try {
    return new WasmEngine(settings ?? null).settings();
  } catch {
    return new WasmEngine(null).settings();
  }
}

let settings = await loadSettings();
let templates = new WasmEngine(settings).templates();
let selected = 0;

// --- the form <-> settings ---------------------------------------------------------------

const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const field = (name) => form.elements.namedItem(name);

function fill(s) {
  for (const [k, v] of Object.entries(s.reply.profile)) if (field(`profile.${k}`)) field(`profile.${k}`).value = v;
  for (const d of DAYS) field(`hours.${d}`).value = (s.policy.workingHours[d] ?? []).join(', ');
  field('policy.saturday').value = s.policy.saturday;
  for (const k of ['working', 'afterHours', 'sunday']) field(`targets.${k}`).value = s.policy.targets[k];
  field('policy.dueSoonMinutes').value = s.policy.dueSoonMinutes;
  field('policy.holidays').value = s.policy.holidays.join('\n');
  field('zone').value = s.zone ?? '';
  field('triage.spamThreshold').value = s.triage.spamThreshold;
  field('triage.suspiciousThreshold').value = s.triage.suspiciousThreshold;
  field('lists.allow').value = s.triage.lists.allow.join('\n');
  field('lists.deny').value = s.triage.lists.deny.join('\n');
  field('rfq.keywords').value = (s.rfq?.keywords ?? []).join('\n');
  field('rfq.freshHours').value = s.rfq?.freshHours ?? 24;
  field('notifications.enabled').checked = s.notifications.enabled;
  field('quiet.start').value = s.notifications.quietHours?.start ?? '';
  field('quiet.end').value = s.notifications.quietHours?.end ?? '';
  field('language').value = s.language;
  field('overrides').value = Object.entries(s.selectorOverrides).map(([k, v]) => `${k} = ${v}`).join('\n');
  const l = s.triage.learned;
  $('learned').textContent = t('learnedCounts', [String(l.spamDocs), String(l.genuineDocs)]);
}

/** The settings as the form shows them (templates from the editor). */
function collect() {
  const s = structuredClone(settings);
  for (const k of Object.keys(s.reply.profile)) if (field(`profile.${k}`)) s.reply.profile[k] = field(`profile.${k}`).value.trim();
  s.reply.profile.signature = field('profile.signature').value;
  for (const d of DAYS) {
    const shifts = field(`hours.${d}`).value.split(',').map((x) => x.trim()).filter(Boolean);
    if (shifts.length) s.policy.workingHours[d] = shifts;
    else delete s.policy.workingHours[d];
  }
  s.policy.saturday = field('policy.saturday').value;
  for (const k of ['working', 'afterHours', 'sunday']) s.policy.targets[k] = Number(field(`targets.${k}`).value);
  s.policy.dueSoonMinutes = Number(field('policy.dueSoonMinutes').value);
  s.policy.holidays = lines(field('policy.holidays').value);
  const zone = field('zone').value.trim();
  if (zone) s.zone = zone;
  else delete s.zone;
  s.triage.spamThreshold = Number(field('triage.spamThreshold').value);
  s.triage.suspiciousThreshold = Number(field('triage.suspiciousThreshold').value);
  s.triage.lists = { allow: lines(field('lists.allow').value), deny: lines(field('lists.deny').value) };
  s.rfq = { keywords: lines(field('rfq.keywords').value), freshHours: Number(field('rfq.freshHours').value) };
  s.notifications.enabled = field('notifications.enabled').checked;
  const [qs, qe] = [field('quiet.start').value.trim(), field('quiet.end').value.trim()];
  if (qs && qe) s.notifications.quietHours = { start: qs, end: qe };
  else delete s.notifications.quietHours;
  s.language = field('language').value;
  s.selectorOverrides = {};
  for (const line of lines(field('overrides').value)) {
    const m = line.match(/^([\w.-]+)\s*=\s*(.+)$/);
    if (m) s.selectorOverrides[m[1]] = m[2];
  }
  // Only what differs from the defaults is kept as the rep's own templates.
  s.reply.templates = templates.filter((tpl) => {
    const d = DEFAULT_TEMPLATES.find((x) => x.id === tpl.id);
    return !d || d.body !== tpl.body || d.name !== tpl.name || d.nameZh !== tpl.nameZh;
  });
  // The default order is stored as none, so a later release's new templates fit in.
  const order = templates.map((tpl) => tpl.id);
  s.reply.order = order.join() === DEFAULT_TEMPLATES.map((tpl) => tpl.id).join() ? [] : order;
  return s;
}

function say(el, ok, text) {
  el.className = ok ? 'ok' : 'error';
  el.textContent = text;
}

async function save(next, out) {
  try {
    new WasmEngine(next).free(); // validate here first, with the same rules
    await ask(TYPES.SAVE_SETTINGS, { settings: next });
    settings = next;
    say(out, true, t('saved'));
    return true;
  } catch (err) {
    say(out, false, `${t('importRefused')} ${String(err.message ?? err)}`);
    return false;
  }
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const languageBefore = settings.language;
  // A new language shows at once: the page is drawn again in it.
  if ((await save(collect(), $('saved'))) && settings.language !== languageBefore) location.reload();
});

// --- the template editor -----------------------------------------------------------------------

function drawList() {
  const list = $('tplList');
  list.replaceChildren(...templates.map((tpl, n) => {
    const o = document.createElement('option');
    o.value = String(n);
    const name = (isChinese() && tpl.nameZh) || tpl.name || tpl.id;
    o.textContent = `${name}${isDefault(tpl.id) ? '' : ' ★'}`;
    return o;
  }));
  selected = Math.min(selected, templates.length - 1);
  list.value = String(selected);
  const tpl = templates[selected];
  $('tplId').value = tpl.id;
  $('tplId').readOnly = isDefault(tpl.id);
  $('tplName').value = tpl.name;
  $('tplNameZh').value = tpl.nameZh;
  $('tplDescription').textContent = (isChinese() ? tpl.descriptionZh || tpl.description : tpl.description || tpl.descriptionZh) ?? '';
  $('tplBody').value = tpl.body;
  $('tplDelete').disabled = isDefault(tpl.id);
  preview();
}

function edit() {
  const tpl = templates[selected];
  if (!isDefault(tpl.id)) tpl.id = $('tplId').value.trim();
  tpl.name = $('tplName').value;
  tpl.nameZh = $('tplNameZh').value;
  tpl.body = $('tplBody').value;
  preview();
}

/** Renders the selected template for the sample inquiry, with its lint flags. */
function preview() {
  const out = $('preview');
  const flags = $('previewLint');
  flags.replaceChildren();
  let engine = null;
  try {
    engine = new WasmEngine(collect());
    const inquiry = {
      body: $('sample').value || 'Hello, is the 20 inch available? What is the price for 100 pcs FOB Shenzhen?',
      buyer: { name: 'Mr. John Smith', country: 'US' },
      product: { title: 'Sample product' },
    };
    const r = engine.render(inquiry, templates[selected].id, Date.now(), { offsetMinutes: -new Date().getTimezoneOffset() });
    out.textContent = r.text;
    for (const f of r.lint) {
      const li = document.createElement('li');
      li.textContent = isChinese() ? f.fixZh : f.fix;
      flags.append(li);
    }
  } catch (err) {
    out.textContent = String(err.message ?? err);
  } finally {
    engine?.free();
  }
}

$('tplList').addEventListener('change', (e) => {
  selected = Number(e.target.value);
  drawList();
});
for (const id of ['tplId', 'tplName', 'tplNameZh', 'tplBody', 'sample']) $(id).addEventListener('input', () => (id === 'sample' ? preview() : edit()));
$('tplId').addEventListener('change', drawList);
$('tplNew').addEventListener('click', () => {
  let n = 1;
  while (templates.some((tpl) => tpl.id === `my_template_${n}`)) n++;
  templates.push({ id: `my_template_${n}`, name: t('tplNewName'), nameZh: '', description: '', descriptionZh: '', body: 'Dear {{buyer_given_name}},\n\n\n\nBest regards,\n{{signature}}' });
  selected = templates.length - 1;
  drawList();
});
$('tplDuplicate').addEventListener('click', () => {
  const tpl = templates[selected];
  let n = 2;
  while (templates.some((x) => x.id === `${tpl.id}_${n}`)) n++;
  templates.splice(selected + 1, 0, { ...tpl, id: `${tpl.id}_${n}`, name: `${tpl.name} (${n})` });
  selected += 1;
  drawList();
});
$('tplDelete').addEventListener('click', () => {
  if (isDefault(templates[selected].id)) return;
  templates.splice(selected, 1);
  drawList();
});
const move = (by) => {
  const to = selected + by;
  if (to < 0 || to >= templates.length) return;
  [templates[selected], templates[to]] = [templates[to], templates[selected]];
  selected = to;
  drawList();
};
$('tplUp').addEventListener('click', () => move(-1));
$('tplDown').addEventListener('click', () => move(1));
$('tplReset').addEventListener('click', () => {
  templates = structuredClone(DEFAULT_TEMPLATES);
  selected = 0;
  drawList();
});
$('tplExport').addEventListener('click', () => download(`xunpan-templates-${new Date().toISOString().slice(0, 10)}.json`, templates));
$('tplImport').addEventListener('change', async (e) => {
  const file = e.target.files?.[0];
  if (!file) return;
  try {
    let imported;
    try {
      imported = JSON.parse(await file.text());
    } catch (err) {
      throw new Error(`not JSON (${err.message})`);
    }
    if (!Array.isArray(imported)) throw new Error('a templates file holds a list of templates');
    const next = collect();
    next.reply.templates = imported;
    const check = new WasmEngine(next); // refuses bad templates with the reason
    templates = check.templates();
    check.free();
    selected = 0;
    drawList();
    say($('tplResult'), true, t('importDone'));
  } catch (err) {
    say($('tplResult'), false, `${t('importRefused')} ${String(err.message ?? err)}`);
  } finally {
    e.target.value = '';
  }
});

// --- the learned filter, the settings file ---------------------------------------------------

$('forget').addEventListener('click', async () => {
  const next = collect();
  next.triage.learned = { spamDocs: 0, genuineDocs: 0, tokens: {} };
  if (await save(next, $('saved'))) fill(settings);
});

function download(name, data) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

$('export').addEventListener('click', () => download(`xunpan-settings-${new Date().toISOString().slice(0, 10)}.json`, collect()));

$('import').addEventListener('change', async (e) => {
  const out = $('importResult');
  const file = e.target.files?.[0];
  if (!file) return;
  try {
    let next;
    try {
      next = JSON.parse(await file.text());
    } catch (err) {
      throw new Error(`not JSON (${err.message})`);
    }
    if (await save(next, out)) {
      settings = new WasmEngine(next).settings();
      templates = new WasmEngine(settings).templates();
      fill(settings);
      drawList();
      say(out, true, t('importDone'));
    }
  } catch (err) {
    say(out, false, `${t('importRefused')} ${String(err.message ?? err)}`);
  } finally {
    e.target.value = '';
  }
});

// The preview follows the whole form: a new signature shows at once.
let previewTimer = null;
form.addEventListener('input', (e) => {
  if (e.target.closest('#templates')) return;
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 150);
});

fill(settings);
drawList();
// The page takes input only now that it shows the stored settings: typing before would
// be overwritten by them, and a Save pressed before would be lost.
for (const el of document.querySelectorAll('fieldset, button[type=submit]')) el.disabled = false;
form.removeAttribute('aria-busy');
