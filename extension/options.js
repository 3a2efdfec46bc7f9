// Options: the rep's profile, language, selector overrides, and the settings file.
// Every save goes through the service worker, which validates with the engine first:
// settings that do not validate are refused with the reason and change nothing.
import { localizePage, t } from './i18n.js';

const api = globalThis.browser ?? globalThis.chrome;
const { TYPES } = globalThis.XunpanMessages;
localizePage();

const form = document.getElementById('form');
const DEFAULTS = { format: 'xunpan-settings', version: 1 };

async function ask(type, fields = {}) {
  const reply = await api.runtime.sendMessage({ type, ...fields });
  if (reply?.error) throw new Error(reply.error);
  return reply;
}

async function current() {
  const { settings } = await ask(TYPES.GET_STATE);
  return settings ?? { ...DEFAULTS };
}

function fill(settings) {
  const profile = settings.reply?.profile ?? {};
  form.repName.value = profile.repName ?? '';
  form.company.value = profile.company ?? '';
  form.signature.value = profile.signature ?? '';
  form.language.value = settings.language ?? 'en';
  form.zone.value = settings.zone ?? '';
  form.overrides.value = Object.entries(settings.selectorOverrides ?? {})
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
}

function overridesFromText(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*([\w.-]+)\s*=\s*(.+?)\s*$/);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = document.getElementById('saved');
  const settings = await current();
  settings.reply = settings.reply ?? {};
  settings.reply.profile = {
    ...(settings.reply.profile ?? {}),
    repName: form.repName.value.trim(),
    company: form.company.value.trim(),
    signature: form.signature.value,
  };
  settings.language = form.language.value;
  if (form.zone.value.trim()) settings.zone = form.zone.value.trim();
  else delete settings.zone;
  settings.selectorOverrides = overridesFromText(form.overrides.value);
  try {
    await ask(TYPES.SAVE_SETTINGS, { settings });
    out.className = 'ok';
    out.textContent = t('saved');
  } catch (err) {
    out.className = 'error';
    out.textContent = `${t('importRefused')} ${err.message}`;
  }
});

document.getElementById('export').addEventListener('click', async () => {
  const settings = await current();
  const blob = new Blob([JSON.stringify({ ...DEFAULTS, ...settings }, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `xunpan-settings-${new Date().toISOString().slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

document.getElementById('import').addEventListener('change', async (e) => {
  const out = document.getElementById('importResult');
  const file = e.target.files?.[0];
  if (!file) return;
  try {
    let settings;
    try {
      settings = JSON.parse(await file.text());
    } catch (err) {
      throw new Error(`not JSON (${err.message})`);
    }
    await ask(TYPES.SAVE_SETTINGS, { settings });
    fill(await current());
    out.className = 'ok';
    out.textContent = t('importDone');
  } catch (err) {
    out.className = 'error';
    out.textContent = `${t('importRefused')} ${err.message}`;
  } finally {
    e.target.value = '';
  }
});

fill(await current());
