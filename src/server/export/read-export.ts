import type { z } from 'zod';
import { archiveRecordTypes, type ArchiveCounts, type ArchiveRecord } from '../storage/archive.js';
import { exportFormat, exportHeader, exportLine, exportVersion, type ExportHeader } from './format.js';

/** What is wrong with an export file, and on which line (1 is the header). */
export class ExportFileError extends Error {
  override name = 'ExportFileError';

  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

/** The types a line may have, for messages. */
const lineTypes = [...archiveRecordTypes, 'end'];

/** The first problem zod found, as "field: what is wrong". */
function describe(error: z.ZodError): string {
  const [issue] = error.issues;
  if (!issue) return 'not a valid line';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

function parseJson(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ExportFileError(line, `not JSON (${(error as Error).message})`);
  }
}

/** Checks the first line; says plainly when the file is no natter export, or one of another version. */
function readHeader(text: string | undefined): ExportHeader {
  if (text === undefined) throw new ExportFileError(1, 'the file is empty');
  const value = parseJson(text, 1) as Record<string, unknown> | null;
  if (
    typeof value !== 'object' ||
    value === null ||
    value.type !== 'header' ||
    value.format !== exportFormat
  ) {
    throw new ExportFileError(
      1,
      `not a natter export: its first line must be the header {"type":"header","format":"${exportFormat}",…}`,
    );
  }
  if (value.version !== exportVersion) {
    const isNewer = typeof value.version === 'number' && value.version > exportVersion;
    throw new ExportFileError(
      1,
      `the export is of format version ${JSON.stringify(value.version)}; this natter reads version ${exportVersion}${isNewer ? ' (import it with the natter that wrote it, or a newer one)' : ''}`,
    );
  }
  const header = exportHeader.safeParse(value);
  if (!header.success) throw new ExportFileError(1, describe(header.error));
  return header.data;
}

/**
 * The records of an export, from its `lines` (without their line ends), each validated as it comes: an
 * `ExportFileError` names the first line at fault. Reads as it goes, so a file of any size needs little memory. The
 * end line must come, and its counts must be those of the records before it: a file cut short is refused, not half
 * restored.
 */
export async function* readExport(
  lines: AsyncIterable<string>,
): AsyncGenerator<ArchiveRecord, ArchiveCounts> {
  return yield* records(lines[Symbol.asyncIterator]());
}

async function* records(lines: AsyncIterator<string>): AsyncGenerator<ArchiveRecord, ArchiveCounts> {
  const first = await lines.next();
  readHeader(first.done ? undefined : first.value);
  const counts = Object.fromEntries(archiveRecordTypes.map((type) => [type, 0])) as ArchiveCounts;
  let number = 1;
  for (;;) {
    const next = await lines.next();
    number++;
    if (next.done) {
      throw new ExportFileError(number - 1, 'the file ends without its end line: it was cut short');
    }
    const value = parseJson(next.value, number) as { type?: unknown } | null;
    const type = typeof value === 'object' && value !== null ? value.type : undefined;
    if (typeof type !== 'string' || !lineTypes.includes(type)) {
      throw new ExportFileError(
        number,
        `${type === undefined ? 'no type' : `unknown type ${JSON.stringify(type)}`}: a line is one of ${lineTypes.join(', ')}`,
      );
    }
    const parsed = exportLine.safeParse(value);
    if (!parsed.success) throw new ExportFileError(number, `${type}: ${describe(parsed.error)}`);
    const record = parsed.data;
    if (record.type !== 'end') {
      counts[record.type]++;
      yield record;
      continue;
    }
    const differs = archiveRecordTypes.find((kind) => record.counts[kind] !== counts[kind]);
    if (differs) {
      throw new ExportFileError(
        number,
        `the end line counts ${record.counts[differs]} ${differs} records, the file holds ${counts[differs]}`,
      );
    }
    const after = await lines.next();
    if (!after.done) throw new ExportFileError(number + 1, 'a line after the end line');
    return counts;
  }
}
