import { HttpError } from './http-error.js';

/**
 * A request's query, decoded as docs/protocol.md#requests says: `application/x-www-form-urlencoded` in UTF-8,
 * as WHATWG `URLSearchParams` does it (`+` is a space; bytes that are not UTF-8 become U+FFFD).
 */
export function queryOf(request: Request): URLSearchParams {
  const url = request.url;
  const start = url.indexOf('?');
  return new URLSearchParams(start === -1 ? '' : url.slice(start + 1));
}

/**
 * The value of each parameter `known` names, refusing repeats (the protocol allows each at most once). Others are
 * ignored, repeated or not, as the protocol asks of parameters a server does not know.
 */
export function singleValues<Name extends string>(
  query: URLSearchParams,
  known: readonly Name[],
): Partial<Record<Name, string>> {
  const values: Partial<Record<Name, string>> = {};
  for (const name of known) {
    const all = query.getAll(name);
    if (all.length > 1) throw new HttpError('bad_request', `\`${name}\` may be given once`, name);
    if (all.length === 1) values[name] = all[0];
  }
  return values;
}
