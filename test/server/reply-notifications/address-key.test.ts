import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAddressKey } from '../../../src/server/reply-notifications/address-key.js';
import { sqliteBackend } from '../storage/backends.js';

describe('the address key', () => {
  it('seals an address so that only this database’s key opens it, and hashes it as compared', async (t) => {
    const [first, second] = [await sqliteBackend.makeStore(), await sqliteBackend.makeStore()];
    t.after(() => Promise.all([first.cleanup(), second.cleanup()]));
    const key = createAddressKey(first.store.settings);

    const sealed = await key.seal('Ada@example.com');
    assert.doesNotMatch(sealed, /ada|example/i);
    assert.notEqual(await key.seal('Ada@example.com'), sealed, 'a fresh nonce each time');
    assert.equal(await key.open(sealed), 'Ada@example.com');
    // Another instance on the same database reads the same key.
    assert.equal(await createAddressKey(first.store.settings).open(sealed), 'Ada@example.com');

    const tampered = `${sealed.slice(0, 20)}${sealed[20] === 'A' ? 'B' : 'A'}${sealed.slice(21)}`;
    assert.equal(await key.open(tampered), undefined);
    assert.equal(await key.open('not sealed at all'), undefined);
    assert.equal(
      await createAddressKey(second.store.settings).open(sealed),
      undefined,
      'another database’s key',
    );

    assert.equal(await key.hash(' ADA@Example.COM '), await key.hash('ada@example.com'));
    assert.notEqual(await key.hash('ada@example.com'), await key.hash('bob@example.com'));
    assert.notEqual(
      await createAddressKey(second.store.settings).hash('ada@example.com'),
      await key.hash('ada@example.com'),
      'a keyed hash: no table of known addresses reverses it',
    );
  });
});
