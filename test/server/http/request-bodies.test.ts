import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits } from '../../../src/protocol/limits.js';
import {
  assertError,
  backends,
  newComment,
  postComment,
  useFreshDatabase,
  type TestApp,
  type TestRequestInit,
} from './helpers.js';

/** POST /api/v1/comments with a raw body and headers of the test's choosing. */
function postRaw(
  app: TestApp,
  body: RequestInit['body'],
  headers: Record<string, string>,
  init: TestRequestInit = {},
) {
  return app.request('/api/v1/comments', { method: 'POST', body, headers, ...init });
}

/** A valid comment as JSON padded with spaces to exactly `bytes` bytes. */
function paddedComment(bytes: number): string {
  const json = JSON.stringify(newComment());
  return json + ' '.repeat(bytes - Buffer.byteLength(json));
}

/** A body stream of `chunkBytes`-byte chunks that never ends by itself; reports how far it was read. */
function endlessBody(chunkBytes: number) {
  const state = { chunksRead: 0, isCancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.chunksRead += 1;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
    cancel() {
      state.isCancelled = true;
    },
  });
  return { stream, state };
}

/** A stream of the given chunks, without a length known in advance. */
function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

// Node's fetch needs `duplex: 'half'` to send a stream; the DOM typings do not know it yet.
const streaming = { duplex: 'half' } as RequestInit;
const json = { 'content-type': 'application/json' };

describe('request bodies', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('accepts application/json, without charset or with charset=utf-8, in any case', async () => {
        const app = database().app();
        const accepted = [
          'application/json',
          'application/json; charset=utf-8',
          'APPLICATION/JSON; CHARSET=UTF-8',
          'application/json;charset=utf-8',
          'application/json; charset="utf-8"',
          'application/json; charset=UTF-8; boundary=ignored',
          'application/json; version=1',
        ];
        for (const contentType of accepted) {
          const answer = await postRaw(app, JSON.stringify(newComment()), { 'content-type': contentType });
          assert.equal(answer.status, 201, `${contentType}: ${answer.text}`);
        }
      });

      it('refuses any other media type, or none, with 415', async () => {
        const app = database().app();
        const refused = [
          'text/plain',
          'text/json',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/jsonx',
          'application/json-patch+json',
          'application/ld+json',
          'application/json; charset=latin1',
          'application/json; charset=utf-16',
          'application/json; charset=utf-8x',
          'application/json; charset=utf-88',
          'application/json; charset=',
          'application/json; charset=utf-8; charset=latin1',
          ' ',
        ];
        for (const contentType of refused) {
          const answer = await postRaw(app, JSON.stringify(newComment()), { 'content-type': contentType });
          assertError(answer, 415, 'unsupported_media_type', null, contentType);
        }
        const blob = new Blob([JSON.stringify(newComment())]);
        assertError(await postRaw(app, blob, {}), 415, 'unsupported_media_type');
        const { comment, secret } = await postComment(app);
        const edit = await app.request(`/api/v1/comments/${comment.id}`, {
          method: 'PATCH',
          body: JSON.stringify({ text: 'Edited' }),
          headers: { 'content-type': 'text/plain', authorization: `Bearer ${secret}` },
        });
        assertError(edit, 415, 'unsupported_media_type');
      });

      it('refuses bodies that are not JSON with 400 invalid_json', async () => {
        const app = database().app();
        const notJson = [
          '',
          ' ',
          '{',
          '{"thread":"a",}',
          "{'thread':'a'}",
          'NaN',
          '{"a":1}{"b":2}',
          'name=Ada&text=Hi',
          '\u0000',
        ];
        for (const body of notJson)
          assertError(await postRaw(app, body, json), 400, 'invalid_json', null, body);
      });

      it('refuses bodies that are not valid UTF-8 with 400 invalid_json', async () => {
        const app = database().app();
        const prefix = Buffer.from('{"thread":"/a","name":"Ada","text":"');
        const suffix = Buffer.from('"}');
        const sequences = [
          [0xff],
          [0xc0, 0xaf],
          [0xe0, 0x80, 0xaf],
          [0xed, 0xa0, 0x80],
          [0xc3],
          [0xf4, 0x90, 0x80, 0x80],
          [0x80],
        ];
        for (const bytes of sequences) {
          const body = new Uint8Array(Buffer.concat([prefix, Buffer.from(bytes), suffix]));
          assertError(await postRaw(app, body, json), 400, 'invalid_json', null, bytes.join(' '));
        }
        const latin1 = new Uint8Array(Buffer.from(JSON.stringify(newComment({ name: 'Zoë' })), 'latin1'));
        assertError(await postRaw(app, latin1, json), 400, 'invalid_json');
      });

      it(`accepts a body of exactly maxBodyBytes (${limits.maxBodyBytes}) bytes and refuses one more with 413`, async () => {
        const app = database().app();
        const atLimit = paddedComment(limits.maxBodyBytes);
        const accepted = await postRaw(app, atLimit, {
          ...json,
          'content-length': String(limits.maxBodyBytes),
        });
        assert.equal(accepted.status, 201, accepted.text);
        const over = paddedComment(limits.maxBodyBytes + 1);
        assertError(
          await postRaw(app, over, { ...json, 'content-length': String(limits.maxBodyBytes + 1) }),
          413,
          'payload_too_large',
        );
        assertError(await postRaw(app, over, json), 413, 'payload_too_large');
      });

      it('refuses a body as soon as its declared Content-Length exceeds the limit', async () => {
        const app = database().app();
        const { stream, state } = endlessBody(1024);
        const headers = { ...json, 'content-length': String(10 * 1024 * 1024) };
        assertError(await postRaw(app, stream, headers, streaming), 413, 'payload_too_large');
        assert.ok(state.chunksRead <= 2, `read ${state.chunksRead} chunks of a body refused by its length`);
      });

      it('refuses a streamed body without Content-Length once the bytes read exceed the limit', async () => {
        const app = database().app();
        const { stream, state } = endlessBody(1024);
        assertError(await postRaw(app, stream, json, streaming), 413, 'payload_too_large');
        assert.ok(state.isCancelled, 'the rest of the body is not read');
        assert.ok(state.chunksRead <= limits.maxBodyBytes / 1024 + 3, `read ${state.chunksRead} chunks`);
      });

      it('refuses a body longer than the Content-Length a request made in code declares', async () => {
        const app = database().app();
        const over = paddedComment(limits.maxBodyBytes + 1);
        assertError(await postRaw(app, over, { ...json, 'content-length': '10' }), 413, 'payload_too_large');
      });

      it('reads a streamed body without Content-Length that stays within the limit', async () => {
        const app = database().app();
        const body = JSON.stringify(newComment());
        const answer = await postRaw(app, streamOf(body.slice(0, 10), body.slice(10)), json, streaming);
        assert.equal(answer.status, 201, answer.text);
      });

      it('honours a smaller maxBodyBytes, for edits too', async () => {
        const app = database().app({ maxBodyBytes: 200 });
        assertError(await postRaw(app, paddedComment(201), json), 413, 'payload_too_large');
        assert.equal((await postRaw(app, paddedComment(200), json)).status, 201);
        const { comment, secret } = await postComment(app);
        const edit = await app.request(`/api/v1/comments/${comment.id}`, {
          method: 'PATCH',
          json: { text: 'x'.repeat(300) },
          headers: { authorization: `Bearer ${secret}` },
        });
        assertError(edit, 413, 'payload_too_large');
      });

      it('reports 415 before 413, 413 before invalid_json, invalid_json before bad_request', async () => {
        const app = database().app();
        const huge = '{'.repeat(limits.maxBodyBytes + 1);
        assertError(
          await postRaw(app, huge, { 'content-type': 'text/plain' }),
          415,
          'unsupported_media_type',
        );
        assertError(await postRaw(app, huge, json), 413, 'payload_too_large');
        assertError(await postRaw(app, '[1,', json), 400, 'invalid_json');
      });

      it('checks an edit’s body before the comment, its secret and its window', async () => {
        const app = database().app();
        const unknown = '/api/v1/comments/no-such-comment';
        const noSecret = { method: 'PATCH', headers: json };
        assertError(await app.request(unknown, { ...noSecret, body: '{' }), 400, 'invalid_json');
        assertError(
          await app.request(unknown, { ...noSecret, body: '{"text":1}' }),
          400,
          'bad_request',
          'text',
        );
        assertError(await app.request(unknown, { ...noSecret, body: '{"text":"ok"}' }), 404, 'not_found');
        const { comment } = await postComment(app);
        const wrongSecret = { method: 'PATCH', headers: { ...json, authorization: 'Bearer wrong' } };
        assertError(
          await app.request(`/api/v1/comments/${comment.id}`, { ...wrongSecret, body: '{"text":""}' }),
          403,
          'forbidden',
        );
      });

      it('ignores a body sent with DELETE', async () => {
        const app = database().app();
        const { comment, secret } = await postComment(app);
        const answer = await app.request(`/api/v1/comments/${comment.id}`, {
          method: 'DELETE',
          body: 'not json at all',
          headers: { 'content-type': 'text/plain', authorization: `Bearer ${secret}` },
        });
        assert.equal(answer.status, 204, answer.text);
      });
    });
  }
});
