import { catalogKey } from './catalog-key.js';
import type { WordsAfterPaint } from './messages.en.js';

/**
 * The words of each language other than English that no first paint needs (the form, replies, likes, references),
 * by catalog key: this table and each catalog are chunks fetched with the form, after the thread shows.
 */
const words: Record<string, () => Promise<{ words: WordsAfterPaint }>> = {
  de: () => import('./words.de.js'),
  sv: () => import('./words.sv.js'),
  fr: () => import('./words.fr.js'),
  es: () => import('./words.es.js'),
  pt: () => import('./words.pt.js'),
  it: () => import('./words.it.js'),
  nl: () => import('./words.nl.js'),
  pl: () => import('./words.pl.js'),
  ru: () => import('./words.ru.js'),
  ja: () => import('./words.ja.js'),
  'zh-Hans': () => import('./words.zh-Hans.js'),
  ko: () => import('./words.ko.js'),
  ar: () => import('./words.ar.js'),
  he: () => import('./words.he.js'),
};

/** The catalog keys that have words here: the same as catalogs.ts's. */
export const wordKeys = Object.keys(words);

/** Loads the words after the first paint that a valid BCP 47 tag reads; none for English and unknown languages. */
export function loadWords(locale: string): Promise<WordsAfterPaint> | undefined {
  return words[catalogKey(locale)]?.().then((module) => module.words);
}
