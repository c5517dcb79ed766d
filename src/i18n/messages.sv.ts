import type { ThreadMessages } from './messages.en.js';

/** Swedish messages, addressing the reader as "du". */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: { one: '{count} kommentar', other: '{count} kommentarer' },
  headingEmpty: 'Kommentarer',
  loading: 'Laddar kommentarer…',
  empty: 'Inga kommentarer än. Bli först med att dela dina tankar.',
  loadError: 'Det gick inte att ladda kommentarerna.',
  loadErrorNotAllowed: 'Kommentarsservern tillåter inte den här webbplatsen att visa dess kommentarer.',
  retry: 'Försök igen',
  showMore: 'Visa fler kommentarer',
  loadingMore: 'Laddar fler kommentarer…',
  locked: 'Kommentarerna är stängda för den här sidan.',
  edited: 'redigerad',
  awaitingModeration: 'Väntar på granskning',
  deleted: 'Kommentaren är borttagen',
  inReplyTo: 'som svar till {name}',
  inReplyToDeleted: 'som svar på en borttagen kommentar',
  moreReplies: { one: 'Visa {count} svar till', other: 'Visa {count} svar till' },
  showEarlier: 'Visa tidigare kommentarer',
};
