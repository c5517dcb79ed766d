import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import {
  $,
  $$,
  aPage,
  fill,
  postedAnswer,
  postingDone,
  resetPage,
  serve,
  settled,
  someComments,
  submit,
  textOf,
  waitFor,
} from './helpers.js';

const published = 'Your comment is published.';
const pending = 'Your comment is awaiting moderation and will appear once approved.';

const sizes = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
};
const pages = {
  light: 'background: #ffffff; color: #1a1a1a',
  dark: 'background: #121212; color: #e8e8e8',
};

afterEach(async () => {
  resetPage();
  await emulateMedia({ reducedMotion: 'no-preference' });
  await setViewport(sizes.desktop);
  scrollTo(0, 0);
});

/** A comment policy as sites write them: a few lines above the form, which push the form further down. */
const policy =
  '<p>Comments are moderated. Be kind, stay on topic, and do not share anyone’s private details.</p>' +
  '<p>Links are welcome; advertising is not. We may shorten or remove comments that break these rules.</p>';

/** A blog page: an article long enough to scroll, then the thread and its form. */
async function mountOnPage(page: keyof typeof pages): Promise<NatterComments> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang="en" style=${pages[page]}>
      <article style="height: 1500px">The article.</article>
      <natter-comments lazy="false" thread="/blog/hello"></natter-comments>
      <footer style="height: 300px"></footer>
    </div>`,
  );
  return settled(wrapper.querySelector('natter-comments')!);
}

/** Whether all of `element` is inside the viewport, without scrolling. */
function isInView(element: Element | null): boolean {
  const box = element?.getBoundingClientRect();
  return Boolean(box && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight);
}

/** Writes a comment and presses Post as a reader would, the button in view, and waits for the answer. */
async function post(element: NatterComments, text = 'Lovely post, thank you.'): Promise<void> {
  await fill(element, { name: 'Grace', text });
  $(element, 'button[type="submit"]')!.scrollIntoView({ block: 'end' });
  submit(element);
  await postingDone(element);
}

/** The comment the reader posted last (the fake server calls every new comment `new1`). */
const posted = (element: NatterComments) => $(element, '#comment-new1');

for (const [size, viewport] of Object.entries(sizes)) {
  for (const page of ['light', 'dark'] as const) {
    describe(`after posting, on a ${size} and a ${page} page`, () => {
      beforeEach(() => setViewport(viewport));

      it('brings the new comment and its confirmation into view, without the reader scrolling', async () => {
        serve({ list: aPage({ comments: someComments(6), policy }) });
        const element = await mountOnPage(page);
        await waitFor(() => $(element, '[part="policy"] p'), 'the policy never appeared');
        await fill(element, { name: 'Grace', text: 'Lovely post, thank you.' });
        $(element, 'button[type="submit"]')!.scrollIntoView({ block: 'end' });
        // On a phone, the thread is out of sight while the reader presses Post.
        if (size === 'phone') expect(isInView($$(element, '.comment').at(-1)!)).to.equal(false);
        submit(element);
        await postingDone(element);

        await waitFor(
          () => isInView(posted(element)) && isInView($(element, '[part="confirmation"]')),
          'the new comment and its confirmation never came into view',
          { timeout: 3000 },
        );
        expect(textOf(element, '#comment-new1 [part="body"]')).to.equal('Lovely post, thank you.');
        expect(textOf(element, '#comment-new1 [part="confirmation"]')).to.equal(published);
      });

      it('says, beside a held comment, that it awaits moderation, and marks it so', async () => {
        serve({
          list: aPage({ comments: someComments(6) }),
          post: (request) => postedAnswer(request, 'pending'),
        });
        const element = await mountOnPage(page);
        await post(element);
        await waitFor(
          () => isInView($(element, '[part="confirmation"]')),
          'the confirmation is not in view',
          {
            timeout: 3000,
          },
        );
        expect(textOf(element, '#comment-new1 [part="confirmation"]')).to.equal(pending);
        expect(textOf(element, '#comment-new1 [part="badge"]')).to.equal('Awaiting moderation');
      });
    });
  }
}

describe('after posting: the mark and the words', () => {
  it('marks the new comment apart from the others, and lights it up for a moment', async () => {
    serve({ list: aPage({ comments: someComments(2) }) });
    const element = await mountOnPage('light');
    await post(element);
    const [other] = $$(element, '.comment');
    expect(getComputedStyle(posted(element)!).boxShadow).not.to.equal(getComputedStyle(other).boxShadow);
    const light = getComputedStyle(posted(element)!, '::after');
    expect(light.animationName).not.to.equal('none');
    expect(Number.parseFloat(light.animationDuration)).to.be.within(1, 6);
  });

  it('keeps the mark still for a reader who asked for less motion, and scrolls without animation', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    await setViewport(sizes.phone);
    serve({ list: aPage({ comments: someComments(6), policy }) });
    const element = await mountOnPage('light');
    await waitFor(() => $(element, '[part="policy"] p'), 'the policy never appeared');
    await post(element);
    // No smooth scrolling: the comment is in view as soon as it is painted.
    await element.updateComplete;
    await new Promise(requestAnimationFrame);
    expect(isInView(posted(element))).to.equal(true);
    const light = getComputedStyle(posted(element)!, '::after');
    expect(light.animationName).to.equal('none');
    expect(light.backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
    expect(Number.parseFloat(light.opacity)).to.be.greaterThan(0);
  });

  it('announces the outcome once, in the live region, and shows the same words in a part that is not one', async () => {
    serve({ list: aPage({ comments: someComments(2) }) });
    const element = await mountOnPage('light');
    await post(element);
    await waitFor(() => textOf(element, '[role="status"]') === published, 'nothing was announced');
    const confirmation = $(element, '[part="confirmation"]')!;
    expect(confirmation.closest('[aria-live], [role="status"], [role="alert"]')).to.equal(null);
    expect($$(element, '[aria-live], [role="status"]')).to.have.length(1);
  });

  it('confirms only the latest post, and none once the thread is loaded again', async () => {
    let id = 0;
    serve({
      list: aPage({ comments: someComments(2) }),
      post: async (request) => {
        const answer = (await postedAnswer(request).json()) as { comment: { id: string } };
        answer.comment.id = `new${++id}`;
        return new Response(JSON.stringify(answer), { status: 201 });
      },
    });
    const element = await mountOnPage('light');
    await post(element, 'First.');
    await post(element, 'Second.');
    expect($$(element, '[part="confirmation"]').map((node) => node.closest('.comment')!.id)).to.deep.equal([
      'comment-new2',
    ]);
    expect($$(element, '.just-posted').map((node) => node.id)).to.deep.equal(['comment-new2']);
    element.reload();
    await settled(element);
    expect($$(element, '[part="confirmation"]')).to.have.length(0);
  });
});
