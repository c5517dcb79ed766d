import type { ThreadMessages } from './messages.en.js';

/**
 * Arabic messages, in Modern Standard Arabic, written right to left: the widget mirrors. Requests to the reader are
 * mostly phrased impersonally ("يُرجى …"), otherwise in the masculine, as Arabic interfaces usually are. Counted
 * words take Arabic's six forms: `zero`, `one`, `two` (the dual), `few` (3–10), `many` (11–99) and `other` (100
 * and up).
 */
export const messages: ThreadMessages = {
  direction: 'rtl',
  heading: {
    zero: 'لا تعليقات',
    one: 'تعليق واحد',
    two: 'تعليقان',
    few: '{count} تعليقات',
    many: '{count} تعليقًا',
    other: '{count} تعليق',
  },
  headingEmpty: 'التعليقات',
  loading: 'جارٍ تحميل التعليقات…',
  empty: 'لا توجد تعليقات بعد. شارك برأيك وابدأ النقاش.',
  loadError: 'تعذّر تحميل التعليقات.',
  loadErrorNotAllowed: 'لا يسمح خادم التعليقات لهذا الموقع بعرض تعليقاته.',
  retry: 'إعادة المحاولة',
  showMore: 'عرض المزيد من التعليقات',
  loadingMore: 'جارٍ تحميل المزيد من التعليقات…',
  locked: 'التعليقات مغلقة في هذه الصفحة.',
  edited: 'معدَّل',
  awaitingModeration: 'بانتظار المراجعة',
  deleted: 'تعليق محذوف',
  inReplyTo: 'ردًّا على {name}',
  inReplyToDeleted: 'ردًّا على تعليق محذوف',
  moreReplies: {
    zero: 'عرض {count} رد آخر',
    one: 'عرض رد واحد آخر',
    two: 'عرض ردين آخرين',
    few: 'عرض {count} ردود أخرى',
    many: 'عرض {count} ردًّا آخر',
    other: 'عرض {count} رد آخر',
  },
  showEarlier: 'عرض التعليقات السابقة',
};
