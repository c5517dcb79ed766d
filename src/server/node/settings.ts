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
    help: 'writes per client and minute, shared by every instance on the database (default 10), or off',
    expects: 'a whole number of writes per minute, 1 or more, or off',
  },
  'thread-rate-limit': {
    type: 'string',
    env: 'NATTER_THREAD_RATE_LIMIT',
    help: 'posts and edits per thread and minute, from all clients together (default 30), or off',
    expects: 'a whole number of writes per minute, 1 or more, or off',
  },
  'form-token': {
    type: 'string',
    env: 'NATTER_FORM_TOKEN',
    help: 'required (default: hold a post without a form token, as curl sends) or optional (let the other defences judge it)',
    expects: 'required or optional',
  },
  'form-token-min-age': {
    type: 'string',
    env: 'NATTER_FORM_TOKEN_MIN_AGE',
    help: 'seconds between fetching a form token and posting with it below which the post is spam (default 3)',
    expects: 'a number of seconds from 0 to 3600',
  },
  'form-token-lifetime': {
    type: 'string',
    env: 'NATTER_FORM_TOKEN_LIFETIME',
    help: 'hours a form token stays good; a post with an older one is spam (default 24)',
    expects: 'a number of hours from 1 to 720',
  },
  'max-links': {
    type: 'string',
    env: 'NATTER_MAX_LINKS',
    help: 'most links a comment may hold before it is held for a moderator (default 2), or off',
    expects: 'a whole number of links, 0 or more, or off',
  },
  'report-threshold': {
    type: 'string',
    env: 'NATTER_REPORT_THRESHOLD',
    help: "readers' reports that hold a published comment for a moderator (default 3), or off",
    expects: 'a whole number of reports, 1 or more, or off',
  },
  'akismet-key': {
    type: 'string',
    env: 'NATTER_AKISMET_KEY',
    help: 'check comments with Akismet under this API key (a secret: prefer the variable, which ps does not show)',
    expects: 'an Akismet API key, without spaces',
    isSecret: true,
  },
  'akismet-site': {
    type: 'string',
    env: 'NATTER_AKISMET_SITE',
    help: 'with --akismet-key: your site as registered with Akismet, e.g. https://blog.example.com/',
    expects: 'the http or https URL of your site, such as https://blog.example.com/',
  },
  'akismet-url': {
    type: 'string',
    env: 'NATTER_AKISMET_URL',
    help: 'with --akismet-key: the Akismet-compatible service to ask (default https://rest.akismet.com)',
    expects: 'an http or https URL, such as https://rest.akismet.com',
  },
  'akismet-timeout': {
    type: 'string',
    env: 'NATTER_AKISMET_TIMEOUT',
    help: 'with --akismet-key: seconds to wait for an answer before holding the comment (default 3)',
    expects: 'a number of seconds from 0.1 to 60',
  },
  'hook-url': {
    type: 'string',
    env: 'NATTER_HOOK_URL',
    help: 'your moderation hook: every new and edited comment is POSTed there, signed, and does as it answers',
    expects: 'an http or https URL without a user name or password',
  },
  'hook-secret': {
    type: 'string',
    env: 'NATTER_HOOK_SECRET',
    help: "with --hook-url: the key of the requests' HMAC-SHA256 signature (a secret: prefer the variable)",
    expects: 'a secret of 16 characters or more',
    isSecret: true,
  },
  'hook-timeout': {
    type: 'string',
    env: 'NATTER_HOOK_TIMEOUT',
    help: 'with --hook-url: seconds to wait for an answer before holding the comment (default 2)',
    expects: 'a number of seconds from 0.1 to 60',
  },
  avatars: {
    type: 'string',
    env: 'NATTER_AVATARS',
    help: "identicon (default: drawn in the browser from a salted value, no third party asked) or gravatar (also send Gravatar's image URL, which readers' browsers fetch)",
    expects: 'identicon or gravatar',
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
  'webhook-url': {
    type: 'string',
    env: 'NATTER_WEBHOOK_URL',
    help: 'POST comment events there as JSON, signed with --webhook-secret (new, held and approved comments; see --webhook-events)',
    expects: 'an http or https URL without a user name or password, such as https://hooks.example.com/natter',
  },
  'webhook-secret': {
    type: 'string',
    env: 'NATTER_WEBHOOK_SECRET',
    help: 'with --webhook-url: the key of X-Natter-Signature, an HMAC-SHA256 (a secret: prefer the variable)',
    expects: 'a secret of 16 characters or more',
    isSecret: true,
  },
  'webhook-events': {
    type: 'string',
    multiple: true,
    env: 'NATTER_WEBHOOK_EVENTS',
    help: 'with --webhook-url: an event to send: published, held, spam, approved, moderated or reported; repeat for more (variable: comma-separated; default published, held and approved)',
    expects: 'published, held, spam, approved, moderated or reported',
  },
  'email-to': {
    type: 'string',
    multiple: true,
    env: 'NATTER_EMAIL_TO',
    help: 'e-mail this address about comments (needs --smtp-host and --email-from); repeat for more (variable: comma-separated)',
    expects: 'an e-mail address, such as owner@example.com',
  },
  'email-from': {
    type: 'string',
    env: 'NATTER_EMAIL_FROM',
    help: 'with --email-to or --reply-notifications: the sender of the e-mails, e.g. natter@example.com or "Comments <natter@example.com>"',
    expects: 'an e-mail address, such as natter@example.com or Comments <natter@example.com>',
  },
  'email-mode': {
    type: 'string',
    env: 'NATTER_EMAIL_MODE',
    help: 'with --email-to: each (default: a message per held comment, at once) or digest (all that is new, every --email-digest-interval)',
    expects: 'each or digest',
  },
  'email-digest-interval': {
    type: 'string',
    env: 'NATTER_EMAIL_DIGEST_INTERVAL',
    help: 'with --email-mode digest: hourly (default), daily, or minutes between digests (counted from midnight UTC)',
    expects: 'hourly, daily, or a whole number of minutes from 5 to 10080 (a week)',
  },
  'smtp-host': {
    type: 'string',
    env: 'NATTER_SMTP_HOST',
    help: 'with --email-to or --reply-notifications: the SMTP server that sends the e-mails',
    expects: 'a host name or address, such as smtp.example.com',
  },
  'smtp-port': {
    type: 'string',
    env: 'NATTER_SMTP_PORT',
    help: 'with --smtp-host: its port (default 587 for starttls, 465 for tls, 25 for none)',
    expects: 'a port number from 1 to 65535',
  },
  'smtp-tls': {
    type: 'string',
    env: 'NATTER_SMTP_TLS',
    help: 'with --smtp-host: starttls (default: TLS before anything is said, or no e-mail), tls (from the first byte) or none (a relay on this machine)',
    expects: 'starttls, tls or none',
  },
  'smtp-user': {
    type: 'string',
    env: 'NATTER_SMTP_USER',
    help: 'with --smtp-host: the user to log in as (with --smtp-password)',
    expects: 'a user name',
  },
  'smtp-password': {
    type: 'string',
    env: 'NATTER_SMTP_PASSWORD',
    help: 'with --smtp-user: its password (a secret: prefer the variable, which ps does not show)',
    expects: 'a password',
    isSecret: true,
  },
  'reply-notifications': {
    type: 'string',
    env: 'NATTER_REPLY_NOTIFICATIONS',
    help: 'e-mail authors who tick "Notify me of replies" about replies to their comment, once they confirm: off (default), each (a message per reply) or digest (every --reply-digest-interval); needs --smtp-host and --email-from',
    expects: 'off, each or digest',
  },
  'reply-digest-interval': {
    type: 'string',
    env: 'NATTER_REPLY_DIGEST_INTERVAL',
    help: 'with --reply-notifications digest: hourly (default), daily, or minutes between digests (counted from midnight UTC)',
    expects: 'hourly, daily, or a whole number of minutes from 5 to 10080 (a week)',
  },
  'reply-hourly-limit': {
    type: 'string',
    env: 'NATTER_REPLY_HOURLY_LIMIT',
    help: 'with --reply-notifications: the most e-mails one address gets in an hour (default 6); more wait, and come together in one',
    expects: 'a whole number of e-mails from 1 to 100',
  },
  'log-level': {
    type: 'string',
    env: 'NATTER_LOG_LEVEL',
    help: 'debug, info (default: one JSON line per request), warn, error or silent',
    expects: 'debug, info, warn, error or silent',
  },
  webmention: {
    type: 'string',
    env: 'NATTER_WEBMENTION',
    help: 'receive Webmentions and Pingbacks at /webmention and /xmlrpc, shown as references: on or off (default on)',
    expects: 'on or off',
  },
  'webmention-target': {
    type: 'string',
    multiple: true,
    env: 'NATTER_WEBMENTION_TARGET',
    help: 'origin whose pages may receive webmentions, e.g. https://blog.example.com; repeat for more (default: every --origin but *, and this server) (variable: comma-separated)',
    expects: 'an origin such as https://blog.example.com (scheme and host, a port if any, no path or slash)',
  },
  'webmention-allow-loopback': {
    type: 'boolean',
    env: 'NATTER_WEBMENTION_ALLOW_LOOPBACK',
    help: 'let the webmention verifier fetch sources on loopback addresses (127.0.0.1, ::1): for tests and local development only; private and link-local addresses stay refused',
    expects: 'true or false',
  },
  'webmention-rate-limit': {
    type: 'string',
    env: 'NATTER_WEBMENTION_RATE_LIMIT',
    help: 'webmention sources fetched per source host and minute (default 6), or off; --rate-limit off turns it off too',
    expects: 'a whole number of fetches per minute, 1 or more, or off',
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
  {
    type: 'string' | 'boolean';
    multiple?: boolean;
    env: string;
    help: string;
    expects: string;
    /** A key or password: an error about it never repeats its value. */
    isSecret?: boolean;
  }
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
