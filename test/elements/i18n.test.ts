import { expect, waitUntil } from '@open-wc/testing';
import { catalogKeys } from '../../src/i18n/catalogs.js';
import { wordKeys } from '../../src/i18n/words.js';
import { countWords } from '../../src/i18n/count-words.js';
import { enInteractive } from '../../src/i18n/interactive.en.js';
import { supportedLocales } from '../../src/i18n/localizer.js';
import { messages as arThread } from '../../src/i18n/messages.ar.js';
import { words as arWords } from '../../src/i18n/words.ar.js';
import { messages as deThread } from '../../src/i18n/messages.de.js';
import { words as deWords } from '../../src/i18n/words.de.js';
import { en as enThread, type Messages, type PluralMessage } from '../../src/i18n/messages.en.js';
import { messages as esThread } from '../../src/i18n/messages.es.js';
import { words as esWords } from '../../src/i18n/words.es.js';
import { messages as frThread } from '../../src/i18n/messages.fr.js';
import { words as frWords } from '../../src/i18n/words.fr.js';
import { messages as heThread } from '../../src/i18n/messages.he.js';
import { words as heWords } from '../../src/i18n/words.he.js';
import { messages as italianThread } from '../../src/i18n/messages.it.js';
import { words as italianWords } from '../../src/i18n/words.it.js';
import { messages as jaThread } from '../../src/i18n/messages.ja.js';
import { words as jaWords } from '../../src/i18n/words.ja.js';
import { messages as koThread } from '../../src/i18n/messages.ko.js';
import { words as koWords } from '../../src/i18n/words.ko.js';
import { messages as nlThread } from '../../src/i18n/messages.nl.js';
import { words as nlWords } from '../../src/i18n/words.nl.js';
import { messages as plThread } from '../../src/i18n/messages.pl.js';
import { words as plWords } from '../../src/i18n/words.pl.js';
import { messages as ptThread } from '../../src/i18n/messages.pt.js';
import { words as ptWords } from '../../src/i18n/words.pt.js';
import { messages as ruThread } from '../../src/i18n/messages.ru.js';
import { words as ruWords } from '../../src/i18n/words.ru.js';
import { messages as svThread } from '../../src/i18n/messages.sv.js';
import { words as svWords } from '../../src/i18n/words.sv.js';
import { messages as zhHansThread } from '../../src/i18n/messages.zh-Hans.js';
import { words as zhHansWords } from '../../src/i18n/words.zh-Hans.js';
import { enReferences } from '../../src/i18n/references.en.js';
import { aComment, aPage, mount, resetPage, serve, someComments, textOf } from './helpers.js';

afterEach(resetPage);

/** The `{placeholders}` a message uses, sorted; for plural messages, of every form together. */
function placeholders(message: Messages[keyof Messages]): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => text.match(/\{\w+\}/g) ?? []))].sort();
}

/** Whitespace collapsed, as `textOf` reads the widget's text (French numbers hold narrow no-break spaces). */
const collapsed = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `value` as `locale` writes numbers (Arabic may write its own digits), whitespace collapsed. */
const number = (locale: string, value: number) => collapsed(new Intl.NumberFormat(locale).format(value));

describe('natter-comments in other languages', () => {
  for (const [locale, count, heading] of [
    ['en', 1, '1 comment'],
    ['en', 3, '3 comments'],
    ['de', 1, '1 Kommentar'],
    ['de', 3, '3 Kommentare'],
    ['sv', 3, '3 kommentarer'],
    ['fr', 1, '1 commentaire'],
    ['fr', 1_000_000, `${number('fr', 1_000_000)} de commentaires`],
    ['es', 3, '3 comentarios'],
    ['pt-BR', 1, '1 comentário'],
    ['it', 3, '3 commenti'],
    ['nl', 1, '1 reactie'],
    ['pl', 1, '1 komentarz'],
    ['pl', 3, '3 komentarze'],
    ['pl', 5, '5 komentarzy'],
    ['pl', 22, '22 komentarze'],
    ['ru', 21, '21 комментарий'],
    ['ru', 3, '3 комментария'],
    ['ru', 11, '11 комментариев'],
    ['ja', 3, '3件のコメント'],
    ['zh-CN', 3, '3 条评论'],
    ['zh-Hans-SG', 1, '1 条评论'],
    ['ko', 3, '댓글 3개'],
    ['ar', 1, 'تعليق واحد'],
    ['ar', 2, 'تعليقان'],
    ['ar', 3, `${number('ar', 3)} تعليقات`],
    ['ar', 11, `${number('ar', 11)} تعليقًا`],
    ['ar', 100, `${number('ar', 100)} تعليق`],
    ['he', 1, 'תגובה אחת'],
    ['he', 2, 'שתי תגובות'],
    ['he', 3, '3 תגובות'],
  ] as const) {
    it(`counts in ${locale}: ${count} is "${heading}"`, async () => {
      serve({ list: aPage({ comments: someComments(1), count }) });
      expect(textOf(await mount({ locale }), 'h2')).to.equal(heading);
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

  for (const [locale, submit, email, date] of [
    ['fr', 'Publier', 'E-mail (facultatif)', '1 juin 2025 à 10:00'],
    ['ja', '投稿', 'メールアドレス（任意）', '2025年6月1日 10:00'],
    ['ar', 'نشر', 'البريد الإلكتروني (اختياري)', ''],
    ['he', 'פרסום', 'דוא״ל (לא חובה)', ''],
  ] as const) {
    it(`reads ${locale}: labels, button, and dates written by Intl`, async () => {
      serve({ list: aPage({ comments: [aComment({ createdAt: '2025-06-01T10:00:00.000Z' })] }) });
      const element = await mount({ locale });
      expect(textOf(element, 'button[type="submit"]')).to.equal(submit);
      expect(textOf(element, 'label[for="email"]')).to.equal(email);
      const written = collapsed(
        new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(
          new Date('2025-06-01T10:00:00.000Z'),
        ),
      );
      expect(textOf(element, 'time')).to.equal(written);
      if (date) expect(written).to.equal(date);
    });
  }

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

  for (const locale of ['fi', 'zh-TW', 'zh-Hant', 'zz-Unknown', 'not a locale!']) {
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
    element.locale = 'pl';
    await waitUntil(() => textOf(element, 'h2') === '3 komentarze', 'the heading stayed German');
    expect(textOf(element, 'button[type="submit"]')).to.equal('Opublikuj');
  });
});

/** The whole English catalog: the words that show a thread, those for acting on it, and those of references. */
const en: Messages = { ...enThread, ...enInteractive, ...enReferences };

/** Every catalog but English, by catalog key. */
const catalogs: Record<string, Messages> = {
  de: { ...deThread, ...deWords },
  sv: { ...svThread, ...svWords },
  fr: { ...frThread, ...frWords },
  es: { ...esThread, ...esWords },
  pt: { ...ptThread, ...ptWords },
  it: { ...italianThread, ...italianWords },
  nl: { ...nlThread, ...nlWords },
  pl: { ...plThread, ...plWords },
  ru: { ...ruThread, ...ruWords },
  ja: { ...jaThread, ...jaWords },
  'zh-Hans': { ...zhHansThread, ...zhHansWords },
  ko: { ...koThread, ...koWords },
  ar: { ...arThread, ...arWords },
  he: { ...heThread, ...heWords },
};

/** The plural categories a catalog's language uses, as `Intl.PluralRules` knows them. */
const categoriesOf = (key: string) => new Intl.PluralRules(key).resolvedOptions().pluralCategories;

/** The direction `Intl` knows a language is written in. */
function directionOf(key: string): string | undefined {
  const locale = new Intl.Locale(key) as Intl.Locale & {
    getTextInfo?: () => { direction: string };
    textInfo?: { direction: string };
  };
  return (locale.getTextInfo?.() ?? locale.textInfo)?.direction;
}

/**
 * What is wrong with `catalog`, the catalog of language `name`, measured against English: keys it lacks or English
 * lacks, messages plain where English counts or the other way round, placeholders other than English's, and plural
 * messages without every form `Intl.PluralRules` selects in that language, or with forms it never selects.
 */
function problemsOf(name: string, catalog: Record<string, string | PluralMessage>): string[] {
  const problems: string[] = [];
  const categories = [...categoriesOf(name)].sort();
  for (const key of Object.keys(catalog)) if (!(key in en)) problems.push(`${key}: not in English`);
  for (const [key, english] of Object.entries(en)) {
    const message = catalog[key];
    if (message === undefined) {
      problems.push(`${key}: missing`);
    } else if (typeof message !== typeof english) {
      problems.push(`${key}: ${typeof english === 'string' ? 'plain' : 'plural'} in English`);
    } else {
      const used = placeholders(message).join(' ');
      if (used !== placeholders(english).join(' ')) problems.push(`${key}: placeholders ${used}`);
      if (typeof message !== 'string') {
        const forms = Object.keys(message);
        for (const category of categories)
          if (!forms.includes(category)) problems.push(`${key}: no ${category} form`);
        for (const form of forms)
          if (!categories.includes(form as Intl.LDMLPluralRule)) problems.push(`${key}: ${form}, unused`);
      }
    }
  }
  return problems;
}

describe('message catalogs', () => {
  it('are those the widget loads: one per language it says it speaks', () => {
    const others = supportedLocales.filter((key) => key !== 'en').sort();
    expect(Object.keys(catalogs).sort()).to.deep.equal(others);
    expect([...catalogKeys].sort()).to.deep.equal(others);
    expect([...wordKeys].sort()).to.deep.equal(others);
    expect(supportedLocales).to.have.length.of.at.least(15);
  });

  it('English gives its plural messages the forms English needs', () => {
    expect(problemsOf('en', en)).to.deep.equal([]);
  });

  for (const [name, catalog] of Object.entries(catalogs)) {
    it(`${name} has every key of English and no other, with its placeholders and ${name}'s plural forms`, () => {
      expect(problemsOf(name, catalog)).to.deep.equal([]);
    });

    it(`${name} is translated: hardly a message is left as English says it`, () => {
      const keys = Object.keys(en) as (keyof Messages)[];
      const same = keys.filter((key) => JSON.stringify(catalog[key]) === JSON.stringify(en[key]));
      expect(same.length, `the same as English: ${same.join(', ')}`).to.be.lessThan(keys.length / 20);
    });

    it(`${name} is written ${catalog.direction}, as Intl knows the language`, () => {
      expect(catalog.direction).to.be.oneOf(['ltr', 'rtl']);
      const known = directionOf(name);
      if (known) expect(catalog.direction).to.equal(known);
    });

    it(`${name} says "N comments" as natter/count does on index pages`, () => {
      expect(catalog.heading).to.deep.equal(countWords[name as keyof typeof countWords]);
    });
  }

  it('finds what a broken catalog gets wrong', () => {
    const fr = catalogs.fr!;
    const { heading, ...rest } = fr;
    const broken: Record<string, string | PluralMessage> = {
      ...rest,
      heading: { one: heading.one!, other: heading.other },
      moreReplies: { ...(fr.moreReplies as PluralMessage), two: 'deux de plus' },
      retry: { one: 'Réessayer', many: 'Réessayer', other: 'Réessayer' },
      postError: 'Échec',
      showLess: 'Afficher moins',
    };
    delete broken.showMore;
    expect(problemsOf('fr', broken).sort()).to.deep.equal(
      [
        'showLess: not in English',
        'showMore: missing',
        'heading: no many form',
        'moreReplies: two, unused',
        'retry: plain in English',
        'postError: placeholders ',
      ].sort(),
    );
  });
});
