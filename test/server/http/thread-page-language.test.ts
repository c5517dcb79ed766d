// The server's HTML in the reader's language: the thread page by its `lang` parameter or the browser's
// Accept-Language, its form and the pages answering it in the same language, and the markup natter render embeds in
// the language the site names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppOptions } from '../../../src/server/app.js';
import {
  allowedOrigin,
  backends,
  storedComment,
  uniqueThread,
  useFreshDatabase,
  type TestApp,
} from './helpers.js';
import {
  attribute,
  byClass,
  elementsIn,
  fieldValue,
  parseDocument,
  parseHtmlFragment,
  textOf,
  type HtmlNode,
} from './html-helpers.js';
import { aPage, formFields, getPage, postForm } from './thread-page-helpers.js';

/** The page's `<html>` element. */
const root = (page: HtmlNode) => elementsIn(page).find((element) => element.tagName === 'html')!;
/** The text of the first element of class `name`. */
const textOfClass = (node: HtmlNode, name: string) => textOf(byClass(node, name)[0]!);
/** The text of the first element named `tag`. */
const textOfTag = (node: HtmlNode, tag: string) =>
  textOf(elementsIn(node).find((element) => element.tagName === tag)!);

/** A thread of `count` comments, the first written on 5 January 2025. */
async function threadOf(app: TestApp, count: number, thread = uniqueThread()): Promise<string> {
  for (let index = 0; index < count; index++) {
    const createdAt = new Date(Date.UTC(2025, 0, 5 + index, 10)).toISOString();
    await app.store.insertComment(storedComment({ thread, createdAt, text: `n${index}` }));
  }
  return thread;
}

describe('the server’s HTML in the reader’s language', () => {
  const backend = backends()[0]!;
  describe(backend.name, () => {
    const database = useFreshDatabase(backend);
    const siteApp = (options: Partial<AppOptions> = {}) =>
      database().app({ origins: [allowedOrigin], formToken: {}, ...options });

    it('writes the page in French for lang=fr: its words, dates, lang and the links it leads to', async () => {
      const app = siteApp();
      const { article, articleThread } = aPage();
      await threadOf(app, 2, articleThread);
      const answer = await getPage(app, { url: article, lang: 'fr' });
      assert.equal(answer.status, 200, answer.text);
      const page = parseDocument(answer.text);
      assert.equal(attribute(root(page), 'lang'), 'fr');
      assert.equal(attribute(root(page), 'dir'), 'ltr');
      assert.equal(textOfTag(page, 'title'), 'Commentaires');
      assert.equal(textOfClass(page, 'natter-heading'), '2 commentaires');
      assert.equal(textOfTag(page, 'time'), '5 janvier 2025');
      assert.equal(textOfTag(page, 'nav'), 'Retour à la page');
      assert.equal(textOfTag(page, 'label'), 'Nom');
      assert.equal(textOfTag(page, 'button'), 'Publier');
      assert.equal(fieldValue(page, 'lang'), 'fr');
      const reply = elementsIn(byClass(page, 'natter-actions')[0]!)[0]!;
      assert.equal(textOf(reply), 'Répondre');
      assert.equal(new URL(attribute(reply, 'href')!).searchParams.get('lang'), 'fr');
      assert.equal(new URL(fieldValue(page, 'return')!).searchParams.get('lang'), 'fr');
    });

    it('takes the language from Accept-Language when the address names none, by weight', async () => {
      const app = siteApp();
      const thread = await threadOf(app, 1);
      const german = parseDocument(
        (await getPage(app, { thread }, { 'accept-language': 'de-AT,de;q=0.9,en;q=0.8' })).text,
      );
      assert.equal(attribute(root(german), 'lang'), 'de-AT');
      assert.equal(textOfClass(german, 'natter-heading'), '1 Kommentar');
      // Austrian German says Jänner.
      assert.equal(textOfTag(german, 'time'), '5. Jänner 2025');
      assert.equal(fieldValue(german, 'lang'), 'de-AT');
      const weighed = { 'accept-language': 'fi, en;q=0.5, sv;q=0.8, *;q=0.1' };
      assert.equal(
        attribute(root(parseDocument((await getPage(app, { thread }, weighed)).text)), 'lang'),
        'sv',
      );
      const named = await getPage(app, { thread, lang: 'ja' }, { 'accept-language': 'de' });
      assert.equal(attribute(root(parseDocument(named.text)), 'lang'), 'ja');
    });

    it('speaks English for a lang that is no tag or names a language without words, and never echoes it', async () => {
      const app = siteApp();
      const thread = await threadOf(app, 1);
      for (const lang of ['xx-invalid', 'fi', 'zh-TW', 'und', '<script>alert(1)</script>', 'de,fr', '']) {
        const answer = await getPage(app, { thread, lang });
        assert.equal(answer.status, 200, lang);
        const page = parseDocument(answer.text);
        assert.equal(attribute(root(page), 'lang'), 'en', lang);
        assert.equal(textOfClass(page, 'natter-heading'), '1 comment', lang);
        assert.equal(textOfTag(page, 'time'), 'January 5, 2025', lang);
        assert.ok(!answer.text.includes('<script>'), lang);
      }
      // Not a language the widget speaks: the browser's, if it is one.
      const fallback = await getPage(app, { thread, lang: 'fi' }, { 'accept-language': 'nl' });
      assert.equal(attribute(root(parseDocument(fallback.text)), 'lang'), 'nl');
    });

    it('writes Arabic right to left, and Hebrew', async () => {
      const app = siteApp();
      const thread = await threadOf(app, 2);
      const arabic = parseDocument((await getPage(app, { thread, lang: 'ar' })).text);
      assert.equal(attribute(root(arabic), 'lang'), 'ar');
      assert.equal(attribute(root(arabic), 'dir'), 'rtl');
      assert.equal(textOfClass(arabic, 'natter-heading'), 'تعليقان');
      const hebrew = parseDocument((await getPage(app, { thread, lang: 'he-IL' })).text);
      assert.equal(attribute(root(hebrew), 'dir'), 'rtl');
      assert.equal(textOfClass(hebrew, 'natter-heading'), 'שתי תגובות');
    });

    it('counts in Polish forms: 1 komentarz, 2 komentarze, 5 komentarzy', async () => {
      const app = siteApp();
      for (const [count, heading] of [
        [1, '1 komentarz'],
        [2, '2 komentarze'],
        [5, '5 komentarzy'],
      ] as const) {
        const thread = await threadOf(app, count);
        const page = parseDocument((await getPage(app, { thread, lang: 'pl' })).text);
        assert.equal(textOfClass(page, 'natter-heading'), heading);
      }
    });

    it('answers a refused post in the language of the page it came from, and a posted one too', async () => {
      const app = siteApp();
      const { article } = aPage();
      const form = parseDocument((await getPage(app, { url: article, lang: 'fr' })).text);
      app.clock.advance(20_000);
      const refused = await postForm(app, formFields(form, { name: ' ', text: 'Bonjour' }));
      assert.equal(refused.status, 422, refused.text);
      const page = parseDocument(refused.text);
      assert.equal(attribute(root(page), 'lang'), 'fr');
      assert.equal(textOfTag(page, 'h1'), 'Votre commentaire n’a pas été publié');
      const alert = elementsIn(page).find((element) => attribute(element, 'role') === 'alert')!;
      assert.match(textOf(alert), /Veuillez corriger le champ signalé\..*toujours dans le formulaire/);
      assert.equal(textOfClass(page, 'natter-field-error'), 'Veuillez remplir ce champ.');
      assert.equal(fieldValue(page, 'lang'), 'fr');
      const posted = await postForm(app, formFields(page, { name: 'Ada' }));
      assert.equal(posted.status, 303, posted.text);
      const location = new URL(posted.headers.get('location')!);
      assert.equal(location.searchParams.get('lang'), 'fr');
      const back = parseDocument((await app.request(location.pathname + location.search)).text);
      assert.equal(textOfClass(back, 'natter-status'), 'Votre commentaire est publié.');
    });

    it('says why a form was refused before it was read in the browser’s language', async () => {
      const app = siteApp();
      const answer = await postForm(
        app,
        { thread: uniqueThread(), name: 'A', text: 'x', homepage: '' },
        { origin: 'https://evil.example', 'accept-language': 'es-MX' },
      );
      assert.equal(answer.status, 403);
      const page = parseDocument(answer.text);
      assert.equal(attribute(root(page), 'lang'), 'es-MX');
      assert.equal(textOfTag(page, 'h1'), 'Tu comentario no se ha publicado');
    });

    it('writes the embedded markup in the language the site names, and English by default', async () => {
      const app = siteApp();
      const thread = await threadOf(app, 3);
      const embed = async (query: Record<string, string>, headers: Record<string, string> = {}) => {
        const answer = await app.request(`/thread/embed?${new URLSearchParams({ thread, ...query })}`, {
          headers,
        });
        assert.equal(answer.status, 200, answer.text);
        return parseHtmlFragment(answer.text);
      };
      const japanese = await embed({ lang: 'ja' });
      const container = byClass(japanese, 'natter-thread')[0]!;
      assert.equal(attribute(container, 'lang'), 'ja');
      assert.equal(attribute(container, 'dir'), 'ltr');
      assert.equal(textOfClass(japanese, 'natter-heading'), '3件のコメント');
      assert.equal(textOfTag(japanese, 'time'), '2025年1月5日');
      const write = elementsIn(byClass(japanese, 'natter-write')[0]!)[0]!;
      assert.equal(textOf(write), 'コメントを書く');
      assert.equal(new URL(attribute(write, 'href')!).searchParams.get('lang'), 'ja');
      // Made for every visitor of the page alike: the visitor's browser does not choose.
      const english = await embed({}, { 'accept-language': 'de' });
      assert.equal(attribute(byClass(english, 'natter-thread')[0]!, 'lang'), 'en');
      assert.equal(textOfClass(english, 'natter-heading'), '3 comments');
      const arabic = await embed({ lang: 'ar-EG' });
      assert.equal(attribute(byClass(arabic, 'natter-thread')[0]!, 'dir'), 'rtl');
    });
  });
});
