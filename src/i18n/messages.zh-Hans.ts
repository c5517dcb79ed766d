import type { ThreadMessages } from './messages.en.js';

/**
 * Chinese messages in Simplified characters (`zh`, `zh-CN`, `zh-SG`, `zh-Hans`); readers of Traditional
 * characters read English until a catalog of their own comes. Chinese has one plural form, `other`.
 */
export const messages: ThreadMessages = {
  direction: 'ltr',
  heading: { other: '{count} 条评论' },
  headingEmpty: '评论',
  loading: '正在加载评论…',
  empty: '还没有评论。来发表第一条评论吧。',
  loadError: '无法加载评论。',
  loadErrorNotAllowed: '评论服务器不允许本网站显示其评论。',
  retry: '重试',
  showMore: '显示更多评论',
  loadingMore: '正在加载更多评论…',
  locked: '本页面已关闭评论。',
  edited: '已编辑',
  awaitingModeration: '等待审核',
  deleted: '评论已删除',
  inReplyTo: '回复 {name}',
  inReplyToDeleted: '回复一条已删除的评论',
  moreReplies: { other: '再显示 {count} 条回复' },
  showEarlier: '显示更早的评论',
};
