// Reading a settings file the rep picked (Options' import and the welcome page's):
// its JSON, or an error that says in the UI language that the file is not JSON.
import { t } from './i18n.js';

/** The JSON of a picked file; throws an Error worded for the rep when it is not JSON. */
export async function readJsonFile(file) {
  try {
    return JSON.parse(await file.text());
  } catch {
    throw new Error(t('errNotJson'));
  }
}
