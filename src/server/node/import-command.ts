import { access, constants, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openStore } from '../storage/open-store.js';
import type { CommentStore } from '../storage/store.js';
import { commandLineProblem } from './command-args.js';
import { databaseOf, databaseOptions } from './database-option.js';
import { ImportFailure, type ImportIo, type ImportModule, type ImportOptionValues } from './import-format.js';

/** A format `natter import` reads: a line for the help, and its module, loaded only when it is chosen. */
interface ImportFormatEntry {
  summary: string;
  load: () => Promise<ImportModule>;
}

/** Every format `natter import` reads, in the order the help lists them. Adding a format is one line here. */
const importFormats: Record<string, ImportFormatEntry> = {
  natter: { summary: 'restore what natter export wrote', load: () => import('./import-natter.js') },
  disqus: {
    summary: 'a Disqus export (XML)',
    load: async () => (await import('./import-sources.js')).disqus,
  },
  wordpress: {
    summary: 'a WordPress export (WXR), with its Pingbacks and Trackbacks',
    load: async () => (await import('./import-sources.js')).wordpress,
  },
  isso: {
    summary: 'an Isso database (SQLite)',
    load: async () => (await import('./import-sources.js')).isso,
  },
  remark42: {
    summary: 'a Remark42 backup (JSON lines)',
    load: async () => (await import('./import-sources.js')).remark42,
  },
};

function usage(): string {
  const names = Object.keys(importFormats);
  const width = Math.max(8, ...names.map((name) => name.length)) + 2;
  const lines = names.map((name) => `  ${name.padEnd(width)}${importFormats[name]?.summary ?? ''}`);
  return `Usage: natter import <format> FILE [options]

Formats:
${lines.join('\n')}

Options:
  --database        the store to import into: a SQLite file path or a postgres:// URL (or NATTER_DATABASE,
                    or --config), as natter serve takes it
  --help            this text; natter import <format> --help for a format's own options
`;
}

/**
 * `natter import <format> FILE [options]`: finds the format, splits its own flags from the store's, checks the
 * file can be read, opens the store and hands both to the format's module.
 */
export async function importCommand(args: string[], io: ImportIo): Promise<number> {
  const [format, ...rest] = args;
  if (format === undefined || format === '--help' || format === '-h' || format === 'help') {
    io.stdout.write(usage());
    return 0;
  }
  const entry = Object.hasOwn(importFormats, format) ? importFormats[format] : undefined;
  const command = entry ? `natter import ${format}` : 'natter import';
  const explain = (message: string, hint = `run ${command} --help for how to use it`) => {
    io.stderr.write(`${command}: ${message}\n${hint}\n`);
  };
  if (!entry) {
    explain(
      format.startsWith('-') ? 'name the format first' : `unknown format "${format}"`,
      `the formats are ${Object.keys(importFormats).join(', ')}; for example: natter import natter natter.jsonl`,
    );
    return 2;
  }
  const module = await entry.load();
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...databaseOptions, ...module.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    explain(commandLineProblem(error));
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(module.usage);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) {
    explain(
      'name the file to import',
      `for example: natter import ${format} FILE --database data/natter.sqlite`,
    );
    return 2;
  }
  if (extra.length > 0) {
    explain(`one file at a time, not also "${extra[0]}"`);
    return 2;
  }
  const ownNames = Object.keys(module.options ?? {});
  const options: ImportOptionValues = Object.fromEntries(
    Object.entries(values).filter(([name]) => ownNames.includes(name)),
  );
  let database: string;
  try {
    database = databaseOf(values as { database?: string; config?: string }, io.env);
  } catch (error) {
    explain((error as Error).message);
    return 2;
  }
  const problem = await whyUnreadable(file);
  if (problem) {
    explain(`cannot read ${file}: ${problem}`, 'nothing was imported');
    return 1;
  }
  let store: CommentStore;
  try {
    store = await openStore(database);
  } catch (error) {
    explain(`cannot open the database: ${(error as Error).message}`, 'nothing was imported');
    return 1;
  }
  try {
    return await module.importFile({ file, options, store, io });
  } catch (error) {
    if (!(error instanceof ImportFailure)) throw error;
    explain(error.message, error.hint);
    return 1;
  } finally {
    await store.close();
  }
}

/** Why `file` cannot be imported (no such file, a folder, no permission), or `undefined` when it can be read. */
async function whyUnreadable(file: string): Promise<string | undefined> {
  try {
    if (!(await stat(file)).isFile()) return 'it is not a file';
    await access(file, constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'permission denied';
    return (error as Error).message;
  }
}
