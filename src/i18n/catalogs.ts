import { catalogKey } from './catalog-key.js';
import type { ThreadMessages } from './messages.en.js';

/**
 * The words that show a thread in each language other than English, by catalog key (see `catalogKey`): a chunk of a
 * few hundred bytes each, fetched before the first comment of a page in that language. This table is a chunk too,
 * which a page in English never fetches. The rest of a language's words wait for the form (words.ts). Each module
 * exports its catalog as `messages`; `supportedLocales` (localizer.ts) names the same languages.
 */
const catalogs: Record<string, () => Promise<{ messages: ThreadMessages }>> = {
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

/**
 * Loads the thread's words a valid BCP 47 tag reads (`de-AT` German, `zh-CN` Simplified Chinese), and with
 * `afterPaint` the rest of its words too (words.ts); none for languages without a catalog.
 */
export function loadCatalog(locale: string, afterPaint: boolean): Promise<ThreadMessages> | undefined {
  const thread = catalogs[catalogKey(locale)]?.().then((module) => module.messages);
  if (!thread || !afterPaint) return thread;
  return Promise.all([import('./words.js').then(({ loadWords }) => loadWords(locale)), thread]).then(
    ([words, messages]) => ({ ...words, ...messages }),
  );
}
