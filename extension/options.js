// Options: every setting Xunpan has, the template editor with a live preview, and the
// settings file. The engine runs here too (an extension page may compile WebAssembly):
// it fills in defaults, renders the preview, and judges every field.
//
// Each field is checked where it is, as the rep leaves it and again on Save, by the
// engine's own rules (a settings document with that one field changed must build an
// engine) — and read back, so hours typed "8.30 - 5.30pm" show as the engine stores
// them, 08:30-17:30. A field that does not pass is marked with what to write, in the
// UI language; Save stores every field that passes, keeps the stored value of one that
// does not, and says so: never "Saved." for what was not. The learned spam filter is
// not part of a Save (it is stored apart; see worker-policy.js). Export writes what is
// saved, never unsaved edits.
import init, { WasmEngine, loadLanguageVersions, loadLanguageWords, useConceptTables } from './pkg/xunpan.js';
import { isChinese, keepLanguage, localizePage, t } from './i18n.js';
import { readJsonFile } from './settings-file.js';
import { fileDay } from './export.js';

const api = globalThis.browser ?? globalThis.chrome;
const { TYPES } = globalThis.XunpanMessages;
await init({ module_or_path: api.runtime.getURL('pkg/xunpan_bg.wasm') });
useConceptTables(await (await fetch(api.runtime.getURL('data/concept-tables.txt'))).text());
// The buyers' languages: data files of the extension (the table that tells Latin-script
// languages apart, the default templates in them).
await Promise.all([
  fetch(api.runtime.getURL('language-words.tsv')).then((r) => r.text()).then((t) => loadLanguageWords(t)).catch(() => {}),
  fetch(api.runtime.getURL('template-versions.json')).then((r) => r.text()).then((t) => loadLanguageVersions(t)).catch(() => {}),
]);

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

/** `settings` without the learned filter (stored apart, never saved from here). */
function withoutLearned(settings) {
  const copy = structuredClone(settings);
  if (copy.triage) delete copy.triage.learned;
  return copy;
}

/**
 * The engine's reading of a settings document: the document with every default filled
 * in and every value as stored, or the engine's reason for refusing it (thrown).
 */
function engineReading(doc) {
  const engine = new WasmEngine(doc);
  try {
    return engine.settings();
  } finally {
    engine.free();
  }
}

/** The stored settings in force with every default filled in (learned filter included). */
async function loadSettings() {
  const { settings, policy } = await ask(TYPES.GET_STATE);
  $('policyNote').hidden = !policy;
  try {
    return engineReading(settings ?? null);
  } catch {
    return engineReading(null);
  }
}

let saved = await loadSettings(); // what is stored, as the engine reads it
let templates = new WasmEngine(saved).templates();
let selected = 0;
let dirty = false; // the form holds edits not saved yet

// --- fields: how each is read from the settings, written into them, and judged --------------

const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const control = (name) => form.elements.namedItem(name);
/** A number field's value; NaN when empty (an empty target is not 0 minutes). */
const number = (name) => (control(name).value.trim() === '' ? NaN : Number(control(name).value));

/**
 * Every field of the form: `read(settings)` gives the value to show, `write(settings)`
 * puts the field's value into a settings document, `error(message)` names what to
 * write instead (`message`: the engine's reason, in English).
 */
const FIELDS = [];
const field = (name, read, write, error) => FIELDS.push({ name, read, write, error });

const PROFILE = ['repName', 'company', 'yearsInBusiness', 'mainProducts', 'qualityFacts', 'deliveryFacts', 'signature', 'contactEmail', 'contactPhone', 'contactWhatsapp'];
for (const key of PROFILE) {
  field(`profile.${key}`, (s) => s.reply.profile[key] ?? '', (s) => {
    const value = control(`profile.${key}`).value;
    s.reply.profile[key] = key === 'signature' ? value : value.trim();
  }, () => t('errInvalid'));
}
const hoursError = (message) => {
  if (/end must be after/.test(message)) return t('errHoursOrder');
  if (/overlap/.test(message)) return t('errHoursOverlap');
  return t('errHours');
};
for (const day of DAYS) {
  field(`hours.${day}`, (s) => (s.policy.workingHours[day] ?? []).join(', '), (s) => {
    const shifts = control(`hours.${day}`).value.split(/[,，;；、\n]/).map((x) => x.trim()).filter(Boolean);
    if (shifts.length) s.policy.workingHours[day] = shifts;
    else delete s.policy.workingHours[day];
  }, hoursError);
}
field('policy.saturday', (s) => s.policy.saturday, (s) => { s.policy.saturday = control('policy.saturday').value; }, () => t('errInvalid'));
for (const key of ['working', 'afterHours', 'sunday']) {
  field(`targets.${key}`, (s) => s.policy.targets[key], (s) => { s.policy.targets[key] = number(`targets.${key}`); }, () => t('errTarget'));
}
field('policy.dueSoonMinutes', (s) => s.policy.dueSoonMinutes, (s) => { s.policy.dueSoonMinutes = number('policy.dueSoonMinutes'); }, () => t('errDueSoon'));
field('policy.holidays', (s) => s.policy.holidays.join('\n'), (s) => { s.policy.holidays = lines(control('policy.holidays').value); }, () => t('errHolidays'));
for (const list of ['allow', 'deny']) {
  field(`lists.${list}`, (s) => s.triage.lists[list].join('\n'), (s) => { s.triage.lists[list] = lines(control(`lists.${list}`).value); }, () => t('errList'));
}
field('rfq.keywords', (s) => (s.rfq?.keywords ?? []).join('\n'), (s) => { s.rfq.keywords = lines(control('rfq.keywords').value); }, () => t('errKeywords'));
field('rfq.freshHours', (s) => s.rfq?.freshHours ?? 24, (s) => { s.rfq.freshHours = number('rfq.freshHours'); }, () => t('errFreshHours'));
field('notifications.enabled', (s) => s.notifications.enabled, (s) => { s.notifications.enabled = control('notifications.enabled').checked; }, () => t('errInvalid'));
for (const end of ['start', 'end']) {
  // One setting in two fields: both are refused together, the one at fault is marked.
  field(`quiet.${end}`, (s) => s.notifications.quietHours?.[end] ?? '', (s) => {
    const [start, stop] = [control('quiet.start').value.trim(), control('quiet.end').value.trim()];
    if (!start && !stop) delete s.notifications.quietHours;
    else if (!start || !stop) throw new Error('both');
    else s.notifications.quietHours = { start, end: stop };
  }, (message) => {
    if (message === 'both') return control(`quiet.${end}`).value.trim() ? '' : t('errQuietPair');
    return message.includes(`'${control(`quiet.${end}`).value.trim()}'`) ? t('errTime') : '';
  });
}
field('language', (s) => s.language, (s) => { s.language = control('language').value; }, () => t('errInvalid'));
for (const key of ['spamThreshold', 'suspiciousThreshold']) {
  field(`triage.${key}`, (s) => s.triage[key], (s) => { s.triage[key] = number(`triage.${key}`); }, () => t('errThreshold'));
}
field('zone', (s) => s.zone ?? '', (s) => {
  const zone = control('zone').value.trim();
  if (zone) s.zone = zone;
  else delete s.zone;
}, () => t('errZone'));
field('overrides', (s) => Object.entries(s.selectorOverrides).map(([k, v]) => `${k} = ${v}`).join('\n'), (s) => {
  s.selectorOverrides = {};
  for (const line of lines(control('overrides').value)) {
    const m = line.match(/^([\w.-]+)\s*=\s*(.+)$/);
    if (!m) throw new Error(line);
    try {
      document.createDocumentFragment().querySelector(m[2]);
    } catch {
      throw new Error(line);
    }
    s.selectorOverrides[m[1]] = m[2];
  }
}, (message) => t('errOverrides', [message]));

const byName = new Map(FIELDS.map((f) => [f.name, f]));

/** Shows `text` as the field's problem (null: none), where the field is. */
function markField(el, text) {
  const id = `err-${el.name || el.id}`;
  let note = document.getElementById(id);
  if (!text) {
    el.removeAttribute('aria-invalid');
    if (note) note.hidden = true;
    return;
  }
  if (!note) {
    note = Object.assign(document.createElement('span'), { id, className: 'field-error' });
    note.setAttribute('role', 'alert');
    el.closest('label')?.append(note) ?? el.after(note);
  }
  note.textContent = text;
  note.hidden = false;
  el.setAttribute('aria-invalid', 'true');
  el.setAttribute('aria-describedby', id);
}

/**
 * Judges one field against `base` (a settings document): the document with the field
 * written in, as the engine reads it, or null with the field marked.
 */
function judge(f, base) {
  const el = control(f.name);
  const doc = structuredClone(base);
  try {
    f.write(doc);
    const reading = engineReading(doc);
    markField(el, null);
    return reading;
  } catch (err) {
    // An empty text: refused with a field that shares the setting, which is marked.
    markField(el, f.error(String(err?.message ?? err)) || null);
    return null;
  }
}

/** Writes `settings` into the form. */
function fill(s) {
  for (const f of FIELDS) {
    const el = control(f.name);
    const value = f.read(s);
    if (el.type === 'checkbox') el.checked = Boolean(value);
    else el.value = value ?? '';
    markField(el, null);
  }
  const l = s.triage.learned ?? { spamDocs: 0, genuineDocs: 0 };
  $('learned').textContent = t('learnedCounts', [String(l.spamDocs), String(l.genuineDocs)]);
}

// A field left shows at once whether it passes, and in the form the engine stores.
form.addEventListener('change', (e) => {
  const f = byName.get(e.target.name);
  if (!f) return;
  const reading = judge(f, withoutLearned(saved));
  if (reading && f.name.startsWith('hours.')) control(f.name).value = f.read(reading);
  if (reading && f.name.startsWith('quiet.')) {
    for (const end of ['start', 'end']) if (reading.notifications.quietHours) control(`quiet.${end}`).value = reading.notifications.quietHours[end];
  }
});

// --- templates -----------------------------------------------------------------------------

const problems = new Map(); // a template's JSON → its problem, as judged last

/** Why the engine refuses a template, in the UI language (null: it is fine). */
function templateProblem(tpl) {
  const key = JSON.stringify([tpl.id, tpl.body, tpl.name, tpl.nameZh, tpl.versions ?? {}]);
  if (!problems.has(key)) {
    if (problems.size > 200) problems.clear();
    problems.set(key, judgeTemplate(tpl));
  }
  return problems.get(key);
}

function judgeTemplate(tpl) {
  try {
    const doc = withoutLearned(saved);
    doc.reply.templates = [tpl];
    engineReading(doc);
    return null;
  } catch (err) {
    const message = String(err?.message ?? err);
    const variable = message.match(/unknown variable \{\{([^}]*)\}\}/);
    if (variable) return t('errTplVariable', [variable[1]]);
    if (/body is empty/.test(message)) return t('errTplEmpty');
    if (/longer than/.test(message)) return t('errTplLong');
    if (/the id must/.test(message)) return t('errTplId');
    return t('errInvalid');
  }
}

/** The rep's own templates (those that differ from the defaults) and the order. */
function writeTemplates(s, list) {
  // A default's language versions are not stored again: only the ones the rep changed.
  const ownVersions = (tpl, d) => Object.fromEntries(Object.entries(tpl.versions ?? {})
    .filter(([lang, body]) => body.trim() && body !== d?.versions?.[lang]));
  s.reply.templates = list
    .map((tpl) => {
      const d = DEFAULT_TEMPLATES.find((x) => x.id === tpl.id);
      const versions = ownVersions(tpl, d);
      const copy = { ...tpl };
      if (Object.keys(versions).length) copy.versions = versions;
      else delete copy.versions;
      return { tpl: copy, changed: !d || d.body !== tpl.body || d.name !== tpl.name || d.nameZh !== tpl.nameZh || Object.keys(versions).length > 0 };
    })
    .filter((x) => x.changed)
    .map((x) => x.tpl);
  // The default order is stored as none, so a later release's new templates fit in.
  const order = list.map((tpl) => tpl.id);
  s.reply.order = order.join() === DEFAULT_TEMPLATES.map((tpl) => tpl.id).join() ? [] : order;
}

function say(el, ok, text) {
  el.className = ok ? 'ok' : 'error';
  el.textContent = text;
}

// --- saving: every field that passes -------------------------------------------------------

/**
 * The settings to save: the stored ones with every field that passes written in, and
 * the templates that pass. Returns `{ next, refused }`, `refused` naming the fields
 * (and templates) left as stored.
 */
function collect() {
  let next = withoutLearned(saved);
  const refused = [];
  for (const f of FIELDS) {
    const reading = judge(f, next);
    if (reading) next = withoutLearned(reading);
    else refused.push(f.name);
  }
  const good = templates.filter((tpl) => !templateProblem(tpl));
  if (good.length < templates.length) refused.push('templates');
  const withTemplates = structuredClone(next);
  writeTemplates(withTemplates, good);
  next = withoutLearned(engineReading(withTemplates));
  drawList();
  return { next, refused };
}

async function save(next, out, learned) {
  try {
    await ask(TYPES.SAVE_SETTINGS, learned === undefined ? { settings: next } : { settings: next, learned });
    saved = await loadSettings();
    return true;
  } catch (err) {
    say(out, false, t('notSaved', [String(err.message ?? err)]));
    return false;
  }
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('saved');
  const languageBefore = saved.language;
  const { next, refused } = collect();
  if (!(await save(next, out))) return;
  dirty = refused.length > 0;
  // Each field saved shows as stored (hours typed 8.30 - 5.30pm read 08:30-17:30); a
  // refused one keeps what the rep typed, marked.
  for (const f of FIELDS) {
    const el = control(f.name);
    if (refused.includes(f.name) || el.type === 'checkbox') continue;
    el.value = f.read(saved) ?? '';
  }
  if (refused.length) {
    say(out, false, t('savedExcept', [String(refused.length)]));
    const first = refused[0] === 'templates' ? $('tplBody') : control(refused[0]);
    first?.closest('details')?.setAttribute('open', '');
    first?.focus();
  } else {
    say(out, true, t('saved'));
  }
  // A new language shows at once: the page is drawn again in it.
  if (saved.language !== languageBefore) {
    const Locale = globalThis.XunpanLocale;
    const language = Locale.LANGUAGES.includes(saved.language) ? saved.language : null;
    keepLanguage(language, language ? await Locale.load(language) : null);
    location.reload();
  }
});

form.addEventListener('input', () => {
  dirty = true;
  if ($('saved').textContent) $('saved').textContent = '';
});

// --- the template editor -----------------------------------------------------------------------

function drawList() {
  const list = $('tplList');
  list.replaceChildren(...templates.map((tpl, n) => {
    const o = document.createElement('option');
    o.value = String(n);
    const name = (isChinese() && tpl.nameZh) || tpl.name || tpl.id;
    const problem = templateProblem(tpl);
    o.textContent = `${problem ? '⚠ ' : ''}${name}${isDefault(tpl.id) ? '' : ' ★'}`;
    return o;
  }));
  selected = Math.max(0, Math.min(selected, templates.length - 1));
  list.value = String(selected);
  const tpl = templates[selected];
  $('tplId').value = tpl.id;
  $('tplId').readOnly = isDefault(tpl.id);
  $('tplName').value = tpl.name;
  $('tplNameZh').value = tpl.nameZh;
  $('tplDescription').textContent = (isChinese() ? tpl.descriptionZh || tpl.description : tpl.description || tpl.descriptionZh) ?? '';
  $('tplBody').value = bodyIn(tpl, $('tplLanguage').value);
  $('tplDelete').disabled = isDefault(tpl.id);
  showTemplateProblem();
  preview();
}

function showTemplateProblem() {
  const problem = templateProblem(templates[selected]);
  const note = $('err-tplBody');
  note.textContent = problem ?? '';
  note.hidden = !problem;
  if (problem) $('tplBody').setAttribute('aria-invalid', 'true');
  else $('tplBody').removeAttribute('aria-invalid');
}

function edit() {
  const tpl = templates[selected];
  if (!isDefault(tpl.id)) tpl.id = $('tplId').value.trim();
  tpl.name = $('tplName').value;
  tpl.nameZh = $('tplNameZh').value;
  const language = $('tplLanguage').value;
  if (language === 'en') tpl.body = $('tplBody').value;
  else {
    tpl.versions = { ...(tpl.versions ?? {}) };
    if ($('tplBody').value.trim()) tpl.versions[language] = $('tplBody').value;
    else delete tpl.versions[language];
  }
  dirty = true;
  showTemplateProblem();
  preview();
}

/** The template's text in `language` (English is its body; no version: empty). */
function bodyIn(tpl, language) {
  return language === 'en' ? tpl.body : (tpl.versions?.[language] ?? '');
}

/** Renders the selected template for the sample inquiry, with its lint flags. */
function preview() {
  const out = $('preview');
  const flags = $('previewLint');
  flags.replaceChildren();
  let engine = null;
  try {
    // The profile as typed (what signs the reply) over the stored settings.
    let doc = withoutLearned(saved);
    for (const key of PROFILE) byName.get(`profile.${key}`).write(doc);
    writeTemplates(doc, templates.filter((tpl) => !templateProblem(tpl)));
    engine = new WasmEngine(doc);
    const inquiry = {
      body: $('sample').value || 'Hello, is the 20 inch available? What is the price for 100 pcs FOB Shenzhen?',
      buyer: { name: 'Mr. John Smith', country: 'US' },
      product: { title: 'Sample product' },
    };
    const tpl = templates[selected];
    if (templateProblem(tpl)) {
      out.textContent = '';
      return;
    }
    const r = engine.render(inquiry, tpl.id, Date.now(), { offsetMinutes: -new Date().getTimezoneOffset() }, $('tplLanguage').value);
    out.textContent = r.text;
    for (const f of r.lint) {
      const li = document.createElement('li');
      li.textContent = isChinese() ? f.fixZh : f.fix;
      flags.append(li);
    }
  } catch {
    out.textContent = '';
  } finally {
    engine?.free();
  }
}

$('tplList').addEventListener('change', (e) => {
  selected = Number(e.target.value);
  drawList();
});
for (const id of ['tplId', 'tplName', 'tplNameZh', 'tplBody', 'sample']) $(id).addEventListener('input', () => (id === 'sample' ? preview() : edit()));
// Another language version of the same template: its text in the editor, its preview.
$('tplLanguage').addEventListener('change', () => {
  $('tplBody').value = bodyIn(templates[selected], $('tplLanguage').value);
  preview();
});
$('tplId').addEventListener('change', drawList);
$('tplNew').addEventListener('click', () => {
  let n = 1;
  while (templates.some((tpl) => tpl.id === `my_template_${n}`)) n++;
  templates.push({ id: `my_template_${n}`, name: t('tplNewName'), nameZh: '', description: '', descriptionZh: '', body: 'Dear {{buyer_given_name}},\n\n\n\nBest regards,\n{{signature}}' });
  selected = templates.length - 1;
  dirty = true;
  drawList();
});
$('tplDuplicate').addEventListener('click', () => {
  const tpl = templates[selected];
  let n = 2;
  while (templates.some((x) => x.id === `${tpl.id}_${n}`)) n++;
  templates.splice(selected + 1, 0, { ...tpl, id: `${tpl.id}_${n}`, name: `${tpl.name} (${n})` });
  selected += 1;
  dirty = true;
  drawList();
});
$('tplDelete').addEventListener('click', () => {
  if (isDefault(templates[selected].id)) return;
  templates.splice(selected, 1);
  dirty = true;
  drawList();
});
const move = (by) => {
  const to = selected + by;
  if (to < 0 || to >= templates.length) return;
  [templates[selected], templates[to]] = [templates[to], templates[selected]];
  selected = to;
  dirty = true;
  drawList();
};
$('tplUp').addEventListener('click', () => move(-1));
$('tplDown').addEventListener('click', () => move(1));
$('tplReset').addEventListener('click', () => {
  templates = structuredClone(DEFAULT_TEMPLATES);
  selected = 0;
  dirty = true;
  drawList();
});
$('tplExport').addEventListener('click', () => download(`xunpan-templates-${fileDay()}.json`, templates));
$('tplImport').addEventListener('change', async (e) => {
  const file = e.target.files?.[0];
  if (!file) return;
  try {
    let imported;
    try {
      imported = JSON.parse(await file.text());
    } catch {
      throw new Error(t('errNotJson'));
    }
    if (!Array.isArray(imported)) throw new Error(t('errNotTemplates'));
    const doc = withoutLearned(saved);
    doc.reply.templates = imported;
    let check;
    try {
      check = new WasmEngine(doc); // refuses bad templates with the reason
    } catch (err) {
      throw new Error(fileProblem(err));
    }
    templates = check.templates();
    check.free();
    selected = 0;
    dirty = true;
    drawList();
    say($('tplResult'), true, t('tplImportDone'));
  } catch (err) {
    say($('tplResult'), false, t('importRefused', [String(err.message ?? err)]));
  } finally {
    e.target.value = '';
  }
});

// --- the learned filter, the settings file ---------------------------------------------------

$('forget').addEventListener('click', async () => {
  if (await save(withoutLearned(saved), $('saved'), null)) {
    fill(saved);
    say($('saved'), true, t('forgotten'));
  }
});

function download(name, data, type = 'application/json') {
  const text = typeof data === 'string' ? data : JSON.stringify(data, null, 2);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// What is saved, never the form's unsaved (or refused) edits: the file must import back.
$('export').addEventListener('click', async () => {
  const { settings } = await ask(TYPES.GET_STATE);
  download(`xunpan-settings-${fileDay()}.json`, engineReading(settings ?? null));
  say($('importResult'), true, t(dirty ? 'exportedSavedOnly' : 'exported'));
});

/** Why a settings file (or templates file) is refused, in the UI language. */
function fileProblem(err) {
  const message = String(err?.message ?? err);
  if (/not JSON/.test(message)) return t('errNotJson');
  if (/marker|not Xunpan settings|one JSON object/.test(message)) return t('errNotSettingsFile');
  if (/newer Xunpan/.test(message)) return t('errNewerFile');
  return t('errInFile', [message]);
}

$('import').addEventListener('change', async (e) => {
  const out = $('importResult');
  const file = e.target.files?.[0];
  if (!file) return;
  try {
    const next = await readJsonFile(file);
    let reading;
    try {
      reading = engineReading(next);
    } catch (err) {
      throw new Error(fileProblem(err));
    }
    // A file with a learned filter brings it (a company's shared examples); one
    // without leaves the rep's own.
    const learned = next?.triage?.learned ? reading.triage.learned : undefined;
    if (await save(withoutLearned(reading), out, learned)) {
      templates = new WasmEngine(saved).templates();
      fill(saved);
      drawList();
      dirty = false;
      say(out, true, t('importDone'));
    }
  } catch (err) {
    say(out, false, t('importRefused', [String(err.message ?? err)]));
  } finally {
    e.target.value = '';
  }
});

// For the `xunpan` command-line tool: the items seen, as inquiries (JSON Lines).
$('exportJsonl').addEventListener('click', async () => {
  const { toJsonl } = await import('./export.js');
  const { items } = await api.storage.local.get('items');
  download(`xunpan-inquiries-${fileDay()}.jsonl`, toJsonl(Object.values(items ?? {})), 'application/x-ndjson');
});

// The preview follows the whole form: a new signature shows at once.
let previewTimer = null;
form.addEventListener('input', (e) => {
  if (e.target.closest('#templates')) return;
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 150);
});

// The browser's own file buttons speak the browser's language, not Xunpan's: each
// import is a button of ours that opens its (hidden) file chooser.
for (const id of ['import', 'tplImport']) {
  const input = $(id);
  const label = input.closest('label');
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: label.querySelector('span').textContent });
  button.addEventListener('click', () => input.click());
  label.replaceWith(button, input);
  input.hidden = true;
}

fill(saved);
drawList();
localizePage();
// The page takes input only now that it shows the stored settings: typing before would
// be overwritten by them, and a Save pressed before would be lost.
for (const el of document.querySelectorAll('fieldset, button[type=submit]')) el.disabled = false;
form.removeAttribute('aria-busy');
