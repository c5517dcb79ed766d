import { expect, waitUntil } from '@open-wc/testing';
import { enInteractive } from '../../src/i18n/interactive.en.js';
import { de } from '../../src/i18n/messages.de.js';
import { en as enThread, type Messages } from '../../src/i18n/messages.en.js';
import { enReferences } from '../../src/i18n/references.en.js';
import { sv } from '../../src/i18n/messages.sv.js';
import { aComment, aPage, mount, resetPage, serve, someComments, textOf } from './helpers.js';

afterEach(resetPage);

/** The `{placeholders}` a message uses, sorted; for plural messages, of every form together. */
function placeholders(message: Messages[keyof Messages]): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => text.match(/\{\w+\}/g) ?? []))].sort();
}

describe('natter-comments in other languages', () => {
  for (const [locale, one, three] of [
    ['en', '1 comment', '3 comments'],
    ['de', '1 Kommentar', '3 Kommentare'],
    ['sv', '1 kommentar', '3 kommentarer'],
  ]) {
    it(`counts in ${locale}: "${one}", "${three}"`, async () => {
      serve({ list: aPage({ comments: someComments(1) }) });
      expect(textOf(await mount({ locale }), 'h2')).to.equal(one);
      resetPage();
      serve({ list: aPage({ comments: someComments(3) }) });
      expect(textOf(await mount({ locale }), 'h2')).to.equal(three);
    });
  }

  it('reads German with locale="de": labels, button and dates', async () => {
    serve({ list: aPage({ comments: [aComment({ createdAt: '2025-06-01T10:00:00.000Z' })] }) });
    const element = await mount({ locale: 'de' });
    expect(textOf(element, 'label[for="name"]')).to.equal('Name');
    expect(textOf(element, 'label[for="email"]')).to.equal('E-Mail (optional)');
    expect(textOf(element, 'button[type="submit"]')).to.equal('Senden');
    expect(textOf(element, 'time')).to.equal('1. Juni 2025 um 10:00');
  });

  it('follows the page’s lang when the element names no locale', async () => {
    serve({ list: aPage({ comments: [aComment({ createdAt: '2025-06-01T10:00:00.000Z' })] }) });
    const element = await mount({}, { lang: 'sv-SE' });
    expect(textOf(element, 'h2')).to.equal('1 kommentar');
    expect(textOf(element, 'button[type="submit"]')).to.equal('Skicka');
    expect(textOf(element, 'time')).to.equal('1 juni 2025 kl. 10:00');
  });

  it('prefers its own locale attribute to the page’s lang', async () => {
    serve();
    const element = await mount({ locale: 'de-AT' }, { lang: 'sv' });
    expect(textOf(element, 'button[type="submit"]')).to.equal('Senden');
  });

  for (const locale of ['fr', 'zz-Unknown', 'not a locale!']) {
    it(`falls back to English words for locale="${locale}"`, async () => {
      serve({ list: aPage({ comments: someComments(3) }) });
      const element = await mount({ locale });
      expect(textOf(element, 'h2')).to.equal('3 comments');
      expect(textOf(element, 'button[type="submit"]')).to.equal('Post');
    });
  }

  it('switches language when the locale changes on a live element', async () => {
    serve({ list: aPage({ comments: someComments(3) }) });
    const element = await mount({ locale: 'en' });
    element.locale = 'de';
    await waitUntil(() => textOf(element, 'h2') === '3 Kommentare', 'the heading stayed English');
    expect(textOf(element, 'button[type="submit"]')).to.equal('Senden');
  });
});

/** The whole English catalog: the words that show a thread, those for acting on it, and those of references. */
const en: Messages = { ...enThread, ...enInteractive, ...enReferences };

describe('message catalogs', () => {
  for (const [name, catalog] of [
    ['de', de],
    ['sv', sv],
  ] as const) {
    it(`${name} has exactly the keys of English`, () => {
      expect(Object.keys(catalog).sort()).to.deep.equal(Object.keys(en).sort());
    });

    it(`${name} uses the same placeholders as English in every message`, () => {
      for (const key of Object.keys(en) as (keyof Messages)[]) {
        expect(placeholders(catalog[key]), key).to.deep.equal(placeholders(en[key]));
      }
    });
  }

  for (const [name, catalog] of [
    ['en', en],
    ['de', de],
    ['sv', sv],
  ] as const) {
    it(`${name} gives every plural message the forms its language needs`, () => {
      const categories = new Intl.PluralRules(name).resolvedOptions().pluralCategories;
      for (const key of Object.keys(en) as (keyof Messages)[]) {
        const message = catalog[key];
        if (typeof message !== 'string') expect(Object.keys(message), key).to.include.members(categories);
      }
    });
  }
});
