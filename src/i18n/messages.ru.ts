import type { ThreadMessages } from './messages.en.js';

/**
 * Russian messages, addressing the reader as "вы". Counted words take Russian's four forms: `one` (1, 21, 31…),
 * `few` (2–4, 22–24…), `many` (0, 5–20, 25–30…) and `other` (fractions).
 */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: {
    one: '{count} комментарий',
    few: '{count} комментария',
    many: '{count} комментариев',
    other: '{count} комментария',
  },
  headingEmpty: 'Комментарии',
  loading: 'Загрузка комментариев…',
  empty: 'Комментариев пока нет. Начните обсуждение первыми.',
  loadError: 'Не удалось загрузить комментарии.',
  loadErrorNotAllowed: 'Сервер комментариев не разрешает этому сайту показывать свои комментарии.',
  retry: 'Повторить',
  showMore: 'Показать ещё комментарии',
  loadingMore: 'Загрузка комментариев…',
  locked: 'Комментарии к этой странице закрыты.',
  edited: 'изменён',
  awaitingModeration: 'Ожидает проверки модератором',
  deleted: 'Комментарий удалён',
  inReplyTo: 'в ответ: {name}',
  inReplyToDeleted: 'в ответ на удалённый комментарий',
  moreReplies: {
    one: 'Показать ещё {count} ответ',
    few: 'Показать ещё {count} ответа',
    many: 'Показать ещё {count} ответов',
    other: 'Показать ещё {count} ответа',
  },
  showEarlier: 'Показать более ранние комментарии',
};
