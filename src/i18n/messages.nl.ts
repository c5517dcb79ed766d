import type { ThreadMessages } from './messages.en.js';

/** Dutch messages, addressing the reader as "je", as blogs usually do. */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: { one: '{count} reactie', other: '{count} reacties' },
  headingEmpty: 'Reacties',
  loading: 'Reacties laden…',
  empty: 'Nog geen reacties. Deel als eerste je gedachten.',
  loadError: 'De reacties konden niet worden geladen.',
  loadErrorNotAllowed: 'De reactieserver staat deze website niet toe zijn reacties te tonen.',
  retry: 'Opnieuw proberen',
  showMore: 'Meer reacties tonen',
  loadingMore: 'Meer reacties laden…',
  locked: 'Reageren op deze pagina is gesloten.',
  edited: 'bewerkt',
  awaitingModeration: 'Wacht op goedkeuring',
  deleted: 'Reactie verwijderd',
  inReplyTo: 'als antwoord op {name}',
  inReplyToDeleted: 'als antwoord op een verwijderde reactie',
  moreReplies: { one: 'Nog {count} antwoord tonen', other: 'Nog {count} antwoorden tonen' },
  showEarlier: 'Eerdere reacties tonen',
};
