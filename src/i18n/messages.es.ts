import type { ThreadMessages } from './messages.en.js';

/** Spanish messages, addressing the reader as "tú", as most blogs do. */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: { one: '{count} comentario', many: '{count} de comentarios', other: '{count} comentarios' },
  headingEmpty: 'Comentarios',
  loading: 'Cargando comentarios…',
  empty: 'Todavía no hay comentarios. Comparte tus ideas y abre la conversación.',
  loadError: 'No se pudieron cargar los comentarios.',
  loadErrorNotAllowed: 'El servidor de comentarios no permite que este sitio muestre sus comentarios.',
  retry: 'Reintentar',
  showMore: 'Mostrar más comentarios',
  loadingMore: 'Cargando más comentarios…',
  locked: 'Los comentarios de esta página están cerrados.',
  edited: 'editado',
  awaitingModeration: 'Pendiente de moderación',
  deleted: 'Comentario eliminado',
  inReplyTo: 'en respuesta a {name}',
  inReplyToDeleted: 'en respuesta a un comentario eliminado',
  moreReplies: {
    one: 'Mostrar {count} respuesta más',
    many: 'Mostrar {count} de respuestas más',
    other: 'Mostrar {count} respuestas más',
  },
  showEarlier: 'Mostrar comentarios anteriores',
};
