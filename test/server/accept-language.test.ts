import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptedLanguages } from '../../src/server/accept-language.js';

describe('reading Accept-Language (RFC 9110 §12.5.4)', () => {
  it('lists the ranges by weight, in the header’s order at equal weights', () => {
    const cases: [string, string[]][] = [
      ['de-AT,de;q=0.9,en;q=0.8', ['de-AT', 'de', 'en']],
      ['en;q=0.5, fr, sv;q=0.8', ['fr', 'sv', 'en']],
      ['ja, ko, zh-CN', ['ja', 'ko', 'zh-CN']],
      ['fr;q=1.000 , *;q=0.1', ['fr', '*']],
      ['pl; q = 0.7, ru', ['ru', 'pl']],
    ];
    for (const [header, expected] of cases) assert.deepEqual(acceptedLanguages(header), expected, header);
  });

  it('leaves out what the reader refuses and what is malformed', () => {
    const cases: [string | null | undefined, string[]][] = [
      [undefined, []],
      [null, []],
      ['', []],
      ['de;q=0, fr', ['fr']],
      ['de;q=2, fr;q=x, it;q=0.5', ['it']],
      ['<script>, en-, -en, en--us, a_b, sv', ['sv']],
      ['toolonglanguage, nl', ['nl']],
    ];
    for (const [header, expected] of cases)
      assert.deepEqual(acceptedLanguages(header), expected, String(header));
  });
});
