import { expect } from '@open-wc/testing';
import {
  normalizeNewComment,
  normalizeText,
  parseAuthorUrl,
  validateNewComment,
  validateText,
  type FieldError,
} from '../../src/protocol/input-rules.js';
import { limits } from '../../src/protocol/limits.js';
import type { NewComment } from '../../src/protocol/types.js';
import { hostileLines } from '../fixtures/security/read.js';

/** A valid new comment, with `overrides` applied. */
const aNewComment = (overrides: Partial<NewComment> = {}): NewComment => ({
  thread: '/blog/hello',
  name: 'Ada',
  text: 'Hello there',
  ...overrides,
});

const errorsOf = (overrides: Partial<NewComment>): FieldError[] => validateNewComment(aNewComment(overrides));

describe('validateNewComment: required and lengths', () => {
  it('accepts a comment with only the required fields', () => {
    expect(validateNewComment(aNewComment())).to.deep.equal([]);
  });

  it('accepts empty or blank optional fields as not given', () => {
    expect(errorsOf({ email: '', url: '   ', parent: null })).to.deep.equal([]);
  });

  it('wants a name, a text and a thread, and whitespace alone is none', () => {
    expect(errorsOf({ thread: '', name: ' \u00a0 ', text: ' \r\n\t ' })).to.deep.equal([
      { field: 'thread', code: 'required' },
      { field: 'name', code: 'required' },
      { field: 'text', code: 'required' },
    ]);
  });

  for (const [field, limit] of [
    ['thread', limits.threadLength],
    ['name', limits.nameLength],
    ['text', limits.textLength],
  ] as const) {
    it(`takes a ${field} of ${limit} UTF-16 code units and no more`, () => {
      expect(errorsOf({ [field]: 'x'.repeat(limit) })).to.deep.equal([]);
      expect(errorsOf({ [field]: 'x'.repeat(limit + 1) })).to.deep.equal([
        { field, code: 'too_long', limit },
      ]);
    });
  }

  it('counts an astral character as two', () => {
    expect(errorsOf({ name: '😀'.repeat(limits.nameLength / 2) })).to.deep.equal([]);
    expect(errorsOf({ name: `x${'😀'.repeat(limits.nameLength / 2)}` })).to.deep.equal([
      { field: 'name', code: 'too_long', limit: limits.nameLength },
    ]);
  });

  it('measures after normalising: CRLF counts once, trailing whitespace not at all', () => {
    expect(errorsOf({ text: `${'x'.repeat(3999)}\r\n${'x'.repeat(4000)}` })).to.deep.equal([]);
    expect(errorsOf({ text: `${'x'.repeat(limits.textLength)}  \n\n` })).to.deep.equal([]);
    expect(errorsOf({ name: `  ${'x'.repeat(limits.nameLength)}  ` })).to.deep.equal([]);
  });

  it('limits the e-mail address and the URL', () => {
    const email = `${'a'.repeat(limits.emailLength - 12)}@example.com`;
    expect(errorsOf({ email })).to.deep.equal([]);
    expect(errorsOf({ email: `a${email}` })).to.deep.equal([
      { field: 'email', code: 'too_long', limit: limits.emailLength },
    ]);
    const url = `https://example.com/${'a'.repeat(limits.urlLength - 20)}`;
    expect(errorsOf({ url })).to.deep.equal([]);
    expect(errorsOf({ url: `${url}a` })).to.deep.equal([
      { field: 'url', code: 'too_long', limit: limits.urlLength },
    ]);
  });

  it('reports one error per field, in a fixed order', () => {
    expect(
      errorsOf({ thread: 'x'.repeat(501), name: '', email: 'nope', url: 'nope', text: '\0' }),
    ).to.deep.equal([
      { field: 'thread', code: 'too_long', limit: limits.threadLength },
      { field: 'name', code: 'required' },
      { field: 'email', code: 'invalid_email' },
      { field: 'url', code: 'invalid_url' },
      { field: 'text', code: 'invalid_characters' },
    ]);
  });
});

describe('validateNewComment: e-mail addresses', () => {
  for (const email of [
    'ada@example.com',
    'a.b+tag@sub.example.co.uk',
    'x@localhost',
    "o'hara@example.ie",
    ' ada@example.com ',
  ]) {
    it(`accepts ${JSON.stringify(email)}`, () => {
      expect(errorsOf({ email })).to.deep.equal([]);
    });
  }

  for (const email of [
    'no-at-sign',
    'a@b@example.com',
    'a b@example.com',
    '@example.com',
    'ada@',
    'ada@-example.com',
    'ada@example..com',
    '<script>@example.com',
    'ada@exämple.com',
    'ada@example.com\nBcc: victim@example.com',
  ]) {
    it(`refuses ${JSON.stringify(email)}`, () => {
      expect(errorsOf({ email })).to.deep.equal([{ field: 'email', code: 'invalid_email' }]);
    });
  }
});

describe('validateNewComment: author URLs', () => {
  it('accepts absolute http and https URLs', () => {
    for (const url of ['http://example.com', 'https://example.com/a?b=c#d', 'HTTPS://EXAMPLE.COM:8443/']) {
      expect(errorsOf({ url }), url).to.deep.equal([]);
    }
  });

  for (const url of [
    'www.example.com',
    '/relative',
    '//example.com/',
    'http://',
    'https://user:pass@example.com/',
  ]) {
    it(`refuses ${JSON.stringify(url)}`, () => {
      expect(errorsOf({ url })).to.deep.equal([{ field: 'url', code: 'invalid_url' }]);
    });
  }

  it('lets no hostile URL from the fixture urls.txt through as anything but http(s)', async () => {
    const lines = await hostileLines('urls.txt');
    expect(lines.length).to.be.greaterThan(10);
    for (const url of lines) {
      const errors = errorsOf({ url });
      if (errors.length > 0) {
        expect(errors, url).to.deep.equal([{ field: 'url', code: 'invalid_url' }]);
        continue;
      }
      const stored = normalizeNewComment(aNewComment({ url })).url!;
      expect(new URL(stored).protocol, url).to.be.oneOf(['http:', 'https:']);
      expect(stored, url).to.match(/^[\x21-\x7e]+$/);
      expect(stored, url).not.to.match(/["<>`\\]/);
    }
  });

  it('refuses every script, data, file and mail URL of the fixture list', async () => {
    const refused = (await hostileLines('urls.txt')).filter((url) => !/^https?:\/\/[^@]+$/i.test(url.trim()));
    expect(refused).to.include('javascript:alert(1)');
    for (const url of refused) {
      expect(errorsOf({ url }), url).to.deep.equal([{ field: 'url', code: 'invalid_url' }]);
    }
  });

  it('parseAuthorUrl gives the parsed URL or nothing', () => {
    expect(parseAuthorUrl('https://example.com/a b')?.href).to.equal('https://example.com/a%20b');
    expect(parseAuthorUrl('mailto:ada@example.com')).to.equal(undefined);
  });
});

describe('validateNewComment: characters', () => {
  it('accepts markup as ordinary text, unchanged: escaping is the renderer’s job', async () => {
    for (const line of await hostileLines('markup.txt')) {
      const comment = aNewComment({ name: line.slice(0, limits.nameLength), text: line });
      expect(validateNewComment(comment), line).to.deep.equal([]);
      expect(normalizeNewComment(comment).text).to.equal(line.trimEnd());
    }
  });

  it('refuses control characters in names and text, but lets text keep tabs and newlines', () => {
    expect(errorsOf({ text: 'tab\there\nnext line\r\nand CRLF' })).to.deep.equal([]);
    for (const character of ['\0', '\x01', '\x1b', '\x7f', '\x85', '\x9f', '\v', '\f']) {
      const label = JSON.stringify(character);
      expect(errorsOf({ text: `a${character}b` }), label).to.deep.equal([
        { field: 'text', code: 'invalid_characters' },
      ]);
      expect(errorsOf({ name: `a${character}b` }), label).to.deep.equal([
        { field: 'name', code: 'invalid_characters' },
      ]);
    }
    expect(errorsOf({ name: 'Ada\tLovelace' })).to.deep.equal([
      { field: 'name', code: 'invalid_characters' },
    ]);
    expect(errorsOf({ name: 'Ada\nLovelace' })).to.deep.equal([
      { field: 'name', code: 'invalid_characters' },
    ]);
    expect(errorsOf({ thread: '/a\nb' })).to.deep.equal([{ field: 'thread', code: 'invalid_characters' }]);
  });

  it('refuses lone surrogate halves but takes astral characters', () => {
    expect(errorsOf({ text: 'emoji 👩‍👩‍👧 ok', name: '𝕬𝖉𝖆' })).to.deep.equal([]);
    expect(errorsOf({ text: 'half \ud83d here' })).to.deep.equal([
      { field: 'text', code: 'invalid_characters' },
    ]);
    expect(errorsOf({ name: '\ude00' })).to.deep.equal([{ field: 'name', code: 'invalid_characters' }]);
  });

  it('refuses direction overrides in names, where they only spoof, but not in text', () => {
    expect(errorsOf({ name: '\u202egnp.exe' })).to.deep.equal([
      { field: 'name', code: 'invalid_characters' },
    ]);
    expect(errorsOf({ name: 'a\u2067b' })).to.deep.equal([{ field: 'name', code: 'invalid_characters' }]);
    expect(errorsOf({ text: 'normal \u202eesrever\u202c text' })).to.deep.equal([]);
  });

  it('judges the fixture unicode.txt lines by those rules', async () => {
    for (const line of await hostileLines('unicode.txt')) {
      const text = line.slice(0, limits.textLength);
      const hasControls = /[^\P{Cc}\t\n\r]/u.test(text);
      const expected = hasControls
        ? [{ field: 'text', code: 'invalid_characters' }]
        : text.trim()
          ? []
          : [{ field: 'text', code: 'required' }];
      expect(errorsOf({ text }), JSON.stringify(line.slice(0, 40))).to.deep.equal(expected);
    }
  });
});

describe('normalizeNewComment', () => {
  it('trims the single-line fields and the end of the text only', () => {
    expect(
      normalizeNewComment({
        thread: ' /t ',
        name: '  Ada  ',
        email: ' ada@example.com ',
        url: ' https://EXAMPLE.com ',
        text: '\n  indented\r\nline\rold mac  \n\n',
      }),
    ).to.deep.equal({
      thread: ' /t ',
      parent: null,
      name: 'Ada',
      email: 'ada@example.com',
      url: 'https://example.com/',
      text: '\n  indented\nline\nold mac',
    });
  });

  it('drops optional fields that are empty', () => {
    expect(normalizeNewComment(aNewComment({ email: ' ', url: '' }))).to.deep.equal({
      ...aNewComment(),
      parent: null,
    });
  });

  it('is idempotent, even on hostile input', async () => {
    const lines = [...(await hostileLines('urls.txt')), ...(await hostileLines('unicode.txt'))];
    for (const line of lines) {
      const once = normalizeNewComment(aNewComment({ name: line, url: line, email: line, text: line }));
      expect(normalizeNewComment(once), JSON.stringify(line.slice(0, 40))).to.deep.equal(once);
    }
  });
});

describe('validateText (edits)', () => {
  it('applies the text rules alone', () => {
    expect(validateText('Better now\r\n')).to.deep.equal([]);
    expect(validateText('   ')).to.deep.equal([{ field: 'text', code: 'required' }]);
    expect(validateText('x'.repeat(limits.textLength + 1))).to.deep.equal([
      { field: 'text', code: 'too_long', limit: limits.textLength },
    ]);
    expect(validateText('nul\0')).to.deep.equal([{ field: 'text', code: 'invalid_characters' }]);
    expect(normalizeText('a\r\n\rb \t\n')).to.equal('a\n\nb');
  });
});
