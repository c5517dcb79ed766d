import type { ThreadMessages } from './messages.en.js';

/** French messages, addressing the reader as "vous", with French typography (no-break spaces before : ? ! and ;). */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: { one: '{count} commentaire', many: '{count} de commentaires', other: '{count} commentaires' },
  headingEmpty: 'Commentaires',
  loading: 'Chargement des commentaires…',
  empty: 'Aucun commentaire pour l’instant. Soyez le premier à donner votre avis.',
  loadError: 'Les commentaires n’ont pas pu être chargés.',
  loadErrorNotAllowed: 'Le serveur de commentaires n’autorise pas ce site à afficher ses commentaires.',
  retry: 'Réessayer',
  showMore: 'Afficher plus de commentaires',
  loadingMore: 'Chargement d’autres commentaires…',
  locked: 'Les commentaires sont fermés pour cette page.',
  edited: 'modifié',
  awaitingModeration: 'En attente de modération',
  deleted: 'Commentaire supprimé',
  inReplyTo: 'en réponse à {name}',
  inReplyToDeleted: 'en réponse à un commentaire supprimé',
  moreReplies: {
    one: 'Afficher {count} autre réponse',
    many: 'Afficher {count} d’autres réponses',
    other: 'Afficher {count} autres réponses',
  },
  showEarlier: 'Afficher les commentaires précédents',
};
