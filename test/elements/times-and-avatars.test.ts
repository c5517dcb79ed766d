import { expect, waitUntil } from '@open-wc/testing';
import { $, $$, aComment, aPage, mount, resetPage, serve } from './helpers.js';
import { useFakeClock } from './fake-clock.js';

// Recent comments say how long ago they were written, in the reader's language, with the full date for screen
// readers; every author has a picture drawn here, without asking anyone else.

afterEach(resetPage);

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('natter-comments times', () => {
  it('says “5 minutes ago” to the eye, and the full date and time on hover and to screen readers', async () => {
    const createdAt = minutesAgo(5);
    serve({ list: aPage({ comments: [aComment({ createdAt })] }) });
    const element = await mount();
    const time = $<HTMLTimeElement>(element, 'time')!;
    expect(time.dateTime).to.equal(createdAt);
    const [seen, heard] = [...time.children] as HTMLElement[];
    expect(seen!.textContent).to.equal('5 minutes ago');
    expect(seen!.getAttribute('aria-hidden')).to.equal('true');
    expect(heard!.className).to.equal('visually-hidden');
    expect(heard!.textContent).to.equal(time.title);
    expect(time.title).to.match(/\d{4}/);
  });

  it('speaks the element’s locale', async () => {
    serve({ list: aPage({ comments: [aComment({ createdAt: minutesAgo(60 * 26) })] }) });
    const element = await mount({ locale: 'de' });
    expect($(element, 'time [aria-hidden]')!.textContent).to.equal('gestern');
  });

  it('shows the date once a comment is a week old', async () => {
    serve({ list: aPage({ comments: [aComment({ createdAt: '2025-06-01T14:05:00.000Z' })] }) });
    const element = await mount();
    expect($(element, 'time')!.textContent!.trim()).to.equal('June 1, 2025 at 2:05 PM');
  });

  it('says it again as time passes, with one timer, stopped when the element leaves', async () => {
    const clock = useFakeClock();
    try {
      serve({
        list: aPage({ comments: [aComment({ createdAt: new Date(Date.now() - 10_000).toISOString() })] }),
      });
      const element = await mount();
      expect($(element, 'time [aria-hidden]')!.textContent).to.equal('now');
      await clock.tick(3 * 60_000);
      expect($(element, 'time [aria-hidden]')!.textContent).to.equal('3 minutes ago');
      element.remove();
      await clock.tick(60 * 60_000);
      expect($(element, 'time [aria-hidden]')!.textContent).to.equal('3 minutes ago');
    } finally {
      clock.restore();
    }
  });
});

describe('natter-comments avatars', () => {
  it('draws the same identicon for the same value, another for another, and initials without one', async () => {
    serve({
      list: aPage({
        comments: [
          aComment({ id: 'a', avatar: 'k2Jd9sQx' }),
          aComment({ id: 'b', avatar: 'k2Jd9sQx' }),
          aComment({ id: 'c', avatar: 'Zp0qLm3w' }),
          aComment({ id: 'd', avatar: null, author: { name: 'Ada King Lovelace', url: null } }),
        ],
      }),
    });
    const element = await mount();
    const [a, b, c, d] = $$(element, '[part="avatar"]');
    expect(a!.localName).to.equal('svg');
    expect(a!.getAttribute('aria-hidden')).to.equal('true');
    expect(a!.innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal(b!.innerHTML.replace(/<!--[^>]*-->/g, ''));
    expect(a!.innerHTML.replace(/<!--[^>]*-->/g, '')).not.to.equal(c!.innerHTML.replace(/<!--[^>]*-->/g, ''));
    expect(d!.textContent!.trim()).to.equal('AL');
  });

  it('shows Gravatar’s image only when the server sends it, without a referrer, lazily and silent', async () => {
    serve({
      list: aPage({
        comments: [aComment({ avatar: 'x', avatarUrl: 'https://gravatar.example/avatar/abc?d=identicon' })],
      }),
    });
    const element = await mount();
    const image = $<HTMLImageElement>(element, 'img[part="avatar"]')!;
    expect(image.getAttribute('src')).to.equal('https://gravatar.example/avatar/abc?d=identicon');
    expect(image.alt).to.equal('');
    expect(image.referrerPolicy).to.equal('no-referrer');
    expect(image.loading).to.equal('lazy');
  });

  it('draws the avatar in place of a Gravatar image that fails to load', async () => {
    const missing = new URL('/no-such-avatar.png', location.href).href;
    serve({ list: aPage({ comments: [aComment({ avatar: 'k2Jd9sQx', avatarUrl: missing })] }) });
    const element = await mount();
    const image = $<HTMLImageElement>(element, 'img[part="avatar"]')!;
    const drawn = $<SVGElement>(element, 'svg[part="avatar"]')!;
    const isShown = (node: Element) => getComputedStyle(node).display !== 'none';
    // A 404 from this server may already have come back on a busy machine: only a pending image is checked.
    if (!image.complete) expect(isShown(drawn), 'while the image may still come').to.equal(false);
    await waitUntil(() => !isShown(image), 'the image failed and was hidden');
    expect(isShown(drawn)).to.equal(true);
    expect(drawn.querySelector('path')?.getAttribute('d'), 'an identicon').to.match(
      /^(M[\d.]+ [\d.]+h1\.6v1\.6h-1\.6z)+$/,
    );
  });

  it('never loads an image from a URL that is not http or https', async () => {
    serve({ list: aPage({ comments: [aComment({ avatar: 'x', avatarUrl: 'javascript:alert(1)' })] }) });
    const element = await mount();
    expect($$(element, 'img')).to.have.length(0);
  });
});
