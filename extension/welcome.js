// The page a new install opens: the four things a reply needs (name, company,
// signature, working hours in the rep's time zone), or a team settings file instead,
// and where Xunpan shows itself. Saving goes through the worker like Options does, so
// the engine checks the settings before anything is stored.

import { localizePage, t } from './i18n.js';
import { readJsonFile } from './settings-file.js';

const api = globalThis.browser ?? globalThis.chrome;
const { TYPES } = globalThis.XunpanMessages;

/** Asks the worker; its refusal (a reason) becomes an error. */
async function ask(type, fields = {}) {
  const reply = await api.runtime.sendMessage({ type, ...fields });
  if (reply?.error) throw new Error(reply.error);
  return reply;
}
const $ = (id) => document.getElementById(id);
const form = $('setup');
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

localizePage();

/** The browser's time zone, as the reply clocks use it: "Asia/Shanghai (UTC+08:00)". */
function zoneLabel(now = new Date()) {
  const minutes = -now.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { offset, label: name ? `${name} (UTC${offset})` : `UTC${offset}` };
}

function say(el, ok, text) {
  el.textContent = text;
  el.className = ok ? 'ok' : 'error';
}

const { settings } = await ask(TYPES.GET_STATE);
const zone = zoneLabel();
$('zone').textContent = zone.label;
const profile = settings?.reply?.profile ?? {};
form.elements.namedItem('repName').value = profile.repName ?? '';
form.elements.namedItem('company').value = profile.company ?? '';
form.elements.namedItem('signature').value = profile.signature ?? '';
const hours = settings?.policy?.workingHours ?? {};
if (hours.mon?.length) form.elements.namedItem('weekdays').value = hours.mon.join(', ');
if (hours.sat?.length) form.elements.namedItem('saturday').value = hours.sat.join(', ');

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('result');
  const value = (name) => form.elements.namedItem(name).value.trim();
  const missing = ['repName', 'company'].filter((name) => !value(name));
  for (const name of ['repName', 'company']) {
    form.elements.namedItem(name).setAttribute('aria-invalid', String(missing.includes(name)));
  }
  if (missing.length) {
    say(out, false, t('welcomeNeedName'));
    form.elements.namedItem(missing[0]).focus();
    return;
  }
  const { settings: current } = await ask(TYPES.GET_STATE);
  // Nothing stored yet on a new install: a settings document of its own.
  const next = structuredClone(current ?? { format: 'xunpan-settings', version: 1 });
  next.format ??= 'xunpan-settings';
  next.version ??= 1;
  delete next.triage?.learned; // stored apart; a Save keeps the stored one
  next.reply ??= {};
  next.reply.profile = { ...(next.reply.profile ?? {}), repName: value('repName'), company: value('company'), signature: value('signature') };
  next.policy ??= {};
  next.policy.workingHours = { ...(next.policy.workingHours ?? {}) };
  const weekdays = value('weekdays');
  for (const day of WEEKDAYS) {
    if (weekdays) next.policy.workingHours[day] = [weekdays];
    else delete next.policy.workingHours[day];
  }
  if (value('saturday')) next.policy.workingHours.sat = [value('saturday')];
  else delete next.policy.workingHours.sat;
  next.zone = zone.offset;
  try {
    await ask(TYPES.SAVE_SETTINGS, { settings: next });
    say(out, true, t('welcomeSaved'));
  } catch (err) {
    say(out, false, t('importRefused', [String(err.message ?? err)]));
  }
});

$('import').addEventListener('change', async (e) => {
  const out = $('importResult');
  const file = e.target.files?.[0];
  if (!file) return;
  try {
    const next = await readJsonFile(file);
    const learned = next?.triage?.learned;
    if (next?.triage) delete next.triage.learned;
    await ask(TYPES.SAVE_SETTINGS, learned ? { settings: next, learned } : { settings: next });
    say(out, true, t('importDone'));
    const { settings: now } = await ask(TYPES.GET_STATE);
    form.elements.namedItem('repName').value = now?.reply?.profile?.repName ?? '';
    form.elements.namedItem('company').value = now?.reply?.profile?.company ?? '';
    form.elements.namedItem('signature').value = now?.reply?.profile?.signature ?? '';
  } catch (err) {
    say(out, false, t('importRefused', [String(err.message ?? err)]));
  } finally {
    e.target.value = '';
  }
});
