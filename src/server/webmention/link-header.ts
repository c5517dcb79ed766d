/**
 * The HTTP Link header (RFC 8288 §3), as Webmention and Pingback discovery read it. Written here rather than taken
 * from a package: the maintained one (http-link-header) is CommonJS on Node's `querystring`, ships no types, splits
 * `rel` on single spaces only and throws away every link after a malformed one, while the grammar needed is small.
 */

/** One link of a Link header: its target as written (maybe relative) and its relation types, in lower case. */
export interface HeaderLink {
  target: string;
  rels: string[];
}

/**
 * A link-value: `<target>` then its parameters, `; name`, `; name=token` or `; name="quoted \\" string"`, up to the
 * comma before the next link or the end. Sticky, so that each link must start where the last one ended.
 */
const linkValue =
  /\s*<([^>]*)>((?:\s*;\s*[^\s;,=]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^\s;,"]*))?)*)\s*(?:,|$)/gy;
const linkParameter = /;\s*([^\s;,=]+)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;,"]*)))?/g;

/**
 * The links of a Link header, in order; `headers.get('link')` joins several Link headers into one such list. Reading
 * stops at the first link that does not follow the grammar: those before it are kept.
 */
export function parseLinkHeader(header: string): HeaderLink[] {
  return Array.from(header.matchAll(linkValue), ([, target = '', parameters = '']) => ({
    target: target.trim(),
    rels: relsOf(parameters),
  }));
}

/** The relation types of a link's parameters: its first `rel` (RFC 8288 ignores the others), split at whitespace. */
function relsOf(parameters: string): string[] {
  for (const [, name = '', quoted, token] of parameters.matchAll(linkParameter)) {
    if (name.toLowerCase() !== 'rel') continue;
    const value = quoted === undefined ? (token ?? '') : quoted.replace(/\\(.)/g, '$1');
    return value.toLowerCase().split(/\s+/).filter(Boolean);
  }
  return [];
}
