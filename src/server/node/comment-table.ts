import type { StoredComment } from '../storage/store.js';

/**
 * What may reach a terminal of a comment's text: control characters (an escape sequence could rewrite the
 * moderator's screen) and bidi overrides (which could make one id read as another) become spaces.
 */
const unsafeForTerminal = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` on one line, without what a terminal would act on, cut to `width` characters with an ellipsis. */
function cell(text: string, width: number): string {
  const clean = [...text.replace(unsafeForTerminal, ' ').replace(/\s+/g, ' ').trim()];
  const fitted =
    clean.length > width ? `${clean.slice(0, Math.max(0, width - 1)).join('')}…` : clean.join('');
  return fitted.padEnd(width);
}

const columns = [
  { title: 'STATUS', width: 9, of: (comment: StoredComment) => comment.status },
  { title: 'THREAD', width: 38, of: (comment: StoredComment) => comment.thread },
  {
    title: 'AUTHOR',
    width: 30,
    of: (comment: StoredComment) =>
      comment.authorEmail ? `${comment.authorName} <${comment.authorEmail}>` : comment.authorName,
  },
  { title: 'REASON', width: 26, of: (comment: StoredComment) => comment.reason ?? '' },
];

/**
 * Comments as a table a person reads in a terminal `width` characters wide: id, status, thread, author, reason,
 * and as much of the text's first line as fits (at least 30 characters). Piped, it assumes a wide terminal.
 */
export function commentTable(comments: readonly StoredComment[], width = 160): string {
  // Ids are what the moderator copies into the next command: never cut.
  const idWidth = Math.max(2, ...comments.map((comment) => comment.id.length));
  const fixed = columns.reduce((sum, column) => sum + column.width + 2, idWidth + 2);
  const textWidth = Math.max(30, width - fixed);
  const line = (cells: string[]) => cells.join('  ').trimEnd();
  const header = line([
    'ID'.padEnd(idWidth),
    ...columns.map((column) => cell(column.title, column.width)),
    'TEXT',
  ]);
  const rows = comments.map((comment) =>
    line([
      comment.id.padEnd(idWidth),
      ...columns.map((column) => cell(column.of(comment), column.width)),
      cell(comment.text.split('\n').find((text) => text.trim() !== '') ?? '', textWidth),
    ]),
  );
  return `${[header, ...rows].join('\n')}\n`;
}
