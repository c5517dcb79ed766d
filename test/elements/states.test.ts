import { expect, waitUntil } from '@open-wc/testing';
import {
  $,
  $$,
  aPage,
  control,
  errorResponse,
  fillAndSubmit,
  focusedId,
  has,
  heldBack,
  mount,
  postedAnswer,
  postingDone,
  resetPage,
  serve,
  silentFetch,
  someComments,
  textOf,
} from './helpers.js';

afterEach(resetPage);

describe('natter-comments: loading', () => {
  it('reserves space with a placeholder while the thread loads', async () => {
    window.fetch = silentFetch();
    const element = await mount({}, { settle: false });
    await waitUntil(() => textOf(element, 'h2') === 'Comments', 'the heading never appeared');
    const placeholder = $(element, '[part="placeholder"]')!;
    expect(placeholder.getAttribute('aria-busy')).to.equal('true');
    expect(parseFloat(getComputedStyle(placeholder).minHeight)).to.be.greaterThan(100);
    expect(element.getBoundingClientRect().height).to.be.greaterThan(100);
    expect(textOf(element, '[part="placeholder"]')).to.equal('Loading comments…');
  });

  it('says so when the thread has no comments yet, and still offers the form', async () => {
    serve({ list: aPage({ comments: [] }) });
    const element = await mount();
    expect(textOf(element, '[part="empty"]')).to.equal(
      'No comments yet. Be the first to share your thoughts.',
    );
    expect(has(element, '[part="list"]')).to.equal(false);
    expect(has(element, 'form')).to.equal(true);
  });

  it('shows a load error with a Retry button that loads the thread again', async () => {
    let attempts = 0;
    const server = serve({
      list: () =>
        ++attempts === 1
          ? errorResponse(503, 'unavailable')
          : Response.json(aPage({ comments: someComments(2) })),
    });
    const element = await mount();
    expect(textOf(element, '[role="alert"] .error')).to.equal('Comments could not be loaded.');
    expect(has(element, 'form')).to.equal(false);
    const retry = $<HTMLButtonElement>(element, '[role="alert"] button')!;
    expect(retry.textContent!.trim()).to.equal('Try again');

    retry.click();
    await waitUntil(() => $$(element, '[part="comment"]').length === 2, 'the retried thread never appeared');
    expect(server.lists).to.have.length(2);
    expect(has(element, '[role="alert"]')).to.equal(false);
    expect(textOf(element, 'h2')).to.equal('2 comments');
  });
});

describe('natter-comments: locked threads', () => {
  it('shows the comments and a "closed" notice instead of the form', async () => {
    serve({ list: aPage({ comments: someComments(2), locked: true, policy: '<p>Be kind.</p>' }) });
    const element = await mount();
    expect($$(element, '[part="comment"]')).to.have.length(2);
    expect(textOf(element, '[part="locked"]')).to.equal('Comments are closed for this page.');
    expect(has(element, 'form')).to.equal(false);
    expect(has(element, '[part="policy"]')).to.equal(false);
  });
});

describe('natter-comments: posting', () => {
  it('disables the Post button and marks the form busy while the comment is on its way', async () => {
    const held = heldBack(postedAnswer);
    serve({ post: held.answer });
    const element = await mount();
    await fillAndSubmit(element);
    await element.updateComplete;
    const button = $<HTMLButtonElement>(element, 'button[type="submit"]')!;
    expect(button.disabled).to.equal(true);
    expect(button.textContent!.trim()).to.equal('Posting…');
    expect($(element, 'form')!.getAttribute('aria-busy')).to.equal('true');

    held.release();
    await postingDone(element);
    expect(button.disabled).to.equal(false);
    expect(button.textContent!.trim()).to.equal('Post');
  });

  it('posts only once when Post is clicked twice', async () => {
    const held = heldBack(postedAnswer);
    const server = serve({ post: held.answer });
    const element = await mount();
    await fillAndSubmit(element);
    await element.updateComplete;
    $<HTMLFormElement>(element, 'form')!.requestSubmit();
    held.release();
    await postingDone(element);
    expect(server.posts).to.have.length(1);
  });

  it('shows the new comment in place, announces it, and counts it', async () => {
    serve({ list: aPage({ comments: someComments(2) }) });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'A fine post.' });
    await postingDone(element);
    const comments = $$(element, '[part="comment"]');
    expect(comments).to.have.length(3);
    expect(comments[2].querySelector('[part="author"]')!.textContent).to.equal('Grace');
    expect(comments[2].querySelector('[part="body"]')!.textContent!.trim()).to.equal('A fine post.');
    expect(comments[2].querySelectorAll('[part="badge"]')).to.have.length(0);
    expect(textOf(element, 'h2')).to.equal('3 comments');
    await waitUntil(
      () => textOf(element, '[role="status"]') === 'Your comment is published.',
      'nothing was announced',
    );
    expect($(element, '[role="status"]')!.getAttribute('aria-live')).to.equal('polite');
    expect(control(element, 'text').value).to.equal('');
  });

  it('shows a comment held for moderation as awaiting moderation, without counting it', async () => {
    serve({
      list: aPage({ comments: someComments(2) }),
      post: (request) => postedAnswer(request, 'pending'),
    });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'Held back.' });
    await postingDone(element);
    const comments = $$(element, '[part="comment"]');
    expect(comments).to.have.length(3);
    expect(comments[2].querySelector('[part="badge"]')!.textContent).to.equal('Awaiting moderation');
    expect(textOf(element, 'h2')).to.equal('2 comments');
    await waitUntil(
      () =>
        textOf(element, '[role="status"]') ===
        'Your comment is awaiting moderation and will appear once approved.',
      'nothing was announced',
    );
  });

  it('puts the new comment first when the thread shows the newest first', async () => {
    serve({ list: aPage({ comments: someComments(2) }) });
    const element = await mount({ sort: 'newest' });
    await fillAndSubmit(element, { name: 'Grace', text: 'Newest.' });
    await postingDone(element);
    expect(textOf(element, '[part="comment"] [part="body"]')).to.equal('Newest.');
  });
});

describe('natter-comments: when posting fails', () => {
  it('marks the field the server refused, in the reader’s language, and takes the reader there', async () => {
    serve({ post: () => errorResponse(422, 'validation_failed', 'text') });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'Buy cheap pills' });
    await postingDone(element);
    expect(textOf(element, '[part="form-error"]')).to.equal(
      'Your comment could not be posted. Please correct the marked field.',
    );
    expect($(element, '[part="form-error"]')!.getAttribute('role')).to.equal('alert');
    const text = control(element, 'text');
    expect(text.getAttribute('aria-invalid')).to.equal('true');
    const described = text
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => textOf(element, `#${id}`));
    expect(described).to.include('The server did not accept this. Please change it.');
    expect(control(element, 'name').getAttribute('aria-invalid')).to.equal('false');
    await waitUntil(() => focusedId(element) === 'text', 'focus stayed on the Post button');
    expect(element.shadowRoot!.textContent, 'the server’s English').not.to.include('server says');
  });

  it('says it in German to a German reader', async () => {
    serve({ post: () => errorResponse(422, 'validation_failed', 'name') });
    const element = await mount({ locale: 'de' });
    await fillAndSubmit(element, { name: 'Grace', text: 'Hallo' });
    await postingDone(element);
    expect(textOf(element, '[part="form-error"]')).to.equal(
      'Dein Kommentar konnte nicht gesendet werden. Bitte korrigiere das markierte Feld.',
    );
    expect(textOf(element, '#name-error')).to.equal(
      'Der Server hat diese Eingabe nicht angenommen. Bitte ändere sie.',
    );
  });

  it('gives the server’s own explanation when the refusal names no field', async () => {
    serve({ post: () => errorResponse(409, 'conflict') });
    const element = await mount();
    await fillAndSubmit(element);
    await postingDone(element);
    expect(textOf(element, '[part="form-error"]')).to.equal(
      'Your comment could not be posted: server says conflict',
    );
    expect(control(element, 'text').getAttribute('aria-invalid')).to.equal('false');
  });

  it('clears a field’s error once the reader edits it', async () => {
    serve({ post: () => errorResponse(422, 'validation_failed', 'name') });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'Hello' });
    await postingDone(element);
    expect(control(element, 'name').getAttribute('aria-invalid')).to.equal('true');
    const input = control(element, 'name');
    input.value = 'Grace H.';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await element.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(input.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('explains that the server could not be reached when the network fails', async () => {
    serve({ post: () => Promise.reject(new TypeError('Failed to fetch')) });
    const element = await mount();
    await fillAndSubmit(element);
    await postingDone(element);
    expect(textOf(element, '[part="form-error"]')).to.equal(
      'Your comment could not be posted because the server could not be reached. It is kept here; please try again.',
    );
  });

  it('says how long to wait when the server asks to slow down', async () => {
    serve({ post: () => errorResponse(429, 'rate_limited', undefined, { 'Retry-After': '30' }) });
    const element = await mount();
    await fillAndSubmit(element);
    await postingDone(element);
    expect(textOf(element, '[part="form-error"]')).to.equal(
      'You are posting too quickly. Please try again in 30 seconds.',
    );
  });

  const failingServers = [
    [
      'down for a while (503 with Retry-After)',
      () => errorResponse(503, 'unavailable', undefined, { 'Retry-After': '5' }),
      'The comment server is unavailable for a moment. Please try again in 5 seconds.',
      'Der Kommentar-Server ist gerade nicht verfügbar. Bitte versuch es in 5 Sekunden noch einmal.',
    ],
    [
      'failing (500)',
      () => errorResponse(500, 'internal'),
      'The comment server could not answer just now. Please try again in a moment.',
      'Der Kommentar-Server konnte gerade nicht antworten. Bitte versuch es gleich noch einmal.',
    ],
    [
      'behind a proxy that answers 502 with its own page',
      () => Promise.resolve(new Response('<h1>502 Bad Gateway</h1>', { status: 502 })),
      'The comment server could not answer just now. Please try again in a moment.',
      'Der Kommentar-Server konnte gerade nicht antworten. Bitte versuch es gleich noch einmal.',
    ],
  ] as const;
  for (const [how, post, english, german] of failingServers) {
    it(`says in the reader’s words, not the server’s, that the server is ${how}`, async () => {
      for (const [locale, message] of [
        ['en', english],
        ['de', german],
      ]) {
        serve({ post });
        const element = await mount({ locale });
        await fillAndSubmit(element);
        await postingDone(element);
        expect(textOf(element, '[part="form-error"]')).to.equal(message);
        resetPage();
      }
    });
  }

  it('does not add the comment to the thread', async () => {
    serve({ list: aPage({ comments: someComments(1) }), post: () => errorResponse(500, 'internal') });
    const element = await mount();
    await fillAndSubmit(element);
    await postingDone(element);
    expect($$(element, '[part="comment"]')).to.have.length(1);
    expect(textOf(element, 'h2')).to.equal('1 comment');
    expect(textOf(element, '[role="status"]')).to.equal('');
  });
});

describe('natter-comments: more pages', () => {
  it('offers "Show more comments" while there are more, and appends the next page', async () => {
    const comments = someComments(5);
    const server = serve({
      list: (request) =>
        Response.json(
          request.url.searchParams.get('cursor') === 'page-2'
            ? aPage({ comments: comments.slice(3), count: 5, next: null })
            : aPage({ comments: comments.slice(0, 3), count: 5, next: 'page-2' }),
        ),
    });
    const element = await mount({ 'page-size': '3' });
    expect($$(element, '[part="comment"]')).to.have.length(3);
    const more = $<HTMLButtonElement>(element, 'button[part~="show-more"]')!;
    expect(more.textContent!.trim()).to.equal('Show more comments');

    more.click();
    await waitUntil(() => $$(element, '[part="comment"]').length === 5, 'the next page never appeared');
    expect(server.lists[1].url.searchParams.get('cursor')).to.equal('page-2');
    expect(server.lists[1].url.searchParams.get('limit')).to.equal('3');
    expect($$(element, '[part="comment"] [part="author"]').map((author) => author.textContent)).to.deep.equal(
      ['Reader 1', 'Reader 2', 'Reader 3', 'Reader 4', 'Reader 5'],
    );
    expect(has(element, 'button[part~="show-more"]')).to.equal(false);
    expect(textOf(element, 'h2')).to.equal('5 comments');
  });

  it('changes nothing in the comments already shown when it adds a page, even their "minutes ago"', async () => {
    // Recent comments, each with its "N minutes ago", which every render used to write again.
    const comments = someComments(12).map((comment, index) => ({
      ...comment,
      createdAt: new Date(Date.now() - (index + 2) * 60_000).toISOString(),
    }));
    serve({
      list: (request) =>
        Response.json(
          request.url.searchParams.get('cursor')
            ? aPage({ comments: comments.slice(8), count: 12 })
            : aPage({ comments: comments.slice(0, 8), count: 12, next: 'page-2' }),
        ),
    });
    const element = await mount({ 'page-size': '8' });
    const shown = $$(element, '[part="list"] > .group > [part="comment"]');
    expect(shown).to.have.length(8);
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    for (const item of shown) {
      observer.observe(item, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    $<HTMLButtonElement>(element, 'button[part~="show-more"]')!.click();
    await waitUntil(() => $$(element, '[part="comment"]').length === 12, 'the next page never appeared');
    await element.updateComplete;
    changes.push(...observer.takeRecords());
    observer.disconnect();
    expect(changes.map((change) => `${change.type} of ${change.target.nodeName}`)).to.deep.equal([]);
    expect(textOf(element, '#comment-c12 time [aria-hidden]')).to.equal('13 minutes ago');
  });

  it('moves focus from Show more, gone after the last page, to the first comment that page brought', async () => {
    serve({
      list: (request) =>
        Response.json(
          request.url.searchParams.get('cursor')
            ? aPage({ comments: someComments(3).slice(2), count: 3 })
            : aPage({ comments: someComments(2), count: 3, next: 'page-2' }),
        ),
    });
    const element = await mount();
    const more = $<HTMLButtonElement>(element, 'button[part~="show-more"]')!;
    more.focus();
    more.click();
    await waitUntil(
      () => element.shadowRoot!.activeElement?.matches('#comment-c3 > article'),
      'focus did not reach the new comment',
    );
    expect(document.activeElement === element, 'focus is in the widget').to.equal(true);
  });

  it('shows a comment that a later page brings again once, as the later page has it', async () => {
    const [first, second, third] = someComments(3);
    serve({
      list: (request) =>
        Response.json(
          request.url.searchParams.get('cursor')
            ? aPage({ comments: [{ ...second, text: 'Edited in between' }, third], count: 3 })
            : aPage({ comments: [first, second], count: 3, next: 'page-2' }),
        ),
    });
    const element = await mount();
    $<HTMLButtonElement>(element, 'button[part~="show-more"]')!.click();
    await waitUntil(() => !has(element, 'button[part~="show-more"]'), 'the last page never arrived');
    expect($$(element, '[part="body"]').map((body) => body.textContent!.trim())).to.deep.equal([
      'Comment number 1',
      'Edited in between',
      'Comment number 3',
    ]);
    expect(textOf(element, 'h2')).to.equal('3 comments');
  });

  it('says so when the next page cannot be loaded, and loads it with Show more again', async () => {
    let attempts = 0;
    serve({
      list: (request) =>
        !request.url.searchParams.get('cursor')
          ? Response.json(aPage({ comments: someComments(1), count: 2, next: 'page-2' }))
          : ++attempts === 1
            ? errorResponse(503, 'unavailable')
            : Response.json(aPage({ comments: someComments(2).slice(1), count: 2 })),
    });
    const element = await mount();
    $<HTMLButtonElement>(element, 'button[part~="show-more"]')!.click();
    await waitUntil(() => has(element, '.actions [role="alert"]'), 'the failure was not shown');
    expect(textOf(element, '.actions [role="alert"]')).to.equal('Comments could not be loaded.');
    expect($$(element, '[part="comment"]')).to.have.length(1);
    $<HTMLButtonElement>(element, 'button[part~="show-more"]')!.click();
    await waitUntil(() => $$(element, '[part="comment"]').length === 2, 'the second attempt failed');
    expect(has(element, 'button[part~="show-more"], .actions [role="alert"]')).to.equal(false);
  });

  it('counts the reader’s own comment once when a later page brings it again', async () => {
    const comments = someComments(3);
    let posted: unknown;
    serve({
      list: (request) =>
        Response.json(
          request.url.searchParams.get('cursor')
            ? aPage({ comments: [comments[2], posted as (typeof comments)[0]], count: 4, next: null })
            : aPage({ comments: comments.slice(0, 2), count: 3, next: 'page-2' }),
        ),
      post: async (request) => {
        const answer = postedAnswer(request);
        posted = (await answer.clone().json()).comment;
        return answer;
      },
    });
    const element = await mount();
    await fillAndSubmit(element);
    await postingDone(element);
    expect(textOf(element, 'h2')).to.equal('4 comments');
    $<HTMLButtonElement>(element, 'button[part~="show-more"]')!.click();
    await waitUntil(() => !$(element, 'button[part~="show-more"]'), 'the last page never arrived');
    expect($$(element, '[part="comment"]')).to.have.length(4);
    expect(textOf(element, 'h2')).to.equal('4 comments');
  });
});
