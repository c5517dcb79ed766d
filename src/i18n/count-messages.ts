import { isEnglish } from './language.js';
import type { PluralMessage } from './messages.en.js';

/**
 * "N comments" in English, the words of `natter/count` built into it (it stays under 2 KB), and the widget's
 * heading. Keyed by `Intl.PluralRules` category; `{count}` becomes the locale-formatted number.
 */
export const countEn: PluralMessage = { one: '{count} comment', other: '{count} comments' };

let otherLanguages: Promise<typeof import('./count-words.js')> | undefined;

/**
 * "N comments" in the language of a valid BCP 47 tag, or English where there are none. The other languages' words
 * come together in a chunk of their own, fetched (once) only by a page that asks for one.
 */
export function loadCountWords(locale: string): Promise<PluralMessage> {
  if (isEnglish(locale)) return Promise.resolve(countEn);
  otherLanguages ??= import('./count-words.js');
  return otherLanguages.then(
    (words) => words.countWordsFor(locale) ?? countEn,
    () => {
      // Offline, or a deploy replaced the chunk: English now, another try next time.
      otherLanguages = undefined;
      return countEn;
    },
  );
}
