// The raw material of the fuzzing: strings, JSON texts, bodies and paths made to break parsers, normalisers and
// limits, as fast-check arbitraries (seeded, and shrinking towards the simplest case that still fails).
import fc from 'fast-check';

/** Strings that broke or nearly broke parsers and normalisers elsewhere, one trick each. */
const troublemakers = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '\uffff',
  '\ufffe',
  '\u{10ffff}',
  // Bidi overrides and isolates, unterminated.
  '\u202e',
  '\u202egnp.exe',
  '\u2066\u2067\u2068',
  '\u200f\u061c',
  // Zero-width and invisible characters.
  '\u200b',
  '\u200c\u200d',
  '\u2060\ufeff',
  '\u3164',
  '\u115f\u1160',
  '\u00ad\u034f',
  // One letter in every normalisation form, and what compatibility folding changes.
  'é',
  'e\u0301',
  '\u212b',
  'Å',
  'A\u030a',
  'ﬁ',
  'ａｄｍｉｎ',
  'ß',
  'İ',
  '\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '\r\n',
  '\r',
  '\n\n\n',
  '\t',
  '\u2028\u2029',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  "'; DROP TABLE comments; --",
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '../../etc/passwd',
  '..\\..\\etc\\passwd',
  '%00',
  '%2e%2e%2f',
  '%',
  '%%',
  '%zz',
  '+',
  '&',
  '=',
  '#',
  '?',
  '/',
  '//evil.example',
  'https://evil.example/',
  'http://[::1]/',
  'http://127.0.0.1:1/',
  'ada@example.com',
  'NaN',
  '-0',
  '1e400',
  '9007199254740993',
];

/** Characters to repeat into long strings: one byte, three, four, a combining mark and a bidi override. */
const repeated = ['x', '€', '👩', '\u0301', '\u202e', '\u200b', '%', '/'];

/** A string meant to trip up whoever handles it: a known trick, random text, lone surrogates, or a long run. */
export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...troublemakers) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
      maxLength: 6,
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...repeated), fc.integer({ min: 100, max: 9_000 }))
      .map(([character, count]) => character.repeat(count)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...troublemakers),
        fc.string({ maxLength: 12 }),
        fc.constantFrom(...troublemakers),
      )
      .map((parts) => parts.join('')),
  },
);

/** Any JSON value, strings hostile, nested a little. */
export const hostileJsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -0, 1.5, -1, 1e308, Number.MAX_SAFE_INTEGER + 2),
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom('__proto__', 'constructor', 'text', 'thread'), hostileString),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/** JSON text nested `depth` levels deep, as arrays or as objects. */
const deepJson = fc
  .tuple(fc.integer({ min: 200, max: 6_000 }), fc.boolean())
  .map(([depth, isArray]) =>
    isArray
      ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
      : `${'{"text":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/**
 * JSON text that is not one object: no JSON at all, a cut-off object (a strict prefix of an object's text never
 * closes its first brace, and no added junk holds a `}`), a value of another type, or nesting thousands deep.
 */
export const notAnObject = fc.oneof(
  fc
    .tuple(
      fc
        .dictionary(fc.string({ maxLength: 6 }), hostileJsonValue, { minKeys: 1, maxKeys: 4 })
        .map((object) => JSON.stringify(object)),
      fc.nat(),
      fc.constantFrom('', ',', '"', '\\', ':', 'NaN', "'", '\u0000', '/*', '\ud800'),
    )
    .map(([text, cut, junk]) => text.slice(0, cut % text.length) + junk),
  fc.constantFrom(
    '',
    ' ',
    'null',
    'true',
    '[]',
    '"{}"',
    '{',
    '}',
    '{}}',
    "{'thread':'/a'}",
    '{"a":1,}',
    '\ufeff{}',
  ),
  fc
    .oneof(fc.array(hostileJsonValue, { maxLength: 3 }), hostileString, fc.double())
    .map((value) => JSON.stringify(value)),
  deepJson,
);

/** Byte sequences that are not UTF-8: overlong forms, encoded surrogates, stray continuation and lead bytes. */
const invalidUtf8 = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc0, 0xaf],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0xaf],
  [0xf0, 0x80, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xc3],
  [0xe2, 0x82],
];

/** `text`'s UTF-8 bytes with an invalid sequence put in at some place. */
export const withInvalidUtf8 = (text) =>
  fc.tuple(fc.constantFrom(...invalidUtf8), fc.nat()).map(([bad, at]) => {
    const bytes = Buffer.from(text, 'utf8');
    const place = bytes.length === 0 ? 0 : at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, place), Buffer.from(bad), bytes.subarray(place)]);
  });

/** A body larger than `limit` bytes (and at most `largest`): JSON-looking, form-looking, or just bytes. */
export const oversizedBody = (limit, largest) =>
  fc
    .tuple(fc.integer({ min: limit + 1, max: largest }), fc.constantFrom('json', 'form', 'bytes'))
    .map(([size, kind]) => {
      if (kind === 'bytes') return Buffer.alloc(size, 0xa5);
      const opening = kind === 'json' ? '{"thread":"/a","name":"Ada","text":"' : 'thread=%2Fa&text=';
      const closing = kind === 'json' ? '"}' : '';
      return Buffer.from(opening + 'x'.repeat(Math.max(0, size - opening.length - closing.length)) + closing);
    });

/** `value` percent-encoded byte by byte from its UTF-8, a lone surrogate as U+FFFD (encodeURIComponent throws). */
export function percentEncoded(value) {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[\w.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Ways to write a string into a URL: encoded, raw (its UTF-8 bytes as they are), encoded twice, or half encoded. */
export const inUrl = (value) =>
  fc.constantFrom('encoded', 'raw', 'twice', 'half').map((how) => {
    if (how === 'encoded') return percentEncoded(value);
    if (how === 'twice') return percentEncoded(percentEncoded(value));
    const bytes = Buffer.from(value, 'utf8').toString('latin1');
    // Raw bytes, but never a space, CR or LF, which end the request target (header injection is tried elsewhere).
    const raw = bytes.replace(/[ \r\n]/g, (character) => encodeURIComponent(character));
    return how === 'raw' ? raw : raw.replace(/[&=#?]/g, (character) => encodeURIComponent(character));
  });

const queryKeys = [
  'thread',
  'limit',
  'sort',
  'cursor',
  'around',
  'lang',
  'depth',
  'url',
  'reply',
  'posted',
  'token',
  'q',
  'queue',
  'status',
  'state',
  'before',
  'key',
  'email',
  '__proto__',
];

/**
 * A query string: known parameters and others with hostile values, some repeated (up to hundreds of times), some
 * huge; the `?` included, or nothing.
 */
export const hostileQuery = fc
  .oneof(
    fc.array(
      fc
        .tuple(fc.oneof(fc.constantFrom(...queryKeys), hostileString), hostileString)
        .chain(([key, value]) => fc.tuple(inUrl(key), inUrl(value)).map(([k, v]) => `${k}=${v}`)),
      { maxLength: 6 },
    ),
    fc
      .tuple(fc.constantFrom(...queryKeys), fc.string({ maxLength: 8 }), fc.integer({ min: 2, max: 400 }))
      .map(([key, value, times]) => Array.from({ length: times }, () => `${key}=${percentEncoded(value)}`)),
    fc
      .tuple(fc.constantFrom(...queryKeys), fc.integer({ min: 1_000, max: 7_000 }))
      .map(([key, size]) => [`${key}=${'a'.repeat(size)}`]),
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.join('&')}`));

const traversalSegments = [
  '..',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e.',
  '%c0%ae%c0%ae',
  '%252e%252e',
  '..%00',
  '...',
];
const traversalSeparators = ['/', '%2f', '%2F', '\\', '%5c', '%c0%af', '%e0%80%af', '//', '/./'];
const traversalGoals = [
  'etc/passwd',
  'package.json',
  'natter.sqlite',
  'data/natter.sqlite',
  '.git/HEAD',
  'proc/self/environ',
  'src/server/app.ts',
  'natter.js%00.html',
  'natter.js',
];

/**
 * A path that tries to leave the served folders: dot segments in every encoding (overlong UTF-8 included),
 * backslashes, null bytes, under each prefix the server has, aiming at files a server must never send.
 */
export const traversalPath = fc
  .tuple(
    fc.constantFrom(
      '/',
      '/admin/',
      '/thread/',
      '/api/v1/',
      '/webmention/',
      '/notifications/',
      '//',
      '/natter.js/',
    ),
    fc.array(fc.tuple(fc.constantFrom(...traversalSegments), fc.constantFrom(...traversalSeparators)), {
      minLength: 1,
      maxLength: 8,
    }),
    fc.constantFrom(...traversalGoals),
  )
  .map(
    ([prefix, steps, goal]) =>
      prefix + steps.map(([segment, separator]) => segment + separator).join('') + goal,
  );

/**
 * What no answer may ever hold: the start of /etc/passwd, of an SQLite database, of the package's manifest or its
 * sources, of a git folder. The test adds a value only the server's environment holds.
 */
export const forbiddenContents = [
  'root:x:0:0',
  'SQLite format 3',
  '"devDependencies"',
  'ref: refs/heads',
  "from 'hono'",
];
