// Sending mentions from a real post on a loopback site to the pages it links to, through the real source fetcher:
// what each endpoint received, and what is reported for each linked page.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { createSourceFetcher, type HostResolver } from '../../../src/server/node/source-fetcher.js';
import { sendMentions, SourceUnavailableError } from '../../../src/server/webmention/send-mentions.js';
import { faultResponse, methodResponse, parseMethodCall } from '../../../src/server/webmention/xml-rpc.js';
import { htmlPage, startPageServer, type PageServer, type ReceivedRequest } from './page-server.js';

const userAgent = 'natter/0.0.0-test (Webmention sender; +http://127.0.0.1/)';

/**
 * `intranet.example` has a loopback address and a private one: the fetcher must refuse it for the private one, and
 * were it to connect anyway, it would reach the loopback site (and the test would see it), never the private network.
 * Any other name does not exist.
 */
const lookup: HostResolver = async (hostname) => {
  if (hostname === 'intranet.example') {
    return [
      { address: '127.0.0.1', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
  }
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

const fetchPage = createSourceFetcher({ userAgent, allowLoopback: true, lookup });

const servers: PageServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

async function startSite(...args: Parameters<typeof startPageServer>) {
  const site = await startPageServer(...args);
  servers.push(site);
  return site;
}

/** The form fields of a Webmention request. */
const formOf = (request: ReceivedRequest) => Object.fromEntries(new URLSearchParams(request.body));

const posts = (site: PageServer, path: string) =>
  site.received.filter((request) => request.method === 'POST' && request.path === path);

describe('sendMentions', () => {
  it('sends a Webmention or a Pingback to each page the post links to, and says what became of each', async () => {
    /** Accepts with 202 for the reply, else with 201 and a status page named after the target. */
    const webmentionEndpoint = (request: ReceivedRequest) => {
      const target = new URL(formOf(request).target ?? '');
      return {
        status: target.pathname === '/replied' ? 202 : 201,
        headers: { Location: `/mentions${target.pathname}` },
      };
    };
    const site = await startSite({
      '/2026/11/a-post': (_request, origin) => ({
        body: htmlPage(`
          <nav><a href="/">Home</a> <a href="/about">About</a></nav>
          <article class="h-entry">
            <p>In reply to <a class="u-in-reply-to" href="${origin}/replied">a question</a></p>
            <div class="e-content">
              <p>I liked <a href="/webmention-target">this post</a>, <a href="${origin}/pingback-target#comments">this
              one</a> and <a href="plain-target">this</a>. Again: <a href="/webmention-target">this post</a>.
              <a href="#top">Back up</a>, <a href="mailto:ada@example.com">mail me</a>,
              <a href="/internal-target">a page on the intranet</a>.</p>
            </div>
          </article>`),
      }),
      '/webmention-target': { headers: { Link: '</webmention>; rel="webmention"' }, body: htmlPage('') },
      '/webmention': webmentionEndpoint,
      '/webmention?from=replied': webmentionEndpoint,
      '/pingback-target': { headers: { 'X-Pingback': '/xmlrpc' }, body: htmlPage('') },
      '/xmlrpc': {
        headers: { 'Content-Type': 'text/xml' },
        body: methodResponse('Pingback registered. Thanks!'),
      },
      '/2026/11/plain-target': { body: htmlPage('<p>No endpoint here.</p>') },
      '/internal-target': (_request, origin) => ({
        body: htmlPage(
          '',
          `<link rel="webmention" href="${origin.replace('127.0.0.1', 'intranet.example')}/webmention">`,
        ),
      }),
      '/replied': { body: htmlPage('', '<link rel="webmention" href="/webmention?from=replied">') },
    });
    const source = `${site.origin}/2026/11/a-post`;

    const results = await sendMentions(source, { fetchPage });

    const { origin } = site;
    assert.deepEqual(results, [
      {
        target: `${origin}/webmention-target`,
        outcome: 'sent',
        via: 'webmention',
        endpoint: `${origin}/webmention`,
        status: 201,
        location: `${origin}/mentions/webmention-target`,
      },
      {
        target: `${origin}/pingback-target`,
        outcome: 'sent',
        via: 'pingback',
        endpoint: `${origin}/xmlrpc`,
        status: 200,
        detail: 'Pingback registered. Thanks!',
      },
      { target: `${origin}/2026/11/plain-target`, outcome: 'no_endpoint' },
      {
        target: `${origin}/internal-target`,
        outcome: 'failed',
        via: 'webmention',
        endpoint: `${origin.replace('127.0.0.1', 'intranet.example')}/webmention`,
        detail: '10.0.0.1 refused (private)',
      },
      {
        target: `${origin}/replied`,
        outcome: 'sent',
        via: 'webmention',
        endpoint: `${origin}/webmention?from=replied`,
        status: 202,
        location: `${origin}/mentions/replied`,
      },
    ]);

    const webmentions = site.received.filter(
      (request) => request.method === 'POST' && request.path.startsWith('/webmention'),
    );
    assert.deepEqual(
      webmentions.map((request) => [request.path, request.headers['content-type'], formOf(request)]).sort(),
      [
        [
          '/webmention',
          'application/x-www-form-urlencoded',
          { source, target: `${origin}/webmention-target` },
        ],
        [
          '/webmention?from=replied',
          'application/x-www-form-urlencoded',
          { source, target: `${origin}/replied` },
        ],
      ],
      'one Webmention each, none to the refused endpoint',
    );
    const [pingback, ...more] = posts(site, '/xmlrpc');
    assert.equal(more.length, 0);
    assert.match(String(pingback?.headers['content-type']), /^text\/xml/);
    assert.deepEqual(parseMethodCall(pingback?.body ?? ''), {
      method: 'pingback.ping',
      params: [source, `${origin}/pingback-target`],
    });
    for (const request of site.received) assert.equal(request.headers['user-agent'], userAgent);
    const asked = site.received.filter((request) => request.method === 'GET').map((request) => request.path);
    assert.ok(
      !asked.includes('/') && !asked.includes('/about'),
      'links outside the h-entry are not mentioned',
    );
  });

  it('reports what endpoints refused, and reads a page without an h-entry whole', async () => {
    const site = await startSite({
      '/pages/index': {
        body: htmlPage(
          `<a href="bad-request">1</a> <a href="fault">2</a> <a href="registered">3</a> <a href="garbage">4</a>
           <a href="http://nowhere.example/">5</a> <a href="/pages/index">this page</a>`,
          '<base href="/pages/">',
        ),
      },
      '/pages/bad-request': { headers: { Link: '</webmention>; rel=webmention' }, body: '' },
      '/webmention': { status: 400, body: 'source has no link to target' },
      '/pages/fault': { headers: { 'X-Pingback': '/xmlrpc/fault' }, body: '' },
      '/xmlrpc/fault': { body: faultResponse(17, 'The source <does not> link to the target.') },
      '/pages/registered': { headers: { 'X-Pingback': '/xmlrpc/registered' }, body: '' },
      '/xmlrpc/registered': { body: faultResponse(48, 'The pingback has already been registered.') },
      '/pages/garbage': { headers: { 'X-Pingback': '/xmlrpc/garbage' }, body: '' },
      '/xmlrpc/garbage': { body: '<html>Not XML-RPC at all' },
    });
    const { origin } = site;

    const results = await sendMentions(`${origin}/pages/index`, { fetchPage });

    assert.deepEqual(
      results.map(({ target, outcome, status, detail }) => ({ target, outcome, status, detail })),
      [
        {
          target: `${origin}/pages/bad-request`,
          outcome: 'failed',
          status: 400,
          detail: 'answered 400',
        },
        {
          target: `${origin}/pages/fault`,
          outcome: 'failed',
          status: 200,
          detail: 'fault 17: The source <does not> link to the target.',
        },
        {
          target: `${origin}/pages/registered`,
          outcome: 'sent',
          status: 200,
          detail: 'fault 48: The pingback has already been registered.',
        },
        {
          target: `${origin}/pages/garbage`,
          outcome: 'failed',
          status: 200,
          detail: results[3]?.detail,
        },
        {
          target: 'http://nowhere.example/',
          outcome: 'no_endpoint',
          status: undefined,
          detail: 'could not fetch it: nowhere.example not found (ENOTFOUND)',
        },
      ],
    );
    assert.match(results[3]?.detail ?? '', /^not an XML-RPC answer: /);
  });

  it('throws a SourceUnavailableError, sending nothing, when the source cannot be read', async () => {
    const site = await startSite({});
    await assert.rejects(
      sendMentions(`${site.origin}/missing`, { fetchPage }),
      (error) => error instanceof SourceUnavailableError && error.message === 'it answered 404',
    );
    const withoutLoopback = createSourceFetcher({ userAgent });
    await assert.rejects(
      sendMentions(`${site.origin}/missing`, { fetchPage: withoutLoopback }),
      (error) => error instanceof SourceUnavailableError && /127\.0\.0\.1 refused/.test(error.message),
    );
    assert.equal(site.received.length, 1);
  });

  it('works on at most four linked pages at once', async () => {
    let inFlight = 0;
    let most = 0;
    const target = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Held until four are asked at once (or a while has passed), so that a fifth would show.
      for (let waited = 0; inFlight < 4 && waited < 1000; waited += 10) await delay(10);
      await delay(20);
      inFlight -= 1;
      return { body: htmlPage('') };
    };
    const targets = Array.from({ length: 10 }, (_, index) => `/target/${index}`);
    const site = await startSite({
      '/source': { body: htmlPage(targets.map((path) => `<a href="${path}">${path}</a>`).join(' ')) },
      ...Object.fromEntries(targets.map((path) => [path, target])),
    });

    const results = await sendMentions(`${site.origin}/source`, { fetchPage });

    assert.deepEqual(
      results.map((result) => [result.target, result.outcome]),
      targets.map((path) => [`${site.origin}${path}`, 'no_endpoint']),
    );
    assert.equal(most, 4);
  });
});
