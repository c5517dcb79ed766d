/** What a thread key needs of a parsed URL: the WHATWG `URL` every JavaScript runtime natter runs on provides. */
interface ParsedUrl {
  readonly pathname: string;
}
const { URL: WhatwgUrl } = globalThis as unknown as { URL: new (input: string) => ParsedUrl };

/**
 * The thread key of a page, when the site owner did not name one: the path of the page's canonical URL, or of its
 * location, written the one way a person would mean it. What is normalised is what never names another page on
 * any ordinary web server:
 * - the query and the fragment are left out (`?utm_source=…`, `#comments`);
 * - a default document at the end goes (`/post/index.html`, `index.htm`, `index.php` → `/post/`);
 * - a trailing slash goes, but for the site's root (`/post/` → `/post`);
 * - percent-escapes are written in upper case, and those of letters, digits, `-`, `.`, `_` and `~` decoded
 *   (RFC 3986 §6.2.2: the same characters either way).
 * Letter case is kept: `/Post` and `/post` are different pages on most servers.
 */
export function threadKeyOf(url: string | { href: string }): string {
  const path = new WhatwgUrl(typeof url === 'string' ? url : url.href).pathname
    .replace(/%[\da-f]{2}/gi, (escape: string) => {
      const character = String.fromCharCode(parseInt(escape.slice(1), 16));
      return /[\w.~-]/.test(character) ? character : escape.toUpperCase();
    })
    .replace(/\/index\.(html?|php)$/i, '/');
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}
