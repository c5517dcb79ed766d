import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseCoding } from '../../src/server/accept-encoding.js';

const both = { br: true, gzip: true };

describe('choosing a content coding by Accept-Encoding (RFC 9110 §12.5.3)', () => {
  it('sends identity when the client names no coding, or none the server has', () => {
    for (const header of [undefined, null, '', ' ', 'deflate', 'zstd, deflate', 'compress']) {
      assert.equal(chooseCoding(header, both), 'identity', String(header));
    }
  });

  it('prefers brotli, then gzip, among codings the client weighs alike', () => {
    const cases: [string, string][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip, deflate, br', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip;q=0.8, br;q=0.8', 'br'],
      ['*', 'br'],
      ['identity, br, gzip', 'br'],
    ];
    for (const [header, expected] of cases) assert.equal(chooseCoding(header, both), expected, header);
  });

  it('follows the weights: the highest wins, whatever the order', () => {
    const cases: [string, string][] = [
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['br;q=0.001, gzip;q=0.002', 'gzip'],
      ['identity, gzip;q=0.5', 'identity'],
      ['identity;q=0.5, gzip;q=0.6', 'gzip'],
      ['*;q=0.5, gzip', 'gzip'],
      ['*;q=0.3, identity;q=0.4', 'identity'],
      ['br;q=1.000, gzip;q=0.999', 'br'],
    ];
    for (const [header, expected] of cases) assert.equal(chooseCoding(header, both), expected, header);
  });

  it('takes an identity the header leaves unnamed as acceptable, but after any coding the client names', () => {
    assert.equal(chooseCoding('gzip;q=0.001', both), 'gzip');
    assert.equal(chooseCoding('br;q=0.1', { gzip: true }), 'identity');
  });

  it('never sends a coding refused with q=0, by name or through *', () => {
    const cases: [string, string][] = [
      ['br;q=0, gzip', 'gzip'],
      ['gzip, br;q=0', 'gzip'],
      ['br;q=0, gzip;q=0', 'identity'],
      ['*;q=0, gzip', 'gzip'],
      ['*, br;q=0', 'gzip'],
      ['*;q=0', 'identity'],
      ['br;q=0.000, gzip;q=0.0', 'identity'],
    ];
    for (const [header, expected] of cases) assert.equal(chooseCoding(header, both), expected, header);
  });

  it('sends a coding rather than an identity the client refuses, and identity when it refuses all it can get', () => {
    assert.equal(chooseCoding('identity;q=0, gzip;q=0.1', both), 'gzip');
    assert.equal(chooseCoding('identity;q=0, *;q=0.1', both), 'br');
    // Nothing acceptable: the header is disregarded (§12.5.3 allows it), rather than a 406 for a script.
    assert.equal(chooseCoding('identity;q=0', both), 'identity');
    assert.equal(chooseCoding('identity;q=0, *;q=0', both), 'identity');
    assert.equal(chooseCoding('identity;q=0, br', { gzip: true }), 'identity');
  });

  it('offers only the codings the body has', () => {
    assert.equal(chooseCoding('br, gzip', { gzip: true }), 'gzip');
    assert.equal(chooseCoding('br, gzip', { br: true }), 'br');
    assert.equal(chooseCoding('br, gzip', {}), 'identity');
    assert.equal(chooseCoding('br, gzip', { br: undefined, gzip: true }), 'gzip');
  });

  it('reads names case-insensitively, x-gzip as gzip, and spaces where HTTP allows them', () => {
    const cases: [string, string][] = [
      ['GZIP', 'gzip'],
      ['Br;Q=0.5, GZip;q=0.4', 'br'],
      ['x-gzip', 'gzip'],
      ['x-gzip;q=0.9, br;q=0.5', 'gzip'],
      [' gzip ;  q=0.5 ,br ; q=0.6 ', 'br'],
      [',, gzip ,', 'gzip'],
    ];
    for (const [header, expected] of cases) assert.equal(chooseCoding(header, both), expected, header);
  });

  it('ignores an element whose weight is not a qvalue, and keeps the first weight of a name given twice', () => {
    const cases: [string, string][] = [
      ['br;q=abc, gzip', 'gzip'],
      ['br;q=1.5, gzip;q=0.1', 'gzip'],
      ['br;q=0.0001, gzip;q=0.1', 'gzip'],
      ['br;q=-1', 'identity'],
      ['br;q=, gzip', 'gzip'],
      ['br;level=5', 'br'],
      ['gzip;q=0, gzip', 'identity'],
      ['gzip;q=0.2, x-gzip;q=0, br;q=0.1', 'gzip'],
    ];
    for (const [header, expected] of cases) assert.equal(chooseCoding(header, both), expected, header);
  });
});
