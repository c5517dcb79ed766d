import { expect, waitUntil } from '@open-wc/testing';
import { keepLanguage } from '../../src/admin/messages/language-choice.js';
import { adminLanguages, catalogKey } from '../../src/admin/messages/localizer.js';
import { messages as ar } from '../../src/admin/messages/messages.ar.js';
import { messages as de } from '../../src/admin/messages/messages.de.js';
import { en, type Messages, type PluralMessage } from '../../src/admin/messages/messages.en.js';
import { messages as es } from '../../src/admin/messages/messages.es.js';
import { messages as fr } from '../../src/admin/messages/messages.fr.js';
import { messages as he } from '../../src/admin/messages/messages.he.js';
import { messages as italian } from '../../src/admin/messages/messages.it.js';
import { messages as ja } from '../../src/admin/messages/messages.ja.js';
import { messages as ko } from '../../src/admin/messages/messages.ko.js';
import { messages as nl } from '../../src/admin/messages/messages.nl.js';
import { messages as pl } from '../../src/admin/messages/messages.pl.js';
import { messages as pt } from '../../src/admin/messages/messages.pt.js';
import { messages as ru } from '../../src/admin/messages/messages.ru.js';
import { messages as sv } from '../../src/admin/messages/messages.sv.js';
import { messages as zhHans } from '../../src/admin/messages/messages.zh-Hans.js';
import { catalogKey as widgetCatalogKey } from '../../src/i18n/catalog-key.js';
import { supportedLocales } from '../../src/i18n/localizer.js';
import { catalogProblems, type CheckedCatalog } from '../catalog-problems.js';
import {
  FakeAdminApi,
  anAdminComment,
  listOf,
  listSettled,
  mountAdmin,
  resetPage,
  screenOf,
} from './helpers.js';

/** Every admin catalog but English, by catalog key. */
const catalogs: Record<string, Messages> = {
  de,
  sv,
  fr,
  es,
  pt,
  it: italian,
  nl,
  pl,
  ru,
  ja,
  'zh-Hans': zhHans,
  ko,
  ar,
  he,
};

/** What is wrong with `catalog` (of language `name`) against English: keys, placeholders, plural forms. */
const problemsOf = (name: string, catalog: CheckedCatalog) => catalogProblems(name, catalog, en);

describe('admin message catalogs', () => {
  it('are there for every language the widget speaks', () => {
    expect([...adminLanguages].sort()).to.deep.equal([...supportedLocales].sort());
    expect(Object.keys(catalogs).sort()).to.deep.equal(adminLanguages.filter((key) => key !== 'en').sort());
  });

  it('choose a catalog for a language tag as the widget does', () => {
    for (const tag of ['de-AT', 'zh-CN', 'zh-TW', 'zh-Hant-HK', 'pt-PT', 'ar-EG', 'he', 'sr-Latn'])
      expect(catalogKey(tag), tag).to.equal(widgetCatalogKey(tag));
  });

  it('English gives its plural messages the forms English needs', () => {
    expect(problemsOf('en', en)).to.deep.equal([]);
  });

  for (const [name, catalog] of Object.entries(catalogs)) {
    it(`${name} has every key of English and no other, with its placeholders and ${name}'s plural forms`, () => {
      expect(problemsOf(name, catalog)).to.deep.equal([]);
    });

    it(`${name} is translated, and written ${catalog.direction}`, () => {
      const keys = Object.keys(en) as (keyof Messages)[];
      const same = keys.filter((key) => JSON.stringify(catalog[key]) === JSON.stringify(en[key]));
      expect(same.length, `the same as English: ${same.join(', ')}`).to.be.lessThan(keys.length / 10);
      expect(catalog.direction).to.equal(['ar', 'he'].includes(name) ? 'rtl' : 'ltr');
    });
  }

  it('finds what a broken catalog gets wrong', () => {
    const broken: Record<string, string | PluralMessage> = {
      ...pl,
      badgeLabel: { one: '{count} komentarz', other: '{count} komentarza' },
      signOut: { one: 'x', few: 'x', many: 'x', other: 'x' },
      unknownKey: 'x',
    };
    delete broken.signIn;
    expect(problemsOf('pl', broken).sort()).to.deep.equal(
      [
        'unknownKey: not in English',
        'signIn: missing',
        'badgeLabel: no few form',
        'badgeLabel: no many form',
        'signOut: plain in English',
      ].sort(),
    );
  });
});

/** The browser's languages, as the page reads them, for the length of a test. */
function browserLanguages(languages: string[]): void {
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
}

describe('the admin page in other languages', () => {
  afterEach(() => {
    resetPage();
    keepLanguage('');
    delete (navigator as { languages?: unknown }).languages;
    document.documentElement.lang = 'en';
    document.documentElement.dir = '';
  });

  it('speaks the first of the browser’s languages it has, with the page’s lang', async () => {
    browserLanguages(['tlh', 'pl-PL', 'en']);
    const element = await mountAdmin(new FakeAdminApi());
    const signIn = element.shadowRoot!.querySelector('admin-sign-in')!.shadowRoot!;
    expect(signIn.querySelector('h1')?.textContent).to.equal('Zaloguj się, aby moderować');
    expect(document.documentElement.lang).to.equal('pl-PL');
    expect(document.documentElement.dir).to.equal('ltr');
  });

  it('reads English when the browser asks for Traditional Chinese', async () => {
    browserLanguages(['zh-TW']);
    const element = await mountAdmin(new FakeAdminApi());
    const signIn = element.shadowRoot!.querySelector('admin-sign-in')!.shadowRoot!;
    expect(signIn.querySelector('h1')?.textContent).to.equal('Sign in to moderate');
  });

  it('mirrors the page in Arabic: the navigation on the right, its bar at the start of the line', async () => {
    keepLanguage('ar');
    const api = new FakeAdminApi({ comments: [anAdminComment({ status: 'pending' })], isSignedIn: true });
    const element = await mountAdmin(api);
    await listSettled(element);
    expect(document.documentElement.dir).to.equal('rtl');
    expect(document.documentElement.lang).to.equal('ar');
    expect(document.title).to.equal('قائمة الانتظار · إشراف natter');
    const nav = element.shadowRoot!.querySelector('nav')!.getBoundingClientRect();
    const main = element.shadowRoot!.querySelector('main')!.getBoundingClientRect();
    expect(nav.left).to.be.greaterThan(main.left);
    const current = element.shadowRoot!.querySelector('nav a[aria-current="page"]')!;
    expect(getComputedStyle(current).boxShadow).to.match(/-3px 0px 0px 0px inset$/);
  });

  it('keeps paths, addresses and people’s words in their own direction on an Arabic page', async () => {
    keepLanguage('ar');
    const comment = anAdminComment({
      status: 'pending',
      text: 'Doctors are paid to say this.',
      author: { name: 'Tomás', email: 'tomas@example.net', url: null, ip: '2001:db8::17' },
    });
    const element = await mountAdmin(new FakeAdminApi({ comments: [comment], isSignedIn: true }));
    const card = listOf(element).shadowRoot!.querySelector('article')!;
    const ltr = [...card.querySelectorAll('[dir="ltr"]')].map((value) => value.textContent?.trim());
    expect(ltr).to.include.members(['tomas@example.net', '2001:db8::17', comment.thread]);
    const text = card.querySelector<HTMLElement>('.text')!;
    expect(getComputedStyle(text).direction).to.equal('ltr');
    expect(getComputedStyle(card).direction).to.equal('rtl');
  });

  it('switches language from the Settings screen, keeps the choice, and goes back to the browser’s', async () => {
    browserLanguages(['en-GB']);
    const element = await mountAdmin(new FakeAdminApi({ isSignedIn: true }), '#/settings');
    const settings = () => screenOf(element).shadowRoot!;
    await waitUntil(() => settings().querySelector('#language'), 'no language menu');
    const menu = settings().querySelector<HTMLSelectElement>('#language')!;
    expect([...menu.options].map((option) => option.value)).to.deep.equal(['', ...adminLanguages]);
    expect(menu.options[1 + adminLanguages.indexOf('ja')]?.textContent?.trim()).to.equal('日本語');
    menu.value = 'he';
    menu.dispatchEvent(new Event('change'));
    await waitUntil(() => document.documentElement.dir === 'rtl', 'the page did not turn to Hebrew');
    await element.updateComplete;
    expect(settings().querySelector('h1')?.textContent).to.equal('הגדרות');
    expect(localStorage.getItem('natter-admin-language')).to.equal('he');

    const again = settings().querySelector<HTMLSelectElement>('#language')!;
    expect(again.value).to.equal('he');
    again.value = '';
    again.dispatchEvent(new Event('change'));
    await waitUntil(() => document.documentElement.dir === 'ltr', 'the page stayed in Hebrew');
    await element.updateComplete;
    expect(settings().querySelector('h1')?.textContent).to.equal('Settings');
    expect(localStorage.getItem('natter-admin-language')).to.equal(null);
  });
});
