import { aTimeout, expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { loadLocalizer } from '../../src/i18n/localizer.js';
import type { NewComment } from '../../src/protocol/types.js';
import type { SeenRequest } from '../client/fakes.js';
import {
  $,
  $$,
  aComment,
  aPage,
  deferred,
  fill,
  fillAndSubmit,
  has,
  lateAnswersArrived,
  mount,
  resetPage,
  serve,
  settled,
  textOf,
  waitFor,
} from './helpers.js';

afterEach(resetPage);

/** What is still registered on the page, one label per thing, naming the mount cycle that registered it. */
interface Leftovers {
  /** IntersectionObservers constructed and not disconnected. */
  observers: string[];
  /** Targets observed and neither unobserved nor released by a disconnect. */
  observedTargets: string[];
  /** Timeouts that neither fired nor were cleared, and intervals not cleared, whoever created them. */
  timers: string[];
  /** Listeners added to `window` or `document` and not removed. */
  globalListeners: string[];
}

/**
 * Wraps the page's IntersectionObserver, timers and `window`/`document` listeners, so that a test can see what
 * is still registered after the element left, until `restore()` puts the originals back. Everything is counted,
 * whoever made it: the tests below wait only with helpers that clear their own timers (`waitFor`, `aTimeout`),
 * and mocha keeps the timer functions it had before the watch began, so what is left over is the element's.
 */
function watchPage() {
  const restorers: (() => void)[] = [];
  /** Puts `value` in place of `target[key]` until `restore()`, whether the original was own or inherited. */
  function replace<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
    const own = Object.getOwnPropertyDescriptor(target, key);
    target[key] = value;
    restorers.push(() =>
      own ? Object.defineProperty(target, key, own) : Reflect.deleteProperty(target, key),
    );
  }

  let cycle = 'before any cycle';

  const observers = new Map<IntersectionObserver, { cycle: string; targets: Set<Element> }>();
  let observersMade = 0;
  class WatchedObserver extends window.IntersectionObserver {
    constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
      super(callback, options);
      observersMade += 1;
      observers.set(this, { cycle, targets: new Set() });
    }
    override observe(target: Element): void {
      super.observe(target);
      observers.get(this)?.targets.add(target);
    }
    override unobserve(target: Element): void {
      super.unobserve(target);
      observers.get(this)?.targets.delete(target);
    }
    override disconnect(): void {
      super.disconnect();
      observers.delete(this);
    }
  }
  replace(window, 'IntersectionObserver', WatchedObserver);

  const timers = new Map<number, string>();
  for (const kind of ['setTimeout', 'setInterval'] as const) {
    const original = window[kind];
    replace(window, kind, ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
      // A string handler would be eval'd: natter never passes one (its CSP forbids them).
      if (typeof handler !== 'function') return original(handler, delay, ...args);
      const id = original(
        (...callArgs: unknown[]) => {
          if (kind === 'setTimeout') timers.delete(id);
          handler(...callArgs);
        },
        delay,
        ...args,
      );
      timers.set(id, `${cycle}: ${kind}(…, ${delay ?? 0})`);
      return id;
    }) as typeof original);
  }
  for (const kind of ['clearTimeout', 'clearInterval'] as const) {
    const original = window[kind];
    // Both clear either kind: timeouts and intervals share one list of ids.
    replace(window, kind, ((id?: number) => {
      if (id !== undefined) timers.delete(id);
      original(id);
    }) as typeof original);
  }

  interface Registration {
    target: string;
    type: string;
    listener: EventListenerOrEventListenerObject;
    isCapture: boolean;
    cycle: string;
  }
  const listeners: Registration[] = [];
  const isCaptureIn = (options?: boolean | EventListenerOptions) =>
    typeof options === 'boolean' ? options : Boolean(options?.capture);
  const forget = (registration: Registration) => {
    const index = listeners.indexOf(registration);
    if (index >= 0) listeners.splice(index, 1);
  };
  for (const [name, target] of [
    ['window', window],
    ['document', document],
  ] as const) {
    const add: EventTarget['addEventListener'] = target.addEventListener;
    const remove: EventTarget['removeEventListener'] = target.removeEventListener;
    const find = (type: string, listener: EventListenerOrEventListenerObject | null, isCapture: boolean) =>
      listeners.find(
        (registration) =>
          registration.target === name &&
          registration.type === type &&
          registration.listener === listener &&
          registration.isCapture === isCapture,
      );
    replace(target, 'addEventListener', function (
      this: EventTarget,
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ) {
      add.call(this, type, listener, options);
      const isCapture = isCaptureIn(options);
      if (!listener || find(type, listener, isCapture)) return;
      const registration = { target: name, type, listener, isCapture, cycle };
      listeners.push(registration);
      // Listeners that remove themselves: after their one call, or when their signal aborts.
      if (typeof options === 'object' && options.once) {
        add.call(this, type, () => forget(registration), { once: true, capture: isCapture });
      }
      if (typeof options === 'object') {
        options.signal?.addEventListener('abort', () => forget(registration), { once: true });
      }
    } as EventTarget['addEventListener']);
    replace(target, 'removeEventListener', function (
      this: EventTarget,
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | EventListenerOptions,
    ) {
      remove.call(this, type, listener, options);
      const registration = find(type, listener, isCaptureIn(options));
      if (registration) forget(registration);
    } as EventTarget['removeEventListener']);
  }

  return {
    /** Labels what is registered from now on. */
    set cycle(label: string) {
      cycle = label;
    },
    /** How many IntersectionObservers were constructed since the watch began. */
    get observersMade() {
      return observersMade;
    },
    leftovers(): Leftovers {
      return {
        observers: [...observers.values()].map((observer) => observer.cycle),
        observedTargets: [...observers.values()].flatMap((observer) =>
          [...observer.targets].map((target) => `${observer.cycle}: <${target.localName}>`),
        ),
        timers: [...timers.values()],
        globalListeners: listeners.map(
          (registration) => `${registration.cycle}: ${registration.target} ${registration.type}`,
        ),
      };
    },
    restore(): void {
      for (const restoreOne of restorers.reverse()) restoreOne();
    },
  };
}

/** A thread whose list requests get no answer, as from a server that hangs, until the element aborts them. */
const hangingThread = '/blog/hanging';

/** The server's answer to a new comment, with the edit window open for another 15 minutes. */
function accepted(request: SeenRequest, id: string): Response {
  const sent = request.body as NewComment;
  const comment = aComment({
    id,
    thread: sent.thread,
    author: { name: sent.name, url: null },
    text: sent.text,
  });
  const editableUntil = new Date(Date.now() + 15 * 60_000).toISOString();
  return Response.json({ comment, secret: `secret-${id}`, editableUntil }, { status: 201 });
}

/**
 * A fake natter server for mounting many elements: every thread answers at once with one comment reading
 * "On <thread>", except the threads in `hanging`; every post waits until the test releases it.
 */
function serveThreads() {
  const hanging = new Set([hangingThread]);
  const answered = new WeakSet<SeenRequest>();
  const heldPosts: { request: SeenRequest; release(): void }[] = [];
  const server = serve({
    list: (request) => {
      const thread = request.url.searchParams.get('thread')!;
      if (hanging.has(thread)) {
        return new Promise((_resolve, reject) => {
          request.signal?.addEventListener('abort', () => reject(request.signal!.reason), { once: true });
        });
      }
      answered.add(request);
      return Response.json(aPage({ key: thread, comments: [aComment({ thread, text: `On ${thread}` })] }));
    },
    post: (request) => {
      const answer = deferred<Response>();
      const id = `mine${server.posts.length}`;
      heldPosts.push({ request, release: () => answer.resolve(accepted(request, id)) });
      return answer.promise;
    },
  });
  return {
    get lists() {
      return server.lists;
    },
    hanging,
    heldPosts,
    /** How many list requests never got an answer. */
    get unansweredCount() {
      return server.lists.filter((request) => !answered.has(request)).length;
    },
    /** The list requests that got no answer and were not aborted either, by thread. */
    unansweredNotAborted(): string[] {
      return server.lists
        .filter((request) => !answered.has(request) && !request.signal?.aborted)
        .map((request) => request.url.searchParams.get('thread')!);
    },
  };
}

/** What the element left behind: registrations on the page, and list requests neither answered nor aborted. */
function leftBehind(watch: ReturnType<typeof watchPage>, server: ReturnType<typeof serveThreads>) {
  return { ...watch.leftovers(), requestsNotAborted: server.unansweredNotAborted() };
}

const nothingLeft = {
  observers: [],
  observedTargets: [],
  timers: [],
  globalListeners: [],
  requestsNotAborted: [],
};

/** A page whose element slot lies far below the fold, so that a lazy element waits for its observer. */
function aPageBelowTheFold() {
  const page = document.createElement('div');
  page.lang = 'en';
  const spacer = document.createElement('div');
  spacer.style.height = 'calc(100vh + 3000px)';
  const slot = document.createElement('div');
  page.append(spacer, slot);
  document.body.append(page);
  return { slot, spacer, remove: () => page.remove() };
}

/** A `<natter-comments>` not yet on the page, with `attributes`. */
function aNatter(attributes: Record<string, string>): NatterComments {
  const element = document.createElement('natter-comments');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** The keys natter keeps in localStorage, sorted. */
function storedKeys(): string[] {
  return Object.keys(localStorage)
    .filter((key) => key.startsWith('natter:'))
    .sort();
}

/** The texts of the comments shown. */
function bodies(element: NatterComments): string[] {
  return $$(element, '[part="body"]').map((body) => body.textContent!.trim());
}

describe('natter-comments lifecycle: removing the element releases what it set up', () => {
  let watch: ReturnType<typeof watchPage>;
  let page: ReturnType<typeof aPageBelowTheFold>;

  beforeEach(() => {
    watch = watchPage();
    page = aPageBelowTheFold();
  });

  afterEach(async () => {
    page.remove();
    // Whatever the removal sets off happens now, while this test's fake server still answers it.
    await aTimeout(0);
    watch.restore();
  });

  it('leaves nothing behind after 100 mounts and removals, and mounts again afterwards', async function () {
    this.timeout(10_000);
    const server = serveThreads();
    const keysBefore = storedKeys();
    let draftKey: string | undefined;
    /** Where the secret of an accepted comment is kept, and the list of the reader's own comments. */
    let ownKeys: string[] | undefined;
    let cycle = '';
    /** The timers natter started in this cycle that are still pending. */
    const timersOfThisCycle = () => watch.leftovers().timers.filter((timer) => timer.startsWith(`${cycle}:`));

    // The watch sees a global listener and a timer, so that its zeros below mean something.
    const probe = () => {};
    window.addEventListener('resize', probe);
    const probeTimer = setTimeout(probe, 60_000);
    expect(watch.leftovers()).to.deep.include({
      globalListeners: ['before any cycle: window resize'],
      timers: ['before any cycle: setTimeout(…, 60000)'],
    });
    window.removeEventListener('resize', probe);
    clearTimeout(probeTimer);
    expect(watch.leftovers()).to.deep.include({ globalListeners: [], timers: [] });

    /** The ways of leaving the page; each mounts one element into `page.slot` and removes it. */
    const ways = {
      /** Lazy and far below the fold: removed while its observer waits. */
      async whileWaitingToNearTheViewport(isFirst: boolean) {
        const element = aNatter({ thread: '/blog/lazy' });
        page.slot.append(element);
        await element.updateComplete;
        if (isFirst) {
          expect(watch.leftovers().observers, 'observers of a lazy element far down').to.have.length(1);
          expect(watch.leftovers().observedTargets).to.deep.equal([`${cycle}: <natter-comments>`]);
        }
        element.remove();
      },
      /** `lazy="false"`, removed while its thread request hangs. */
      async whileLoading(isFirst: boolean) {
        const element = aNatter({ lazy: 'false', thread: hangingThread });
        page.slot.append(element);
        await element.updateComplete;
        const request = server.lists.at(-1)!;
        expect(request.url.searchParams.get('thread')).to.equal(hangingThread);
        expect(request.signal?.aborted, 'aborted while the element is there').to.equal(false);
        if (isFirst) expect(timersOfThisCycle(), 'the deadline of the request').to.have.length(1);
        element.remove();
      },
      /** Removed after its thread loaded and the reader typed a draft. */
      async afterLoading() {
        const element = aNatter({ lazy: 'false', thread: '/blog/loaded' });
        page.slot.append(element);
        await settled(element);
        expect(bodies(element)).to.deep.equal(['On /blog/loaded']);
        // Once a post was accepted, the element watches for the end of its edit window.
        expect(timersOfThisCycle(), 'pending timers while loaded').to.have.length(ownKeys ? 1 : 0);
        await fill(element, { text: 'Unfinished thought' });
        draftKey ??= storedKeys().find((key) => !keysBefore.includes(key));
        element.remove();
      },
      /**
       * Removed while its comment is on the way. The post is not aborted, since the server may already have
       * accepted it; the answer still reaches the removed element, which fires natter-posted on itself, keeps
       * the secret that allows editing, forgets the draft, and starts no timer for the edit window.
       */
      async whilePosting(isFirst: boolean) {
        const element = aNatter({ lazy: 'false', thread: '/blog/posting' });
        page.slot.append(element);
        await settled(element);
        const posted = oneEvent(element, 'natter-posted');
        await fillAndSubmit(element, { name: 'Grace', text: 'Posted while leaving' });
        await waitFor(() => server.heldPosts.length === 1, 'the comment was never posted', { interval: 1 });
        const post = server.heldPosts.shift()!;
        element.remove();
        await aTimeout(0);
        expect(post.request.signal?.aborted, 'the post was aborted').to.equal(false);
        if (isFirst) expect(timersOfThisCycle(), 'the deadline of the post').to.have.length(1);
        const keysWhilePosting = storedKeys();
        expect(
          keysWhilePosting.filter((key) => key.includes('/blog/posting')),
          'the draft',
        ).to.have.length(1);

        post.release();
        const { detail } = await posted;
        expect(detail.comment.text).to.equal('Posted while leaving');
        expect(
          storedKeys().filter((key) => key.includes('/blog/posting')),
          'the sent draft',
        ).to.deep.equal([]);
        ownKeys ??= storedKeys().filter((key) => !keysWhilePosting.includes(key));
        expect(
          ownKeys.map((key) => key.split(':')[1]),
          'where the secret of the accepted comment is kept, and that the reader wrote it',
        ).to.deep.equal(['authored', 'secrets']);
      },
    };

    const cycles = Object.entries(ways);
    for (let index = 0; index < 100; index += 1) {
      const [name, mountAndRemove] = cycles[index % cycles.length];
      cycle = `${name} #${index}`;
      watch.cycle = cycle;
      await mountAndRemove(index < cycles.length);
      // Whatever the removal sets off (aborted requests settling, late answers) counts for this cycle.
      await aTimeout(0);
    }
    watch.cycle = 'after the cycles';

    expect(leftBehind(watch, server)).to.deep.equal(nothingLeft);
    expect(watch.observersMade, 'one observer per lazy mount').to.equal(100 / cycles.length);
    expect(server.unansweredCount, 'requests to the hanging thread').to.equal(100 / cycles.length);
    expect(server.lists, 'one request per mount that loads').to.have.length((100 / cycles.length) * 3);
    expect(draftKey).to.include('/blog/loaded');
    expect(storedKeys()).to.deep.equal([...keysBefore, draftKey!, ...ownKeys!].sort());

    const again = aNatter({ lazy: 'false', thread: '/blog/again' });
    page.slot.append(again);
    await settled(again);
    expect(bodies(again)).to.deep.equal(['On /blog/again']);
    expect(textOf(again, 'h2')).to.equal('1 comment');
  });

  it('loads when the same element, removed while its thread was loading, is added again', async () => {
    const server = serveThreads();
    const element = aNatter({ lazy: 'false', thread: hangingThread });
    page.slot.append(element);
    await element.updateComplete;
    element.remove();
    await aTimeout(0);
    expect(
      server.lists.map((request) => request.signal?.aborted),
      'requests of the removed element, aborted or not',
    ).to.deep.equal([true]);

    server.hanging.clear();
    page.slot.append(element);
    await settled(element);
    expect(bodies(element)).to.deep.equal([`On ${hangingThread}`]);
    expect(server.lists).to.have.length(2);

    element.remove();
    await aTimeout(0);
    expect(leftBehind(watch, server)).to.deep.equal(nothingLeft);
  });

  it('loads when the same lazy element, removed before it neared the viewport, is added again in view', async () => {
    const server = serveThreads();
    const element = aNatter({ thread: '/blog/lazy' });
    page.slot.append(element);
    await element.updateComplete;
    element.remove();
    expect(watch.leftovers().observers).to.deep.equal([]);

    page.spacer.remove();
    page.slot.append(element);
    await settled(element);
    expect(bodies(element)).to.deep.equal(['On /blog/lazy']);
    expect(server.lists).to.have.length(1);

    element.remove();
    await aTimeout(0);
    expect(leftBehind(watch, server)).to.deep.equal(nothingLeft);
  });

  it('leaves no request behind when removed in the same task it was added', async () => {
    const server = serveThreads();
    for (let index = 0; index < 25; index += 1) {
      watch.cycle = `added and removed at once #${index}`;
      const element = aNatter({ lazy: 'false', thread: hangingThread });
      page.slot.append(element);
      element.remove();
      await element.updateComplete;
      await aTimeout(0);
    }
    expect(leftBehind(watch, server)).to.deep.equal(nothingLeft);
  });
});

describe('natter-comments lifecycle: switching configuration mid-load', () => {
  const switches: {
    attribute: string;
    from: string;
    to: string;
    /** Whether a list request was made for the configuration before the switch. */
    isOld(url: URL): boolean;
  }[] = [
    {
      attribute: 'endpoint',
      from: 'https://one.example/',
      to: 'https://two.example/',
      isOld: (url) => url.origin === 'https://one.example',
    },
    {
      attribute: 'sort',
      from: 'oldest',
      to: 'newest',
      isOld: (url) => url.searchParams.get('sort') === 'oldest',
    },
    {
      attribute: 'page-size',
      from: '10',
      to: '20',
      isOld: (url) => url.searchParams.get('limit') === '10',
    },
    {
      attribute: 'thread',
      from: '/blog/old',
      to: '/blog/new',
      isOld: (url) => url.searchParams.get('thread') === '/blog/old',
    },
  ];

  for (const { attribute, from, to, isOld } of switches) {
    it(`aborts the request for ${attribute}="${from}" when it becomes "${to}", and never paints its answer`, async () => {
      const oldAnswer = deferred<Response>();
      const server = serve({
        list: (request) =>
          isOld(request.url)
            ? oldAnswer.promise
            : Response.json(aPage({ comments: [aComment({ id: 'new1', text: 'The new answer' })] })),
      });
      const element = await mount({ [attribute]: from }, { settle: false });
      expect(server.lists).to.have.length(1);
      const [oldRequest] = server.lists;
      expect(oldRequest.signal?.aborted, 'aborted before the switch').to.equal(false);

      element.setAttribute(attribute, to);
      await settled(element);
      expect(oldRequest.signal?.aborted, 'the old request was aborted').to.equal(true);
      expect(server.lists.map((request) => isOld(request.url))).to.deep.equal([true, false]);

      oldAnswer.resolve(
        Response.json(aPage({ comments: [aComment({ id: 'old1', text: 'The old answer' })] })),
      );
      await lateAnswersArrived(element);
      expect(bodies(element)).to.deep.equal(['The new answer']);
    });
  }

  it('keeps its heading, policy, order and form while another thread loads, and shows that thread with them', async () => {
    const newAnswer = deferred<Response>();
    const policy = '<p>Be kind.</p>';
    const feed = (thread: string) => `https://comments.example/feeds/thread.atom?thread=${thread}`;
    serve({
      list: (request) =>
        request.url.searchParams.get('thread') === '/blog/new'
          ? newAnswer.promise
          : Response.json(
              aPage({
                comments: [aComment({ id: 'old1', text: 'The old thread' })],
                policy,
                thread: { sorts: ['oldest', 'newest'], feed: feed('old') },
              }),
            ),
    });
    const element = await mount({ thread: '/blog/old' });
    await waitUntil(() => $(element, '[part="policy"] p') && $(element, 'form'), 'no policy and form');
    const lasting = ['h2', '[part="policy"] p', 'form', 'select'];
    const kept = lasting.map((selector) => $(element, selector));
    const isKept = () => lasting.map((selector, index) => $(element, selector) === kept[index]);

    element.setAttribute('thread', '/blog/new');
    await element.updateComplete;
    expect(has(element, '.placeholder'), 'the placeholder while it loads').to.equal(true);
    expect(bodies(element), 'the old thread is gone').to.deep.equal([]);
    expect(textOf(element, 'h2')).to.equal('Comments');
    expect(has(element, '[part="feed"]'), 'no link to the old thread’s feed').to.equal(false);
    expect(isKept(), 'the same heading, policy, form and order while it loads').to.deep.equal([
      true,
      true,
      true,
      true,
    ]);

    newAnswer.resolve(
      Response.json(
        aPage({
          comments: [aComment({ id: 'new1', text: 'The new thread' })],
          policy,
          thread: { sorts: ['oldest', 'newest'], feed: feed('new') },
        }),
      ),
    );
    await settled(element);
    expect(bodies(element)).to.deep.equal(['The new thread']);
    expect(textOf(element, 'h2')).to.equal('1 comment');
    expect($<HTMLAnchorElement>(element, '[part="feed"]')?.href).to.equal(feed('new'));
    expect(isKept(), 'the same heading, policy, form and order with the new thread').to.deep.equal([
      true,
      true,
      true,
      true,
    ]);
  });

  it('keeps the request in flight when only the locale changes, and shows its answer in the new language', async () => {
    const answer = deferred<Response>();
    const server = serve({ list: () => answer.promise });
    const element = await mount({ locale: 'en' }, { settle: false });
    element.setAttribute('locale', 'de');
    await element.updateComplete;
    expect(server.lists).to.have.length(1);
    expect(server.lists[0].signal?.aborted, 'the request was aborted').to.equal(false);

    answer.resolve(Response.json(aPage()));
    await waitUntil(() => textOf(element, 'h2') === '1 Kommentar', 'the thread never appeared in German');
    expect(bodies(element)).to.deep.equal(['Hello there']);
    expect(server.lists).to.have.length(1);
  });

  it('never paints a language that arrives after the locale changed again', async () => {
    serve();
    const element = await mount({ locale: 'en' });
    element.setAttribute('locale', 'sv');
    await element.updateComplete;
    expect(textOf(element, 'h2'), 'Swedish before the switch back').to.equal('1 comment');
    element.setAttribute('locale', 'en');
    await element.updateComplete;
    // The Swedish catalog arrives now, after the switch back to English.
    expect((await loadLocalizer('sv')).plural('heading', 1)).to.equal('1 kommentar');
    await element.updateComplete;
    expect(textOf(element, 'h2')).to.equal('1 comment');
  });
});
