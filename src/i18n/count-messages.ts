import type { PluralMessage } from './messages.en.js';

/**
 * The words of `natter/count`, "N comments", by language: apart from the widget's catalogs, which it must not
 * carry (it stays under 2 KB). The same words as the widget's heading, so an index page and its articles agree.
 * Keyed by `Intl.PluralRules` category; `{count}` becomes the locale-formatted number.
 */
export const countMessages: Record<string, PluralMessage> = {
  en: { one: '{count} comment', other: '{count} comments' },
  de: { one: '{count} Kommentar', other: '{count} Kommentare' },
  sv: { one: '{count} kommentar', other: '{count} kommentarer' },
};
