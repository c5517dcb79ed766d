import { catalogKey } from './catalog-key.js';
import type { PluralMessage } from './messages.en.js';

/**
 * "N comments" in every language the widget speaks but English, by catalog key (see `catalogKey`): what
 * `natter/count` shows on index pages in those languages, fetched by it as a chunk of its own. Each widget catalog's
 * `heading` says the same (a test holds them together), so that an index page and its articles agree. Keyed by
 * `Intl.PluralRules` category; `{count}` becomes the locale-formatted number. A form of a category that holds a
 * single number (Arabic's `zero`, `one` and `two`, Hebrew's `one` and `two`) may say the number in words.
 */
export const countWords = {
  de: { one: '{count} Kommentar', other: '{count} Kommentare' },
  sv: { one: '{count} kommentar', other: '{count} kommentarer' },
  fr: { one: '{count} commentaire', many: '{count} de commentaires', other: '{count} commentaires' },
  es: { one: '{count} comentario', many: '{count} de comentarios', other: '{count} comentarios' },
  pt: { one: '{count} comentário', many: '{count} de comentários', other: '{count} comentários' },
  it: { one: '{count} commento', many: '{count} di commenti', other: '{count} commenti' },
  nl: { one: '{count} reactie', other: '{count} reacties' },
  pl: {
    one: '{count} komentarz',
    few: '{count} komentarze',
    many: '{count} komentarzy',
    other: '{count} komentarza',
  },
  ru: {
    one: '{count} комментарий',
    few: '{count} комментария',
    many: '{count} комментариев',
    other: '{count} комментария',
  },
  ja: { other: '{count}件のコメント' },
  'zh-Hans': { other: '{count} 条评论' },
  ko: { other: '댓글 {count}개' },
  ar: {
    zero: 'لا تعليقات',
    one: 'تعليق واحد',
    two: 'تعليقان',
    few: '{count} تعليقات',
    many: '{count} تعليقًا',
    other: '{count} تعليق',
  },
  he: { one: 'תגובה אחת', two: 'שתי תגובות', other: '{count} תגובות' },
} satisfies Record<string, PluralMessage>;

/** "N comments" in the language of a valid BCP 47 tag, if it is one of these. */
export function countWordsFor(locale: string): PluralMessage | undefined {
  return (countWords as Record<string, PluralMessage | undefined>)[catalogKey(locale)];
}
