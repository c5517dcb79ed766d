import type { ThreadMessages } from './messages.en.js';

/**
 * Hebrew messages, written right to left: the widget mirrors. Buttons are nouns and requests impersonal ("יש ל…",
 * "נא ל…"), as Hebrew interfaces write to readers of any gender. Counted words take Hebrew's forms: `one`, `two`
 * and `other`.
 */
export const messages: ThreadMessages = {
  direction: 'rtl',
  heading: {
    one: 'תגובה אחת',
    two: 'שתי תגובות',
    other: '{count} תגובות',
  },
  headingEmpty: 'תגובות',
  loading: 'התגובות נטענות…',
  empty: 'אין עדיין תגובות. אפשר לפתוח את הדיון בתגובה הראשונה.',
  loadError: 'לא ניתן היה לטעון את התגובות.',
  loadErrorNotAllowed: 'שרת התגובות אינו מתיר לאתר הזה להציג את התגובות שלו.',
  retry: 'ניסיון חוזר',
  showMore: 'הצגת תגובות נוספות',
  loadingMore: 'תגובות נוספות נטענות…',
  locked: 'התגובות לדף הזה נסגרו.',
  edited: 'נערכה',
  awaitingModeration: 'ממתינה לאישור',
  deleted: 'התגובה נמחקה',
  inReplyTo: 'בתשובה ל־{name}',
  inReplyToDeleted: 'בתשובה לתגובה שנמחקה',
  moreReplies: {
    one: 'הצגת תשובה נוספת',
    two: 'הצגת שתי תשובות נוספות',
    other: 'הצגת {count} תשובות נוספות',
  },
  showEarlier: 'הצגת תגובות קודמות',
};
