import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { fromBase64Url, sha256, toBase64Url } from '../../src/server/base64url.js';

const nodeSha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('base64url and SHA-256', () => {
  it('hashes as node:crypto does, below, at and above the size hashed on the spot', async () => {
    for (const size of [0, 1, 55, 56, 63, 64, 1000, 16 * 1024, 16 * 1024 + 1, 100_000]) {
      const bytes = new Uint8Array(randomBytes(size));
      assert.equal(hex(await sha256(bytes)), nodeSha256(bytes), `${size} bytes`);
    }
    assert.equal(hex(await sha256('åäö €')), nodeSha256('åäö €'), 'a string is hashed as UTF-8');
  });

  it('round-trips base64url without padding and refuses what is not base64url', () => {
    const bytes = new Uint8Array(randomBytes(33));
    const text = toBase64Url(bytes);
    assert.equal(text, Buffer.from(bytes).toString('base64url'));
    assert.deepEqual(fromBase64Url(text), bytes);
    assert.equal(fromBase64Url('a+b/'), undefined);
    assert.equal(fromBase64Url('abcde'), undefined);
  });
});
