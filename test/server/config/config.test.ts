import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { limits } from '../../../src/protocol/limits.js';
import { helpText, loadConfig, toServerOptions, type ServeConfig } from '../../../src/server/node/config.js';

/** A well-formed scrypt hash (of no password anyone knows): the setting checks its form, not what it hashes. */
const ADMIN_HASH = `scrypt$32768$8$1$${'A'.repeat(22)}$${'B'.repeat(43)}`;

/** Every setting: its flag, its variable, a valid value as typed, and what the configuration then holds. */
const settings: {
  flag: string;
  variable: string;
  key: keyof ServeConfig;
  value: string;
  expected: unknown;
}[] = [
  { flag: 'host', variable: 'NATTER_HOST', key: 'host', value: '0.0.0.0', expected: '0.0.0.0' },
  { flag: 'port', variable: 'NATTER_PORT', key: 'port', value: '9000', expected: 9000 },
  {
    flag: 'database',
    variable: 'NATTER_DATABASE',
    key: 'database',
    value: 'postgres://natter@127.0.0.1/natter',
    expected: 'postgres://natter@127.0.0.1/natter',
  },
  {
    flag: 'origin',
    variable: 'NATTER_ORIGIN',
    key: 'origin',
    value: 'https://blog.example.com',
    expected: ['https://blog.example.com'],
  },
  {
    flag: 'moderation',
    variable: 'NATTER_MODERATION',
    key: 'moderation',
    value: 'first-time',
    expected: 'first-time',
  },
  { flag: 'rate-limit', variable: 'NATTER_RATE_LIMIT', key: 'rateLimit', value: '30', expected: 30 },
  { flag: 'edit-window', variable: 'NATTER_EDIT_WINDOW', key: 'editWindow', value: '2.5', expected: 2.5 },
  { flag: 'avatars', variable: 'NATTER_AVATARS', key: 'avatars', value: 'gravatar', expected: 'gravatar' },
  {
    flag: 'max-body-bytes',
    variable: 'NATTER_MAX_BODY_BYTES',
    key: 'maxBodyBytes',
    value: '16384',
    expected: 16384,
  },
  {
    flag: 'max-text-length',
    variable: 'NATTER_MAX_TEXT_LENGTH',
    key: 'maxTextLength',
    value: '2000',
    expected: 2000,
  },
  {
    flag: 'policy',
    variable: 'NATTER_POLICY',
    key: 'policy',
    value: '<p>Be kind.</p>',
    expected: '<p>Be kind.</p>',
  },
  { flag: 'log-level', variable: 'NATTER_LOG_LEVEL', key: 'logLevel', value: 'warn', expected: 'warn' },
  {
    flag: 'public-url',
    variable: 'NATTER_PUBLIC_URL',
    key: 'publicUrl',
    value: 'https://comments.example.com/',
    expected: 'https://comments.example.com/',
  },
  {
    flag: 'site-url',
    variable: 'NATTER_SITE_URL',
    key: 'siteUrl',
    value: 'https://blog.example.com',
    expected: 'https://blog.example.com',
  },
  {
    flag: 'admin-password-hash',
    variable: 'NATTER_ADMIN_PASSWORD_HASH',
    key: 'adminPasswordHash',
    value: ADMIN_HASH,
    expected: ADMIN_HASH,
  },
  {
    flag: 'allow-header',
    variable: 'NATTER_ALLOW_HEADER',
    key: 'allowHeader',
    value: 'X-Requested-With',
    expected: ['X-Requested-With'],
  },
  {
    flag: 'thread-rate-limit',
    variable: 'NATTER_THREAD_RATE_LIMIT',
    key: 'threadRateLimit',
    value: '12',
    expected: 12,
  },
  {
    flag: 'form-token',
    variable: 'NATTER_FORM_TOKEN',
    key: 'formToken',
    value: 'optional',
    expected: 'optional',
  },
  {
    flag: 'form-token-min-age',
    variable: 'NATTER_FORM_TOKEN_MIN_AGE',
    key: 'formTokenMinAge',
    value: '1.5',
    expected: 1.5,
  },
  {
    flag: 'form-token-lifetime',
    variable: 'NATTER_FORM_TOKEN_LIFETIME',
    key: 'formTokenLifetime',
    value: '48',
    expected: 48,
  },
  { flag: 'max-links', variable: 'NATTER_MAX_LINKS', key: 'maxLinks', value: '0', expected: 0 },
  { flag: 'webmention', variable: 'NATTER_WEBMENTION', key: 'webmention', value: 'off', expected: 'off' },
  {
    flag: 'webmention-target',
    variable: 'NATTER_WEBMENTION_TARGET',
    key: 'webmentionTarget',
    value: 'https://blog.example',
    expected: ['https://blog.example'],
  },
  {
    flag: 'webmention-rate-limit',
    variable: 'NATTER_WEBMENTION_RATE_LIMIT',
    key: 'webmentionRateLimit',
    value: 'off',
    expected: 'off',
  },
  {
    flag: 'report-threshold',
    variable: 'NATTER_REPORT_THRESHOLD',
    key: 'reportThreshold',
    value: '5',
    expected: 5,
  },
  {
    flag: 'akismet-key',
    variable: 'NATTER_AKISMET_KEY',
    key: 'akismetKey',
    value: 'a1b2c3d4e5f6',
    expected: 'a1b2c3d4e5f6',
  },
  {
    flag: 'akismet-site',
    variable: 'NATTER_AKISMET_SITE',
    key: 'akismetSite',
    value: 'https://blog.example.com/',
    expected: 'https://blog.example.com/',
  },
  {
    flag: 'akismet-url',
    variable: 'NATTER_AKISMET_URL',
    key: 'akismetUrl',
    value: 'http://127.0.0.1:9000/akismet',
    expected: 'http://127.0.0.1:9000/akismet',
  },
  {
    flag: 'akismet-timeout',
    variable: 'NATTER_AKISMET_TIMEOUT',
    key: 'akismetTimeout',
    value: '5',
    expected: 5,
  },
  {
    flag: 'hook-url',
    variable: 'NATTER_HOOK_URL',
    key: 'hookUrl',
    value: 'https://moderate.example.com/natter?site=blog',
    expected: 'https://moderate.example.com/natter?site=blog',
  },
  {
    flag: 'hook-secret',
    variable: 'NATTER_HOOK_SECRET',
    key: 'hookSecret',
    value: 'hook-0123456789abcdef',
    expected: 'hook-0123456789abcdef',
  },
  { flag: 'hook-timeout', variable: 'NATTER_HOOK_TIMEOUT', key: 'hookTimeout', value: '0.5', expected: 0.5 },
  {
    flag: 'webhook-url',
    variable: 'NATTER_WEBHOOK_URL',
    key: 'webhookUrl',
    value: 'https://hooks.example.com/natter',
    expected: 'https://hooks.example.com/natter',
  },
  {
    flag: 'webhook-secret',
    variable: 'NATTER_WEBHOOK_SECRET',
    key: 'webhookSecret',
    value: 'whsec-0123456789abcdef',
    expected: 'whsec-0123456789abcdef',
  },
  {
    flag: 'webhook-events',
    variable: 'NATTER_WEBHOOK_EVENTS',
    key: 'webhookEvents',
    value: 'spam',
    expected: ['spam'],
  },
  {
    flag: 'email-to',
    variable: 'NATTER_EMAIL_TO',
    key: 'emailTo',
    value: 'owner@example.com',
    expected: ['owner@example.com'],
  },
  {
    flag: 'email-from',
    variable: 'NATTER_EMAIL_FROM',
    key: 'emailFrom',
    value: 'Comments <natter@example.com>',
    expected: 'Comments <natter@example.com>',
  },
  {
    flag: 'email-mode',
    variable: 'NATTER_EMAIL_MODE',
    key: 'emailMode',
    value: 'digest',
    expected: 'digest',
  },
  {
    flag: 'email-digest-interval',
    variable: 'NATTER_EMAIL_DIGEST_INTERVAL',
    key: 'emailDigestInterval',
    value: '30',
    expected: 30,
  },
  {
    flag: 'smtp-host',
    variable: 'NATTER_SMTP_HOST',
    key: 'smtpHost',
    value: 'smtp.example.com',
    expected: 'smtp.example.com',
  },
  { flag: 'smtp-port', variable: 'NATTER_SMTP_PORT', key: 'smtpPort', value: '2525', expected: 2525 },
  { flag: 'smtp-tls', variable: 'NATTER_SMTP_TLS', key: 'smtpTls', value: 'tls', expected: 'tls' },
  { flag: 'smtp-user', variable: 'NATTER_SMTP_USER', key: 'smtpUser', value: 'natter', expected: 'natter' },
  {
    flag: 'smtp-password',
    variable: 'NATTER_SMTP_PASSWORD',
    key: 'smtpPassword',
    value: 'correct horse battery staple',
    expected: 'correct horse battery staple',
  },
  {
    flag: 'reply-notifications',
    variable: 'NATTER_REPLY_NOTIFICATIONS',
    key: 'replyNotifications',
    value: 'digest',
    expected: 'digest',
  },
  {
    flag: 'reply-digest-interval',
    variable: 'NATTER_REPLY_DIGEST_INTERVAL',
    key: 'replyDigestInterval',
    value: 'daily',
    expected: 'daily',
  },
  {
    flag: 'reply-hourly-limit',
    variable: 'NATTER_REPLY_HOURLY_LIMIT',
    key: 'replyHourlyLimit',
    value: '3',
    expected: 3,
  },
];

const webhookFlags = [
  '--webhook-url',
  'https://hooks.example.com/natter',
  '--webhook-secret',
  'whsec-0123456789abcdef',
];
const akismetFlags = ['--akismet-key', 'a1b2c3d4e5f6', '--akismet-site', 'https://blog.example.com/'];
const hookFlags = ['--hook-url', 'https://moderate.example.com/', '--hook-secret', 'hook-0123456789abcdef'];
const emailFlags = [
  '--email-to',
  'owner@example.com',
  '--email-from',
  'natter@example.com',
  '--smtp-host',
  'smtp.example.com',
];

const replyFlags = [
  '--reply-notifications',
  'each',
  '--email-from',
  'natter@example.com',
  '--smtp-host',
  'smtp.example.com',
];

/** The flags a setting needs beside it to mean something (`--webhook-secret` needs `--webhook-url`), less its own. */
function companionsOf(flag: string): string[] {
  const needed: Record<string, string[]> = {
    'email-digest-interval': ['--email-mode', 'digest'],
    'reply-digest-interval': ['--reply-notifications', 'digest'],
    'smtp-user': ['--smtp-password', 'secret'],
    'smtp-password': ['--smtp-user', 'natter'],
  };
  const groups: [RegExp, string[]][] = [
    [/^webhook-/, webhookFlags],
    [/^(email|smtp)-/, emailFlags],
    [/^reply-/, replyFlags],
    [/^akismet-/, akismetFlags],
    [/^hook-/, hookFlags],
  ];
  const group = groups.find(([pattern]) => pattern.test(flag))?.[1] ?? [];
  const flags = [...group, ...(needed[flag] ?? [])];
  const others: string[] = [];
  for (let index = 0; index < flags.length; index += 2) {
    if (flags[index] !== `--${flag}`) others.push(flags[index]!, flags[index + 1]!);
  }
  return others;
}
const booleanSettings: { flag: string; variable: string; key: keyof ServeConfig }[] = [
  { flag: 'trust-proxy', variable: 'NATTER_TRUST_PROXY', key: 'trustProxy' },
  { flag: 'demo', variable: 'NATTER_DEMO', key: 'demo' },
  {
    flag: 'webmention-allow-loopback',
    variable: 'NATTER_WEBMENTION_ALLOW_LOOPBACK',
    key: 'webmentionAllowLoopback',
  },
];

const defaults: ServeConfig = {
  host: '127.0.0.1',
  port: 8080,
  database: 'data/natter.sqlite',
  origin: [],
  allowHeader: [],
  trustProxy: false,
  moderation: 'first-time',
  rateLimit: 10,
  threadRateLimit: 30,
  formToken: 'required',
  formTokenMinAge: 3,
  formTokenLifetime: 24,
  maxLinks: 2,
  reportThreshold: 3,
  avatars: 'identicon',
  editWindow: 15,
  maxBodyBytes: limits.maxBodyBytes,
  maxTextLength: limits.textLength,
  logLevel: 'info',
  demo: false,
  webmention: 'on',
  webmentionAllowLoopback: false,
  webmentionRateLimit: 6,
  replyNotifications: 'off',
};

/** The error `loadConfig` throws for these flags and variables. */
function configError(argv: string[], env: Record<string, string> = {}): Error {
  try {
    loadConfig(argv, env);
  } catch (error) {
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail(`accepted ${argv.join(' ')} ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  let folder: string;
  const configFile = (name: string) => join(folder, name);
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'natter-config-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('gives the defaults when nothing is set, whatever the process environment holds', () => {
    assert.deepEqual(loadConfig([], {}), defaults);
  });

  for (const { flag, variable, key, value, expected } of settings) {
    it(`reads ${key} from --${flag} and from ${variable}`, () => {
      const others = companionsOf(flag);
      assert.deepEqual(loadConfig([...others, `--${flag}`, value], {})[key], expected);
      assert.deepEqual(loadConfig([...others, `--${flag}=${value}`], {})[key], expected);
      assert.deepEqual(loadConfig(others, { [variable]: value })[key], expected);
    });
  }

  for (const { flag, variable, key } of booleanSettings) {
    it(`reads ${key} from --${flag} and from ${variable} as people write booleans`, () => {
      assert.equal(loadConfig([`--${flag}`], {})[key], true);
      for (const value of ['1', 'true', 'TRUE', 'yes', 'on', 'On']) {
        assert.equal(loadConfig([], { [variable]: value })[key], true, value);
      }
      for (const value of ['0', 'false', 'False', 'no', 'off', '']) {
        assert.equal(loadConfig([], { [variable]: value })[key], false, value);
      }
      assert.match(configError([], { [variable]: 'maybe' }).message, new RegExp(`^${variable}\\b.*maybe`));
      assert.match(configError([`--${flag}=yes`]).message, new RegExp(`--${flag}`));
    });
  }

  it('reads a file of camelCase settings from --config or NATTER_CONFIG', async () => {
    const file = configFile('natter.json');
    await writeFile(
      file,
      JSON.stringify({ port: 7000, origin: ['https://a.example'], trustProxy: true, rateLimit: 'off' }),
    );
    const expected = {
      ...defaults,
      port: 7000,
      origin: ['https://a.example'],
      trustProxy: true,
      rateLimit: 'off',
    };
    assert.deepEqual(loadConfig(['--config', file], {}), expected);
    assert.deepEqual(loadConfig([], { NATTER_CONFIG: file }), expected);
  });

  it('lets flags beat variables, variables beat the file, and the file beat the defaults', async () => {
    const file = configFile('precedence.json');
    await writeFile(
      file,
      JSON.stringify({ host: 'file.example', port: 1111, moderation: 'all', editWindow: 5 }),
    );
    const config = loadConfig(['--port', '3333', '--config', file], {
      NATTER_PORT: '2222',
      NATTER_HOST: 'env.example',
    });
    assert.equal(config.port, 3333);
    assert.equal(config.host, 'env.example');
    assert.equal(config.moderation, 'all');
    assert.equal(config.editWindow, 5);
    assert.equal(config.rateLimit, 10);
  });

  it('lets --config beat NATTER_CONFIG', async () => {
    const fromFlag = configFile('flag.json');
    const fromVariable = configFile('variable.json');
    await writeFile(fromFlag, JSON.stringify({ port: 1 }));
    await writeFile(fromVariable, JSON.stringify({ port: 2 }));
    assert.equal(loadConfig(['--config', fromFlag], { NATTER_CONFIG: fromVariable }).port, 1);
  });

  it('takes several origins from repeated --origin or a comma-separated NATTER_ORIGIN', () => {
    const origins = ['https://a.example', 'http://localhost:8080'];
    assert.deepEqual(loadConfig(['--origin', origins[0]!, '--origin', origins[1]!], {}).origin, origins);
    assert.deepEqual(
      loadConfig([], { NATTER_ORIGIN: ' https://a.example ,http://localhost:8080,, ' }).origin,
      origins,
    );
    assert.deepEqual(loadConfig([], { NATTER_ORIGIN: '*' }).origin, ['*']);
    assert.deepEqual(
      loadConfig(['--origin', 'https://b.example'], { NATTER_ORIGIN: origins.join(',') }).origin,
      ['https://b.example'],
    );
  });

  it('turns the rate limit off with --rate-limit off, and tells createServer so', () => {
    assert.equal(loadConfig(['--rate-limit', 'off'], {}).rateLimit, 'off');
    assert.equal(loadConfig([], { NATTER_RATE_LIMIT: 'off' }).rateLimit, 'off');
    assert.equal(toServerOptions(loadConfig(['--rate-limit', 'off'], {})).rateLimit, false);
    assert.equal(toServerOptions(loadConfig([], {})).rateLimit, 10);
    assert.equal(toServerOptions(loadConfig(['--rate-limit', 'off'], {})).webmention?.sourceRateLimit, false);
    assert.equal(toServerOptions(loadConfig([], {})).webmention?.sourceRateLimit, 6);
  });

  it('receives Webmentions unless told --webmention off; the loopback option says what it is for', () => {
    assert.equal(toServerOptions(loadConfig(['--webmention', 'off'], {})).webmention, undefined);
    const options = toServerOptions(
      loadConfig(['--webmention-allow-loopback', '--webmention-target', 'https://blog.example'], {}),
    );
    assert.deepEqual(options.webmention, {
      targets: ['https://blog.example'],
      allowLoopback: true,
      sourceRateLimit: 6,
    });
    assert.match(helpText(), /--webmention-allow-loopback\n\s+let the webmention [^\n]*loopback/);
  });

  it('hands createServer what the configuration says', () => {
    const config = loadConfig(
      ['--origin', 'https://a.example', '--edit-window', '0', '--trust-proxy', '--demo'],
      {},
    );
    assert.deepEqual(toServerOptions(config), {
      host: '127.0.0.1',
      port: 8080,
      database: 'data/natter.sqlite',
      origins: ['https://a.example'],
      publicUrl: undefined,
      siteUrl: undefined,
      adminPasswordHash: undefined,
      trustProxy: 1,
      allowHeaders: [],
      moderation: 'first-time',
      rateLimit: 10,
      threadRateLimit: 30,
      formToken: { isRequired: true, minAgeMs: 3_000, lifetimeMs: 24 * 60 * 60 * 1000 },
      maxLinks: 2,
      reportThreshold: 3,
      akismet: undefined,
      moderationHook: undefined,
      avatars: 'identicon',
      editWindowMinutes: 0,
      maxBodyBytes: limits.maxBodyBytes,
      maxTextLength: limits.textLength,
      policy: undefined,
      demo: true,
      webmention: { targets: undefined, allowLoopback: false, sourceRateLimit: 6 },
      webhook: undefined,
      email: undefined,
      replyNotifications: undefined,
    });
  });

  it('hands createServer the spam defences: limits, form tokens, Akismet and the hook, in milliseconds', () => {
    const options = toServerOptions(
      loadConfig(
        [
          '--thread-rate-limit',
          'off',
          '--max-links',
          'off',
          '--report-threshold',
          'off',
          '--form-token',
          'optional',
          '--form-token-min-age',
          '0',
          '--form-token-lifetime',
          '2',
          '--akismet-url',
          'http://127.0.0.1:9000',
          '--akismet-timeout',
          '1.5',
          '--hook-timeout',
          '0.25',
        ],
        {
          NATTER_AKISMET_KEY: 'a1b2c3d4e5f6',
          NATTER_AKISMET_SITE: 'https://blog.example.com/',
          NATTER_HOOK_URL: 'https://moderate.example.com/',
          NATTER_HOOK_SECRET: 'hook-0123456789abcdef',
        },
      ),
    );
    assert.equal(options.threadRateLimit, false);
    assert.equal(options.maxLinks, false);
    assert.equal(options.reportThreshold, false);
    assert.deepEqual(options.formToken, { isRequired: false, minAgeMs: 0, lifetimeMs: 2 * 60 * 60 * 1000 });
    assert.deepEqual(options.akismet, {
      key: 'a1b2c3d4e5f6',
      site: 'https://blog.example.com/',
      url: 'http://127.0.0.1:9000',
      timeoutMs: 1_500,
    });
    assert.deepEqual(options.moderationHook, {
      url: 'https://moderate.example.com/',
      secret: 'hook-0123456789abcdef',
      timeoutMs: 250,
    });
    const defaults = toServerOptions(loadConfig([...akismetFlags, ...hookFlags], {}));
    assert.equal(defaults.akismet?.url, undefined, 'https://rest.akismet.com, by createApp');
    assert.equal(defaults.akismet?.timeoutMs, undefined);
    assert.equal(defaults.moderationHook?.timeoutMs, undefined);
  });

  it('names the Akismet or hook setting that is missing, or that means nothing without another', () => {
    const cases: [argv: string[], message: string][] = [
      [['--akismet-key', 'k1'], '--akismet-key needs --akismet-site: your site as registered with Akismet'],
      [
        ['--akismet-site', 'https://blog.example.com/'],
        '--akismet-site only means something together with --akismet-key',
      ],
      [
        ['--akismet-url', 'https://a.example'],
        '--akismet-url only means something together with --akismet-key',
      ],
      [['--akismet-timeout', '2'], '--akismet-timeout only means something together with --akismet-key'],
      [
        ['--hook-url', 'https://moderate.example.com/'],
        '--hook-url needs --hook-secret, the key that signs its requests',
      ],
      [
        ['--hook-secret', 'hook-0123456789abcdef'],
        '--hook-secret only means something together with --hook-url',
      ],
      [['--hook-timeout', '1'], '--hook-timeout only means something together with --hook-url'],
    ];
    for (const [argv, message] of cases) assert.equal(configError(argv).message, message, argv.join(' '));
  });

  it('never repeats the Akismet key or the hook secret, not even to say it is wrong', () => {
    const spaced = configError([], { NATTER_AKISMET_KEY: 'key with spaces' }).message;
    assert.equal(spaced, 'NATTER_AKISMET_KEY must be an Akismet API key, without spaces');
    const short = configError([
      '--hook-url',
      'https://moderate.example.com/',
      '--hook-secret',
      'short-one',
    ]).message;
    assert.equal(short, '--hook-secret must be a secret of 16 characters or more');
  });

  it('hands createServer a signed webhook and its events', () => {
    const config = loadConfig(['--webhook-events', 'held', '--webhook-events', 'reported'], {
      NATTER_WEBHOOK_URL: 'https://hooks.example.com/natter',
      NATTER_WEBHOOK_SECRET: 'whsec-0123456789abcdef',
    });
    assert.deepEqual(toServerOptions(config).webhook, {
      url: 'https://hooks.example.com/natter',
      secret: 'whsec-0123456789abcdef',
      events: ['held', 'reported'],
    });
    assert.deepEqual(loadConfig([...webhookFlags], { NATTER_WEBHOOK_EVENTS: 'held, spam' }).webhookEvents, [
      'held',
      'spam',
    ]);
    assert.equal(
      toServerOptions(loadConfig(webhookFlags, {})).webhook?.events,
      undefined,
      'the default events',
    );
  });

  it('hands createServer the e-mail settings, each at once over STARTTLS on 587 unless told otherwise', () => {
    const each = toServerOptions(
      loadConfig([], {
        NATTER_EMAIL_TO: 'a@example.com, b@example.com',
        NATTER_EMAIL_FROM: 'natter@example.com',
        NATTER_SMTP_HOST: 'smtp.example.com',
      }),
    );
    assert.deepEqual(each.email, {
      from: 'natter@example.com',
      to: ['a@example.com', 'b@example.com'],
      mode: 'each',
      digestIntervalMinutes: 60,
      smtp: {
        host: 'smtp.example.com',
        port: undefined,
        security: 'starttls',
        user: undefined,
        password: undefined,
      },
    });
    const digest = toServerOptions(
      loadConfig(
        [...emailFlags, '--email-mode', 'digest', '--email-digest-interval', 'daily', '--smtp-tls', 'tls'],
        { NATTER_SMTP_USER: 'natter', NATTER_SMTP_PASSWORD: 'correct horse', NATTER_SMTP_PORT: '2465' },
      ),
    );
    assert.equal(digest.email?.mode, 'digest');
    assert.equal(digest.email?.digestIntervalMinutes, 24 * 60);
    assert.deepEqual(digest.email?.smtp, {
      host: 'smtp.example.com',
      port: 2465,
      security: 'tls',
      user: 'natter',
      password: 'correct horse',
    });
    const hourly = loadConfig(
      [...emailFlags, '--email-mode', 'digest', '--email-digest-interval', 'hourly'],
      {},
    );
    assert.equal(toServerOptions(hourly).email?.digestIntervalMinutes, 60);
  });

  it('hands createServer reply notifications through the same SMTP server, six an hour unless told otherwise', () => {
    assert.equal(toServerOptions(loadConfig(emailFlags, {})).replyNotifications, undefined, 'off by default');
    const replies = toServerOptions(
      loadConfig(['--reply-notifications', 'digest', '--reply-digest-interval', 'daily'], {
        NATTER_EMAIL_FROM: 'Comments <natter@example.com>',
        NATTER_SMTP_HOST: 'smtp.example.com',
        NATTER_SMTP_TLS: 'none',
      }),
    );
    assert.deepEqual(replies.replyNotifications, {
      from: 'Comments <natter@example.com>',
      mode: 'digest',
      digestIntervalMinutes: 24 * 60,
      hourlyLimit: 6,
      smtp: {
        host: 'smtp.example.com',
        port: undefined,
        security: 'none',
        user: undefined,
        password: undefined,
      },
    });
    assert.equal(replies.email, undefined, 'no site owner is e-mailed without --email-to');
    const limited = toServerOptions(loadConfig([...replyFlags, '--reply-hourly-limit', '2'], {}));
    assert.equal(limited.replyNotifications?.hourlyLimit, 2);
    assert.equal(limited.replyNotifications?.mode, 'each');
    assert.match(
      configError([...replyFlags, '--reply-hourly-limit', '0']).message,
      /^--reply-hourly-limit must be/,
    );
    assert.match(
      configError(['--reply-notifications', 'sometimes']).message,
      /^--reply-notifications must be off, each or digest/,
    );
  });

  it('names the notification setting that is missing, or that means nothing without another', () => {
    const cases: [argv: string[], message: string][] = [
      [
        ['--webhook-url', 'https://hooks.example.com/'],
        '--webhook-url needs --webhook-secret, the key that signs its requests',
      ],
      [
        ['--webhook-secret', 'whsec-0123456789abcdef'],
        '--webhook-secret only means something together with --webhook-url',
      ],
      [['--webhook-events', 'held'], '--webhook-events only means something together with --webhook-url'],
      [
        ['--email-to', 'owner@example.com', '--email-from', 'natter@example.com'],
        '--email-to needs --smtp-host, the SMTP server that sends the e-mails',
      ],
      [
        ['--email-to', 'owner@example.com', '--smtp-host', 'smtp.example.com'],
        '--email-to needs --email-from, the address the e-mails come from',
      ],
      [
        ['--smtp-host', 'smtp.example.com'],
        '--smtp-host only means something together with --email-to or --reply-notifications',
      ],
      [
        ['--reply-notifications', 'each', '--email-from', 'natter@example.com'],
        '--reply-notifications needs --smtp-host, the SMTP server that sends the e-mails',
      ],
      [
        ['--reply-notifications', 'digest', '--smtp-host', 'smtp.example.com'],
        '--reply-notifications needs --email-from, the address the e-mails come from',
      ],
      [
        [...emailFlags, '--reply-hourly-limit', '3'],
        '--reply-hourly-limit only means something together with --reply-notifications',
      ],
      [
        [...replyFlags, '--reply-digest-interval', '30'],
        '--reply-digest-interval only means something together with --reply-notifications digest',
      ],
      [['--email-mode', 'digest'], '--email-mode only means something together with --email-to'],
      [[...emailFlags, '--smtp-user', 'natter'], '--smtp-user needs --smtp-password'],
      [
        [...emailFlags, '--smtp-password', 'secret'],
        '--smtp-password only means something together with --smtp-user',
      ],
      [
        [...emailFlags, '--email-digest-interval', 'daily'],
        '--email-digest-interval only means something together with --email-mode digest',
      ],
    ];
    for (const [argv, message] of cases) assert.equal(configError(argv).message, message, argv.join(' '));
  });

  it('never repeats the webhook secret or the SMTP password, not even to say it is wrong', () => {
    const short = configError([], { NATTER_WEBHOOK_SECRET: 'tooshort-x1' }).message;
    assert.equal(short, 'NATTER_WEBHOOK_SECRET must be a secret of 16 characters or more');
    const empty = configError([...emailFlags, '--smtp-user', 'natter', '--smtp-password=']).message;
    assert.equal(empty, '--smtp-password must be a password');
  });

  it('counts the trusted proxies given with --proxy-hops, and refuses them without --trust-proxy', () => {
    assert.equal(toServerOptions(loadConfig(['--trust-proxy', '--proxy-hops', '2'], {})).trustProxy, 2);
    assert.equal(
      toServerOptions(loadConfig([], { NATTER_TRUST_PROXY: '1', NATTER_PROXY_HOPS: '3' })).trustProxy,
      3,
    );
    assert.equal(toServerOptions(loadConfig([], {})).trustProxy, false);
    assert.match(configError(['--proxy-hops', '2']).message, /--proxy-hops.*--trust-proxy/);
  });

  const invalid: [flag: string, value: string][] = [
    ['host', ''],
    ['port', 'abc'],
    ['port', '70000'],
    ['port', '-1'],
    ['port', '80.5'],
    ['port', ''],
    ['port', '  '],
    ['database', ''],
    ['origin', 'https://blog.example.com/'],
    ['origin', 'blog.example.com'],
    ['origin', 'ftp://blog.example.com'],
    ['moderation', 'sometimes'],
    ['rate-limit', 'none'],
    ['rate-limit', '0'],
    ['rate-limit', '1.5'],
    ['rate-limit', ''],
    ['edit-window', '-5'],
    ['edit-window', 'soon'],
    ['edit-window', ''],
    ['edit-window', '1e12'],
    ['edit-window', 'Infinity'],
    ['max-body-bytes', String(limits.maxBodyBytes + 1)],
    ['max-body-bytes', '0'],
    ['max-text-length', String(limits.textLength + 1)],
    ['max-text-length', ''],
    ['log-level', 'loud'],
    ['public-url', 'comments.example.com'],
    ['public-url', 'ftp://comments.example.com/'],
    ['public-url', 'https://comments.example.com/?x=1'],
    ['allow-header', 'X Bad'],
    ['allow-header', 'X-Tab\tHeader'],
    ['thread-rate-limit', '0'],
    ['thread-rate-limit', 'none'],
    ['form-token', 'sometimes'],
    ['form-token-min-age', '-1'],
    ['form-token-min-age', '7200'],
    ['form-token-lifetime', '0.5'],
    ['form-token-lifetime', 'forever'],
    ['avatars', 'libravatar'],
    ['max-links', '-1'],
    ['max-links', '2.5'],
    ['report-threshold', '0'],
    ['akismet-site', 'blog.example.com'],
    ['akismet-url', 'ftp://rest.akismet.com'],
    ['akismet-timeout', '0'],
    ['akismet-timeout', '600'],
    ['hook-url', 'moderate.example.com'],
    ['hook-url', 'https://user:password@moderate.example.com/'],
    ['hook-timeout', 'soon'],
    ['webhook-url', 'hooks.example.com/natter'],
    ['webhook-url', 'https://user:password@hooks.example.com/'],
    ['webhook-events', 'deleted'],
    ['email-to', 'owner'],
    ['email-to', 'owner@example.com, other@example.com'],
    ['email-from', 'Comments natter@example.com'],
    ['email-mode', 'weekly'],
    ['email-digest-interval', '1'],
    ['email-digest-interval', 'weekly'],
    ['smtp-host', 'smtp.example.com/x'],
    ['smtp-port', '0'],
    ['smtp-tls', 'ssl'],
  ];
  for (const [flag, value] of [...invalid, ['proxy-hops', '0'], ['proxy-hops', '1.5']]) {
    it(`refuses --${flag} ${JSON.stringify(value)} with an error naming the flag`, () => {
      const proxied = flag === 'proxy-hops' ? ['--trust-proxy'] : [];
      assert.match(configError([...proxied, `--${flag}`, value]).message, new RegExp(`--${flag}\\b`));
      if (flag === 'proxy-hops') return;
      const variable = `NATTER_${flag.toUpperCase().replaceAll('-', '_')}`;
      assert.match(configError([], { [variable]: value }).message, new RegExp(`--${flag}\\b|${variable}`));
    });
  }

  it('refuses unknown flags and arguments', () => {
    assert.match(configError(['--bogus']).message, /--bogus/);
    assert.match(configError(['--port-number', '1']).message, /--port-number/);
    assert.match(configError(['serve']).message, /serve/);
    assert.match(configError(['--port']).message, /--port/);
  });

  it('refuses a config file that is missing, not JSON, not an object, or holds unknown or invalid settings', async () => {
    const missing = configFile('missing.json');
    assert.equal(
      configError(['--config', missing]).message,
      `cannot read the config file ${missing}: there is no such file`,
    );
    const broken = configFile('broken.json');
    await writeFile(broken, '{ port: 1 }');
    assert.match(
      configError(['--config', broken]).message,
      /^the config file .*broken\.json is not valid JSON: /,
    );
    const list = configFile('list.json');
    await writeFile(list, '[]');
    assert.match(configError(['--config', list]).message, /list\.json must hold a JSON object of settings/);
    const unknown = configFile('unknown.json');
    await writeFile(unknown, JSON.stringify({ prot: 8080 }));
    assert.equal(
      configError(['--config', unknown]).message,
      `${unknown} has an unknown setting "prot" (did you mean "port"?)`,
    );
    const wrong = configFile('wrong.json');
    await writeFile(wrong, JSON.stringify({ editWindow: -1 }));
    assert.match(
      configError(['--config', wrong]).message,
      /^"editWindow" in .*wrong\.json must be a number of minutes/,
    );
  });

  it('says what a setting expects, in words, naming it as it was given', () => {
    const cases: [argv: string[], env: Record<string, string>, message: string][] = [
      [['--port', 'abc'], {}, '--port must be a port number from 0 to 65535, not "abc"'],
      [['--port', '70000'], {}, '--port must be a port number from 0 to 65535, not "70000"'],
      [[], { NATTER_PORT: 'x' }, 'NATTER_PORT must be a port number from 0 to 65535, not "x"'],
      [
        ['--edit-window', '-5'],
        {},
        '--edit-window must be a number of minutes from 0 (no editing) to 5256000 (ten years), not "-5"',
      ],
      [
        ['--rate-limit', '0'],
        {},
        '--rate-limit must be a whole number of writes per minute, 1 or more, or off, not "0"',
      ],
      [['--moderation', 'sometimes'], {}, '--moderation must be open, first-time or all, not "sometimes"'],
      [
        ['--origin', 'https://ok.example', '--origin', 'blog.example.com'],
        {},
        '--origin must be an origin such as https://blog.example.com (scheme and host, a port if any, no path or slash), or *, not "blog.example.com"',
      ],
      [[], { NATTER_DEMO: 'maybe' }, 'NATTER_DEMO must be true or false, not "maybe"'],
      [['--prot', '80'], {}, 'unknown option --prot (did you mean --port?)'],
      [['--zebra'], {}, 'unknown option --zebra'],
      [['--port'], {}, '--port needs a value: a port number from 0 to 65535'],
      [['--demo=yes'], {}, '--demo takes no value (leave it out to turn it off)'],
      [['extra'], {}, 'unexpected argument "extra" (settings are --flags)'],
      [['--proxy-hops', '2'], {}, '--proxy-hops only means something together with --trust-proxy'],
    ];
    for (const [argv, env, message] of cases)
      assert.equal(configError(argv, env).message, message, argv.join(' '));
  });
});

describe('helpText', () => {
  const text = helpText();

  it('lists every flag and its variable', () => {
    for (const { flag, variable } of [
      ...settings,
      ...booleanSettings,
      { flag: 'config', variable: 'NATTER_CONFIG' },
    ]) {
      assert.match(text, new RegExp(`--${flag}\\b`), flag);
      assert.match(text, new RegExp(`\\b${variable}\\b`), variable);
    }
    assert.match(text, /--help\b/);
  });

  it('lists no flag or variable that loadConfig does not know', () => {
    const known = new Set(
      [...settings, ...booleanSettings].map(({ flag }) => flag).concat('config', 'help', 'proxy-hops'),
    );
    for (const [, flag] of text.matchAll(/--([a-z][a-z-]*)/g)) assert.ok(known.has(flag!), `--${flag}`);
    const variables = new Set(
      [...settings, ...booleanSettings]
        .map(({ variable }) => variable)
        .concat('NATTER_CONFIG', 'NATTER_PROXY_HOPS'),
    );
    for (const [variable] of text.matchAll(/NATTER_[A-Z_]+/g)) assert.ok(variables.has(variable), variable);
  });
});
