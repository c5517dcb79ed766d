import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { limits } from '../../protocol/limits.js';
import type { ServerOptions } from './node-server.js';

/**
 * Every setting of `natter serve`: its flag, its `NATTER_*` variable and its help line. Flags beat variables,
 * variables beat the config file, and the file beats the defaults.
 */
const settings = {
  host: { type: 'string', env: 'NATTER_HOST', help: 'address to listen on (default 127.0.0.1)' },
  port: { type: 'string', env: 'NATTER_PORT', help: 'port to listen on; 0 picks a free one (default 8080)' },
  database: {
    type: 'string',
    env: 'NATTER_DATABASE',
    help: 'SQLite file path, or a postgres:// URL (default ./data/natter.sqlite)',
  },
  origin: {
    type: 'string',
    multiple: true,
    env: 'NATTER_ORIGIN',
    help: 'origin allowed to call the API from browsers, e.g. https://blog.example.com; repeat for more; * for any (variable: comma-separated)',
  },
  'public-url': {
    type: 'string',
    env: 'NATTER_PUBLIC_URL',
    help: 'URL browsers reach this server at, e.g. https://comments.example.com/ (default: the address it listens on)',
  },
  'trust-proxy': {
    type: 'boolean',
    env: 'NATTER_TRUST_PROXY',
    help: 'trust X-Forwarded-For/-Proto/-Host from the reverse proxies in front (see --proxy-hops)',
  },
  'proxy-hops': {
    type: 'string',
    env: 'NATTER_PROXY_HOPS',
    help: 'with --trust-proxy: how many reverse proxies stand in front, e.g. 2 for a CDN and nginx (default 1)',
  },
  'allow-header': {
    type: 'string',
    multiple: true,
    env: 'NATTER_ALLOW_HEADER',
    help: 'request header pages may send besides Content-Type and Authorization; repeat for more (variable: comma-separated)',
  },
  moderation: {
    type: 'string',
    env: 'NATTER_MODERATION',
    help: 'open (publish at once, default), first-time (hold authors without a published comment under their e-mail, and every author without one), all (hold every comment and every edit)',
  },
  'rate-limit': {
    type: 'string',
    env: 'NATTER_RATE_LIMIT',
    help: 'writes per client and minute (default 10), or off',
  },
  'edit-window': {
    type: 'string',
    env: 'NATTER_EDIT_WINDOW',
    help: 'minutes an author may edit or delete a new comment (default 15)',
  },
  'max-body-bytes': {
    type: 'string',
    env: 'NATTER_MAX_BODY_BYTES',
    help: `largest request body in bytes (default and most ${limits.maxBodyBytes})`,
  },
  'max-text-length': {
    type: 'string',
    env: 'NATTER_MAX_TEXT_LENGTH',
    help: `longest comment in characters (default and most ${limits.textLength})`,
  },
  policy: { type: 'string', env: 'NATTER_POLICY', help: 'comment-policy HTML shown above the form' },
  'log-level': {
    type: 'string',
    env: 'NATTER_LOG_LEVEL',
    help: 'debug, info (default: one JSON line per request), warn, error or silent',
  },
  demo: { type: 'boolean', env: 'NATTER_DEMO', help: 'also serve the demo blog article at /' },
  config: {
    type: 'string',
    env: 'NATTER_CONFIG',
    help: 'JSON file with any of these settings (camelCase keys)',
  },
} as const satisfies Record<
  string,
  { type: 'string' | 'boolean'; multiple?: boolean; env: string; help: string }
>;

type SettingName = keyof typeof settings;

/**
 * A number: as such in the config file, as text in a flag or variable. Unlike `z.coerce.number()`, which reads
 * an empty string as 0, an empty value is refused: `NATTER_EDIT_WINDOW=` must not quietly turn editing off, nor
 * `NATTER_PORT=` pick a random port.
 */
function numberSetting<T extends z.ZodType<number>>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
    schema,
  );
}

const positiveInteger = () => z.number().int().positive();
/**
 * Ten years, far beyond any real use: an absurd window (1e12 minutes) would put `editableUntil` past the last
 * date JavaScript can hold, and every post would fail.
 */
const longestEditWindowMinutes = 10 * 365 * 24 * 60;

const configSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: numberSetting(z.number().int().min(0).max(65535)).default(8080),
  database: z.string().min(1).default('data/natter.sqlite'),
  origin: z
    .array(
      z
        .string()
        .refine(
          (origin) => origin === '*' || /^https?:\/\/[^/\s]+$/.test(origin),
          'must be scheme://host[:port] (no path, no trailing slash) or *',
        ),
    )
    .default([]),
  publicUrl: z
    .string()
    .refine(
      (url) => /^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(url),
      'must be an http or https URL, e.g. https://comments.example.com/',
    )
    .optional(),
  trustProxy: z.boolean().default(false),
  proxyHops: numberSetting(positiveInteger().max(10)).optional(),
  allowHeader: z
    .array(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name'))
    .default([]),
  moderation: z.enum(['open', 'first-time', 'all']).default('open'),
  rateLimit: z.union([z.literal('off'), numberSetting(positiveInteger())]).default(10),
  editWindow: numberSetting(z.number().min(0).max(longestEditWindowMinutes)).default(15),
  maxBodyBytes: numberSetting(positiveInteger().max(limits.maxBodyBytes)).default(limits.maxBodyBytes),
  maxTextLength: numberSetting(positiveInteger().max(limits.textLength)).default(limits.textLength),
  policy: z.string().optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  demo: z.boolean().default(false),
});

/** The validated configuration of `natter serve`. */
export type ServeConfig = z.output<typeof configSchema>;

const camel = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** Reads a boolean variable as people write them. */
function envBoolean(value: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off|)$/i.test(value)) return false;
  throw new Error(`expected true or false, got "${value}"`);
}

/**
 * Parses flags, environment and config file into one validated configuration. Throws an `Error` whose message
 * names the setting at fault and says what it expects.
 */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const { values } = parseArgs({ args: argv, options: settings, strict: true, allowPositionals: false });
  const fromFlags: Record<string, unknown> = {};
  const fromEnv: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(settings) as [SettingName, (typeof settings)[SettingName]][]) {
    const flag = values[name];
    if (flag !== undefined) fromFlags[camel(name)] = flag;
    const variable = env[setting.env];
    if (variable === undefined) continue;
    try {
      fromEnv[camel(name)] =
        setting.type === 'boolean'
          ? envBoolean(variable)
          : 'multiple' in setting
            ? variable
                .split(',')
                .map((part) => part.trim())
                .filter(Boolean)
            : variable;
    } catch (error) {
      throw new Error(`${setting.env}: ${(error as Error).message}`, { cause: error });
    }
  }
  const configFile = (fromFlags.config ?? fromEnv.config) as string | undefined;
  const fromFile = configFile ? readConfigFile(configFile) : {};
  const merged = { ...fromFile, ...fromEnv, ...fromFlags };
  delete merged.config;
  const result = configSchema.strict().safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    // Only the file can hold names that are no setting: flags and variables are a fixed list.
    if (issue?.code === 'unrecognized_keys') {
      const names = issue.keys.map((name) => `"${name}"`).join(', ');
      throw new Error(
        `--config ${configFile}: unknown setting ${names} (settings are camelCase, e.g. "rateLimit")`,
      );
    }
    const key = String(issue?.path[0] ?? '');
    const flag = key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    throw new Error(`--${flag}: ${issue?.message ?? 'invalid'}`);
  }
  // Counting proxies that are not trusted would suggest a protection that is not there.
  if (result.data.proxyHops !== undefined && !result.data.trustProxy) {
    throw new Error('--proxy-hops: only means something with --trust-proxy');
  }
  return result.data;
}

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--config ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`--config ${path}: expected a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** The `createServer` options a configuration describes. */
export function toServerOptions(config: ServeConfig): Omit<ServerOptions, 'logger'> {
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    origins: config.origin,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy ? (config.proxyHops ?? 1) : false,
    allowHeaders: config.allowHeader,
    moderation: config.moderation,
    rateLimit: config.rateLimit === 'off' ? false : config.rateLimit,
    editWindowMinutes: config.editWindow,
    maxBodyBytes: config.maxBodyBytes,
    maxTextLength: config.maxTextLength,
    policy: config.policy,
    demo: config.demo,
  };
}

/** `natter serve --help`. */
export function helpText(): string {
  const lines = Object.entries(settings).map(([name, setting]) => {
    const flag = `  --${name}${setting.type === 'string' ? ' <value>' : ''}`;
    return `${flag.padEnd(28)}${setting.help}\n${' '.repeat(28)}env ${setting.env}`;
  });
  return [
    'Usage: natter serve [options]',
    '',
    'Runs the natter comments server. Precedence: flags, then NATTER_* variables, then --config file, then defaults.',
    '',
    'Options:',
    ...lines,
    '  --help                    this text',
    '',
  ].join('\n');
}
