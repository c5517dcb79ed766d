import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits } from '../../../src/protocol/limits.js';
import type { Comment, PostCommentResponse } from '../../../src/protocol/types.js';
import {
  assertError,
  backends,
  countsPath,
  hostileStrings,
  listPage,
  newComment,
  patch,
  post,
  postComment,
  useFreshDatabase,
  type Answer,
} from './helpers.js';

// The rules of docs/protocol.md#input, restated here rather than imported, so that the server is checked
// against the protocol and not against its own code.
const nameForbidden = /[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/u;
const textForbidden = /[^\P{Cc}\t\n]|\p{Cs}/u;
const threadForbidden = /[\p{Cc}\p{Cs}]/u;

const normalizeText = (text: string) => text.replace(/\r\n?/g, '\n').trimEnd();

/** Whether a field's normalised value passes the protocol's rules. */
function isAcceptable(value: string, limit: number, forbidden: RegExp): boolean {
  return value !== '' && value.length <= limit && !forbidden.test(value);
}

const hostile = [
  ...hostileStrings('markup.txt').map((value, index) => ({ value, label: `markup.txt line ${index + 1}` })),
  ...hostileStrings('unicode.txt').map((value, index) => ({ value, label: `unicode.txt line ${index + 1}` })),
];

/** A hostile string's answer is always a JSON 2xx or 4xx. */
function assertHandled(answer: Answer, label: string): void {
  assert.ok(
    answer.status >= 200 && answer.status < 500,
    `${label}: answered ${answer.status} ${answer.text}`,
  );
  if (answer.status !== 204)
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/, label);
}

describe('hostile input', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('stores hostile author names exactly as normalised, or refuses them with 422 name', async () => {
        const app = database().app();
        let accepted = 0;
        for (const { value, label } of hostile) {
          const answer = await post(app, newComment({ name: value }));
          assertHandled(answer, label);
          const name = value.trim();
          if (!isAcceptable(name, limits.nameLength, nameForbidden)) {
            assertError(answer, 422, 'validation_failed', 'name', label);
            continue;
          }
          accepted += 1;
          assert.equal(answer.status, 201, `${label}: ${answer.text}`);
          const { comment } = answer.body as PostCommentResponse;
          assert.equal(comment.author.name, name, label);
          assert.deepEqual((await listPage(app, { thread: comment.thread })).comments, [comment], label);
        }
        assert.ok(
          accepted > hostile.length / 2,
          `only ${accepted} of ${hostile.length} names were acceptable`,
        );
      });

      it('stores hostile texts exactly as normalised, or refuses them with 422 text', async () => {
        const app = database().app();
        for (const { value, label } of hostile) {
          const answer = await post(app, newComment({ text: value }));
          assertHandled(answer, label);
          const text = normalizeText(value);
          if (!isAcceptable(text, limits.textLength, textForbidden)) {
            assertError(answer, 422, 'validation_failed', 'text', label);
            continue;
          }
          assert.equal(answer.status, 201, `${label}: ${answer.text}`);
          const { comment } = answer.body as PostCommentResponse;
          assert.equal(comment.text, text, label);
          assert.deepEqual((await listPage(app, { thread: comment.thread })).comments, [comment], label);
        }
      });

      it('edits to hostile texts exactly as normalised, or refuses them with 422 text', async () => {
        const app = database().app();
        const { comment, secret } = await postComment(app);
        for (const { value, label } of hostile) {
          const answer = await patch(app, comment.id, { text: value }, secret);
          assertHandled(answer, label);
          const text = normalizeText(value);
          if (!isAcceptable(text, limits.textLength, textForbidden)) {
            assertError(answer, 422, 'validation_failed', 'text', label);
            continue;
          }
          assert.equal(answer.status, 200, `${label}: ${answer.text}`);
          assert.equal((answer.body as { comment: Comment }).comment.text, text, label);
          assert.equal((await listPage(app, { thread: comment.thread })).comments[0]!.text, text, label);
        }
      });

      it('takes hostile thread keys exactly as given, in posts, listings and counts', async () => {
        const app = database().app();
        for (const { value, label } of hostile) {
          const answer = await post(app, newComment({ thread: value }));
          assertHandled(answer, label);
          if (!isAcceptable(value, limits.threadLength, threadForbidden)) {
            assertError(answer, 422, 'validation_failed', 'thread', label);
            continue;
          }
          assert.equal(answer.status, 201, `${label}: ${answer.text}`);
          const page = await listPage(app, { thread: value });
          assert.equal(page.thread.key, value, label);
          assert.deepEqual(page.comments, [(answer.body as PostCommentResponse).comment], label);
          const counts = await app.request(countsPath([value]));
          assert.deepEqual(counts.body, { counts: { [value]: 1 } }, label);
        }
      });
    });
  }
});
