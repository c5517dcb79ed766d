import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newCommentId, newSecret, randomBase64Url } from '../../src/server/secrets.js';

describe('random values', () => {
  it('draws ids and secrets of their lengths, none twice, across many refills of the pool', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 2000; index++) {
      const id = newCommentId();
      const secret = newSecret();
      assert.match(id, /^[A-Za-z0-9_-]{16}$/);
      assert.match(secret, /^[A-Za-z0-9_-]{32}$/);
      seen.add(id).add(secret);
    }
    assert.equal(seen.size, 4000);
  });

  it('draws more bytes than the pool holds at once', () => {
    const value = randomBase64Url(5000);
    assert.equal(Buffer.from(value, 'base64url').length, 5000);
    assert.notEqual(value, randomBase64Url(5000));
  });
});
