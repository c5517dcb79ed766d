import type { ThreadMessages } from './messages.en.js';

/**
 * Portuguese messages, as written in Brazil (`pt` is `pt-BR` in CLDR), addressing the reader as "você"; readers in
 * Portugal read them too.
 */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: { one: '{count} comentário', many: '{count} de comentários', other: '{count} comentários' },
  headingEmpty: 'Comentários',
  loading: 'Carregando comentários…',
  empty: 'Ainda não há comentários. Compartilhe suas ideias e comece a conversa.',
  loadError: 'Não foi possível carregar os comentários.',
  loadErrorNotAllowed: 'O servidor de comentários não permite que este site mostre os comentários dele.',
  retry: 'Tentar novamente',
  showMore: 'Mostrar mais comentários',
  loadingMore: 'Carregando mais comentários…',
  locked: 'Os comentários desta página estão fechados.',
  edited: 'editado',
  awaitingModeration: 'Aguardando moderação',
  deleted: 'Comentário excluído',
  inReplyTo: 'em resposta a {name}',
  inReplyToDeleted: 'em resposta a um comentário excluído',
  moreReplies: {
    one: 'Mostrar mais {count} resposta',
    many: 'Mostrar mais {count} de respostas',
    other: 'Mostrar mais {count} respostas',
  },
  showEarlier: 'Mostrar comentários anteriores',
};
