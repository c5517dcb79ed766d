import { sha256, toBase64Url } from '../base64url.js';

/**
 * The natter id of a comment or reference brought in from another system: the same for the same source record in
 * every run, so that importing a file twice stores it once. A hash of the source's id (and what makes it unique,
 * `scope`), 132 bits of it, after the format's name: `disqus-…`, `wordpress-…`.
 */
export async function importedId(format: string, scope: string, sourceId: string): Promise<string> {
  const hash = toBase64Url(await sha256(`${scope}\n${sourceId}`)).slice(0, 22);
  return `${format}-${hash}`;
}
