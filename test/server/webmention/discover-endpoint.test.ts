// Webmention endpoint discovery as webmention.rocks tests it (discovery tests 1 to 23, each page rebuilt here on a
// loopback server and named after its test), then the Pingback fallback, all through the real source fetcher.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSourceFetcher } from '../../../src/server/node/source-fetcher.js';
import {
  discoverEndpoint,
  TargetUnavailableError,
} from '../../../src/server/webmention/discover-endpoint.js';
import { htmlPage, startPageServer, type Answer, type PageServer } from './page-server.js';

/** An endpoint on another host: an absolute URL must be kept as it is, not resolved against the page. */
const elsewhere = 'https://endpoints.example';

interface DiscoveryCase {
  test: number;
  title: string;
  /** The page at /test/N, or every route of the case. */
  page: Answer | Record<string, Answer>;
  /** Where the endpoint must be found; a path is on the page's own server. */
  endpoint: string;
}

const html = (body: string, head = ''): Answer => ({ body: htmlPage(body, head) });

const cases: DiscoveryCase[] = [
  {
    test: 1,
    title: 'HTTP Link header, unquoted rel, relative URL',
    page: { headers: { Link: '</test/1/webmention?head=true>; rel=webmention' }, body: htmlPage('') },
    endpoint: '/test/1/webmention?head=true',
  },
  {
    test: 2,
    title: 'HTTP Link header, unquoted rel, absolute URL',
    page: {
      headers: { Link: `<${elsewhere}/test/2/webmention?head=true>; rel=webmention` },
      body: htmlPage(''),
    },
    endpoint: `${elsewhere}/test/2/webmention?head=true`,
  },
  {
    test: 3,
    title: 'HTML <link> tag, relative URL',
    page: html('<p>A post</p>', '<link rel="webmention" href="/test/3/webmention">'),
    endpoint: '/test/3/webmention',
  },
  {
    test: 4,
    title: 'HTML <link> tag, absolute URL',
    page: html('<p>A post</p>', `<link rel="webmention" href="${elsewhere}/test/4/webmention">`),
    endpoint: `${elsewhere}/test/4/webmention`,
  },
  {
    test: 5,
    title: 'HTML <a> tag, relative URL',
    page: html('<p>Send mentions <a rel="webmention" href="/test/5/webmention">here</a></p>'),
    endpoint: '/test/5/webmention',
  },
  {
    test: 6,
    title: 'HTML <a> tag, absolute URL',
    page: html(`<p>Send mentions <a rel="webmention" href="${elsewhere}/test/6/webmention">here</a></p>`),
    endpoint: `${elsewhere}/test/6/webmention`,
  },
  {
    test: 7,
    title: 'HTTP Link header with strange casing',
    page: { headers: { LinK: `<${elsewhere}/test/7/webmention>; rel=webmention` }, body: htmlPage('') },
    endpoint: `${elsewhere}/test/7/webmention`,
  },
  {
    test: 8,
    title: 'HTTP Link header, quoted rel',
    page: { headers: { Link: `<${elsewhere}/test/8/webmention>; rel="webmention"` }, body: htmlPage('') },
    endpoint: `${elsewhere}/test/8/webmention`,
  },
  {
    test: 9,
    title: 'Multiple rel values on a <link> tag',
    page: html('', '<link rel="webmention somethingelse" href="/test/9/webmention">'),
    endpoint: '/test/9/webmention',
  },
  {
    test: 10,
    title: 'Multiple rel values on a Link header',
    page: {
      headers: { Link: `<${elsewhere}/test/10/webmention>; rel="webmention somethingelse"` },
      body: htmlPage(''),
    },
    endpoint: `${elsewhere}/test/10/webmention`,
  },
  {
    test: 11,
    title: 'Multiple Webmention endpoints advertised: Link, <link>, <a>',
    page: {
      headers: { Link: '</test/11/webmention>; rel="webmention"' },
      body: htmlPage(
        '<a rel="webmention" href="/test/11/error">not this</a>',
        '<link rel="webmention" href="/test/11/error">',
      ),
    },
    endpoint: '/test/11/webmention',
  },
  {
    test: 12,
    title: 'Checking for exact match of rel=webmention',
    page: html(
      '',
      '<link rel="not-webmention" href="/test/12/error"><link rel="webmention" href="/test/12/webmention">',
    ),
    endpoint: '/test/12/webmention',
  },
  {
    test: 13,
    title: 'False endpoint inside an HTML comment',
    page: html(
      '<!-- <a rel="webmention" href="/test/13/error">not this</a> -->' +
        '<a rel="webmention" href="/test/13/webmention">this</a>',
      '<!-- <link rel="webmention" href="/test/13/error"> -->',
    ),
    endpoint: '/test/13/webmention',
  },
  {
    test: 14,
    title: 'False endpoint in escaped HTML',
    page: html(
      '<code>&lt;a href="/test/14/error" rel="webmention"&gt;&lt;/a&gt;</code>' +
        '<a rel="webmention" href="/test/14/webmention">this</a>',
    ),
    endpoint: '/test/14/webmention',
  },
  {
    test: 15,
    title: 'Webmention href is an empty string',
    page: html('', '<link rel="webmention" href="">'),
    endpoint: '/test/15',
  },
  {
    test: 16,
    title: 'Multiple Webmention endpoints advertised: <a>, <link>',
    page: html(
      '<a rel="webmention" href="/test/16/webmention">first</a><link rel="webmention" href="/test/16/error">',
    ),
    endpoint: '/test/16/webmention',
  },
  {
    test: 17,
    title: 'Multiple Webmention endpoints advertised: <link>, <a>',
    page: html(
      '<link rel="webmention" href="/test/17/webmention"><a rel="webmention" href="/test/17/error">second</a>',
    ),
    endpoint: '/test/17/webmention',
  },
  {
    test: 18,
    title: 'Multiple HTTP Link headers',
    page: {
      headers: {
        Link: [
          `<${elsewhere}/test/18/error>; rel="other"`,
          `<${elsewhere}/test/18/webmention>; rel="webmention"`,
        ],
      },
      body: htmlPage(''),
    },
    endpoint: `${elsewhere}/test/18/webmention`,
  },
  {
    test: 19,
    title: 'Single HTTP Link header with multiple values',
    page: {
      headers: {
        Link: `<${elsewhere}/test/19/error>; rel="other", <${elsewhere}/test/19/webmention>; rel="webmention"`,
      },
      body: htmlPage(''),
    },
    endpoint: `${elsewhere}/test/19/webmention`,
  },
  {
    test: 20,
    title: 'Link tag with no href attribute',
    page: html('<a rel="webmention" href="/test/20/webmention">this</a>', '<link rel="webmention">'),
    endpoint: '/test/20/webmention',
  },
  {
    test: 21,
    title: 'Webmention endpoint has query string parameters',
    page: html('', '<link rel="webmention" href="/test/21/webmention?query=yes">'),
    endpoint: '/test/21/webmention?query=yes',
  },
  {
    test: 22,
    title: 'Webmention endpoint is relative to the path',
    page: html('', '<link rel="webmention" href="22/webmention">'),
    endpoint: '/test/22/webmention',
  },
  {
    test: 23,
    title: 'Webmention target is a redirect and the endpoint is relative',
    page: {
      '/test/23': { status: 302, headers: { Location: '/test/23/page/k3y' } },
      '/test/23/page/k3y': {
        headers: { Link: '<webmention-endpoint/k3y>; rel="webmention"' },
        body: htmlPage(''),
      },
    },
    endpoint: '/test/23/page/webmention-endpoint/k3y',
  },
];

/** The routes of every case, each at /test/N unless it names its own. */
function routesOf(all: DiscoveryCase[]): Record<string, Answer> {
  const routes: Record<string, Answer> = {};
  for (const { test, page } of all) {
    if ('body' in page || 'headers' in page) routes[`/test/${test}`] = page as Answer;
    else Object.assign(routes, page);
  }
  return routes;
}

const fetchPage = createSourceFetcher({ userAgent: 'natter-test (discovery)', allowLoopback: true });

describe('discoverEndpoint', () => {
  let site: PageServer;
  before(async () => {
    site = await startPageServer({
      ...routesOf(cases),
      '/pingback/header': { headers: { 'X-Pingback': '/xmlrpc.php' }, body: htmlPage('') },
      '/pingback/link': html('', '<link rel="pingback" href="http://blog.example/xmlrpc.php">'),
      '/pingback/and-webmention': {
        headers: { 'X-Pingback': '/xmlrpc.php' },
        body: htmlPage('', '<link rel="webmention" href="/webmention">'),
      },
      '/pingback/a-element': html('<a rel="pingback" href="/xmlrpc.php">not a pingback server</a>'),
      '/no-endpoint': html('<p>No endpoint here; <a href="/elsewhere">a link</a></p>'),
      '/not-html': {
        headers: { 'Content-Type': 'text/plain' },
        body: '<link rel="webmention" href="/text/is/not/markup">',
      },
      '/missing-with-link': {
        status: 404,
        headers: { Link: '</gone/webmention>; rel=webmention' },
        body: '',
      },
    });
  });
  after(() => site.close());

  for (const { test, title, endpoint } of cases) {
    it(`webmention.rocks discovery test ${test}: ${title}`, async () => {
      const expected = endpoint.startsWith('/') ? `${site.origin}${endpoint}` : endpoint;
      assert.deepEqual(await discoverEndpoint(`${site.origin}/test/${test}`, fetchPage), {
        type: 'webmention',
        endpoint: expected,
      });
    });
  }

  it('falls back to Pingback: the X-Pingback header, resolved', async () => {
    assert.deepEqual(await discoverEndpoint(`${site.origin}/pingback/header`, fetchPage), {
      type: 'pingback',
      endpoint: `${site.origin}/xmlrpc.php`,
    });
  });

  it('falls back to Pingback: <link rel="pingback">, but not an <a> with that rel', async () => {
    assert.deepEqual(await discoverEndpoint(`${site.origin}/pingback/link`, fetchPage), {
      type: 'pingback',
      endpoint: 'http://blog.example/xmlrpc.php',
    });
    assert.equal(await discoverEndpoint(`${site.origin}/pingback/a-element`, fetchPage), undefined);
  });

  it('prefers a Webmention endpoint to a Pingback server', async () => {
    assert.deepEqual(await discoverEndpoint(`${site.origin}/pingback/and-webmention`, fetchPage), {
      type: 'webmention',
      endpoint: `${site.origin}/webmention`,
    });
  });

  it('finds nothing on a page without an endpoint, nor in text that is not HTML', async () => {
    assert.equal(await discoverEndpoint(`${site.origin}/no-endpoint`, fetchPage), undefined);
    assert.equal(await discoverEndpoint(`${site.origin}/not-html`, fetchPage), undefined);
  });

  it('reads the Link header of a page that answers with an error status', async () => {
    assert.deepEqual(await discoverEndpoint(`${site.origin}/missing-with-link`, fetchPage), {
      type: 'webmention',
      endpoint: `${site.origin}/gone/webmention`,
    });
  });

  it('throws a TargetUnavailableError, with the reason, for a target the fetcher refuses', async () => {
    const withoutLoopback = createSourceFetcher({ userAgent: 'natter-test (discovery)' });
    const before = site.received.length;
    await assert.rejects(
      discoverEndpoint(`${site.origin}/test/1`, withoutLoopback),
      (error) => error instanceof TargetUnavailableError && error.reason === 'forbidden_address',
    );
    assert.equal(site.received.length, before, 'the refused target was never asked');
  });
});
