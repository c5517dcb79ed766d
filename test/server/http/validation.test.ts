import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits } from '../../../src/protocol/limits.js';
import type { Comment, PostCommentResponse } from '../../../src/protocol/types.js';
import {
  assertError,
  backends,
  hostileStrings,
  newComment,
  patch,
  post,
  postComment,
  uniqueThread,
  useFreshDatabase,
} from './helpers.js';

/** An e-mail address exactly `length` characters long. */
const emailOfLength = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;
/** An http URL whose serialisation is exactly `length` characters long. */
const urlOfLength = (length: number) =>
  `https://example.com/${'p'.repeat(length - 'https://example.com/'.length)}`;

/** What the protocol makes of an author URL: its serialisation, or `undefined` when it must be refused. */
function expectedAuthorUrl(value: string): string | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  const isHttp = url.protocol === 'http:' || url.protocol === 'https:';
  if (!isHttp || url.username || url.password || url.href.length > limits.urlLength) return undefined;
  return url.href;
}

describe('input validation', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('refuses members of the wrong JSON type with 400 naming the member', async () => {
        const app = database().app();
        const wrong: [string, unknown][] = [
          ['thread', 1],
          ['thread', null],
          ['thread', ['/a']],
          ['name', true],
          ['name', { first: 'Ada' }],
          ['name', null],
          ['text', 42],
          ['text', ['Hi']],
          ['parent', 5],
          ['parent', false],
          ['email', {}],
          ['email', 1],
          ['url', 7],
          ['url', ['https://ada.example/']],
        ];
        for (const [field, value] of wrong) {
          assertError(await post(app, { ...newComment(), [field]: value }), 400, 'bad_request', field);
        }
      });

      it('refuses missing required members with 400 naming the first one', async () => {
        const app = database().app();
        assertError(await post(app, {}), 400, 'bad_request', 'thread');
        const { thread, name, text } = newComment();
        assertError(await post(app, { name, text }), 400, 'bad_request', 'thread');
        assertError(await post(app, { thread, text }), 400, 'bad_request', 'name');
        assertError(await post(app, { thread, name }), 400, 'bad_request', 'text');
      });

      it('refuses a body that is JSON but not an object with 400 and no field', async () => {
        const app = database().app();
        for (const body of [[], [newComment()], 'text', 1, null, true]) {
          assertError(await post(app, body), 400, 'bad_request', null);
        }
        const { comment, secret } = await postComment(app);
        for (const body of [[], 'text', null, { text: 5 }, {}]) {
          assertError(await patch(app, comment.id, body, secret), 400, 'bad_request');
        }
        assertError(await patch(app, comment.id, { text: 5 }, secret), 400, 'bad_request', 'text');
      });

      it('reads null optional members as absent and ignores unknown members', async () => {
        const app = database().app();
        const answer = await post(app, {
          ...newComment(),
          parent: null,
          email: null,
          url: null,
          isAdmin: true,
          status: 'published',
          id: 'chosen',
        });
        assert.equal(answer.status, 201, answer.text);
        const { comment } = answer.body as PostCommentResponse;
        assert.equal(comment.parent, null);
        assert.equal(comment.author.url, null);
        assert.notEqual(comment.id, 'chosen');
        assert.equal('isAdmin' in comment, false);
      });

      it('refuses fields that are empty once normalised with 422 required', async () => {
        const app = database().app();
        assertError(await post(app, newComment({ thread: '' })), 422, 'validation_failed', 'thread');
        assertError(
          await post(app, newComment({ name: ' \t\u00a0\ufeff ' })),
          422,
          'validation_failed',
          'name',
        );
        assertError(await post(app, newComment({ text: '  \r\n\t\n ' })), 422, 'validation_failed', 'text');
        const { comment, secret } = await postComment(app);
        assertError(await patch(app, comment.id, { text: ' \n ' }, secret), 422, 'validation_failed', 'text');
        const blankOptional = await post(app, newComment({ email: '   ', url: ' \n ' }));
        assert.equal(blankOptional.status, 201, blankOptional.text);
      });

      const lengthCases: [
        field: 'thread' | 'name' | 'email' | 'url' | 'text',
        limit: number,
        of: (n: number) => string,
      ][] = [
        ['thread', limits.threadLength, (n) => 't'.repeat(n)],
        ['name', limits.nameLength, (n) => 'n'.repeat(n)],
        ['email', limits.emailLength, emailOfLength],
        ['url', limits.urlLength, urlOfLength],
        ['text', limits.textLength, (n) => 'x'.repeat(n)],
      ];
      for (const [field, limit, ofLength] of lengthCases) {
        it(`accepts a ${field} of exactly ${limit} characters and refuses one more`, async () => {
          const app = database().app();
          const atLimit = await post(app, newComment({ [field]: ofLength(limit) }));
          assert.equal(atLimit.status, 201, atLimit.text.slice(0, 300));
          assertError(
            await post(app, newComment({ [field]: ofLength(limit + 1) })),
            422,
            'validation_failed',
            field,
          );
        });
      }

      it('measures lengths in UTF-16 code units, after normalisation', async () => {
        const app = database().app();
        const emoji = '👩';
        assert.equal((await post(app, newComment({ name: emoji.repeat(40) }))).status, 201);
        assertError(
          await post(app, newComment({ name: emoji.repeat(41) })),
          422,
          'validation_failed',
          'name',
        );
        const padded = await post(app, newComment({ name: `   ${'n'.repeat(limits.nameLength)}   ` }));
        assert.equal(padded.status, 201);
        const trailing = await post(app, newComment({ text: `${'x'.repeat(limits.textLength)}\n\n   ` }));
        assert.equal(trailing.status, 201);
        const crlf = 'x\r\n'.repeat(limits.textLength / 2);
        assert.equal((await post(app, newComment({ text: crlf }))).status, 201, 'CRLF counts as one');
      });

      it('holds edited texts to the same length limit', async () => {
        const app = database().app();
        const { comment, secret } = await postComment(app);
        const atLimit = await patch(app, comment.id, { text: 'y'.repeat(limits.textLength) }, secret);
        assert.equal(atLimit.status, 200);
        const over = await patch(app, comment.id, { text: 'y'.repeat(limits.textLength + 1) }, secret);
        assertError(over, 422, 'validation_failed', 'text');
      });

      it('applies an operator’s shorter maximum text length to posts and edits', async () => {
        const app = database().app({ maxTextLength: 100 });
        assert.equal((await post(app, newComment({ text: 'x'.repeat(100) }))).status, 201);
        assertError(await post(app, newComment({ text: 'x'.repeat(101) })), 422, 'validation_failed', 'text');
        const { comment, secret } = await postComment(app);
        assertError(
          await patch(app, comment.id, { text: 'x'.repeat(101) }, secret),
          422,
          'validation_failed',
          'text',
        );
      });

      it('refuses e-mail addresses that <input type=email> would refuse', async () => {
        const app = database().app();
        const invalid = [
          'ada',
          'ada@',
          '@example.com',
          'ada@exa mple.com',
          'a da@example.com',
          'ädä@example.com',
          'ada@exämple.com',
          'ada@-example.com',
          'ada@example-.com',
          'ada@example..com',
          'ada@@example.com',
          '<ada@example.com>',
          'Ada <ada@example.com>',
          `ada@${'l'.repeat(64)}.com`,
        ];
        for (const email of invalid) {
          assertError(await post(app, newComment({ email })), 422, 'validation_failed', 'email');
        }
        for (const email of ['ada@localhost', "o'brien+tag@mail.example.co.uk", ' ada@example.com ']) {
          const answer = await post(app, newComment({ email }));
          assert.equal(answer.status, 201, `${email}: ${answer.text}`);
        }
      });

      it('keeps only absolute http(s) author URLs, in WHATWG serialisation (fixture hostile list)', async () => {
        const app = database().app();
        const values = [
          ...hostileStrings('urls.txt'),
          'https://Ada.example',
          '  http://EXAMPLE.com:80/a b  ',
        ];
        for (const value of values) {
          const expected = expectedAuthorUrl(value);
          const answer = await post(app, newComment({ url: value }));
          if (expected === undefined) {
            assertError(answer, 422, 'validation_failed', 'url');
          } else {
            assert.equal(answer.status, 201, `${value}: ${answer.text}`);
            assert.equal((answer.body as PostCommentResponse).comment.author.url, expected, value);
          }
        }
      });

      it('keeps URLs inside the text as plain text, exactly (fixture hostile list)', async () => {
        const app = database().app();
        for (const value of hostileStrings('urls.txt')) {
          const text = `See ${value} now`;
          const answer = await post(app, newComment({ text }));
          assert.equal(answer.status, 201, `${value}: ${answer.text}`);
          assert.equal((answer.body as PostCommentResponse).comment.text, text);
        }
      });

      it('refuses control characters and unpaired surrogates where the rules forbid them', async () => {
        const app = database().app();
        const forbidden: [field: 'thread' | 'name' | 'text', value: string][] = [
          ['thread', '/a\u0000b'],
          ['thread', '/a\u0001b'],
          ['thread', '/a\nb'],
          ['thread', '/a\u0085b'],
          ['thread', '/a\ud800b'],
          ['name', 'Ada\tLovelace'],
          ['name', 'Ada\nLovelace'],
          ['name', 'Ada\u0000'],
          ['name', 'Ada\u007f'],
          ['name', 'Ada\u009f'],
          ['name', 'Ada\udc00'],
          ['name', 'Ada\u202eecalevol'],
          ['name', 'Ada\u2066x\u2069'],
          ['name', '\u202aAda'],
          ['text', 'nul\u0000here'],
          ['text', 'bell\u0007'],
          ['text', 'escape\u001b[31m'],
          ['text', 'del\u007f'],
          ['text', 'c1\u0085'],
          ['text', 'half \ud83d of an emoji'],
          ['text', 'other half \ude00'],
        ];
        for (const [field, value] of forbidden) {
          assertError(await post(app, newComment({ [field]: value })), 422, 'validation_failed', field);
        }
        const { comment, secret } = await postComment(app);
        assertError(
          await patch(app, comment.id, { text: 'bell\u0007' }, secret),
          422,
          'validation_failed',
          'text',
        );
      });

      it('keeps tabs, line feeds and direction controls in text, turning CR and CRLF into LF', async () => {
        const app = database().app();
        const answer = await post(
          app,
          newComment({ text: '\tIndented\r\nnext\rlast \u202eright-to-left\u202c\n\n' }),
        );
        assert.equal(answer.status, 201, answer.text);
        const { comment } = answer.body as { comment: Comment };
        assert.equal(comment.text, '\tIndented\nnext\nlast \u202eright-to-left\u202c');
      });

      it('reports the first faulty field in the order thread, name, email, url, text', async () => {
        const app = database().app();
        const bad = { thread: '', name: '', email: 'nope', url: 'ftp://x', text: '' };
        const order = ['thread', 'name', 'email', 'url', 'text'] as const;
        for (const [index, field] of order.entries()) {
          const body = {
            ...newComment(),
            ...Object.fromEntries(order.slice(index).map((name) => [name, bad[name]])),
          };
          assertError(await post(app, body), 422, 'validation_failed', field);
        }
      });

      it('checks the fields before the thread lock and the parent', async () => {
        const app = database().app();
        const thread = uniqueThread();
        await app.store.setThreadLocked(thread, true);
        assertError(await post(app, newComment({ thread, name: '' })), 422, 'validation_failed', 'name');
        assertError(await post(app, newComment({ thread, parent: 'nope' })), 403, 'thread_locked');
        const open = uniqueThread();
        assertError(
          await post(app, newComment({ thread: open, parent: 'nope', text: '' })),
          422,
          'validation_failed',
          'text',
        );
      });
    });
  }
});
