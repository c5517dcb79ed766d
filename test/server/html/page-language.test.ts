import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageLocale, pageLocalizer } from '../../../src/server/html/page-language.js';

describe('the language of the server’s HTML', () => {
  it('takes `lang` first, then Accept-Language, then English', () => {
    assert.equal(pageLocale('fr', 'de'), 'fr');
    assert.equal(pageLocale(undefined, 'de-AT,de;q=0.9'), 'de-AT');
    assert.equal(pageLocale(null, 'fi, sv;q=0.5'), 'sv');
    assert.equal(pageLocale(undefined, 'fi, *'), 'en');
    assert.equal(pageLocale(undefined), 'en');
  });

  it('keeps a tag’s language, script and region, and drops the rest', () => {
    const cases: [string, string][] = [
      ['FR-ca', 'fr-CA'],
      ['de-AT-1996', 'de-AT'],
      ['ar-EG-u-nu-arab', 'ar-EG'],
      ['zh', 'zh'],
      ['zh-CN', 'zh-CN'],
      ['zh-Hans-SG', 'zh-Hans-SG'],
      ['en-GB', 'en-GB'],
    ];
    for (const [tag, expected] of cases) assert.equal(pageLocale(tag), expected, tag);
  });

  it('counts a tag that is not one, or names a language without words, as not given', () => {
    for (const tag of [
      'xx-invalid',
      'fi',
      'zh-TW',
      'zh-Hant',
      'und',
      'x-private',
      'de,fr',
      '<b>',
      ' ',
      'e'.repeat(5000),
    ]) {
      assert.equal(pageLocale(tag), 'en', tag);
      assert.equal(pageLocale(tag, 'it'), 'it', tag);
    }
  });

  it('reads each language’s words from the widget’s catalogs, its own added', async () => {
    const french = await pageLocalizer('fr-CA');
    assert.equal(french.locale, 'fr-CA');
    assert.equal(french.direction, 'ltr');
    assert.equal(french.plural('heading', 2), '2 commentaires');
    assert.equal(french.t('nameLabel'), 'Nom');
    assert.equal(french.t('backToPage'), 'Retour à la page');
    assert.equal((await pageLocalizer('he')).direction, 'rtl');
    const english = await pageLocalizer('en');
    assert.equal(english.plural('tooLong', 1), 'Use at most 1 character.');
    assert.equal(english.t('writeComment'), 'Write a comment');
    assert.equal(await pageLocalizer('fr-CA'), french, 'made once');
  });
});
