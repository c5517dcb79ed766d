import type { StoredStatus } from '../storage/store.js';

/** How many records had one reason to be skipped or changed, and the source ids of the first few. */
interface Tally {
  count: number;
  examples: string[];
}

/** How many examples a tally keeps: enough to find them in the source, few enough for a summary. */
const examplesKept = 5;

/** What an import did, kept as it goes and written out at its end. */
export class ImportSummary {
  readonly threads = new Set<string>();
  /** New comments by the status they have in natter; placeholders (deleted there, kept for replies) apart. */
  readonly comments: Record<StoredStatus | 'placeholder', number> = {
    published: 0,
    pending: 0,
    spam: 0,
    deleted: 0,
    placeholder: 0,
  };
  /** Comments stored by an earlier import of the same records. */
  commentsThere = 0;
  references = 0;
  referencesThere = 0;
  readonly skipped = new Map<string, Tally>();
  readonly changed = new Map<string, Tally>();
  /** About the file as a whole. */
  readonly notes: string[] = [];

  /** Counts a record left out for `reason`. */
  skip(reason: string, sourceId?: string): void {
    add(this.skipped, reason, sourceId);
  }

  /** Counts a record stored with `change` made to it. */
  change(change: string, sourceId?: string): void {
    add(this.changed, change, sourceId);
  }

  get skippedCount(): number {
    return total(this.skipped);
  }

  /** The summary as lines of text, for `source` (`Disqus`) and the file read. */
  lines(source: string, file: string): string[] {
    const number = (value: number) => value.toLocaleString('en');
    const newComments = Object.values(this.comments).reduce((sum, value) => sum + value, 0);
    const byStatus = Object.entries(this.comments)
      .filter(([, value]) => value > 0)
      .map(([status, value]) => `${number(value)} ${status}`);
    const lines = [
      `Imported from ${source} (${file}):`,
      `  threads     ${number(this.threads.size)}`,
      `  comments    ${number(newComments)} new${byStatus.length > 0 ? ` (${byStatus.join(', ')})` : ''}, ${number(this.commentsThere)} already there`,
      `  references  ${number(this.references)} new, ${number(this.referencesThere)} already there`,
      `  skipped     ${number(this.skippedCount)}`,
      ...tallyLines(this.skipped),
    ];
    if (this.changed.size > 0)
      lines.push(`  changed     ${number(total(this.changed))}`, ...tallyLines(this.changed));
    if (this.notes.length > 0) lines.push('  notes', ...this.notes.map((note) => `    ${note}`));
    return lines.map(printable);
  }
}

function add(tallies: Map<string, Tally>, reason: string, sourceId: string | undefined): void {
  const tally = tallies.get(reason) ?? { count: 0, examples: [] };
  tally.count += 1;
  if (sourceId !== undefined && tally.examples.length < examplesKept) tally.examples.push(sourceId);
  tallies.set(reason, tally);
}

function total(tallies: Map<string, Tally>): number {
  let sum = 0;
  for (const { count } of tallies.values()) sum += count;
  return sum;
}

/** A line for each reason, most frequent first, with the ids of its first records. */
function tallyLines(tallies: Map<string, Tally>): string[] {
  return [...tallies]
    .sort(([, a], [, b]) => b.count - a.count)
    .map(([reason, { count, examples }]) => {
      const more = count > examples.length ? ', …' : '';
      const ids = examples.length > 0 ? ` (${examples.join(', ')}${more})` : '';
      return `    ${count.toLocaleString('en')} × ${reason}${ids}`;
    });
}

/**
 * `line` safe for a terminal: a source's ids and addresses are the file's, and a control character or a bidi override
 * in them could move the cursor, recolour the screen or reorder what is shown. Each is written as `\u{…}`.
 */
export function printable(line: string): string {
  return line.replace(
    /[\p{Cc}\p{Cs}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
    (character) => `\\u{${character.codePointAt(0)?.toString(16)}}`,
  );
}
