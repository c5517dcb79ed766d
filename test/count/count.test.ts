import { expect, waitUntil } from '@open-wc/testing';
import '../../src/count.js';
import { threadKeyOf } from '../../src/protocol/thread-key.js';
import { countEn } from '../../src/i18n/count-messages.js';
import { countWords } from '../../src/i18n/count-words.js';
import { supportedLocales } from '../../src/i18n/localizer.js';
import { limits } from '../../src/protocol/limits.js';
import { errorResponse, fakeServer, json, type SeenRequest } from '../client/fakes.js';

// natter/count against a fake natter server: what it asks (how many requests, for which threads, where) and what
// the page then shows.

const realFetch = window.fetch.bind(window);
const realWarn = console.warn;

/** The count a fake server gives a thread: the length of its key, so every thread has its own. */
const countOf = (thread: string) => thread.length;

/** What a natter server answers to `GET /api/v1/counts`: a count per requested thread. */
function countsAnswer(request: SeenRequest): Response {
  const threads = request.url.searchParams.getAll('thread');
  return json(200, { counts: Object.fromEntries(threads.map((thread) => [thread, countOf(thread)])) });
}

let server: ReturnType<typeof fakeServer>;
let warnings: unknown[][];
let container: HTMLElement;

/** Answers counts requests with `answer` (by default, a count per thread) and records them. */
function serve(answer: (request: SeenRequest) => Response | Promise<Response> = countsAnswer) {
  server = fakeServer(answer);
  window.fetch = server.fetch;
}

/** Puts `markup` (the test's own constants only) on the page, in a container removed after the test. */
function place(...elements: Element[]): void {
  container.append(...elements);
}

function countElement(thread: string | null, attributes: Record<string, string> = {}): HTMLElement {
  const element = document.createElement('natter-count');
  if (thread !== null) element.setAttribute('thread', thread);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.textContent = 'Comments';
  return element;
}

function link(href: string, attributes: Record<string, string> = {}): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = href;
  for (const [name, value] of Object.entries(attributes)) anchor.setAttribute(name, value);
  anchor.textContent = 'Comments';
  return anchor;
}

/** Waits until every request sent so far has been answered and its answer shown (or given up). */
async function settle(): Promise<void> {
  // The batch goes out in the next task; fetch answers and their handling take a few more.
  for (let index = 0; index < 5; index += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

const threadsOf = (request: SeenRequest) => request.url.searchParams.getAll('thread');

beforeEach(() => {
  warnings = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  container = document.createElement('div');
  document.body.append(container);
  serve();
});

afterEach(() => {
  container.remove();
  window.fetch = realFetch;
  console.warn = realWarn;
});

describe('natter-count: batching', () => {
  it('asks for 120 counts in 3 requests of at most 50 threads, and shows each', async () => {
    const threads = Array.from({ length: 120 }, (_, index) => `/posts/${index}`);
    place(...threads.map((thread) => countElement(thread)));
    await waitUntil(() => container.textContent?.includes('/') === false && server.requests.length === 3);
    await settle();
    expect(server.requests).to.have.length(3);
    for (const request of server.requests) {
      expect(request.method).to.equal('GET');
      expect(request.url.pathname).to.equal('/api/v1/counts');
      expect(threadsOf(request).length).to.be.at.most(limits.maxCountThreads);
    }
    expect(server.requests.flatMap(threadsOf).sort()).to.deep.equal([...threads].sort());
    const shown = [...container.querySelectorAll('natter-count')].map((element) => element.textContent);
    expect(shown).to.deep.equal(threads.map((thread) => `${countOf(thread)} comments`));
  });

  it('joins elements added later in the same task, and in its microtasks, to one request', async () => {
    place(countElement('/a'));
    place(link('/b/', { 'data-natter-count': '' }));
    await Promise.resolve();
    place(countElement('/c'));
    queueMicrotask(() => place(countElement('/d')));
    await settle();
    expect(server.requests).to.have.length(1);
    expect(threadsOf(server.requests[0]!)).to.deep.equal(['/a', '/b', '/c', '/d']);
  });

  it('asks again for elements added after the batch went out', async () => {
    place(countElement('/a'));
    await settle();
    place(countElement('/b'));
    await settle();
    expect(server.requests.map(threadsOf)).to.deep.equal([['/a'], ['/b']]);
    expect(container.textContent).to.equal('2 comments2 comments');
  });

  it('asks once for a thread counted twice on the page', async () => {
    place(countElement('/same'), link('/same#comments', { 'data-natter-count': '' }));
    await settle();
    expect(server.requests.map(threadsOf)).to.deep.equal([['/same']]);
    expect(container.textContent).to.equal('5 comments5 comments');
  });

  it('splits threads whose keys would make the URL too long', async () => {
    const longKey = (index: number) =>
      `/${String(index).padStart(3, '0')}/${'x'.repeat(limits.threadLength - 5)}`;
    place(...Array.from({ length: 20 }, (_, index) => countElement(longKey(index))));
    await settle();
    expect(server.requests.length).to.be.greaterThan(1);
    for (const request of server.requests) {
      expect(request.url.href.length).to.be.at.most(limits.requestUrlLength);
    }
    expect(server.requests.flatMap(threadsOf)).to.have.length(20);
  });

  it('asks each server for its own threads', async () => {
    place(
      countElement('/a'),
      countElement('/b', { endpoint: 'https://comments.example.com/natter' }),
      countElement('/c', { endpoint: 'https://comments.example.com/natter/' }),
    );
    await settle();
    const asked = server.requests.map((request) => `${request.url.origin}${request.url.pathname}`);
    expect(asked).to.deep.equal([
      `${location.origin}/api/v1/counts`,
      'https://comments.example.com/natter/api/v1/counts',
    ]);
    expect(server.requests.map(threadsOf)).to.deep.equal([['/a'], ['/b', '/c']]);
  });

  it('shows the answer for the thread asked last when the thread changes while a request is out', async () => {
    let answerFirst: () => void = () => {};
    serve((request) =>
      threadsOf(request)[0] === '/old'
        ? new Promise((resolve) => (answerFirst = () => resolve(countsAnswer(request))))
        : countsAnswer(request),
    );
    const element = countElement('/old');
    place(element);
    await settle();
    element.setAttribute('thread', '/newer');
    await settle();
    expect(element.textContent).to.equal('6 comments');
    answerFirst();
    await settle();
    expect(element.textContent).to.equal('6 comments');
  });
});

describe('natter-count: which thread, which server', () => {
  it('counts the page it is on when it names no thread', async () => {
    place(countElement(null));
    await settle();
    expect(server.requests.map(threadsOf)).to.deep.equal([[threadKeyOf(location.href)]]);
  });

  it('takes the endpoint from the nearest data-natter-endpoint, else the script origin', async () => {
    const section = document.createElement('section');
    section.dataset.natterEndpoint = 'https://comments.example.com/';
    section.append(countElement('/a'), link('/b', { 'data-natter-count': '' }));
    place(section);
    await settle();
    expect(server.requests.map((request) => request.url.origin)).to.deep.equal([
      'https://comments.example.com',
    ]);
    expect(threadsOf(server.requests[0]!)).to.deep.equal(['/a', '/b']);
  });
});

describe('data-natter-count links', () => {
  it("counts the link's own page, normalised as the widget's thread keys are", async () => {
    const links = [
      link('/2026/post/#comments', { 'data-natter-count': '' }),
      link('/2026/other/index.html?utm_source=feed', { 'data-natter-count': '' }),
      link('https://blog.example.com/%7euser/post', { 'data-natter-count': '' }),
    ];
    place(...links);
    await settle();
    expect(threadsOf(server.requests[0]!)).to.deep.equal(['/2026/post', '/2026/other', '/~user/post']);
    expect(links.map((anchor) => anchor.textContent)).to.deep.equal([
      '10 comments',
      '11 comments',
      '11 comments',
    ]);
  });

  it('counts the thread the attribute names, exactly as written', async () => {
    const anchor = link('/post#comments', { 'data-natter-count': '/Posts/Hello/' });
    place(anchor);
    await settle();
    expect(threadsOf(server.requests[0]!)).to.deep.equal(['/Posts/Hello/']);
    expect(anchor.textContent).to.equal('13 comments');
    expect(anchor.getAttribute('href')).to.equal('/post#comments');
  });

  it('counts links added inside other elements later', async () => {
    const list = document.createElement('ul');
    const item = document.createElement('li');
    item.append(link('/late', { 'data-natter-count': '' }));
    list.append(item);
    place(list);
    await settle();
    expect(server.requests.map(threadsOf)).to.deep.equal([['/late']]);
    expect(list.textContent).to.equal('5 comments');
  });
});

describe('natter-count: words and numbers', () => {
  /** The text shown for `count` comments on an element under `lang`. */
  async function shown(lang: string | null, count: number): Promise<string | null> {
    serve((request) => json(200, { counts: { [threadsOf(request)[0]!]: count } }));
    const wrapper = document.createElement('div');
    if (lang !== null) wrapper.lang = lang;
    const element = countElement(`/count-${count}`);
    wrapper.append(element);
    place(wrapper);
    // Words other than English come in a chunk of their own, the first time a page asks for them.
    await waitUntil(() => element.textContent !== 'Comments', `nothing shown for ${count} in ${lang}`);
    return element.textContent;
  }

  it('speaks English, with plurals', async () => {
    expect(await shown('en', 0)).to.equal('0 comments');
    expect(await shown('en', 1)).to.equal('1 comment');
    expect(await shown('en-GB', 2)).to.equal('2 comments');
    expect(await shown('en', 1234)).to.equal('1,234 comments');
  });

  it('speaks German and Swedish, with their plurals and numbers', async () => {
    expect(await shown('de', 1)).to.equal('1 Kommentar');
    expect(await shown('de-AT', 3)).to.equal('3 Kommentare');
    expect(await shown('de', 1234)).to.equal('1.234 Kommentare');
    expect(await shown('sv', 1)).to.equal('1 kommentar');
    expect(await shown('sv-SE', 0)).to.equal('0 kommentarer');
    expect(await shown('sv', 12345)).to.equal('12\u00a0345 kommentarer');
  });

  it('takes the nearest lang, and falls back to English for languages without a catalog or a broken tag', async () => {
    const outer = document.createElement('div');
    outer.lang = 'sv';
    const inner = document.createElement('p');
    inner.lang = 'de';
    const german = countElement('/a');
    inner.append(german);
    const swedish = countElement('/b');
    outer.append(inner, swedish);
    place(outer);
    await waitUntil(() => german.textContent !== 'Comments' && swedish.textContent !== 'Comments');
    expect(german.textContent).to.equal('2 Kommentare');
    expect(swedish.textContent).to.equal('2 kommentarer');
    expect(await shown('fi', 2)).to.equal('2 comments');
    expect(await shown('zh-TW', 2)).to.equal('2 comments');
    expect(await shown('not a tag!', 1)).to.equal('1 comment');
  });

  it('speaks every language the widget speaks, with its plural forms', async () => {
    expect(await shown('fr', 0)).to.equal('0 commentaire');
    expect(await shown('fr-CA', 2)).to.equal('2 commentaires');
    expect(await shown('pl', 2)).to.equal('2 komentarze');
    expect(await shown('pl', 5)).to.equal('5 komentarzy');
    expect(await shown('ru', 21)).to.equal('21 комментарий');
    expect(await shown('ja', 3)).to.equal('3件のコメント');
    expect(await shown('zh-CN', 3)).to.equal('3 条评论');
    expect(await shown('ko', 3)).to.equal('댓글 3개');
    expect(await shown('ar', 2)).to.equal('تعليقان');
    expect(await shown('ar', 11)).to.equal(`${new Intl.NumberFormat('ar').format(11)} تعليقًا`);
    expect(await shown('he', 1)).to.equal('תגובה אחת');
  });

  it('has words for each language the widget speaks, saying the number in every form that holds several', () => {
    const words: Record<string, Record<string, string | undefined>> = { en: countEn, ...countWords };
    expect(Object.keys(words).sort()).to.deep.equal([...supportedLocales].sort());
    for (const [language, message] of Object.entries(words)) {
      const rules = new Intl.PluralRules(language);
      const counts = Array.from({ length: 1001 }, (_, count) => count);
      for (const [category, form] of Object.entries(message)) {
        // A form for one number alone may say it in words (Arabic's "تعليقان", two comments); French `one` is 0 and 1.
        const holds = counts.filter((count) => rules.select(count) === category);
        if (holds.length !== 1) expect(form, `${language} ${category}`).to.include('{count}');
      }
    }
  });
});

describe('natter-count: failures and hostile answers', () => {
  it('keeps the text and warns once when the server fails every batch', async () => {
    serve(() => errorResponse(500, 'internal'));
    place(...Array.from({ length: 60 }, (_, index) => countElement(`/p/${index}`)));
    place(link('/post', { 'data-natter-count': '' }));
    await settle();
    expect(server.requests).to.have.length(2);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.match(/^natter: comment counts .* could not be loaded/);
    for (const element of container.querySelectorAll('natter-count, a')) {
      expect(element.textContent).to.equal('Comments');
    }
  });

  it('keeps the text when the server cannot be reached', async () => {
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const anchor = link('/post', { 'data-natter-count': '' });
    place(anchor);
    await settle();
    expect(anchor.textContent).to.equal('Comments');
    expect(warnings).to.have.length(1);
  });

  it('keeps the text when the answer is malformed or leaves a thread out', async () => {
    for (const body of [{ counts: { '/a': -1 } }, { counts: {} }, { counts: { '/a': '3' } }, []]) {
      serve(() => json(200, body));
      const element = countElement('/a');
      place(element);
      await settle();
      expect(element.textContent, JSON.stringify(body)).to.equal('Comments');
    }
    serve(() => new Response('<html>not json</html>', { status: 200 }));
    const element = countElement('/a');
    place(element);
    await settle();
    expect(element.textContent).to.equal('Comments');
  });

  it('never turns what the server sends into markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned = true">';
    serve(() => json(200, { counts: { [hostile]: `<b>${hostile}</b>` } }));
    const element = countElement(hostile);
    place(element);
    await settle();
    expect(element.textContent).to.equal('Comments');
    expect(element.children).to.have.length(0);

    // A count is only ever a number, and a hostile key is sent as data, never shown.
    serve(countsAnswer);
    const anchor = link('/post', { 'data-natter-count': hostile });
    place(anchor);
    await settle();
    expect(anchor.textContent).to.equal(`${hostile.length} comments`);
    expect(anchor.children).to.have.length(0);
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });

  it('keeps the text and warns once for an endpoint that is no http URL', async () => {
    const element = countElement('/a', { endpoint: 'javascript:alert(1)' });
    place(element);
    await settle();
    expect(server.requests).to.have.length(0);
    expect(element.textContent).to.equal('Comments');
    expect(warnings).to.have.length(1);
  });
});
