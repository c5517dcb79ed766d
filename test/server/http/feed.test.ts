// Atom feeds: GET /api/v1/feed.atom?thread=KEY (one thread) and GET /api/v1/feed.atom (the site), read by a real
// XML parser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOMParser, type Element } from '@xmldom/xmldom';
import {
  allowedOrigin,
  backends,
  postComment,
  uniqueThread,
  useFreshDatabase,
  type TestApp,
} from './helpers.js';

const atom = 'http://www.w3.org/2005/Atom';
const siteUrl = 'https://blog.example.com';
const publicUrl = 'https://comments.example.com/natter/';

/** Every character XML 1.0 allows (its `Char` production): anything else would make a strict parser fail. */
const xmlChars = /^[\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]*$/u;

/** Parses `text` as XML, failing on any character XML does not allow and on any error of the parser. */
function parseXml(text: string): Element {
  assert.match(text, xmlChars, 'only characters XML allows');
  const parser = new DOMParser({
    // Warnings are advice (one says that U+FFFD may mean a wrong encoding: here it stands for U+FFFE and U+FFFF).
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`XML ${level}: ${message}`);
    },
  });
  const document = parser.parseFromString(text, 'application/xml');
  const root = document.documentElement;
  assert.ok(root);
  return root;
}

/** The Atom children of `parent` named `name`. */
const children = (parent: Element, name: string): Element[] =>
  Array.from(parent.childNodes).filter(
    (node): node is Element =>
      node.nodeType === 1 && (node as Element).namespaceURI === atom && (node as Element).localName === name,
  );

function only(parent: Element, name: string): Element {
  const found = children(parent, name);
  assert.equal(found.length, 1, `exactly one atom:${name}`);
  return found[0]!;
}

const textOf = (parent: Element, name: string) => only(parent, name).textContent ?? '';

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Checks what RFC 4287 requires of a feed and of each entry; returns the entries. */
function assertAtom(feed: Element): Element[] {
  assert.equal(feed.namespaceURI, atom);
  assert.equal(feed.localName, 'feed');
  assert.match(
    textOf(feed, 'id'),
    /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  assert.ok(textOf(feed, 'title').length > 0);
  assert.match(textOf(feed, 'updated'), rfc3339);
  const rels = children(feed, 'link').map((link) => link.getAttribute('rel'));
  assert.ok(rels.includes('self') && rels.includes('alternate'));
  const entries = children(feed, 'entry');
  for (const entry of entries) {
    assert.match(textOf(entry, 'id'), /^urn:uuid:/);
    assert.ok(textOf(entry, 'title').length > 0);
    assert.ok(textOf(only(entry, 'author'), 'name').length > 0);
    assert.match(textOf(entry, 'updated'), rfc3339);
    assert.match(textOf(entry, 'published'), rfc3339);
    assert.equal(only(entry, 'content').getAttribute('type'), 'text');
    assert.equal(
      children(entry, 'link').filter((link) => link.getAttribute('rel') === 'alternate').length,
      1,
    );
  }
  return entries;
}

async function readFeed(app: TestApp, thread?: string) {
  const answer = await app.request(
    thread === undefined ? '/api/v1/feed.atom' : `/api/v1/feed.atom?thread=${encodeURIComponent(thread)}`,
  );
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  return { answer, feed: parseXml(answer.text) };
}

describe('Atom feeds', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      const app = (options = {}) => database().app({ siteUrl, publicUrl, ...options });

      it("a thread's feed: valid Atom, its published comments newest first, linked to each on the page", async () => {
        const feedApp = app();
        const thread = `/posts/${uniqueThread()}`;
        const first = await postComment(feedApp, {
          thread,
          name: 'Ada',
          url: 'https://ada.example/',
          email: 'ada@example.com',
        });
        feedApp.clock.advance(60_000);
        const second = await postComment(feedApp, { thread, name: 'Grace', text: 'Second!' });
        const { answer, feed } = await readFeed(feedApp, thread);
        const entries = assertAtom(feed);
        assert.deepEqual(
          entries.map((entry) => textOf(entry, 'content')),
          [second.comment.text, first.comment.text],
        );
        const self = children(feed, 'link').find((link) => link.getAttribute('rel') === 'self');
        assert.equal(
          self?.getAttribute('href'),
          `${publicUrl}api/v1/feed.atom?thread=${encodeURIComponent(thread)}`,
        );
        const alternate = children(feed, 'link').find((link) => link.getAttribute('rel') === 'alternate');
        assert.equal(alternate?.getAttribute('href'), `${siteUrl}${thread}`);
        const [newest, oldest] = entries as [Element, Element];
        assert.equal(textOf(only(oldest, 'author'), 'name'), 'Ada');
        assert.equal(textOf(only(oldest, 'author'), 'uri'), 'https://ada.example/');
        assert.equal(children(only(newest, 'author'), 'uri').length, 0);
        assert.equal(
          children(oldest, 'link')[0]?.getAttribute('href'),
          `${siteUrl}${thread}#comment-${first.comment.id}`,
        );
        assert.equal(textOf(oldest, 'published'), first.comment.createdAt);
        assert.equal(textOf(feed, 'updated'), second.comment.createdAt);
        assert.doesNotMatch(answer.text, /ada@example\.com/);
        // Ids are stable: the same comment has the same entry id in the next answer.
        const again = assertAtom((await readFeed(feedApp, thread)).feed);
        assert.equal(textOf(again[1]!, 'id'), textOf(oldest, 'id'));
      });

      it('leaves out held and spam comments', async () => {
        const held = app({ moderation: 'all' });
        const thread = uniqueThread();
        await postComment(held, { thread, text: 'held' });
        await postComment(held, { thread, text: 'bot', honeypot: 'x' } as never);
        const entries = assertAtom((await readFeed(held, thread)).feed);
        assert.equal(entries.length, 0);
        assert.equal(textOf((await readFeed(held, thread)).feed, 'updated'), '1970-01-01T00:00:00.000Z');
        const site = (await readFeed(held)).answer.text;
        assert.doesNotMatch(site, /<content type="text">(held|bot)<\/content>/);
      });

      it("the site's feed: the newest 50 comments of every thread", async () => {
        const siteApp = app();
        siteApp.clock.advance(24 * 3_600_000);
        const threads = [uniqueThread(), uniqueThread()];
        const posted: string[] = [];
        for (let index = 0; index < 52; index += 1) {
          siteApp.clock.advance(1_000);
          posted.push(
            (await postComment(siteApp, { thread: threads[index % 2]!, text: `site ${index}` })).comment.text,
          );
        }
        const entries = assertAtom((await readFeed(siteApp)).feed);
        assert.equal(entries.length, 50);
        assert.deepEqual(
          entries.map((entry) => textOf(entry, 'content')),
          posted.slice(-50).reverse(),
        );
        assert.match(textOf(entries[0]!, 'title'), new RegExp(threads[1]!));
      });

      it('keeps hostile text escaped, and the document well-formed', async () => {
        const hostileApp = app();
        // Newer than every comment of the tests before, so that it leads the site's feed.
        hostileApp.clock.advance(48 * 3_600_000);
        const thread = `/x/<script>]]>&amp;${uniqueThread()}`;
        const text =
          'a <script>alert(1)</script> ]]> & &amp; "quoted" \'single\'\ttab\nline \uFFFE\uFFFF end';
        const name = '<b>Mallory</b> ]]> &lt;';
        await postComment(hostileApp, { thread, text, name, url: 'https://mallory.example/?a=1&b=<2>' });
        for (const feedThread of [thread, undefined]) {
          const { answer, feed } = await readFeed(hostileApp, feedThread);
          assert.doesNotMatch(answer.text, /<script>|<b>/);
          const [entry] = assertAtom(feed);
          assert.ok(entry);
          assert.equal(textOf(entry, 'content'), text.replace(/[\uFFFE\uFFFF]/g, '\uFFFD'));
          assert.equal(textOf(only(entry, 'author'), 'name'), name);
        }
      });

      it('is cached like the other public answers: ETag, 304, no-cache, CORS', async () => {
        const cachedApp = app({ origins: [allowedOrigin] });
        const thread = uniqueThread();
        await postComment(cachedApp, { thread });
        const path = `/api/v1/feed.atom?thread=${encodeURIComponent(thread)}`;
        const first = await cachedApp.request(path, { headers: { origin: allowedOrigin } });
        assert.equal(first.headers.get('cache-control'), 'no-cache');
        assert.equal(first.headers.get('access-control-allow-origin'), allowedOrigin);
        const etag = first.headers.get('etag');
        assert.ok(etag);
        const again = await cachedApp.request(path, { headers: { 'if-none-match': etag } });
        assert.equal(again.status, 304);
        // A new comment changes it at once on this instance.
        await postComment(cachedApp, { thread });
        const changed = await cachedApp.request(path, { headers: { 'if-none-match': etag } });
        assert.equal(changed.status, 200);
        assertAtom(parseXml(changed.text));
      });

      it('refuses a bad thread with 400', async () => {
        const answer = await app().request(`/api/v1/feed.atom?thread=${'x'.repeat(501)}`);
        assert.equal(answer.status, 400);
      });
    });
  }
});
