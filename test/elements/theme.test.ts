import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { $, aPage, resetPage, serve, settled } from './helpers.js';

// theme="auto" (the default) follows the page the widget sits on, not only the reader's colour scheme: a light
// blog read on a phone in dark mode gets the light theme, whose Post button reads as a button, not as a pale,
// disabled-looking one.

const lightAccent = 'rgb(26, 95, 180)';
const darkAccent = 'rgb(138, 180, 248)';

afterEach(async () => {
  resetPage();
  await emulateMedia({ colorScheme: 'light' });
  document.documentElement.removeAttribute('style');
  document.body.removeAttribute('style');
  document.body.removeAttribute('class');
  document.querySelector('#page-theme')?.remove();
});

/** Mounts the widget inside `<div style=…>` (nothing, by default), with `theme` when given. */
async function mountIn(style = '', theme?: string): Promise<NatterComments> {
  serve({ list: aPage() });
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang="en" style=${style}>
      <natter-comments lazy="false" thread="/blog/hello" theme=${theme ?? 'auto'}></natter-comments>
    </div>`,
  );
  return settled(wrapper.querySelector('natter-comments')!);
}

/** The colour of the Post button, the accent of the theme in use. */
function postButtonColour(element: NatterComments): string {
  return getComputedStyle($(element, 'button[type="submit"]')!).backgroundColor;
}

async function accentBecomes(element: NatterComments, colour: string): Promise<void> {
  await waitUntil(() => postButtonColour(element) === colour, `the accent never became ${colour}`);
}

describe('theme="auto" follows the page', () => {
  it('is light on a light page, though the reader’s device is in dark mode', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const element = await mountIn('background: #ffffff; color: #1a1a1a');
    expect(postButtonColour(element)).to.equal(lightAccent);
    expect(getComputedStyle($(element, 'section')!).colorScheme).to.equal('light');
  });

  it('is dark on a dark page, though the reader’s device is in light mode', async () => {
    const element = await mountIn('background: #121212; color: #e8e8e8');
    expect(postButtonColour(element)).to.equal(darkAccent);
    expect(getComputedStyle($(element, 'section')!).colorScheme).to.equal('dark');
  });

  it('looks through transparent ancestors, and out of a shadow root, to the colour behind it', async () => {
    const host = await fixture<HTMLDivElement>(html`<div style="background: rgb(20, 24, 32)"></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<section><div><div lang="en"></div></div></section>';
    serve({ list: aPage() });
    const element = document.createElement('natter-comments');
    element.setAttribute('lazy', 'false');
    element.setAttribute('thread', '/blog/hello');
    shadow.querySelector('[lang]')!.append(element);
    await settled(element);
    expect(postButtonColour(element)).to.equal(darkAccent);
  });

  it('reads colours written in any CSS syntax, oklch and color-mix included', async () => {
    const dark = await mountIn('background: oklch(0.2 0.02 260)');
    expect(postButtonColour(dark)).to.equal(darkAccent);
    const light = await mountIn('background: color-mix(in srgb, white 90%, navy)');
    expect(postButtonColour(light)).to.equal(lightAccent);
  });

  it('follows the page’s color-scheme where nothing paints a background, and the reader’s choice between both', async () => {
    document.documentElement.style.colorScheme = 'dark';
    const element = await mountIn();
    expect(postButtonColour(element)).to.equal(darkAccent);
    document.documentElement.style.colorScheme = 'light dark';
    await accentBecomes(element, lightAccent);
    await emulateMedia({ colorScheme: 'dark' });
    await accentBecomes(element, darkAccent);
  });

  it('changes with the page: when the reader’s scheme changes a page that follows it, or the page’s own switch', async () => {
    const style = document.createElement('style');
    style.id = 'page-theme';
    style.textContent =
      'body { background: #ffffff } body.night { background: #101010 } ' +
      '@media (prefers-color-scheme: dark) { body { background: #000000 } }';
    document.head.append(style);
    const element = await mountIn();
    expect(postButtonColour(element)).to.equal(lightAccent);
    await emulateMedia({ colorScheme: 'dark' });
    await accentBecomes(element, darkAccent);
    await emulateMedia({ colorScheme: 'light' });
    await accentBecomes(element, lightAccent);
    document.body.classList.add('night');
    await accentBecomes(element, darkAccent);
  });

  it('leaves no listener behind when it is removed, and watches again when it comes back', async () => {
    const listening = new Set<EventListenerOrEventListenerObject>();
    const matchMedia = window.matchMedia;
    window.matchMedia = (query: string) => {
      const list = matchMedia.call(window, query);
      const add = list.addEventListener.bind(list);
      const remove = list.removeEventListener.bind(list);
      list.addEventListener = (type: string, listener: EventListenerOrEventListenerObject) => {
        listening.add(listener);
        add(type, listener);
      };
      list.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject) => {
        listening.delete(listener);
        remove(type, listener);
      };
      return list;
    };
    try {
      const element = await mountIn();
      expect(listening.size).to.equal(1);
      const parent = element.parentElement!;
      element.remove();
      expect(listening.size).to.equal(0);
      parent.append(element);
      expect(listening.size).to.equal(1);
      element.remove();
      expect(listening.size).to.equal(0);
    } finally {
      window.matchMedia = matchMedia;
    }
  });
});

describe('theme="light" and theme="dark" fix the scheme', () => {
  const transparent = 'rgba(0, 0, 0, 0)';
  for (const [theme, page, accent] of [
    ['light', 'background: #121212; color: #e8e8e8', lightAccent],
    ['dark', 'background: #ffffff; color: #1a1a1a', darkAccent],
  ] as const) {
    it(`keeps ${theme} colours on a page of the other kind, on a panel of its own to read them on`, async () => {
      const element = await mountIn(page, theme);
      expect(postButtonColour(element)).to.equal(accent);
      const base = getComputedStyle($(element, '[part="base"]')!);
      expect(base.backgroundColor).not.to.equal(transparent);
      expect(base.colorScheme).to.equal(theme);
      expect(Number.parseFloat(base.paddingLeft)).to.be.above(0);
    });
  }

  for (const [theme, page, accent] of [
    ['light', 'background: #fafaf7; color: #1a1a1a', lightAccent],
    ['dark', 'background: #15191c; color: #e3e0d9', darkAccent],
  ] as const) {
    it(`blends into a ${theme} page like auto: no background, the page’s text colour`, async () => {
      const element = await mountIn(page, theme);
      expect(postButtonColour(element)).to.equal(accent);
      const base = getComputedStyle($(element, '[part="base"]')!);
      expect(base.backgroundColor).to.equal(transparent);
      expect(base.color).to.equal(getComputedStyle(element.parentElement!).color);
    });
  }
});
