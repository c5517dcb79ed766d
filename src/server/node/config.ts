import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { limits } from '../../protocol/limits.js';
import type { ServerOptions } from './node-server.js';
import type { SmtpEmailSettings } from './notifications.js';
import type { SmtpReplySettings } from './reply-notifications.js';
import { isPasswordHash } from './scrypt-passwords.js';
import {
  closestName,
  keyOf,
  longestEditWindowMinutes,
  nameOf,
  settings,
  type SettingName,
} from './settings.js';

/** A configuration error, in the words of the person who configured the server. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

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

/** A whole number from `settings`, or `off`. */
const countOrOff = (count: z.ZodType<number>) => z.union([z.literal('off'), numberSetting(count)]);

/** An absolute http or https URL that carries no user name or password (fetch refuses those). */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

const seconds = () => numberSetting(z.number().min(0.1).max(60));

/** `hourly`, `daily`, or minutes from 5 to a week. */
const digestInterval = () =>
  z.union([
    z.enum(['hourly', 'daily']),
    numberSetting(
      z
        .number()
        .int()
        .min(5)
        .max(7 * 24 * 60),
    ),
  ]);

/** The minutes a digest interval setting stands for. */
const intervalMinutes = (interval: 'hourly' | 'daily' | number) =>
  interval === 'hourly' ? 60 : interval === 'daily' ? 24 * 60 : interval;

const configSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: numberSetting(z.number().int().min(0).max(65535)).default(8080),
  database: z.string().min(1).default('data/natter.sqlite'),
  origin: z
    .array(z.string().refine((origin) => origin === '*' || /^https?:\/\/[^/\s]+$/.test(origin)))
    .default([]),
  publicUrl: z
    .string()
    .refine((url) => /^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(url))
    .optional(),
  siteUrl: z
    .string()
    .refine((url) => /^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(url))
    .optional(),
  adminPasswordHash: z.string().refine(isPasswordHash).optional(),
  trustProxy: z.boolean().default(false),
  proxyHops: numberSetting(positiveInteger().max(10)).optional(),
  allowHeader: z.array(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/)).default([]),
  moderation: z.enum(['open', 'first-time', 'all']).default('first-time'),
  rateLimit: z.union([z.literal('off'), numberSetting(positiveInteger())]).default(10),
  threadRateLimit: countOrOff(positiveInteger()).default(30),
  formToken: z.enum(['required', 'optional']).default('required'),
  formTokenMinAge: numberSetting(z.number().min(0).max(3600)).default(3),
  formTokenLifetime: numberSetting(z.number().min(1).max(720)).default(24),
  maxLinks: countOrOff(z.number().int().min(0)).default(2),
  reportThreshold: countOrOff(positiveInteger()).default(3),
  akismetKey: z.string().regex(/^\S+$/).optional(),
  akismetSite: z.string().refine(isHttpUrl).optional(),
  akismetUrl: z.string().refine(isHttpUrl).optional(),
  akismetTimeout: seconds().optional(),
  hookUrl: z.string().refine(isHttpUrl).optional(),
  hookSecret: z.string().min(16).optional(),
  hookTimeout: seconds().optional(),
  avatars: z.enum(['identicon', 'gravatar']).default('identicon'),
  editWindow: numberSetting(z.number().min(0).max(longestEditWindowMinutes)).default(15),
  maxBodyBytes: numberSetting(positiveInteger().max(limits.maxBodyBytes)).default(limits.maxBodyBytes),
  maxTextLength: numberSetting(positiveInteger().max(limits.textLength)).default(limits.textLength),
  policy: z.string().optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  demo: z.boolean().default(false),
  webmention: z.enum(['on', 'off']).default('on'),
  webmentionTarget: z.array(z.string().refine((origin) => /^https?:\/\/[^/\s]+$/.test(origin))).optional(),
  webmentionAllowLoopback: z.boolean().default(false),
  webmentionRateLimit: countOrOff(positiveInteger()).default(6),
  webhookUrl: z.string().refine(isHttpUrl).optional(),
  webhookSecret: z.string().min(16).optional(),
  webhookEvents: z
    .array(z.enum(['published', 'held', 'spam', 'approved', 'moderated', 'reported']))
    .optional(),
  emailTo: z.array(z.string().refine(isEmailAddress)).optional(),
  emailFrom: z.string().refine(isMailbox).optional(),
  emailMode: z.enum(['each', 'digest']).optional(),
  emailDigestInterval: digestInterval().optional(),
  smtpHost: z
    .string()
    .regex(/^[^\s/]+$/)
    .optional(),
  smtpPort: numberSetting(z.number().int().min(1).max(65535)).optional(),
  smtpTls: z.enum(['starttls', 'tls', 'none']).optional(),
  smtpUser: z.string().min(1).optional(),
  smtpPassword: z.string().min(1).optional(),
  replyNotifications: z.enum(['off', 'each', 'digest']).default('off'),
  replyDigestInterval: digestInterval().optional(),
  replyHourlyLimit: numberSetting(positiveInteger().max(100)).optional(),
});

/** The validated configuration of `natter serve`. */
export type ServeConfig = z.output<typeof configSchema>;

/** Reads a boolean variable as people write them. */
function envBoolean(value: string): boolean | undefined {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off|)$/i.test(value)) return false;
  return undefined;
}

/**
 * `--edit-window -5` means the value -5, which `parseArgs` would take for an option: the value is joined to its
 * flag (`--edit-window=-5`) so that the check of the value can say what is wrong with it.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    const next = argv[index + 1];
    if (
      settings[argument.replace(/^--/, '') as SettingName]?.type === 'string' &&
      next &&
      /^-\d/.test(next)
    ) {
      joined.push(`${argument}=${next}`);
      index++;
    } else {
      joined.push(argument);
    }
  }
  return joined;
}

/** The flags and values in `argv`, or a `ConfigError` saying in plain words what is wrong with them. */
function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: joinNegativeValues(argv),
      options: settings,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const flag = /'(--?[\w-]+)/.exec(message)?.[1] ?? '';
    const name = flag.replace(/^--?/, '') as SettingName;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const closest = closestName(name, Object.keys(settings));
      throw new ConfigError(`unknown option ${flag}${closest ? ` (did you mean --${closest}?)` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && settings[name]) {
      throw new ConfigError(
        settings[name].type === 'boolean'
          ? `--${name} takes no value (leave it out to turn it off)`
          : `--${name} needs a value: ${settings[name].expects}`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new ConfigError(
        `unexpected argument "${/'([^']*)'/.exec(message)?.[1] ?? ''}" (settings are --flags)`,
      );
    }
    throw new ConfigError(message);
  }
}

/** A value as a message quotes it. */
const quoted = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

/**
 * Parses flags, environment and config file into one validated configuration. Throws a `ConfigError` whose message
 * names the setting at fault as it was given (`--port`, `NATTER_PORT` or `"port" in natter.json`) and says what it
 * expects: `--port must be a port number from 0 to 65535, not "abc"`.
 */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const values = readFlags(argv);
  const fromFlags: Record<string, unknown> = {};
  const fromEnv: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(settings) as [SettingName, (typeof settings)[SettingName]][]) {
    const flag = values[name];
    if (flag !== undefined) fromFlags[keyOf(name)] = flag;
    const variable = env[setting.env];
    if (variable === undefined) continue;
    if (setting.type === 'boolean') {
      const value = envBoolean(variable);
      if (value === undefined)
        throw new ConfigError(`${setting.env} must be true or false, not "${variable}"`);
      fromEnv[keyOf(name)] = value;
    } else {
      fromEnv[keyOf(name)] =
        'multiple' in setting
          ? variable
              .split(',')
              .map((part) => part.trim())
              .filter(Boolean)
          : variable;
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
      const [unknown = ''] = issue.keys;
      const closest = closestName(nameOf(unknown), Object.keys(settings));
      const hint = closest ? `did you mean "${keyOf(closest)}"?` : 'settings are camelCase, e.g. "rateLimit"';
      throw new ConfigError(`${configFile} has an unknown setting "${unknown}" (${hint})`);
    }
    const key = String(issue?.path[0] ?? '');
    const name = nameOf(key) as SettingName;
    const where =
      key in fromFlags ? `--${name}` : key in fromEnv ? settings[name].env : `"${key}" in ${configFile}`;
    const value = merged[key];
    const entry = typeof issue?.path[1] === 'number' && Array.isArray(value) ? value[issue.path[1]] : value;
    const setting: { expects: string; isSecret?: boolean } | undefined = settings[name];
    // A key or password is never repeated, not even to say it is wrong: error lines end up in logs.
    const shown = setting?.isSecret ? '' : `, not ${quoted(entry)}`;
    throw new ConfigError(`${where} must be ${setting?.expects ?? 'valid'}${shown}`);
  }
  // Counting proxies that are not trusted would suggest a protection that is not there.
  if (result.data.proxyHops !== undefined && !result.data.trustProxy) {
    throw new ConfigError('--proxy-hops only means something together with --trust-proxy');
  }
  checkTogether(result.data);
  checkNotifications(result.data);
  return result.data;
}

/**
 * The Akismet and hook settings that make sense only together: a key without the site it was issued for, a hook
 * without the secret that signs its requests, or a detail of a check that is not turned on, is a mistake to name.
 */
function checkTogether(config: ServeConfig): void {
  requireWith(config, 'akismetKey', 'akismetSite', ': your site as registered with Akismet');
  onlyWith(config, 'akismetKey', ['akismetSite', 'akismetUrl', 'akismetTimeout']);
  requireWith(config, 'hookUrl', 'hookSecret', ', the key that signs its requests');
  onlyWith(config, 'hookUrl', ['hookSecret', 'hookTimeout']);
}

/** `--lead` set without `--needed`: a mistake, named with `why` (what the missing setting is). */
function requireWith(
  config: ServeConfig,
  lead: keyof ServeConfig,
  needed: keyof ServeConfig,
  why = '',
): void {
  if (config[lead] !== undefined && config[needed] === undefined) {
    throw new ConfigError(`--${nameOf(lead)} needs --${nameOf(needed)}${why}`);
  }
}

/** A detail set without the `lead` setting it belongs to: a mistake, named. */
function onlyWith(
  config: ServeConfig,
  lead: keyof ServeConfig,
  details: readonly (keyof ServeConfig)[],
): void {
  for (const detail of details) {
    if (config[detail] !== undefined && config[lead] === undefined) {
      throw new ConfigError(`--${nameOf(detail)} only means something together with --${nameOf(lead)}`);
    }
  }
}

/** An e-mail address as a site owner writes one: `owner@example.com`. */
function isEmailAddress(value: string): boolean {
  return /^[^\s@<>",;]+@[^\s@<>",;]+$/.test(value);
}

/** A sender: an address, or a name and an address, `Comments <natter@example.com>`. */
function isMailbox(value: string): boolean {
  const named = /^([^<>\r\n]*)<([^<>]*)>$/.exec(value.trim());
  return named ? isEmailAddress(named[2] ?? '') : isEmailAddress(value);
}

/** The notification settings that need one another, or mean nothing without another, named when missing. */
function checkNotifications(config: ServeConfig): void {
  requireWith(config, 'webhookUrl', 'webhookSecret', ', the key that signs its requests');
  onlyWith(config, 'webhookUrl', ['webhookSecret', 'webhookEvents']);
  requireWith(config, 'emailTo', 'smtpHost', ', the SMTP server that sends the e-mails');
  requireWith(config, 'emailTo', 'emailFrom', ', the address the e-mails come from');
  onlyWith(config, 'emailTo', ['emailMode', 'emailDigestInterval']);
  const sendsReplies = config.replyNotifications !== 'off';
  if (sendsReplies && config.smtpHost === undefined) {
    throw new ConfigError('--reply-notifications needs --smtp-host, the SMTP server that sends the e-mails');
  }
  if (sendsReplies && config.emailFrom === undefined) {
    throw new ConfigError('--reply-notifications needs --email-from, the address the e-mails come from');
  }
  // The sender and the SMTP server serve the owner's e-mail, the guests', or both.
  if (config.emailTo === undefined && !sendsReplies) {
    for (const detail of [
      'emailFrom',
      'smtpHost',
      'smtpPort',
      'smtpTls',
      'smtpUser',
      'smtpPassword',
    ] as const) {
      if (config[detail] !== undefined) {
        throw new ConfigError(
          `--${nameOf(detail)} only means something together with --email-to or --reply-notifications`,
        );
      }
    }
  }
  if (config.replyHourlyLimit !== undefined && !sendsReplies) {
    throw new ConfigError('--reply-hourly-limit only means something together with --reply-notifications');
  }
  if (config.replyDigestInterval !== undefined && config.replyNotifications !== 'digest') {
    throw new ConfigError(
      '--reply-digest-interval only means something together with --reply-notifications digest',
    );
  }
  requireWith(config, 'smtpUser', 'smtpPassword');
  onlyWith(config, 'smtpUser', ['smtpPassword']);
  if (config.emailDigestInterval !== undefined && config.emailMode !== 'digest') {
    throw new ConfigError('--email-digest-interval only means something together with --email-mode digest');
  }
}

/** The webhook a configuration describes, if any. */
function webhookOf(config: ServeConfig): ServerOptions['webhook'] {
  if (config.webhookUrl === undefined || config.webhookSecret === undefined) return undefined;
  return { url: config.webhookUrl, secret: config.webhookSecret, events: config.webhookEvents };
}

/** The e-mail notifications a configuration describes, if any. */
function emailOf(config: ServeConfig): SmtpEmailSettings | undefined {
  const { emailTo, emailFrom, smtpHost } = config;
  if (emailTo === undefined || emailFrom === undefined || smtpHost === undefined) return undefined;
  return {
    from: emailFrom,
    to: emailTo,
    mode: config.emailMode ?? 'each',
    digestIntervalMinutes: intervalMinutes(config.emailDigestInterval ?? 'hourly'),
    smtp: smtpOf(config, smtpHost),
  };
}

/** The SMTP server a configuration names at `host`. */
function smtpOf(config: ServeConfig, host: string) {
  return {
    host,
    port: config.smtpPort,
    security: config.smtpTls ?? 'starttls',
    user: config.smtpUser,
    password: config.smtpPassword,
  };
}

/** Reply notifications to guests, when a configuration turns them on. */
function replyNotificationsOf(config: ServeConfig): SmtpReplySettings | undefined {
  const { replyNotifications: mode, emailFrom, smtpHost } = config;
  if (mode === 'off' || emailFrom === undefined || smtpHost === undefined) return undefined;
  return {
    from: emailFrom,
    mode,
    digestIntervalMinutes: intervalMinutes(config.replyDigestInterval ?? 'hourly'),
    hourlyLimit: config.replyHourlyLimit ?? defaultReplyHourlyLimit,
    smtp: smtpOf(config, smtpHost),
  };
}

/** The most e-mails about replies one address gets in an hour, unless configured. */
const defaultReplyHourlyLimit = 6;

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as { code?: string }).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new ConfigError(`cannot read the config file ${path}: ${reason}`, { cause: error });
  }
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the config file ${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(
      `the config file ${path} must hold a JSON object of settings, such as { "port": 8080 }`,
    );
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
    siteUrl: config.siteUrl,
    adminPasswordHash: config.adminPasswordHash,
    trustProxy: config.trustProxy ? (config.proxyHops ?? 1) : false,
    allowHeaders: config.allowHeader,
    moderation: config.moderation,
    rateLimit: config.rateLimit === 'off' ? false : config.rateLimit,
    threadRateLimit: config.threadRateLimit === 'off' ? false : config.threadRateLimit,
    formToken: {
      isRequired: config.formToken === 'required',
      minAgeMs: config.formTokenMinAge * 1000,
      lifetimeMs: config.formTokenLifetime * 3_600_000,
    },
    maxLinks: config.maxLinks === 'off' ? false : config.maxLinks,
    reportThreshold: config.reportThreshold === 'off' ? false : config.reportThreshold,
    akismet:
      config.akismetKey === undefined || config.akismetSite === undefined
        ? undefined
        : {
            key: config.akismetKey,
            site: config.akismetSite,
            url: config.akismetUrl,
            timeoutMs: config.akismetTimeout === undefined ? undefined : config.akismetTimeout * 1000,
          },
    moderationHook:
      config.hookUrl === undefined || config.hookSecret === undefined
        ? undefined
        : {
            url: config.hookUrl,
            secret: config.hookSecret,
            timeoutMs: config.hookTimeout === undefined ? undefined : config.hookTimeout * 1000,
          },
    avatars: config.avatars,
    editWindowMinutes: config.editWindow,
    maxBodyBytes: config.maxBodyBytes,
    maxTextLength: config.maxTextLength,
    policy: config.policy,
    demo: config.demo,
    webmention:
      config.webmention === 'off'
        ? undefined
        : {
            targets: config.webmentionTarget,
            allowLoopback: config.webmentionAllowLoopback,
            // Load tests switch every rate limit off with --rate-limit off.
            sourceRateLimit:
              config.rateLimit === 'off' || config.webmentionRateLimit === 'off'
                ? false
                : config.webmentionRateLimit,
          },
    webhook: webhookOf(config),
    email: emailOf(config),
    replyNotifications: replyNotificationsOf(config),
  };
}

/** `natter serve --help`. */
export function helpText(): string {
  const lines = Object.entries(settings).map(([name, setting]) => {
    const flag = `  --${name}${setting.type === 'string' ? ' <value>' : ''}`;
    const column = ' '.repeat(28);
    // A flag too long for its column has its help on the next line, never run into it.
    const head = flag.length < column.length ? flag.padEnd(column.length) : `${flag}\n${column}`;
    return `${head}${setting.help}\n${column}env ${setting.env}`;
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
