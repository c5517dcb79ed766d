// Comments without JavaScript: the thread page (GET /thread), its plain HTML form (POST /thread), the markup natter
// render embeds (GET /thread/embed) and their stylesheet, through the same JSON API the widget calls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits } from '../../../src/protocol/limits.js';
import type { ListCommentsResponse, PostCommentResponse } from '../../../src/protocol/types.js';
import type { AppOptions } from '../../../src/server/app.js';
import {
  allowedOrigin,
  backends,
  baseUrl,
  hostileStrings,
  newComment,
  post,
  storedComment,
  uniqueThread,
  useFreshDatabase,
} from './helpers.js';
import {
  attribute,
  byClass,
  elementsIn,
  fieldValue,
  parseDocument,
  parseHtmlFragment,
  textOf,
} from './html-helpers.js';
import { aPage, formFields, getPage, postForm, shownComments, writeAndPost } from './thread-page-helpers.js';

describe('comments without JavaScript', () => {
  const backend = backends()[0]!;
  describe(backend.name, () => {
    const database = useFreshDatabase(backend);
    /** An app as `natter serve` runs for a blog: the blog's origin allowed, form tokens required. */
    const siteApp = (options: Partial<AppOptions> = {}) =>
      database().app({ origins: [allowedOrigin], formToken: {}, ...options });

    it('shows a page’s thread as HTML, with a link back to the page and a form carrying a form token', async () => {
      const app = siteApp();
      const { article, articleThread } = aPage();
      await app.store.insertComment(
        storedComment({ thread: articleThread, authorName: 'Ada', text: 'First!\n\nSee example.com' }),
      );
      const answer = await getPage(app, { url: article });
      assert.equal(answer.status, 200, answer.text);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/i);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.match(
        answer.headers.get('content-security-policy') ?? '',
        /default-src 'none'.*form-action 'self'/,
      );
      const page = parseDocument(answer.text);
      assert.deepEqual(shownComments(page), [{ author: 'Ada', text: 'First!\n\nSee example.com' }]);
      const link = elementsIn(page).find((element) => textOf(element) === 'example.com');
      assert.equal(link && attribute(link, 'href'), 'https://example.com/');
      assert.equal(link && attribute(link, 'rel'), 'nofollow ugc noopener');
      assert.ok(
        elementsIn(page).some((element) => attribute(element, 'href') === article),
        'a link back',
      );
      assert.equal(fieldValue(page, 'thread'), articleThread);
      assert.match(fieldValue(page, 'formToken') ?? '', /^f1\./);
      assert.equal(fieldValue(page, 'homepage'), undefined, 'the honeypot starts empty (no value attribute)');
      assert.ok(elementsIn(page).some((element) => attribute(element, 'name') === 'homepage'));
      const form = elementsIn(page).find((element) => element.tagName === 'form')!;
      assert.equal(attribute(form, 'method'), 'post');
      assert.equal(attribute(form, 'action'), 'thread');
    });

    it('posts a comment from the form and answers 303 back to the page, where it shows', async () => {
      const app = siteApp();
      const { article } = aPage();
      const answer = await writeAndPost(
        app,
        { url: article },
        { name: 'Grace', text: 'Posted <b>without</b> JS' },
      );
      assert.equal(answer.status, 303, answer.text);
      const location = new URL(answer.headers.get('location')!);
      assert.equal(location.origin + location.pathname, `${baseUrl}/thread`);
      assert.equal(location.searchParams.get('url'), article);
      assert.equal(location.searchParams.get('posted'), 'published');
      const id = location.hash.replace('#comment-', '');
      assert.equal((await app.store.getComment(id))?.status, 'published');
      const back = await app.request(location.pathname + location.search);
      const page = parseDocument(back.text);
      assert.ok(textOf(page).includes('Your comment is published.'));
      assert.deepEqual(shownComments(page), [{ author: 'Grace', text: 'Posted <b>without</b> JS' }]);
    });

    it('replies to a comment through the reply link', async () => {
      const app = siteApp();
      const { article, articleThread } = aPage();
      const parent = storedComment({ thread: articleThread });
      await app.store.insertComment(parent);
      const answer = await writeAndPost(
        app,
        { url: article, reply: parent.id },
        { name: 'Bob', text: 'Agreed' },
      );
      assert.equal(answer.status, 303, answer.text);
      const id = new URL(answer.headers.get('location')!).hash.replace('#comment-', '');
      assert.equal((await app.store.getComment(id))?.parent, parent.id);
    });

    it('offers reply notifications where the server does, and asks for them as the widget does', async () => {
      const app = siteApp({ replyNotifications: true });
      const { article } = aPage();
      const page = parseDocument((await getPage(app, { url: article })).text);
      const box = elementsIn(page).find((element) => attribute(element, 'name') === 'notify');
      assert.equal(box && attribute(box, 'type'), 'checkbox');
      app.clock.advance(20_000);
      const typed = { name: 'Ada', email: 'ada@example.com', text: 'Tell me', notify: '1' };
      const answer = await postForm(app, formFields(page, typed));
      assert.equal(answer.status, 303, answer.text);
      const location = new URL(answer.headers.get('location')!);
      assert.equal(location.searchParams.get('notify'), 'check');
      const id = location.hash.replace('#comment-', '');
      assert.ok(await app.store.subscriptions.ofComment(id), 'a subscription waits for its confirmation');
      const back = parseDocument((await app.request(location.pathname + location.search)).text);
      assert.ok(textOf(back).includes('Check your inbox'));
      const without = parseDocument((await getPage(siteApp(), { url: article })).text);
      assert.equal(fieldValue(without, 'notify'), undefined);
    });

    it('returns to a page of the site when the form says so, with the new comment’s fragment', async () => {
      const app = siteApp();
      const { article } = aPage();
      const page = parseDocument((await getPage(app, { url: article })).text);
      app.clock.advance(20_000);
      const answer = await postForm(app, formFields(page, { name: 'Ada', text: 'Hi', return: article }));
      assert.equal(answer.status, 303, answer.text);
      assert.match(answer.headers.get('location') ?? '', new RegExp(`^${article}#comment-`));
    });

    it('refuses a return address or page on another site, posting nothing (no open redirect)', async () => {
      const app = siteApp();
      const thread = uniqueThread();
      for (const elsewhere of [
        'https://evil.example/phish',
        'javascript:alert(1)',
        '//evil.example/',
        'not a url',
      ]) {
        const answer = await postForm(app, {
          thread,
          name: 'Ada',
          text: 'Hi',
          homepage: '',
          return: elsewhere,
        });
        assert.equal(answer.status, 400, elsewhere);
        assert.equal(answer.headers.get('location'), null);
        assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
        assert.equal((await getPage(app, { url: 'https://evil.example/phish' })).status, 400);
      }
      assert.equal((await app.store.getThread(thread)).listedCount, 0);
    });

    it('shows a refused comment’s page with the reader’s text kept and the field marked', async () => {
      const app = siteApp();
      const { article } = aPage();
      const typed = {
        name: '   ',
        email: 'ada@example.com',
        url: 'https://ada.example/',
        text: '<i>My</i> long\ncomment',
      };
      const answer = await writeAndPost(app, { url: article }, typed);
      assert.equal(answer.status, 422, answer.text);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
      const page = parseDocument(answer.text);
      assert.equal(fieldValue(page, 'text'), typed.text);
      assert.equal(fieldValue(page, 'email'), typed.email);
      assert.equal(fieldValue(page, 'url'), typed.url);
      assert.equal(fieldValue(page, 'name'), typed.name);
      const name = elementsIn(page).find((element) => attribute(element, 'name') === 'name')!;
      assert.equal(attribute(name, 'aria-invalid'), 'true');
      assert.ok(textOf(page).includes('Please fill in this field.'));
      const alert = elementsIn(page).find((element) => attribute(element, 'role') === 'alert');
      assert.ok(alert && textOf(alert).includes('could not be posted'));
      // Posting again at once, with the kept token, is no bot's speed: it is published.
      assert.match(fieldValue(page, 'formToken') ?? '', /^f1\./);
      const again = await postForm(app, formFields(page, { name: 'Ada' }));
      assert.equal(again.status, 303, again.text);
      assert.equal(new URL(again.headers.get('location')!).searchParams.get('posted'), 'published');
    });

    it('keeps a text that starts with a line break as typed', async () => {
      const app = siteApp();
      const { article } = aPage();
      const answer = await writeAndPost(app, { url: article }, { name: '', text: '\nindented\n  text' });
      assert.equal(answer.status, 422);
      assert.equal(fieldValue(parseDocument(answer.text), 'text'), '\nindented\n  text');
    });

    it('sends a form whose honeypot is filled to spam, and tells the bot nothing', async () => {
      const app = siteApp();
      const { article } = aPage();
      const answer = await writeAndPost(
        app,
        { url: article },
        { name: 'Bot', text: 'Buy', homepage: 'http://spam.example' },
      );
      assert.equal(answer.status, 303);
      assert.equal(new URL(answer.headers.get('location')!).searchParams.get('posted'), 'pending');
      const [spam] = await app.store.findComments({ statuses: ['spam'], limit: 10 });
      assert.equal(spam?.reason, 'spam: honeypot');
    });

    it('sends a form posted faster than anyone types to spam, and holds one posted without a token', async () => {
      const app = siteApp();
      const { article, articleThread } = aPage();
      const fast = await writeAndPost(app, { url: article }, { name: 'Bot', text: 'Fast' }, 500);
      assert.equal(fast.status, 303);
      const tokenless = await postForm(app, {
        thread: articleThread,
        name: 'Curl',
        text: 'No token',
        homepage: '',
      });
      assert.equal(tokenless.status, 303);
      const byText = async (text: string) =>
        (await app.store.findComments({ limit: 100 })).find((comment) => comment.text === text);
      assert.equal((await byText('Fast'))?.reason, 'spam: posted too fast');
      assert.equal((await byText('No token'))?.status, 'pending');
      assert.equal((await byText('No token'))?.reason, 'held: no form token');
    });

    it('keeps the reader’s text when over the rate limit, saying when to try again', async () => {
      const app = siteApp({ rateLimit: 1 });
      const { articleThread } = aPage();
      await postForm(app, { thread: articleThread, name: 'A', text: 'one', homepage: '' });
      const answer = await postForm(app, { thread: articleThread, name: 'A', text: 'two', homepage: '' });
      assert.equal(answer.status, 429, answer.text);
      assert.ok(answer.headers.get('retry-after'));
      const page = parseDocument(answer.text);
      assert.equal(fieldValue(page, 'text'), 'two');
      assert.ok(textOf(page).includes('You are posting too quickly'));
    });

    it('refuses forms from pages of other origins, and bodies that are no form or too large', async () => {
      const app = siteApp();
      const { articleThread } = aPage();
      const fields = { thread: articleThread, name: 'A', text: 'x', homepage: '' };
      assert.equal((await postForm(app, fields, { origin: 'https://evil.example' })).status, 403);
      assert.equal((await postForm(app, fields, { origin: allowedOrigin })).status, 303);
      const json = await app.request('/thread', { method: 'POST', json: fields });
      assert.equal(json.status, 415);
      assert.match(json.headers.get('content-type') ?? '', /^text\/html/);
      const tooLarge = await postForm(app, { ...fields, text: 'x'.repeat(limits.maxBodyBytes) });
      assert.equal(tooLarge.status, 413);
      assert.match(tooLarge.headers.get('content-type') ?? '', /^text\/html/);
    });

    it('shows a locked thread without a form, and refuses a post to it', async () => {
      const app = siteApp();
      const thread = uniqueThread();
      await app.store.insertComment(storedComment({ thread }));
      await app.store.setThreadLocked(thread, true);
      const page = parseDocument((await getPage(app, { thread })).text);
      assert.equal(elementsIn(page).filter((element) => element.tagName === 'form').length, 0);
      assert.ok(textOf(page).includes('Comments are closed'));
      const answer = await postForm(app, { thread, name: 'A', text: 'x', homepage: '' });
      assert.equal(answer.status, 403);
      assert.ok(textOf(parseDocument(answer.text)).includes('This thread takes no new comments'));
    });

    it('pages through a long thread with links', async () => {
      const app = siteApp();
      const thread = uniqueThread();
      const pageSize = limits.defaultPageSize;
      for (let index = 0; index < pageSize + 5; index++) {
        const createdAt = new Date(Date.UTC(2025, 0, 1, 0, index)).toISOString();
        await app.store.insertComment(storedComment({ thread, text: `n${index}`, createdAt }));
      }
      const first = parseDocument((await getPage(app, { thread })).text);
      assert.equal(shownComments(first).length, pageSize);
      const more = byClass(first, 'natter-more')[0]!;
      const next = new URL(attribute(elementsIn(more)[0]!, 'href')!);
      const second = parseDocument((await app.request(next.pathname + next.search)).text);
      assert.deepEqual(
        shownComments(second).map((comment) => comment.text),
        [0, 1, 2, 3, 4].map((index) => `n${pageSize + index}`),
      );
    });

    it('shows hostile names, texts and URLs as the text they are, linking only http, https and mailto', async () => {
      const app = siteApp({ formToken: { isRequired: false } });

      const thread = uniqueThread();
      const hostile = [
        ...hostileStrings('markup.txt'),
        ...hostileStrings('urls.txt'),
        ...hostileStrings('unicode.txt'),
      ];
      const posted = [];
      for (const value of hostile) {
        // Each payload as name, text and author URL at once, or as much of that as the rules take.
        for (const fields of [{ name: value, url: value }, { name: value }, {}]) {
          app.clock.advance(1);
          const answer = await post(app, newComment({ thread, text: value, ...fields }));
          if (answer.status !== 201) continue;
          posted.push((answer.body as PostCommentResponse).comment);
          break;
        }
      }
      assert.ok(posted.length > hostile.length / 2, `${posted.length} of ${hostile.length} accepted`);
      const pages = [];
      for (let cursor: string | null | undefined; cursor !== null;) {
        const answer = await getPage(app, { thread, ...(cursor && { cursor }) });
        assert.equal(answer.status, 200);
        const page = parseDocument(answer.text);
        pages.push(page);
        const more = byClass(page, 'natter-more')[0];
        cursor = more ? new URL(attribute(elementsIn(more)[0]!, 'href')!).searchParams.get('cursor') : null;
      }
      const shown = pages.flatMap(shownComments);
      assert.deepEqual(
        shown,
        posted.map((comment) => ({ author: comment.author.name, text: bodyTextOf(comment.text) })),
      );
      const allowed = new Set([
        'div',
        'article',
        'header',
        'span',
        'a',
        'time',
        'p',
        'br',
        'li',
        'ol',
        'bdi',
      ]);
      for (const page of pages) {
        for (const list of byClass(page, 'natter-comments')) {
          for (const element of elementsIn(list)) {
            assert.ok(allowed.has(element.tagName), `a <${element.tagName}> in the thread`);
            for (const { name } of element.attrs) assert.ok(!/^on/i.test(name), `an ${name} attribute`);
            if (element.tagName !== 'a') continue;
            const href = attribute(element, 'href') ?? '';
            if (href.startsWith('#comment-') || href.includes('/thread?')) continue;
            assert.match(href, /^(https?|mailto):/, href);
            assert.equal(attribute(element, 'rel'), 'nofollow ugc noopener', href);
          }
        }
      }
    });

    it('writes the markup natter render embeds: the thread, the first page as JSON, absolute links', async () => {
      const app = siteApp();
      const { article, articleThread } = aPage();
      const text = 'Closing </script><script>alert(1)</script> <!-- and \u2028 more';
      await app.store.insertComment(storedComment({ thread: articleThread, authorName: '</script>', text }));
      const answer = await app.request(
        `/thread/embed?${new URLSearchParams({ url: article, limit: '5', sort: 'newest', depth: '2' })}`,
      );
      assert.equal(answer.status, 200, answer.text);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
      const fragment = parseHtmlFragment(answer.text);
      const scripts = elementsIn(fragment).filter((element) => element.tagName === 'script');
      assert.equal(scripts.length, 1, 'no script but the data');
      assert.equal(attribute(scripts[0]!, 'type'), 'application/json');
      const data = JSON.parse(textOf(scripts[0]!)) as {
        query: unknown;
        renderedAt: string;
        page: ListCommentsResponse;
      };
      assert.equal(data.renderedAt, app.clock.iso());
      assert.deepEqual(data.query, { thread: articleThread, sort: 'newest', limit: 5 });
      const listing = await app.request(
        `/api/v1/comments?${new URLSearchParams({ thread: articleThread, limit: '5', sort: 'newest' })}`,
      );
      assert.deepEqual(data.page, listing.body);
      assert.ok(
        shownComments(fragment).some((comment) => comment.author === '</script>' && comment.text === text),
      );
      const stylesheet = elementsIn(fragment).find((element) => element.tagName === 'link')!;
      assert.equal(attribute(stylesheet, 'href'), `${baseUrl}/thread/thread.css`);
      const write = byClass(fragment, 'natter-write')[0]!;
      assert.equal(
        attribute(elementsIn(write)[0]!, 'href'),
        `${baseUrl}/thread?url=${encodeURIComponent(article)}#write`,
      );
      const css = await app.request('/thread/thread.css');
      assert.equal(css.status, 200);
      assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
      assert.ok(css.text.includes('.natter-thread'));
    });

    it('answers a bad embed request in the protocol’s error shape', async () => {
      const app = siteApp();
      const { articleThread } = aPage();
      const noThread = await app.request('/thread/embed');
      assert.equal(noThread.status, 400);
      const badLimit = await app.request(`/thread/embed?thread=${encodeURIComponent(articleThread)}&limit=0`);
      assert.equal(badLimit.status, 400);
      assert.equal((badLimit.body as { error: { field: string } }).error.field, 'limit');
    });
  });
});

/** A text as the page shows it: paragraphs apart by a blank line, without the whitespace nobody sees. */
function bodyTextOf(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[^\S\n]*\n)+/)
    .map((paragraph) => paragraph.replace(/^(?:[^\S\n]*\n)+/, '').trimEnd())
    .filter(Boolean)
    .join('\n\n');
}
