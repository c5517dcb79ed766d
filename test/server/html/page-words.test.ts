import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enInteractive } from '../../../src/i18n/interactive.en.js';
import { supportedLocales } from '../../../src/i18n/localizer.js';
import { en } from '../../../src/i18n/messages.en.js';
import { pageWords, pageWordsEn } from '../../../src/server/html/page-words.js';
import { catalogProblems } from '../../catalog-problems.js';

describe('the server’s own words', () => {
  it('are there in every language the widget speaks, as the English ones are', () => {
    const others = supportedLocales.filter((locale) => locale !== 'en');
    assert.deepEqual(Object.keys(pageWords).sort(), [...others].sort());
    const problems = others.flatMap((locale) =>
      catalogProblems(locale, pageWords[locale] ?? {}, pageWordsEn).map((problem) => `${locale}: ${problem}`),
    );
    assert.deepEqual(problems, []);
  });

  it('are words the widget has none of, so that neither hides the other', () => {
    const widgetKeys = new Set([...Object.keys(en), ...Object.keys(enInteractive)]);
    assert.deepEqual(
      Object.keys(pageWordsEn).filter((key) => widgetKeys.has(key)),
      [],
    );
  });
});
