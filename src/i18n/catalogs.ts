import { catalogKey } from './catalog-key.js';
import type { Messages } from './messages.en.js';

/**
 * The catalogs other than English, by catalog key (see `catalogKey`), each a chunk of its own. This table is a chunk
 * too, fetched only for a locale other than English: the first paint carries neither catalogs nor their names. Each
 * module exports its catalog as `messages`; `supportedLocales` (localizer.ts) names the same languages.
 */
const catalogs: Record<string, () => Promise<{ messages: Messages }>> = {
  de: () => import('./messages.de.js'),
  sv: () => import('./messages.sv.js'),
  fr: () => import('./messages.fr.js'),
  es: () => import('./messages.es.js'),
  pt: () => import('./messages.pt.js'),
  it: () => import('./messages.it.js'),
  nl: () => import('./messages.nl.js'),
  pl: () => import('./messages.pl.js'),
  ru: () => import('./messages.ru.js'),
  ja: () => import('./messages.ja.js'),
  'zh-Hans': () => import('./messages.zh-Hans.js'),
  ko: () => import('./messages.ko.js'),
  ar: () => import('./messages.ar.js'),
  he: () => import('./messages.he.js'),
};

/** The catalog keys that have a catalog here. */
export const catalogKeys = Object.keys(catalogs);

/** Loads the catalog a valid BCP 47 tag reads (`de-AT` German, `zh-CN` Simplified Chinese); none for others. */
export function loadCatalog(locale: string): Promise<Messages> | undefined {
  return catalogs[catalogKey(locale)]?.().then((module) => module.messages);
}
