import { limits } from '../../protocol/limits.js';

/**
 * Ten years, far beyond any real use: an absurd window (1e12 minutes) would put `editableUntil` past the last
 * date JavaScript can hold, and every post would fail.
 */
export const longestEditWindowMinutes = 10 * 365 * 24 * 60;

/**
 * Every setting of `natter serve`: its flag, its `NATTER_*` variable, its help line, and what it expects, in the
 * words an error message uses ("--port must be …"). Flags beat variables, variables beat the config file, and the
 * file beats the defaults.
 */
export const settings = {
  host: {
    type: 'string',
    env: 'NATTER_HOST',
    help: 'address to listen on (default 127.0.0.1)',
    expects: 'an address to listen on, such as 127.0.0.1 or 0.0.0.0',
  },
  port: {
    type: 'string',
    env: 'NATTER_PORT',
    help: 'port to listen on; 0 picks a free one (default 8080)',
    expects: 'a port number from 0 to 65535',
  },
  database: {
    type: 'string',
    env: 'NATTER_DATABASE',
    help: 'SQLite file path, or a postgres:// URL (default ./data/natter.sqlite)',
    expects: 'a SQLite file path or a postgres:// URL',
  },
  origin: {
    type: 'string',
    multiple: true,
    env: 'NATTER_ORIGIN',
    help: 'origin allowed to call the API from browsers, e.g. https://blog.example.com; repeat for more; * for any (variable: comma-separated)',
    expects:
      'an origin such as https://blog.example.com (scheme and host, a port if any, no path or slash), or *',
  },
  'public-url': {
    type: 'string',
    env: 'NATTER_PUBLIC_URL',
    help: 'URL browsers reach this server at, e.g. https://comments.example.com/ (default: the address it listens on)',
    expects: 'the http or https URL readers reach this server at, such as https://comments.example.com/',
  },
  'site-url': {
    type: 'string',
    env: 'NATTER_SITE_URL',
    help: "URL of the site whose pages hold the comments, for the admin page's links (default: the first --origin)",
    expects: 'the http or https URL of the site, such as https://blog.example.com',
  },
  'admin-password-hash': {
    type: 'string',
    env: 'NATTER_ADMIN_PASSWORD_HASH',
    help: "the admin password's hash (natter admin hash-password makes one), used instead of set-password's",
    expects: 'a hash that natter admin hash-password printed (scrypt$…)',
  },
  'trust-proxy': {
    type: 'boolean',
    env: 'NATTER_TRUST_PROXY',
    help: 'trust X-Forwarded-For/-Proto/-Host from the reverse proxies in front (see --proxy-hops)',
    expects: 'true or false',
  },
  'proxy-hops': {
    type: 'string',
    env: 'NATTER_PROXY_HOPS',
    help: 'with --trust-proxy: how many reverse proxies stand in front, e.g. 2 for a CDN and nginx (default 1)',
    expects: 'a whole number of proxies from 1 to 10',
  },
  'allow-header': {
    type: 'string',
    multiple: true,
    env: 'NATTER_ALLOW_HEADER',
    help: 'request header pages may send besides Content-Type and Authorization; repeat for more (variable: comma-separated)',
    expects: 'an HTTP header name, such as X-Requested-With',
  },
  moderation: {
    type: 'string',
    env: 'NATTER_MODERATION',
    help: 'first-time (default: hold an author until one comment is approved), open (publish at once), all (hold every comment and every edit)',
    expects: 'open, first-time or all',
  },
  'rate-limit': {
    type: 'string',
    env: 'NATTER_RATE_LIMIT',
    help: 'writes per client and minute (default 10), or off',
    expects: 'a whole number of writes per minute, 1 or more, or off',
  },
  'edit-window': {
    type: 'string',
    env: 'NATTER_EDIT_WINDOW',
    help: 'minutes an author may edit or delete a new comment (default 15)',
    expects: `a number of minutes from 0 (no editing) to ${longestEditWindowMinutes} (ten years)`,
  },
  'max-body-bytes': {
    type: 'string',
    env: 'NATTER_MAX_BODY_BYTES',
    help: `largest request body in bytes (default and most ${limits.maxBodyBytes})`,
    expects: `a whole number of bytes from 1 to ${limits.maxBodyBytes}`,
  },
  'max-text-length': {
    type: 'string',
    env: 'NATTER_MAX_TEXT_LENGTH',
    help: `longest comment in characters (default and most ${limits.textLength})`,
    expects: `a whole number of characters from 1 to ${limits.textLength}`,
  },
  policy: {
    type: 'string',
    env: 'NATTER_POLICY',
    help: 'comment-policy HTML shown above the form',
    expects: 'HTML text',
  },
  'log-level': {
    type: 'string',
    env: 'NATTER_LOG_LEVEL',
    help: 'debug, info (default: one JSON line per request), warn, error or silent',
    expects: 'debug, info, warn, error or silent',
  },
  demo: {
    type: 'boolean',
    env: 'NATTER_DEMO',
    help: 'also serve the demo blog article at /',
    expects: 'true or false',
  },
  config: {
    type: 'string',
    env: 'NATTER_CONFIG',
    help: 'JSON file with any of these settings (camelCase keys)',
    expects: 'the path of a JSON file',
  },
} as const satisfies Record<
  string,
  { type: 'string' | 'boolean'; multiple?: boolean; env: string; help: string; expects: string }
>;

/** A flag's name without its dashes: `edit-window`. */
export type SettingName = keyof typeof settings;

/** The config file's key of a flag: `edit-window` → `editWindow`. */
export function keyOf(name: string): string {
  return name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}

/** The flag of a config file key: `editWindow` → `edit-window`. */
export function nameOf(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The flag among `names` closest to a mistyped one (`--prot` → `port`), if any is close. */
export function closestName(typed: string, names: readonly string[]): string | undefined {
  // Levenshtein's edit distance, one row at a time.
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        const substitution = (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
        next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, substitution);
      }
      row = next;
    }
    return row[b.length] ?? 0;
  };
  const ranked = names.map((name) => ({ name, cost: distance(typed, name) })).sort((x, y) => x.cost - y.cost);
  const best = ranked[0];
  return best && best.cost <= Math.max(2, Math.floor(typed.length / 3)) ? best.name : undefined;
}
