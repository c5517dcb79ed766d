import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { $, resetPage, settled, textOf } from './helpers.js';

// A site embeds the widget from a natter server started without `--origin` for it: the browser refuses the page
// the server's answers (CORS). The reader learns that the comments cannot be shown here (not that the server is
// down), and the site owner, in the console, what to change.

const refused = 'The comment server does not allow this site to show its comments.';
const unreachable = 'Comments could not be loaded.';

let warnings: string[] = [];
const consoleWarn = console.warn;

beforeEach(() => {
  warnings = [];
  console.warn = (...parts: unknown[]) => warnings.push(parts.join(' '));
});

afterEach(() => {
  console.warn = consoleWarn;
  resetPage();
});

/** A browser's view of a server on another origin: `no-cors` requests resolve, the page's own are refused. */
function refusingServer({ isReachable = true } = {}): void {
  window.fetch = (_input: RequestInfo | URL, init: RequestInit = {}) =>
    isReachable && init.mode === 'no-cors'
      ? Promise.resolve(new Response(null, { status: 200 }))
      : Promise.reject(new TypeError('Failed to fetch'));
}

async function mountFrom(endpoint: string): Promise<{ element: NatterComments; errors: string[] }> {
  const errors: string[] = [];
  const wrapper = await fixture<HTMLDivElement>(
    html`<div
      lang="en"
      @natter-error=${(event: CustomEvent<{ phase: string; error: { code: string } }>) =>
        errors.push(`${event.detail.phase}: ${event.detail.error.code}`)}
    >
      <natter-comments lazy="false" thread="/blog/hello" endpoint=${endpoint}></natter-comments>
    </div>`,
  );
  return { element: await settled(wrapper.querySelector('natter-comments')!), errors };
}

describe('natter-comments on a site its server does not allow', () => {
  it('says the server does not allow this site, not that it could not load, and reports cors', async () => {
    refusingServer();
    const { element, errors } = await mountFrom('https://comments.example/');
    expect(textOf(element, '[role="alert"] .error')).to.equal(refused);
    expect(errors).to.deep.equal(['load: cors']);
  });

  it('tells the site owner, once, to start the server with --origin and this page’s origin', async () => {
    refusingServer();
    // Once per page and server: a server no earlier test used.
    const { element } = await mountFrom('https://warned.example/');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('https://warned.example').and.include(`--origin ${location.origin}`);
    $(element, '[role="alert"] button')!.click();
    await waitUntil(() => textOf(element, '[role="alert"] .error') === refused, 'Try again failed otherwise');
    await settled(element);
    expect(warnings).to.have.length(1);
  });

  it('still says it could not load when the server does not answer at all, and warns of nothing', async () => {
    refusingServer({ isReachable: false });
    const { element, errors } = await mountFrom('https://unreachable.example/');
    expect(textOf(element, '[role="alert"] .error')).to.equal(unreachable);
    expect(errors).to.deep.equal(['load: network']);
    expect(warnings).to.deep.equal([]);
  });

  it('says so in the reader’s language', async () => {
    refusingServer();
    for (const [lang, message] of [
      ['de', 'Der Kommentar-Server erlaubt dieser Website nicht, seine Kommentare anzuzeigen.'],
      ['sv', 'Kommentarsservern tillåter inte den här webbplatsen att visa dess kommentarer.'],
    ]) {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang=${lang}>
          <natter-comments
            lazy="false"
            thread="/blog/hello"
            endpoint="https://other.example/"
          ></natter-comments>
        </div>`,
      );
      const element = await settled(wrapper.querySelector('natter-comments')!);
      await waitUntil(() => textOf(element, '[role="alert"] .error') === message, `no ${lang} message`);
    }
  });

  it('tells a real refusal by the browser from a real unreachable server', async () => {
    // The test server answers on 127.0.0.1 and on localhost alike: to this page, the other one is another
    // origin, and its answers carry no Access-Control-Allow-Origin.
    const other = new URL(location.href);
    other.hostname = other.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const { element } = await mountFrom(other.origin);
    expect(textOf(element, '[role="alert"] .error')).to.equal(refused);
    const down = await mountFrom('http://127.0.0.1:1/');
    expect(textOf(down.element, '[role="alert"] .error')).to.equal(unreachable);
  });
});
