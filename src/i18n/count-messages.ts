import type { PluralMessage } from './messages.en.js';

/**
 * "N comments", by language: the words of `natter/count`, kept apart from the widget's catalogs, which it must not
 * carry (it stays under 2 KB), and the widget's heading, whose catalogs take them from here, so that an index page
 * and its articles agree. Keyed by `Intl.PluralRules` category; `{count}` becomes the locale-formatted number.
 */
const byLanguage: Record<'en' | 'de' | 'sv', PluralMessage> = {
  en: { one: '{count} comment', other: '{count} comments' },
  de: { one: '{count} Kommentar', other: '{count} Kommentare' },
  sv: { one: '{count} kommentar', other: '{count} kommentarer' },
};

/** The words by language: any language may be asked for (`undefined` when there are none); en, de and sv have them. */
export const countMessages: Record<string, PluralMessage> & typeof byLanguage = byLanguage;
