import { catalogKey } from '../../i18n/catalog-key.js';
import { loadCatalog } from '../../i18n/catalogs.js';
import { enInteractive } from '../../i18n/interactive.en.js';
import { isEnglish } from '../../i18n/language.js';
import { Localizer, supportedLocales } from '../../i18n/localizer.js';
import { en, type InteractiveCatalog } from '../../i18n/messages.en.js';
import { loadWords } from '../../i18n/words.js';
import { acceptedLanguages } from '../accept-language.js';
import { pageWords, pageWordsEn, type PageWords } from './page-words.js';

// The language of the server's HTML: which one a request asks for, and its words. They are the widget's own catalogs
// (the words that show a thread and those of its form), so that the page, the markup natter render writes and the
// widget that takes it over say the same thing in the same words, with the server's few words of its own added.

/** What the server's HTML says, in one language. */
export type PageCatalog = InteractiveCatalog & PageWords;

/** Words, plurals and numbers of the server's HTML in one language; `locale` is its `lang`, `direction` its `dir`. */
export type PageLocalizer = Localizer<PageCatalog>;

/**
 * `tag` as the server's HTML is written in it (its language, script and region: `de-AT`, `zh-CN`; variants and
 * extensions dropped), when it is a BCP 47 tag of a language the widget speaks; else `undefined`.
 */
function supportedTag(tag: string): string | undefined {
  try {
    const { language, script, region } = new Intl.Locale(tag);
    // `und` (no language: V8 gives none) would read the English catalog, but is not English.
    if (!language || language === 'und') return undefined;
    const base = [language, script, region].filter(Boolean).join('-');
    const key = catalogKey(base);
    return (key === 'en' ? isEnglish(base) : supportedLocales.includes(key)) ? base : undefined;
  } catch {
    // Not a BCP 47 tag: `Intl` refuses it.
    return undefined;
  }
}

/**
 * How many of the languages a browser names are tried: a reader's few, not the thousands a crafted header can name
 * (some 30 µs each: a 16 KB header of them took 0.1 s).
 */
const maxAccepted = 20;

/**
 * The language of a page: `requested` (its `lang` parameter), else the language the reader's `Accept-Language` weighs
 * highest of those the widget speaks, else English. A `lang` that is no BCP 47 tag, or names a language without a
 * catalog, counts as not given.
 */
export function pageLocale(requested: string | null | undefined, acceptLanguage?: string | null): string {
  const accepted = acceptedLanguages(acceptLanguage).slice(0, maxAccepted);
  for (const tag of [requested ?? '', ...accepted]) {
    const supported = tag && supportedTag(tag);
    if (supported) return supported;
  }
  return 'en';
}

const englishCatalog: PageCatalog = { ...en, ...enInteractive, ...pageWordsEn };

/** The catalog of a language the widget speaks (English where it lacks a word, as the widget's chunks add theirs). */
async function catalogOf(locale: string): Promise<PageCatalog> {
  if (isEnglish(locale)) return englishCatalog;
  const [thread, afterPaint] = await Promise.all([loadCatalog(locale, false), loadWords(locale)]);
  return { ...englishCatalog, ...afterPaint, ...thread, ...pageWords[catalogKey(locale)] };
}

/**
 * Localizers made, by locale. Tags are only those `pageLocale` returns, yet a region each can make many: past this
 * many, the cache starts again rather than grow with what requests ask for.
 */
const localizers = new Map<string, Promise<PageLocalizer>>();
const maxLocalizers = 64;

/** The localizer of the server's HTML for `locale` (as `pageLocale` returns it), made once. */
export function pageLocalizer(locale: string): Promise<PageLocalizer> {
  let localizer = localizers.get(locale);
  if (!localizer) {
    if (localizers.size >= maxLocalizers) localizers.clear();
    localizer = catalogOf(locale).then((catalog) => new Localizer(locale, catalog));
    localizers.set(locale, localizer);
  }
  return localizer;
}
