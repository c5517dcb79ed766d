import type { ThreadMessages } from './messages.en.js';

/** Korean messages, in the polite style (합니다/하세요). Korean has one plural form, `other`. */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: { other: '댓글 {count}개' },
  headingEmpty: '댓글',
  loading: '댓글을 불러오는 중…',
  empty: '아직 댓글이 없습니다. 첫 댓글을 남겨 보세요.',
  loadError: '댓글을 불러오지 못했습니다.',
  loadErrorNotAllowed: '댓글 서버가 이 사이트에서 댓글을 표시하도록 허용하지 않습니다.',
  retry: '다시 시도',
  showMore: '댓글 더 보기',
  loadingMore: '댓글을 더 불러오는 중…',
  locked: '이 페이지는 댓글이 닫혔습니다.',
  edited: '수정됨',
  awaitingModeration: '승인 대기 중',
  deleted: '삭제된 댓글입니다',
  inReplyTo: '{name} 님에게 답글',
  inReplyToDeleted: '삭제된 댓글에 대한 답글',
  moreReplies: { other: '답글 {count}개 더 보기' },
  showEarlier: '이전 댓글 보기',
};
