import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressRange, allowedAddressOf, isAllowedAddress } from '../../../src/server/node/public-address.js';

describe('isAllowedAddress', () => {
  it('allows public unicast addresses, IPv4 seen through IPv6 among them', () => {
    for (const address of [
      '8.8.8.8',
      '93.184.215.14',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
    ]) {
      assert.equal(isAllowedAddress(address, false), true, address);
    }
  });

  it('refuses the server’s own networks and every special range, whatever form the address takes', () => {
    const refused = {
      '10.1.2.3': 'private',
      '172.16.0.1': 'private',
      '192.168.0.1': 'private',
      '169.254.169.254': 'linkLocal',
      '100.64.0.1': 'carrierGradeNat',
      '127.0.0.1': 'loopback',
      '0.0.0.0': 'unspecified',
      '255.255.255.255': 'broadcast',
      '224.0.0.251': 'multicast',
      '192.0.2.1': 'reserved',
      '240.0.0.1': 'reserved',
      '::1': 'loopback',
      '::': 'unspecified',
      'fe80::1': 'linkLocal',
      'fd00:ec2::254': 'uniqueLocal',
      'ff02::1': 'multicast',
      '2002:a00:1::': '6to4',
      '2001::1': 'teredo',
      '2001:db8::1': 'reserved',
      '::ffff:10.0.0.1': 'private',
      '::ffff:169.254.169.254': 'linkLocal',
      // NAT64 translates these to the IPv4 address inside: 10.0.0.1.
      '64:ff9b::a00:1': 'private',
      // IPv4-compatible: deprecated, and unicast to ipaddr.js.
      '::7f00:1': 'ipv4Compatible',
    };
    for (const [address, range] of Object.entries(refused)) {
      assert.equal(addressRange(address), range, address);
      assert.equal(isAllowedAddress(address, false), false, address);
    }
  });

  it('allows loopback, and only loopback, when asked to', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      assert.equal(isAllowedAddress(address, true), true, address);
    }
    for (const address of ['10.0.0.1', '0.0.0.0', '::', '169.254.169.254']) {
      assert.equal(isAllowedAddress(address, true), false, address);
    }
  });
});

describe('allowedAddressOf', () => {
  it('takes a literal address as it is, brackets and all, without resolving it', async () => {
    const resolve = async () => assert.fail('a literal address was resolved');
    assert.deepEqual(await allowedAddressOf('8.8.8.8', resolve, false), { ok: true, address: '8.8.8.8' });
    assert.deepEqual(await allowedAddressOf('[2606:4700::1]', resolve, false), {
      ok: true,
      address: '2606:4700::1',
    });
  });

  it('gives the first address of a name whose every address is allowed', async () => {
    const resolve = async () => [
      { address: '2606:4700::1', family: 6 as const },
      { address: '8.8.8.8', family: 4 as const },
    ];
    assert.deepEqual(await allowedAddressOf('a.example', resolve, false), {
      ok: true,
      address: '2606:4700::1',
    });
  });

  it('gives a name without addresses as unreachable', async () => {
    assert.deepEqual(await allowedAddressOf('empty.example', async () => [], false), {
      ok: false,
      reason: 'source_unreachable',
      detail: 'empty.example has no address',
    });
  });
});
