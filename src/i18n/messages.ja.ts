import type { ThreadMessages } from './messages.en.js';

/** Japanese messages, in the polite style (です・ます). Japanese has one plural form, `other`. */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: { other: '{count}件のコメント' },
  headingEmpty: 'コメント',
  loading: 'コメントを読み込んでいます…',
  empty: 'まだコメントはありません。最初のコメントを書いてみませんか。',
  loadError: 'コメントを読み込めませんでした。',
  loadErrorNotAllowed: 'コメントサーバーは、このサイトでのコメントの表示を許可していません。',
  retry: '再試行',
  showMore: 'さらにコメントを表示',
  loadingMore: 'さらにコメントを読み込んでいます…',
  locked: 'このページのコメントは締め切られました。',
  edited: '編集済み',
  awaitingModeration: '承認待ち',
  deleted: '削除されたコメント',
  inReplyTo: '{name}さんへの返信',
  inReplyToDeleted: '削除されたコメントへの返信',
  moreReplies: { other: '返信をあと{count}件表示' },
  showEarlier: '以前のコメントを表示',
};
