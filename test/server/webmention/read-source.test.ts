import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cleanText, cleanUrl } from '../../../src/server/webmention/clean-values.js';
import { publishedAt } from '../../../src/server/webmention/read-entry.js';
import { readSource } from '../../../src/server/webmention/read-source.js';
import type { SourcePage } from '../../../src/server/webmention/source-document.js';
import type { SourceEntry } from '../../../src/server/webmention/source-page.js';

/** The page every source below answers or mentions. */
const target = 'https://blog.example/posts/hello-world';

/** A source page of test/fixtures/webmention/, as fetched from `url`. */
function fixture(file: string, url: string, contentType = 'text/html'): SourcePage {
  const body = readFileSync(new URL(`../../fixtures/webmention/${file}`, import.meta.url), 'utf8');
  return { url, contentType, body };
}

/** An HTML page of `body`, with `head`, as fetched from `url`. */
function htmlPage(
  body: string,
  { head = '<title>A page</title>', url = 'https://someone.example/post' } = {},
) {
  return {
    url,
    contentType: 'text/html',
    body: `<!doctype html><html><head>${head}</head><body>${body}</body></html>`,
  };
}

/** Whether `page` links to `wanted`. */
const linksTo = (page: SourcePage, wanted = target) => readSource(page, wanted).linksToTarget;

/** What `page`, which must link to `wanted`, says about itself. */
function entryOf(page: SourcePage, wanted = target): SourceEntry {
  const reading = readSource(page, wanted);
  assert.ok(reading.linksToTarget, `${page.url} links to ${wanted}`);
  return reading.entry;
}

/** An entry with nothing but `fields`. */
const entry = (fields: Partial<SourceEntry>): SourceEntry => ({
  kind: 'mention',
  url: null,
  title: null,
  authorName: null,
  authorUrl: null,
  authorPhoto: null,
  excerpt: null,
  publishedAt: null,
  ...fields,
});

describe('whether a source links to the target', () => {
  it('finds a link whose fragment differs (a reply to #comments)', () => {
    assert.equal(linksTo(fixture('reply.html', 'https://alice.example/2026/05/re-hello-world')), true);
  });

  it('compares URLs, not strings: case of scheme and host, a default port', () => {
    const page = htmlPage('<a href="HTTPS://BLOG.EXAMPLE:443/posts/hello-world">Hello</a>');
    assert.equal(linksTo(page), true);
  });

  it('finds links in <img src>, <video src> and an <audio>’s <source src>', () => {
    const page = fixture('media-links.html', 'https://heidi.example/');
    assert.equal(linksTo(page, 'https://blog.example/media/sunset.jpg'), true);
    assert.equal(linksTo(page, 'https://blog.example/media/talk.mp4'), true);
    assert.equal(linksTo(page, 'https://blog.example/media/episode-12.mp3'), true);
  });

  it('takes no <picture> <source>, <iframe> or <script> for a link', () => {
    const page = fixture('media-links.html', 'https://heidi.example/');
    assert.equal(linksTo(page, 'https://blog.example/media/not-a-link.webp'), false);
    assert.equal(linksTo(page, 'https://blog.example/media/embed'), false);
    assert.equal(linksTo(page, 'https://blog.example/media/player.js'), false);
  });

  it('resolves a relative link through <base href>', () => {
    assert.equal(linksTo(fixture('base-href.html', 'https://ivan.example/reading')), true);
  });

  it('resolves a relative link against the page’s URL, after redirects', () => {
    const page = htmlPage('<a href="/posts/hello-world">Hello</a>', {
      url: 'https://blog.example/elsewhere/',
    });
    assert.equal(linksTo(page), true);
  });

  it('refuses a page that names the target only in text, comments, templates or near misses', () => {
    assert.equal(linksTo(fixture('no-longer-links.html', 'https://karl.example/post')), false);
  });

  it('finds the target as a string anywhere in JSON, of any +json type', () => {
    const page = fixture('source.json', 'https://lena.example/reply.json', 'application/json');
    assert.equal(linksTo(page), true);
    assert.equal(linksTo({ ...page, contentType: 'application/activity+json' }), true);
  });

  it('refuses JSON that names the target only inside a longer string, too deep, or does not parse', () => {
    const json = (value: unknown) => ({
      url: 'https://lena.example/',
      contentType: 'application/json',
      body: JSON.stringify(value),
    });
    assert.equal(linksTo(json({ text: `see ${target}` })), false);
    let deep: unknown = target;
    for (let level = 0; level < 40; level += 1) deep = [deep];
    assert.equal(linksTo(json(deep)), false);
    let shallow: unknown = target;
    for (let level = 0; level < 5; level += 1) shallow = { inside: shallow };
    assert.equal(linksTo(json(shallow)), true);
    assert.equal(linksTo({ ...json({}), body: `{"url": "${target}"` }), false);
  });

  it('finds the target as written in plain text', () => {
    const page = fixture('source.txt', 'https://mike.example/notes.txt', 'text/plain');
    assert.equal(linksTo(page), true);
    assert.equal(linksTo({ ...page, body: 'Read https://blog.example/posts/ today.' }), false);
  });

  it('finds no link in media types Webmention gives no rule for', () => {
    const body = `<svg xmlns="http://www.w3.org/2000/svg"><a href="${target}"><text>Hello</text></a></svg>`;
    assert.equal(
      linksTo({ url: 'https://someone.example/a.svg', contentType: 'image/svg+xml', body }),
      false,
    );
    assert.equal(
      linksTo({ url: 'https://someone.example/a.csv', contentType: 'text/csv', body: target }),
      false,
    );
  });

  it('reads a page nested 100,000 deep quickly, up to where it gets too deep', { timeout: 10_000 }, () => {
    const depth = 100_000;
    const answer = `<div class="h-entry"><a class="u-in-reply-to" href="${target}">Hello</a></div>`;
    const deep = `${'<div>'.repeat(depth)}<a href="https://blog.example/deep">deep</a>${'</div>'.repeat(depth)}`;
    const page = htmlPage(answer + deep);
    assert.equal(entryOf(page).kind, 'reply');
    assert.equal(linksTo(page, 'https://blog.example/deep'), false);
  });
});

describe('what a source says about itself', () => {
  it('reads a reply: its URL, author h-card, text and date', () => {
    const page = fixture('reply.html', 'https://alice.example/2026/05/re-hello-world');
    assert.deepEqual(
      entryOf(page),
      entry({
        kind: 'reply',
        url: 'https://alice.example/2026/05/re-hello-world',
        title: 'Re: Hello world – Alice Example',
        authorName: 'Alice Example',
        authorUrl: 'https://alice.example/',
        authorPhoto: 'https://alice.example/images/alice.jpg',
        excerpt:
          'Congratulations on the new blog! I especially liked the part about comments you host yourself.',
        publishedAt: '2026-05-10T07:30:00.000Z',
      }),
    );
  });

  it('reads a like without excerpt or implied title, its author the page’s representative h-card', () => {
    const page = fixture('like.html', 'https://bob.example/likes/42');
    assert.deepEqual(
      entryOf(page),
      entry({
        kind: 'like',
        url: 'https://bob.example/likes/42',
        title: 'Bob liked a post',
        authorName: 'Bob Example',
        authorUrl: 'https://bob.example/',
        authorPhoto: 'https://bob.example/bob.png',
        publishedAt: '2026-05-11T18:05:00.000Z',
      }),
    );
  });

  it('reads a repost without its quote, its author named in plain text', () => {
    const page = fixture('repost.html', 'https://carol.example/reposts/9');
    assert.deepEqual(
      entryOf(page),
      entry({
        kind: 'repost',
        url: 'https://carol.example/reposts/9',
        title: 'Carol reposted Hello world',
        authorName: 'Carol Example',
      }),
    );
  });

  it('reads a bookmark: its own name as title, its summary, an author given as a URL', () => {
    const page = fixture('bookmark.html', 'https://dave.example/bookmarks/2026-05-12');
    assert.deepEqual(
      entryOf(page),
      entry({
        kind: 'bookmark',
        url: 'https://dave.example/bookmarks/2026-05-12',
        title: 'Worth reading: self-hosted comments',
        authorUrl: 'https://dave.example/',
        excerpt: 'A clear case for owning your comments, with a working setup.',
      }),
    );
  });

  it('reads an article that links to the target in its text as a mention', () => {
    const page = fixture('mention.html', 'https://erin.example/notes-on-comments');
    assert.deepEqual(
      entryOf(page),
      entry({
        kind: 'mention',
        title: 'Notes on comment systems',
        authorName: 'Erin Example',
        authorUrl: 'https://erin.example/',
        excerpt: 'Three blogs moved their comments home this month; the clearest write-up is Hello world.',
        publishedAt: '2026-05-12T00:00:00.000Z',
      }),
    );
  });

  it('reads, of an h-feed, the entry that answers the target, with the feed’s author', () => {
    const page = fixture('feed.html', 'https://frank.example/');
    assert.deepEqual(
      entryOf(page),
      entry({
        kind: 'reply',
        url: 'https://frank.example/notes/2',
        title: "Frank's stream",
        authorName: 'Frank Example',
        authorUrl: 'https://frank.example/',
        excerpt: 'Welcome to the IndieWeb!',
        publishedAt: '2026-05-13T08:00:00.000Z',
      }),
    );
  });

  it('reads a page without microformats by its <title>, meta description and meta author', () => {
    const page = fixture('plain-page.html', 'https://grace.example/weekly/19');
    assert.deepEqual(
      entryOf(page),
      entry({
        title: "Grace's weekly links",
        authorName: 'Grace Example',
        excerpt: 'Seven links worth your time, including one about comments.',
      }),
    );
  });

  it('takes no SVG <title> for the page’s', () => {
    const page = htmlPage(`<svg><title>Menu</title></svg><a href="${target}">Hello</a>`, { head: '' });
    assert.equal(entryOf(page).title, null);
  });

  it('takes og:description when a page has no meta description', () => {
    const head = '<title>T</title><meta property="og:description" content="From Open Graph.">';
    assert.equal(entryOf(htmlPage(`<a href="${target}">Hello</a>`, { head })).excerpt, 'From Open Graph.');
  });

  it('resolves the entry’s URLs through a relative <base href>', () => {
    const page = fixture('relative-base.html', 'https://judy.example/journal/index.html');
    assert.deepEqual(
      entryOf(page),
      entry({
        kind: 'reply',
        url: 'https://judy.example/journal/2026/05/reply',
        title: "Judy's journal",
        authorName: 'Judy Example',
        authorUrl: 'https://judy.example/',
        authorPhoto: 'https://judy.example/journal/judy.png',
        excerpt: 'A relative base is no reason to lose the reply.',
      }),
    );
  });

  it('keeps hostile text as plain text, without control or bidi characters, and drops unsafe URLs', () => {
    const read = entryOf(fixture('hostile.html', 'https://mallory.example/2026/reply'));
    assert.deepEqual(
      read,
      entry({
        kind: 'reply',
        title: 'Hello <script>alert(1)</script> [31m red',
        authorName: 'Mallory <img src=x onerror=alert(1)>',
        excerpt: 'Nice post https://mallory.example/2026/x gnp.exe bold\ufffd end',
      }),
    );
    for (const text of [read.title, read.authorName, read.excerpt]) {
      assert.doesNotMatch(text ?? '', /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
    }
  });

  it('cuts a 10,000-character text to 300 at a word, and a title to 200', () => {
    const read = entryOf(
      htmlPage(
        `<article class="h-entry"><a class="u-in-reply-to" href="${target}">Hello</a>` +
          `<h1 class="p-name">${'titled '.repeat(1430)}</h1><div class="e-content">${'natter '.repeat(1430)}</div>` +
          '</article>',
      ),
    );
    assert.equal(read.excerpt, `${'natter '.repeat(42).trim()}…`);
    assert.equal(read.title, `${'titled '.repeat(28).trim()}…`);
  });

  it('answers the target by the property that names it: a like of it that replies to another post', () => {
    const page = htmlPage(
      '<div class="h-entry"><a class="u-in-reply-to" href="https://other.example/">Other</a>' +
        `<a class="u-like-of" href="${target}">Hello</a></div>`,
    );
    assert.equal(entryOf(page).kind, 'like');
  });

  it('reads, of entries that answer nothing, the one whose URL is the page’s', () => {
    const page = htmlPage(
      `<div class="h-entry"><p class="e-content">A sidebar note.</p><a class="u-url" href="/notes/1">#</a></div>` +
        `<div class="h-entry"><p class="e-content">The post, <a href="${target}">linking</a>.</p>` +
        '<a class="u-url" href="/post">#</a></div>',
      { url: 'https://someone.example/post' },
    );
    assert.equal(entryOf(page).excerpt, 'The post, linking.');
  });

  it('takes no name for a title that is the content again, or its start cut short', () => {
    const note = htmlPage(
      `<p class="h-entry p-name e-content">Nice! <a class="u-in-reply-to" href="${target}">re</a></p>`,
    );
    assert.equal(entryOf(note).title, 'A page');
    const cut = htmlPage(
      `<div class="h-entry"><span class="p-name">A long first sentence…</span>` +
        `<p class="e-content">A long first sentence, and more, <a href="${target}">re</a>.</p></div>`,
    );
    assert.equal(entryOf(cut).title, 'A page');
  });

  it('finds the representative h-card by uid and url, or as the only one at the page’s URL', () => {
    const url = 'https://ruth.example/';
    const byUid = htmlPage(
      '<div class="h-card"><a class="p-name u-url" href="https://ruth.example/elsewhere">Not Ruth</a></div>' +
        '<div class="h-card"><a class="p-name u-url u-uid" href="/">Ruth</a></div>' +
        '<div class="h-card"><a class="p-name u-url" href="/">Also at the page</a></div>' +
        `<a href="${target}">Hello</a>`,
      { url },
    );
    assert.equal(entryOf(byUid).authorName, 'Ruth');
    const onlyOne = htmlPage(
      `<div class="h-card"><a class="p-name u-url" href="/">Ruth</a></div><a href="${target}">Hello</a>`,
      { url },
    );
    assert.equal(entryOf(onlyOne).authorName, 'Ruth');
  });

  it('says nothing of a JSON source but that it mentions the target', () => {
    const page = fixture('source.json', 'https://lena.example/reply.json', 'application/json');
    assert.deepEqual(entryOf(page), entry({}));
  });

  it('takes the start of a plain-text source as its excerpt', () => {
    const page = fixture('source.txt', 'https://mike.example/notes.txt', 'text/plain');
    assert.deepEqual(
      entryOf(page),
      entry({
        excerpt:
          "Mike's plain-text notes, 15 May 2026 Read https://blog.example/posts/hello-world today: a good case for " +
          'hosting your own comments.',
      }),
    );
  });
});

describe('the values natter keeps of a source', () => {
  it('reads microformats2 dates as UTC, whatever the server’s time zone', () => {
    assert.equal(publishedAt('2026-05-10T09:30:00+02:00'), '2026-05-10T07:30:00.000Z');
    assert.equal(publishedAt('2026-05-10 09:30:00-0130'), '2026-05-10T11:00:00.000Z');
    assert.equal(publishedAt('2026-05-10 09:30'), '2026-05-10T09:30:00.000Z');
    assert.equal(publishedAt('2026-05-10'), '2026-05-10T00:00:00.000Z');
    assert.equal(publishedAt('2026-02-30'), null);
    assert.equal(publishedAt('2026-05-10T25:00Z'), null);
    assert.equal(publishedAt('10 May 2026'), null);
    assert.equal(publishedAt(undefined), null);
  });

  it('takes C1 controls, lone surrogates and every bidi formatting character out of text', () => {
    const hostile = 'a\u0085b\u009b31mc\ud800d\u061ce\u200ef\u200fg\u202ah\u202di\u2066j\u2069k';
    assert.equal(cleanText(hostile, 100), 'a b 31mc d e f g h i j k');
  });

  it('cuts one long word where it must, never inside a surrogate pair', () => {
    assert.equal(cleanText('x'.repeat(10_000), 10), `${'x'.repeat(9)}…`);
    assert.equal(cleanText(`${'x'.repeat(8)}😀😀`, 10), `${'x'.repeat(8)}…`);
    assert.equal(cleanText(' \u200e\t ', 10), null);
  });

  it('keeps only http and https URLs without credentials, of at most 2,000 characters', () => {
    const base = 'https://someone.example/a/';
    assert.equal(cleanUrl('b', base), 'https://someone.example/a/b');
    assert.equal(cleanUrl(`/${'x'.repeat(1990)}`, base), null);
    assert.equal(cleanUrl('https://user:secret@someone.example/', base), null);
    assert.equal(cleanUrl('ftp://someone.example/', base), null);
    assert.equal(cleanUrl('JavaScript:alert(1)', base), null);
  });
});
