import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { limits } from '../../../src/protocol/limits.js';
import { helpText, loadConfig, toServerOptions, type ServeConfig } from '../../../src/server/node/config.js';

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
    flag: 'allow-header',
    variable: 'NATTER_ALLOW_HEADER',
    key: 'allowHeader',
    value: 'X-Requested-With',
    expected: ['X-Requested-With'],
  },
];
const booleanSettings: { flag: string; variable: string; key: keyof ServeConfig }[] = [
  { flag: 'trust-proxy', variable: 'NATTER_TRUST_PROXY', key: 'trustProxy' },
  { flag: 'demo', variable: 'NATTER_DEMO', key: 'demo' },
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
  editWindow: 15,
  maxBodyBytes: limits.maxBodyBytes,
  maxTextLength: limits.textLength,
  logLevel: 'info',
  demo: false,
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
      assert.deepEqual(loadConfig([`--${flag}`, value], {})[key], expected);
      assert.deepEqual(loadConfig([`--${flag}=${value}`], {})[key], expected);
      assert.deepEqual(loadConfig([], { [variable]: value })[key], expected);
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
      trustProxy: 1,
      allowHeaders: [],
      moderation: 'first-time',
      rateLimit: 10,
      editWindowMinutes: 0,
      maxBodyBytes: limits.maxBodyBytes,
      maxTextLength: limits.textLength,
      policy: undefined,
      demo: true,
    });
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
