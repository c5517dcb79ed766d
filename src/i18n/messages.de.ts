import type { ThreadMessages } from './messages.en.js';

/** German messages, addressing the reader informally ("du"), as blogs usually do. */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: { one: '{count} Kommentar', other: '{count} Kommentare' },
  headingEmpty: 'Kommentare',
  loading: 'Kommentare werden geladen …',
  empty: 'Noch keine Kommentare. Schreib den ersten und teile deine Gedanken.',
  loadError: 'Die Kommentare konnten nicht geladen werden.',
  loadErrorNotAllowed: 'Der Kommentar-Server erlaubt dieser Website nicht, seine Kommentare anzuzeigen.',
  retry: 'Erneut versuchen',
  showMore: 'Weitere Kommentare anzeigen',
  loadingMore: 'Weitere Kommentare werden geladen …',
  locked: 'Die Kommentare zu dieser Seite sind geschlossen.',
  edited: 'bearbeitet',
  awaitingModeration: 'Wartet auf Freigabe',
  deleted: 'Kommentar gelöscht',
  inReplyTo: 'als Antwort auf {name}',
  inReplyToDeleted: 'als Antwort auf einen gelöschten Kommentar',
  moreReplies: { one: '{count} weitere Antwort anzeigen', other: '{count} weitere Antworten anzeigen' },
  showEarlier: 'Frühere Kommentare anzeigen',
};
