import type { ThreadMessages } from './messages.en.js';

/**
 * Polish messages, addressing the reader informally, as blogs usually do. Counted words take Polish's four forms:
 * `one` (1), `few` (2–4, 22–24…), `many` (0, 5–21, 25…) and `other` (fractions).
 */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: {
    one: '{count} komentarz',
    few: '{count} komentarze',
    many: '{count} komentarzy',
    other: '{count} komentarza',
  },
  headingEmpty: 'Komentarze',
  loading: 'Wczytywanie komentarzy…',
  empty: 'Nie ma jeszcze komentarzy. Rozpocznij rozmowę.',
  loadError: 'Nie udało się wczytać komentarzy.',
  loadErrorNotAllowed: 'Serwer komentarzy nie pozwala tej witrynie wyświetlać swoich komentarzy.',
  retry: 'Spróbuj ponownie',
  showMore: 'Pokaż więcej komentarzy',
  loadingMore: 'Wczytywanie kolejnych komentarzy…',
  locked: 'Komentowanie tej strony zostało zamknięte.',
  edited: 'edytowany',
  awaitingModeration: 'Czeka na moderację',
  deleted: 'Komentarz usunięty',
  inReplyTo: 'odpowiedź dla: {name}',
  inReplyToDeleted: 'w odpowiedzi na usunięty komentarz',
  moreReplies: {
    one: 'Pokaż jeszcze {count} odpowiedź',
    few: 'Pokaż jeszcze {count} odpowiedzi',
    many: 'Pokaż jeszcze {count} odpowiedzi',
    other: 'Pokaż jeszcze {count} odpowiedzi',
  },
  showEarlier: 'Pokaż wcześniejsze komentarze',
};
