import type { ThreadMessages } from './messages.en.js';

/** Italian messages, addressing the reader as "tu", as blogs usually do. */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: { one: '{count} commento', many: '{count} di commenti', other: '{count} commenti' },
  headingEmpty: 'Commenti',
  loading: 'Caricamento dei commenti…',
  empty: 'Ancora nessun commento. Inizia tu la conversazione.',
  loadError: 'Non è stato possibile caricare i commenti.',
  loadErrorNotAllowed: 'Il server dei commenti non consente a questo sito di mostrare i suoi commenti.',
  retry: 'Riprova',
  showMore: 'Mostra altri commenti',
  loadingMore: 'Caricamento di altri commenti…',
  locked: 'I commenti a questa pagina sono chiusi.',
  edited: 'modificato',
  awaitingModeration: 'In attesa di moderazione',
  deleted: 'Commento eliminato',
  inReplyTo: 'in risposta a {name}',
  inReplyToDeleted: 'in risposta a un commento eliminato',
  moreReplies: {
    one: 'Mostra un’altra risposta',
    many: 'Mostra altre {count} di risposte',
    other: 'Mostra altre {count} risposte',
  },
  showEarlier: 'Mostra i commenti precedenti',
};
