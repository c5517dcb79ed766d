import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { MentionStatusResponse, Reference, ThreadInfo } from '../../src/protocol/types.js';
import { errorResponse, json } from '../client/fakes.js';
import { useFakeClock } from './fake-clock.js';
import {
  $,
  $$,
  aPage,
  aReference,
  has,
  lateAnswersArrived,
  mount,
  resetPage,
  serve,
  textOf,
  waitFor,
} from './helpers.js';
import { collectErrors, endpoint } from './own-helpers.js';

// References (responses from other websites, received as Webmentions or Pingbacks) under the comments, and "My
// response is on my own website", which sends the reader's own as a Webmention and follows its status.

const webmention = 'https://comments.example/webmention';
const statusUrl = 'https://comments.example/webmention/status/m1';
/** The page's canonical address, whose thread is the one every test shows. */
const pageAddress = 'https://blog.example/blog/hello';
const responseKey = `natter:response:${endpoint}|/blog/hello`;

let canonical: HTMLLinkElement | undefined;

function useCanonical(href = pageAddress): void {
  canonical = Object.assign(document.createElement('link'), { rel: 'canonical', href });
  document.head.append(canonical);
}

afterEach(() => {
  canonical?.remove();
  canonical = undefined;
  resetPage();
});

/** A like (or repost) by `name`, from their site. */
const aReaction = (id: string, name: string | null, kind: 'like' | 'repost' = 'like'): Reference =>
  aReference({
    id,
    kind,
    title: null,
    excerpt: null,
    url: `https://social.example/${id}`,
    author: { name, url: `https://social.example/@${id}`, photo: null },
  });

type Answer = Response | Promise<Response>;

/**
 * A natter server whose thread says `thread` (its `references` count, `webmention`, `locked`) and lists
 * `references`; `send` answers Webmentions, `status` reads of their status. Records what reached it.
 */
function serveReferences({
  thread = {},
  references = [],
  send = () => json(201, { state: 'queued', ...mention() }, { Location: statusUrl }),
  status = () => json(200, { state: 'queued', ...mention() }),
}: {
  thread?: Partial<ThreadInfo>;
  references?: Reference[] | (() => Answer);
  send?: (form: URLSearchParams) => Answer;
  status?: () => Answer;
} = {}) {
  serve({ list: aPage({ thread }) });
  const comments = window.fetch;
  const seen = {
    references: [] as URL[],
    sent: [] as { form: URLSearchParams; headers: Headers }[],
    /** When (by the page's clock) the status was read. */
    statusReads: [] as number[],
  };
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    if (url.pathname === '/api/v1/references') {
      seen.references.push(url);
      return typeof references === 'function'
        ? references()
        : json(200, { thread: '/blog/hello', references });
    }
    if (url.href === webmention) {
      const form = new URLSearchParams(String(init.body));
      seen.sent.push({ form, headers: new Headers(init.headers) });
      return send(form);
    }
    if (url.href === statusUrl) {
      seen.statusReads.push(Date.now());
      return status();
    }
    return comments(input, init);
  };
  return seen;
}

/** What the status URL says, besides its state. */
function mention(overrides: Partial<MentionStatusResponse> = {}) {
  return {
    source: 'https://reader.example/my-answer',
    target: pageAddress,
    updatedAt: '2025-06-10T12:00:00.000Z',
    ...overrides,
  };
}

/** Whether this page has downloaded the references chunk (its modules, in the unbundled test build). */
function hasLoadedReferencesChunk(): boolean {
  return performance
    .getEntriesByType('resource')
    .some((entry) => /natter-comments\/(references|reference-list|response-form)\.[jt]s/.test(entry.name));
}

/** Waits until the interactive chunk has come (its tools are shown above the comments). */
async function acting(element: NatterComments): Promise<NatterComments> {
  await waitUntil(() => has(element, '.thread-tools'), 'the interactive chunk never came');
  return element;
}

async function mountReferences(attributes: Record<string, string> = {}, lang = 'en') {
  return acting(await mount({ endpoint, ...attributes }, { lang }));
}

const respondButton = (element: NatterComments) => $<HTMLButtonElement>(element, '.respond-open')!;
const addressInput = (element: NatterComments) => $<HTMLInputElement>(element, '#respond-url')!;
const statusText = (element: NatterComments) => textOf(element, '[part="respond-status"]');

async function openForm(element: NatterComments): Promise<HTMLInputElement> {
  respondButton(element).click();
  await waitUntil(() => element.shadowRoot!.activeElement?.id === 'respond-url', 'the form never took focus');
  return addressInput(element);
}

async function typeAddress(element: NatterComments, url: string): Promise<void> {
  const input = addressInput(element);
  input.value = url;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

function sendResponse(element: NatterComments): void {
  $<HTMLButtonElement>(element, '[part="respond-form"] button[type="submit"]')!.click();
}

const published = (
  reference = aReference({ id: 'mine', author: { name: 'Reader', url: null, photo: null } }),
) => json(200, { state: 'verified', status: 'published', reference, ...mention() });

// This test must stay first: a module, once loaded, stays loaded for the rest of the page's life.
describe('natter-comments references: a thread without any', () => {
  it('asks for none and downloads nothing of them, until the reader opens the response form', async () => {
    useCanonical();
    const seen = serveReferences({ thread: { references: 0, webmention } });
    const element = await mountReferences();
    await lateAnswersArrived(element);
    expect(seen.references).to.have.length(0);
    expect(has(element, '[part="references"]')).to.equal(false);
    expect(hasLoadedReferencesChunk(), 'the references chunk was loaded').to.equal(false);
    // The button is the interactive chunk's; the form it opens comes with the references chunk.
    expect(has(element, '[part~="respond"]')).to.equal(true);
    await openForm(element);
    expect(hasLoadedReferencesChunk()).to.equal(true);
    expect(seen.references).to.have.length(0);
  });

  it('shows no section for a thread whose server says nothing of references', async () => {
    const seen = serveReferences();
    const element = await mountReferences();
    await lateAnswersArrived(element);
    expect(seen.references).to.have.length(0);
    expect(has(element, '[part="references"]')).to.equal(false);
    expect(has(element, '[part~="respond"]')).to.equal(false);
  });
});

describe('natter-comments references: the list', () => {
  async function mountListing(references: Reference[], attributes: Record<string, string> = {}, lang = 'en') {
    const seen = serveReferences({ thread: { references: references.length }, references });
    const element = await mountReferences(attributes, lang);
    await waitUntil(() => has(element, '.reference, .reactions'), 'the references never showed');
    return { element, seen };
  }

  it('shows "References (N)" under the comments and above the form, replies, mentions and bookmarks listed', async () => {
    const { element, seen } = await mountListing([
      aReference(),
      aReference({
        id: 'r2',
        kind: 'mention',
        title: 'Links of the week',
        author: { name: 'Grace', url: null, photo: null },
        excerpt: null,
      }),
      aReference({
        id: 'r3',
        kind: 'bookmark',
        title: null,
        excerpt: null,
        url: 'https://pins.example/b/7',
        author: { name: null, url: null, photo: null },
      }),
    ]);
    expect(seen.references.map((url) => url.href)).to.deep.equal([
      'https://comments.example/api/v1/references?thread=%2Fblog%2Fhello',
    ]);
    const section = $(element, '[part="references"]')!;
    expect(textOf(element, '[part="references-heading"]')).to.equal('References (3)');
    expect(section.getAttribute('aria-labelledby')).to.equal('references-heading');
    const list = $(element, '[part="list"]')!;
    expect(list.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(
      section.compareDocumentPosition($(element, 'form')!) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).to.not.equal(0);

    const items = $$(element, '[part="reference"]');
    expect(items).to.have.length(3);
    const meta = (index: number) => items[index]!.querySelector('[part="reference-meta"]')!.textContent!;
    expect(meta(0)).to.match(/^\s*Ada Lovelace replied/);
    expect(meta(1)).to.match(/^\s*Grace mentioned this/);
    // No author named: the site the bookmark is on.
    expect(meta(2)).to.match(/^\s*pins\.example bookmarked this/);
    const author = items[0]!.querySelector<HTMLAnchorElement>('a[part="author"]')!;
    expect(author.href).to.equal('https://ada.example/');
    expect(author.rel).to.equal('nofollow ugc noopener');
    expect(items[1]!.querySelector('a[part="author"]')).to.equal(null);
    const titles = items.map((item) => item.querySelector<HTMLAnchorElement>('a[part="reference-title"]')!);
    expect(titles.map((title) => title.textContent!.trim())).to.deep.equal([
      'Re: Hello',
      'Links of the week',
      'pins.example',
    ]);
    expect(titles[0]!.href).to.equal('https://ada.example/2025/06/re-hello');
    expect(titles.every((title) => title.rel === 'nofollow ugc noopener')).to.equal(true);
    const time = items[0]!.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal('2025-06-02T10:00:00.000Z');
    expect(time.title).to.include('2025');
    expect(textOf(element, '[part="reference-excerpt"]')).to.equal('I agree with most of this.');
    expect($$(element, '[part="reference-excerpt"]')).to.have.length(1);
    // The source's photo is never loaded.
    expect($$(element, '[part="references"] img')).to.have.length(0);
  });

  it('keeps hostile titles, excerpts and names as text, isolated, and never links to javascript:', async () => {
    const override = '\u202Eevil\u202C';
    const { element } = await mountListing([
      aReference({
        title: '<script>window.referenceScriptRan = true</script>',
        excerpt: '<img src=x onerror="window.referenceHandlerRan = true"> and a\u202Ereversed tail',
        author: {
          name: `${override} <b>bold</b>`,
          url: 'javascript:window.referenceLinkRan = true',
          photo: null,
        },
      }),
      aReference({
        id: 'r2',
        title: 'Trap',
        url: 'javascript:alert(1)',
        author: { name: 'Eve', url: null, photo: null },
      }),
      aReaction('l1', '<img src=x onerror=alert(1)>'),
    ]);
    const section = $(element, '[part="references"]')!;
    expect(section.querySelectorAll('script, img, b, iframe')).to.have.length(0);
    const handlers = [...section.querySelectorAll('*')].flatMap((node) =>
      node.getAttributeNames().filter((name) => name.startsWith('on')),
    );
    expect(handlers).to.deep.equal([]);
    expect(textOf(element, '[part="reference-title"]')).to.equal(
      '<script>window.referenceScriptRan = true</script>',
    );
    expect(textOf(element, '[part="reference-excerpt"]')).to.include('<img src=x onerror=');
    const hrefs = [...section.querySelectorAll('a')].map((link) => link.getAttribute('href')!);
    expect(hrefs.length).to.be.greaterThan(0);
    expect(hrefs.every((href) => href.startsWith('https://'))).to.equal(true);
    expect([...section.querySelectorAll('a')].every((link) => link.rel === 'nofollow ugc noopener')).to.equal(
      true,
    );
    // The name whose link was javascript: is text, in an isolate of its own; so is the title with no web address.
    const name = section.querySelector('[part="reference"] [part="author"]')!;
    expect(name.tagName).to.equal('BDI');
    expect(name.textContent).to.equal(`${override} <b>bold</b>`);
    const trap = $$(element, '[part="reference-title"]')[1]!;
    expect(trap.tagName).to.equal('SPAN');
    expect(trap.getAttribute('dir')).to.equal('auto');
    expect($(element, '[part="reference-excerpt"]')!.getAttribute('dir')).to.equal('auto');
    // The override stays inside its isolate: the words after the name read as they are.
    expect(section.querySelector('[part="reference-meta"]')!.textContent).to.match(/<b>bold<\/b>\s*replied/);
    const global = window as unknown as Record<string, unknown>;
    expect([global.referenceScriptRan, global.referenceHandlerRan, global.referenceLinkRan]).to.deep.equal([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('counts likes and reposts in a row each, their initials linked to the people', async () => {
    const { element } = await mountListing([
      aReaction('l1', 'Ann Lee'),
      aReaction('l2', 'Bob'),
      aReaction('l3', 'Cy'),
      aReaction('l4', 'Di'),
      aReaction('l5', null),
      aReaction('p1', 'Ann Lee', 'repost'),
      aReaction('p2', 'Bob', 'repost'),
      aReaction('p3', 'Cy', 'repost'),
    ]);
    expect(textOf(element, '[part="references-heading"]')).to.equal('References (8)');
    expect($$(element, '[part="reference"]')).to.have.length(0);
    const rows = $$(element, '[part="reactions"]');
    expect(rows).to.have.length(2);
    const [likes, reposts] = rows.map((row) =>
      row.querySelector('p')!.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(likes).to.equal('Liked by Ann Lee, Bob, and 3 others');
    // One more than two named would be no shorter: all three are.
    expect(reposts).to.equal('Reposted by Ann Lee, Bob, and Cy');
    const faces = [...rows[0]!.querySelectorAll<HTMLAnchorElement>('a[part="reaction"]')];
    expect(faces.map((face) => face.textContent!.trim())).to.deep.equal(['AL', 'B', 'C', 'D', 'S']);
    expect(faces.map((face) => face.getAttribute('aria-label'))).to.deep.equal([
      'Ann Lee',
      'Bob',
      'Cy',
      'Di',
      'social.example',
    ]);
    expect(faces[0]!.href).to.equal('https://social.example/@l1');
    expect(faces.every((face) => face.rel === 'nofollow ugc noopener')).to.equal(true);
  });

  it('says when they cannot be loaded, and tries again on request', async () => {
    let isDown = true;
    const seen = serveReferences({
      thread: { references: 1 },
      references: () =>
        isDown
          ? errorResponse(503, 'unavailable')
          : json(200, { thread: '/blog/hello', references: [aReference()] }),
    });
    const phases: string[] = [];
    const collect = (event: Event) => phases.push((event as CustomEvent<{ phase: string }>).detail.phase);
    document.addEventListener('natter-error', collect);
    try {
      const element = await mountReferences();
      await waitUntil(() => has(element, '[part="references"] [role="alert"]'), 'the failure was never said');
      expect(textOf(element, '[part="references"] .error')).to.equal('References could not be loaded.');
      expect(textOf(element, '[part="references-heading"]')).to.equal('References (1)');
      isDown = false;
      $<HTMLButtonElement>(element, '[part="references"] button')!.click();
      await waitUntil(() => has(element, '[part="reference"]'), 'Try again never showed them');
      expect(seen.references).to.have.length(2);
      expect(phases).to.deep.equal(['references']);
    } finally {
      document.removeEventListener('natter-error', collect);
    }
  });

  it('speaks the reader’s language, and is accessible in English and in German', async () => {
    const references = [aReference(), aReaction('l1', 'Ann'), aReaction('l2', 'Bob')];
    const { element } = await mountListing(references);
    await expect(element).to.be.accessible();
    resetPage();
    const german = (await mountListing(references, {}, 'de')).element;
    expect(textOf(german, '[part="references-heading"]')).to.equal('Reaktionen (3)');
    expect(textOf(german, '[part="reference-meta"]')).to.match(/^Ada Lovelace hat geantwortet/);
    expect(textOf(german, '[part="reactions"] p')).to.equal('Gefällt Ann und Bob');
    await expect(german).to.be.accessible();
  });
});

describe('natter-comments references: "My response is on my own website"', () => {
  it('is offered only for an open thread whose server takes Webmentions for this very page', async () => {
    const offered = async (thread: Partial<ThreadInfo>, attributes: Record<string, string> = {}) => {
      resetPage();
      serveReferences({ thread });
      const element = await mountReferences(attributes);
      return has(element, '[part~="respond"]');
    };
    useCanonical();
    expect(await offered({ webmention })).to.equal(true);
    expect(await offered({ webmention, locked: true })).to.equal(false);
    expect(await offered({})).to.equal(false);
    expect(await offered({ webmention: 'javascript:alert(1)' })).to.equal(false);
    // The widget names another thread than the page's: a response to this page would not be listed there.
    expect(await offered({ webmention }, { thread: '/blog/other' })).to.equal(false);
    canonical!.remove();
    // Without a canonical link, the page's location is its address.
    const here = new URL(location.href).pathname;
    expect(await offered({ webmention, key: here }, { thread: here })).to.equal(true);
  });

  it('opens from the keyboard, focuses the address, and closes with Escape or Cancel, keeping what was typed', async () => {
    useCanonical();
    serveReferences({ thread: { webmention } });
    const element = await mountReferences();
    const button = respondButton(element);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-controls')).to.equal('respond-panel');
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('My response is on my own website»');
    const input = await openForm(element);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect($(element, '#respond-panel')!.hidden).to.equal(false);
    expect(input.type).to.equal('url');
    expect(input.required).to.equal(true);
    expect(element.shadowRoot!.querySelector(`label[for="respond-url"]`)!.textContent).to.equal(
      'Address of your response',
    );
    await typeAddress(element, 'https://reader.example/my-answer');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitUntil(
      () => element.shadowRoot!.activeElement === button,
      'focus never came back to the button',
    );
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect($(element, '#respond-panel')!.hidden).to.equal(true);
    await openForm(element);
    expect(addressInput(element).value).to.equal('https://reader.example/my-answer');
    $<HTMLButtonElement>(element, '[part="respond-form"] button[type="button"]')!.click();
    await waitUntil(() => element.shadowRoot!.activeElement === button, 'Cancel did not return focus');
    expect(localStorage.getItem(responseKey)).to.equal(
      JSON.stringify({ url: 'https://reader.example/my-answer' }),
    );
  });

  it('sends the address as a Webmention, follows its status, and lists the response once it is published', async () => {
    useCanonical();
    let state: 'queued' | 'published' = 'queued';
    const seen = serveReferences({
      thread: { references: 0, webmention },
      references: () =>
        json(200, {
          thread: '/blog/hello',
          references: state === 'published' ? [aReference({ id: 'mine' })] : [],
        }),
      status: () => (state === 'published' ? published() : json(200, { state: 'queued', ...mention() })),
    });
    const element = await mountReferences();
    await openForm(element);
    await typeAddress(element, 'reader.example/my-answer');
    const clock = useFakeClock();
    try {
      sendResponse(element);
      await waitFor(
        () => statusText(element) === 'Received; checking that your page links here…',
        'not queued',
      );
      expect(seen.sent).to.have.length(1);
      const [{ form, headers }] = seen.sent;
      expect([...form]).to.deep.equal([
        ['source', 'https://reader.example/my-answer'],
        ['target', pageAddress],
      ]);
      expect(headers.get('Content-Type')).to.match(/^application\/x-www-form-urlencoded/);
      expect(headers.get('Accept')).to.equal('application/json');
      expect($(element, '[part="respond-status"]')!.getAttribute('role')).to.equal('status');
      // Accepted: the typed address is no longer kept.
      expect(localStorage.getItem(responseKey)).to.equal(null);
      await clock.tick(999);
      expect(seen.statusReads).to.have.length(0);
      await clock.tick(1);
      expect(seen.statusReads).to.have.length(1);
      state = 'published';
      await clock.tick(2000);
      await waitFor(
        () => statusText(element) === 'Verified: your response is listed below',
        'never verified',
      );
      await waitFor(() => has(element, '[part="reference"]'), 'the list was never loaded again');
      expect(seen.references).to.have.length(1);
      expect(textOf(element, '[part="references-heading"]')).to.equal('References (1)');
      // Final: no more reads.
      await clock.tick(60_000);
      expect(seen.statusReads).to.have.length(2);
    } finally {
      clock.restore();
    }
  });

  it('reads the status at doubling waits up to 15 seconds, for five minutes, and not once the element is gone', async () => {
    useCanonical();
    const seen = serveReferences({ thread: { webmention } });
    const element = await mountReferences();
    await openForm(element);
    await typeAddress(element, 'https://reader.example/my-answer');
    const clock = useFakeClock();
    try {
      const sentAt = Date.now();
      sendResponse(element);
      await waitFor(() => statusText(element).startsWith('Received'), 'not queued');
      await clock.tick(6 * 60_000);
      const waits = seen.statusReads.map((at, index) => at - (seen.statusReads[index - 1] ?? sentAt));
      expect(waits.slice(0, 6)).to.deep.equal([1000, 2000, 4000, 8000, 15_000, 15_000]);
      expect(Math.max(...waits)).to.equal(15_000);
      expect(seen.statusReads.at(-1)! - sentAt).to.be.at.most(5 * 60_000);
      expect(statusText(element)).to.equal(
        'Still checking; your response will be listed here once it is verified.',
      );

      // Sent again, then taken out of the page: no read after that.
      sendResponse(element);
      await waitFor(
        () => seen.sent.length === 2 && statusText(element).startsWith('Received'),
        'not sent again',
      );
      const reads = seen.statusReads.length;
      await clock.tick(1000);
      expect(seen.statusReads).to.have.length(reads + 1);
      element.remove();
      await clock.tick(60_000);
      expect(seen.statusReads).to.have.length(reads + 1);
    } finally {
      clock.restore();
    }
  });

  it('says why a response was refused, and keeps its address to send again', async () => {
    useCanonical();
    serveReferences({
      thread: { webmention },
      status: () => json(200, { state: 'refused', reason: 'no_link', ...mention() }),
    });
    const element = await mountReferences();
    await openForm(element);
    await typeAddress(element, 'https://reader.example/my-answer');
    const clock = useFakeClock();
    try {
      sendResponse(element);
      await waitFor(() => statusText(element).startsWith('Received'), 'not queued');
      await clock.tick(1000);
      await waitFor(
        () => statusText(element) === 'Your page does not link to this one.',
        'the refusal was not said',
      );
      expect($(element, '[part="respond-status"]')!.classList.contains('refused')).to.equal(true);
      expect(addressInput(element).value).to.equal('https://reader.example/my-answer');
    } finally {
      clock.restore();
    }
  });

  it('says the response will be listed once verified when the server’s answer gives no status to read', async () => {
    useCanonical();
    // A server on another origin that does not expose `Location` to CORS: the page cannot read it.
    const seen = serveReferences({
      thread: { webmention },
      send: () => json(202, { state: 'queued', ...mention() }),
    });
    const element = await mountReferences();
    await openForm(element);
    await typeAddress(element, 'https://reader.example/my-answer');
    const clock = useFakeClock();
    try {
      sendResponse(element);
      await waitFor(
        () => statusText(element) === 'Received; your response will be listed here once it is verified.',
        'the reader was never told',
      );
      await clock.tick(60_000);
      expect(seen.statusReads).to.have.length(0);
    } finally {
      clock.restore();
    }
  });

  it('marks the address the server refused, and keeps it', async () => {
    useCanonical();
    serveReferences({
      thread: { webmention },
      send: () => errorResponse(400, 'validation_failed', 'source'),
    });
    const element = await mountReferences();
    const errors = collectErrors(element);
    await openForm(element);
    await typeAddress(element, 'https://reader.example/my-answer');
    sendResponse(element);
    await waitUntil(() => has(element, '#respond-error'), 'the refusal was never shown');
    const input = addressInput(element);
    expect(textOf(element, '#respond-error')).to.equal('The server did not accept this. Please change it.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('respond-hint respond-error');
    expect(element.shadowRoot!.activeElement).to.equal(input);
    expect(input.value).to.equal('https://reader.example/my-answer');
    expect(localStorage.getItem(responseKey)).to.equal(
      JSON.stringify({ url: 'https://reader.example/my-answer' }),
    );
    expect(errors).to.deep.equal(['mention: validation_failed']);
  });

  it('keeps the address when the server cannot be reached, and says so', async () => {
    useCanonical();
    serveReferences({ thread: { webmention }, send: () => Promise.reject(new TypeError('Failed to fetch')) });
    const element = await mountReferences();
    const errors = collectErrors(element);
    await openForm(element);
    await typeAddress(element, 'https://reader.example/my-answer');
    sendResponse(element);
    await waitUntil(() => has(element, '[part="respond-form"] [role="alert"]'), 'the failure was never said');
    expect(textOf(element, '[part="respond-form"] [role="alert"]')).to.equal(
      'Your response could not be sent because the server could not be reached. Your address is kept here; please try again.',
    );
    expect(addressInput(element).value).to.equal('https://reader.example/my-answer');
    expect(errors).to.deep.equal(['mention: network']);
    // A reload brings it back.
    element.remove();
    const again = await mountReferences();
    await openForm(again);
    expect(addressInput(again).value).to.equal('https://reader.example/my-answer');
  });

  it('asks for a web address before sending, and not this page’s own', async () => {
    useCanonical();
    const seen = serveReferences({ thread: { webmention } });
    const element = await mountReferences();
    await openForm(element);
    for (const [typed, message] of [
      ['', 'Please fill in this field.'],
      ['ftp://reader.example/answer', 'Please enter a web address starting with http:// or https://.'],
      ['https://', 'Please enter a web address starting with http:// or https://.'],
      [
        `${pageAddress}#comments`,
        'This is the address of this page. Please enter the address of your response.',
      ],
    ]) {
      await typeAddress(element, typed!);
      sendResponse(element);
      await waitUntil(() => textOf(element, '#respond-error') === message, `no "${message}" for "${typed}"`);
      expect(element.shadowRoot!.activeElement).to.equal(addressInput(element));
    }
    expect(seen.sent).to.have.length(0);
  });

  it('says what a response pending moderation waits for, and is accessible open, in English and Swedish', async () => {
    useCanonical();
    serveReferences({
      thread: { webmention, references: 1 },
      references: [aReference()],
      send: () => json(201, { state: 'verified', status: 'pending', ...mention() }, { Location: statusUrl }),
    });
    const element = await mountReferences();
    await openForm(element);
    await typeAddress(element, 'https://reader.example/my-answer');
    sendResponse(element);
    await waitUntil(
      () => statusText(element) === 'Verified: it will appear once a moderator approves it',
      'the pending status was never said',
    );
    await waitUntil(() => has(element, '[part="reference"]'), 'the references never showed');
    await expect(element).to.be.accessible();
    element.remove();
    const swedish = await mountReferences({}, 'sv');
    await openForm(swedish);
    expect(textOf(swedish, 'label[for="respond-url"]')).to.equal('Adressen till ditt svar');
    expect(textOf(swedish, '.respond-open')).to.equal('Mitt svar finns på min egen webbplats»');
    await waitUntil(() => has(swedish, '[part="reference"]'), 'the references never showed');
    await expect(swedish).to.be.accessible();
  });
});
