import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { sendMentions, SourceUnavailableError, type MentionResult } from '../webmention/send-mentions.js';
import { commandLineProblem } from './command-args.js';
import { packageVersion } from './package-paths.js';
import { createSourceFetcher } from './source-fetcher.js';

/** The option that lets natter reach loopback addresses for Webmention, named alike for `serve` and `send`. */
const allowLoopback = 'webmention-allow-loopback';

const webmentionUsage = `Usage: natter webmention send <url> [options]

Sends a mention from the post at <url> to every page it links to (the links of its h-entry, or of the whole
page without one): a Webmention where the page names a Webmention endpoint, else a Pingback where it names a
Pingback server. Prints a line for each linked page. Exits 1 when an endpoint refused or could not be reached,
0 otherwise (a page without an endpoint is not a failure). Private addresses are never contacted.

Options:
  --${allowLoopback}  let Webmention requests reach loopback addresses (127.0.0.1, ::1):
                               for trying natter on one machine, never on a server
  --help                       this text
`;

/** Where the command writes: the process's streams, or a test's. */
export interface WebmentionIo {
  stdout: Writable;
  stderr: Writable;
}

/** `natter webmention …`: parses its arguments and hands them to `sendMentions`; prints what became of each link. */
export async function webmentionCommand(args: string[], io: WebmentionIo): Promise<number> {
  const explain = (message: string, hint = 'run natter webmention --help for how to use it') => {
    io.stderr.write(`natter webmention: ${message}\n${hint}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { [allowLoopback]: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    return explain(commandLineProblem(error));
  }
  const { values, positionals } = parsed;
  const [command, source, ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout.write(webmentionUsage);
    return 0;
  }
  if (command !== 'send') return explain(`unknown command "${command}"; the command is send`);
  if (source === undefined)
    return explain('name the post', 'for example: natter webmention send https://blog.example/a-post');
  if (extra.length > 0) return explain(`one URL at a time, not also "${extra[0]}"`);
  if (!isHttpUrl(source)) return explain(`"${source}" is not an http or https URL`);

  const fetchPage = createSourceFetcher({
    userAgent: `natter/${packageVersion()} (Webmention sender; +${new URL(source).origin}/)`,
    allowLoopback: values[allowLoopback] === true,
  });
  let results: MentionResult[];
  try {
    results = await sendMentions(source, { fetchPage });
  } catch (error) {
    if (!(error instanceof SourceUnavailableError)) throw error;
    io.stderr.write(
      `natter webmention send: cannot read ${source}: ${printable(error.message)}\nnothing was sent\n`,
    );
    return 1;
  }
  if (results.length === 0) io.stdout.write(`${source} links to no other page\n`);
  for (const result of results) io.stdout.write(`${lineOf(result)}\n`);
  return results.some((result) => result.outcome === 'failed') ? 1 : 0;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/**
 * One result as a line: `sent via webmention  https://b.example/post  201  Location: …`, `no endpoint  https://…`,
 * `failed via pingback  https://…  https://c.example/xmlrpc: fault 17: …`.
 */
function lineOf(result: MentionResult): string {
  const { outcome, via, target, status, location, endpoint, detail } = result;
  const what = { sent: 'sent', no_endpoint: 'no endpoint', failed: 'failed' }[outcome];
  const fields = [via ? `${what} via ${via}` : what, target];
  if (outcome === 'sent' && via === 'webmention') {
    fields.push(String(status), ...(location ? [`Location: ${location}`] : []));
  } else if (outcome === 'failed') {
    fields.push(`${endpoint}: ${detail}`);
  } else if (detail) {
    fields.push(detail);
  }
  return fields.map(printable).join('  ');
}

/** Text from other websites without the control characters that could drive the terminal (escape sequences). */
function printable(text: string): string {
  return text.replace(/[\p{Cc}]/gu, '\ufffd');
}
