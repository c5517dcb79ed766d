import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { threadKeyError } from '../../protocol/input-rules.js';
import type { SortOrder } from '../../protocol/types.js';
import { renderThread } from '../../render.js';
import { commandLineProblem } from './command-args.js';

const renderUsage = `Usage: natter render <page URL | thread key> --endpoint <natter server URL> [options]

Prints the HTML of a page's thread, to put inside its <natter-comments> element when the page is made (a
static-site generator's build, for example): readers and search engines without JavaScript see the comments,
and the widget takes them over without asking for them again. The same as natter/render's renderThread().

A page URL names the thread by its path, as the widget does, and readers without JavaScript come back to it
after posting (the server must allow its origin, --origin); a thread key (starting with /) names the thread alone.

Options:
  --endpoint URL    the natter server, as the element's endpoint (required)
  --thread KEY      the thread, when the element names one other than the page's path
  --page-size N     the element's page-size (default 50)
  --sort ORDER      the element's sort: oldest (default), newest, liked or replied
  --max-depth N     the element's max-depth (default 3)
  --locale TAG      the language to write it in, as the element's locale or the page's lang: a BCP 47 tag
                    (fr, de-AT, ar); English by default, and for a language the widget does not speak
  --help            this text
`;

const sorts: readonly string[] = ['oldest', 'newest', 'liked', 'replied'];

/** Whether `value` is a BCP 47 tag, as `Intl` reads them. */
function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** `natter render …`: parses its arguments and prints what `renderThread` answers. */
export async function renderCommand(
  args: string[],
  io: { stdout: Writable; stderr: Writable },
  fetchFrom: typeof fetch = fetch,
): Promise<number> {
  const explain = (message: string) => {
    io.stderr.write(`natter render: ${message}\nrun natter render --help for how to use it\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        endpoint: { type: 'string' },
        thread: { type: 'string' },
        'page-size': { type: 'string' },
        sort: { type: 'string' },
        'max-depth': { type: 'string' },
        locale: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    return explain(commandLineProblem(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(renderUsage);
    return 0;
  }
  const [page, ...extra] = positionals;
  if (page === undefined) return explain('name the page (its URL) or the thread (its key)');
  if (extra.length > 0) return explain(`one page at a time, not also "${extra[0]}"`);
  if (values.endpoint === undefined) return explain('name the natter server with --endpoint');
  const isUrl = /^https?:\/\//i.test(page);
  if (!isUrl && threadKeyError(page)) return explain(`"${page}" is neither a page URL nor a thread key`);
  const whole = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    if (!/^\d{1,3}$/.test(value)) throw new Error(`--${name} takes a whole number`);
    return Number(value);
  };
  let pageSize, maxDepth;
  try {
    pageSize = whole('page-size', values['page-size']);
    maxDepth = whole('max-depth', values['max-depth']);
  } catch (error) {
    return explain((error as Error).message);
  }
  if (values.sort !== undefined && !sorts.includes(values.sort)) {
    return explain(`--sort takes ${sorts.join(', ')}`);
  }
  if (values.locale !== undefined && !isLanguageTag(values.locale)) {
    return explain(`--locale takes a BCP 47 language tag (fr, de-AT), not "${values.locale}"`);
  }
  try {
    const html = await renderThread({
      endpoint: values.endpoint,
      ...(isUrl ? { url: page } : { thread: page }),
      ...(values.thread !== undefined && { thread: values.thread }),
      ...(pageSize !== undefined && { pageSize }),
      ...(maxDepth !== undefined && { maxDepth }),
      ...(values.sort !== undefined && { sort: values.sort as SortOrder }),
      ...(values.locale !== undefined && { locale: values.locale }),
      fetch: fetchFrom,
    });
    io.stdout.write(`${html}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`natter render: ${(error as Error).message}\n`);
    return 1;
  }
}
