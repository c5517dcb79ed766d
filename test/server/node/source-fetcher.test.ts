import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { before, describe, it } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import {
  createSourceFetcher,
  type HostResolver,
  type SourceFetcherOptions,
} from '../../../src/server/node/source-fetcher.js';
import type { FetchedPage, FetchFailure, FetchOutcome } from '../../../src/server/webmention/source-page.js';
import { makeCertificate, type Certificate } from '../notifications/receivers.js';
import { withWebSite, writeForever } from './web-site.js';

const userAgent = 'natter/0.1.0 (Webmention; +https://comments.example/)';

/** A fetcher as the tests need one: the test sites are on loopback, and nothing should take seconds. */
const fetcher = (options: Partial<SourceFetcherOptions> = {}) =>
  createSourceFetcher({ userAgent, allowLoopback: true, timeoutMs: 3000, ...options });

/** A resolver that knows `names` only (each name's addresses in order), and counts what it was asked. */
function resolverOf(names: Record<string, string[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const addresses = names[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({
      address,
      family: isIP(address) === 6 ? (6 as const) : (4 as const),
    }));
  };
  return Object.assign(resolve, { asked });
}

function pageOf(outcome: FetchOutcome): FetchedPage {
  assert.ok(outcome.ok, `expected a page, got ${JSON.stringify(outcome)}`);
  return outcome.page;
}

function assertFailure(outcome: FetchOutcome, reason: FetchFailure, detail?: string | RegExp): void {
  assert.ok(!outcome.ok, `expected ${reason}, got a page: ${outcome.ok && outcome.page.status}`);
  assert.equal(outcome.reason, reason, outcome.detail);
  if (typeof detail === 'string') assert.equal(outcome.detail, detail);
  if (detail instanceof RegExp) assert.match(outcome.detail, detail);
}

const html = (body: string) => `<!doctype html><title>A post</title><p>${body}</p>`;

describe('createSourceFetcher', () => {
  describe('pages', () => {
    it('fetches a page: its status, media type, body, headers and URL', async () => {
      await withWebSite(
        (_request, response) => {
          response.writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            'x-pingback': 'https://a.example/xmlrpc',
          });
          response.end(html('Ceci n’est pas une pipe'));
        },
        async (site) => {
          const page = pageOf(await fetcher()(`${site.origin}/posts/1?ref=feed`));
          assert.equal(page.status, 200);
          assert.equal(page.contentType, 'text/html');
          assert.equal(page.body, html('Ceci n’est pas une pipe'));
          assert.equal(page.url, `${site.origin}/posts/1?ref=feed`);
          assert.equal(page.headers.get('x-pingback'), 'https://a.example/xmlrpc');
          assert.equal(site.requests[0]?.url, '/posts/1?ref=feed');
        },
      );
    });

    it('says who it is and what it reads: User-Agent, Accept, Accept-Encoding and Host', async () => {
      await withWebSite(
        (_request, response) => response.end('ok'),
        async (site) => {
          pageOf(await fetcher()(`${site.origin}/`));
          const { headers } = site.requests[0]!;
          assert.equal(headers['user-agent'], userAgent);
          assert.equal(
            headers.accept,
            'text/html, application/xhtml+xml, application/json;q=0.9, text/plain;q=0.8, */*;q=0.1',
          );
          assert.equal(headers['accept-encoding'], 'gzip, deflate, br');
          assert.equal(headers.host, `127.0.0.1:${site.port}`);
        },
      );
    });

    it('decodes a body by its charset, or an HTML page by its <meta charset>, and an unknown label as UTF-8', async () => {
      const text = 'Café, naïve, Ærøskøbing';
      await withWebSite(
        (request, response) => {
          if (request.url === '/latin1') {
            response.writeHead(200, { 'content-type': 'text/plain; charset="ISO-8859-1"' });
            response.end(Buffer.from(text, 'latin1'));
          } else if (request.url === '/meta') {
            response.writeHead(200, { 'content-type': 'text/html' });
            response.end(Buffer.from(`<meta charset="windows-1252"><p>${text}</p>`, 'latin1'));
          } else {
            response.writeHead(200, { 'content-type': 'text/plain; charset=no-such-charset' });
            response.end(text);
          }
        },
        async (site) => {
          const fetch = fetcher();
          assert.equal(pageOf(await fetch(`${site.origin}/latin1`)).body, text);
          assert.equal(
            pageOf(await fetch(`${site.origin}/meta`)).body,
            `<meta charset="windows-1252"><p>${text}</p>`,
          );
          assert.equal(pageOf(await fetch(`${site.origin}/unknown`)).body, text);
        },
      );
    });

    it('decompresses gzip, deflate and Brotli bodies', async () => {
      const body = html('compressed '.repeat(100));
      await withWebSite(
        (request, response) => {
          const coding = request.url!.slice(1);
          const compress = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync }[coding]!;
          response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': coding });
          response.end(compress(body));
        },
        async (site) => {
          for (const coding of ['gzip', 'deflate', 'br']) {
            assert.equal(pageOf(await fetcher()(`${site.origin}/${coding}`)).body, body, coding);
          }
        },
      );
    });

    it('gives 404, 410 and 500 answers as pages without their bodies', async () => {
      await withWebSite(
        (request, response) => {
          response.writeHead(Number(request.url!.slice(1)), { 'content-type': 'text/html' });
          response.end(html('Not here'));
        },
        async (site) => {
          for (const status of [404, 410, 500]) {
            const page = pageOf(await fetcher()(`${site.origin}/${status}`));
            assert.equal(page.status, status);
            assert.equal(page.contentType, 'text/html');
            assert.equal(page.body, '');
          }
        },
      );
    });
  });

  describe('redirects', () => {
    /** A site where /hop/N redirects to /hop/N-1 (relative, absolute, by turns) and /hop/0 is the page. */
    const hops = (origin: () => string) => (request: IncomingMessage, response: ServerResponse) => {
      const left = Number(request.url!.split('/')[2]);
      if (left === 0) {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('arrived');
        return;
      }
      const statuses = [301, 302, 303, 307, 308];
      const next = left % 2 === 0 ? `${origin()}/hop/${left - 1}` : `../hop/${left - 1}`;
      response.writeHead(statuses[left % statuses.length]!, { location: next });
      response.end();
    };

    it('follows redirects up to the limit, relative ones too, and reports the last URL', async () => {
      let origin = '';
      await withWebSite(
        hops(() => origin),
        async (site) => {
          origin = site.origin;
          const page = pageOf(await fetcher({ maxRedirects: 5 })(`${site.origin}/hop/5`));
          assert.equal(page.body, 'arrived');
          assert.equal(page.url, `${site.origin}/hop/0`);
          assert.deepEqual(
            site.requests.map(({ url }) => url),
            ['/hop/5', '/hop/4', '/hop/3', '/hop/2', '/hop/1', '/hop/0'],
          );
        },
      );
    });

    it('refuses one redirect more than the limit', async () => {
      let origin = '';
      await withWebSite(
        hops(() => origin),
        async (site) => {
          origin = site.origin;
          assertFailure(
            await fetcher({ maxRedirects: 2 })(`${site.origin}/hop/3`),
            'too_many_redirects',
            'more than 2 redirects',
          );
          assert.equal(site.requests.length, 3);
        },
      );
    });

    it('refuses a redirect to a private, link-local, CGNAT, unique-local or metadata address', async () => {
      const refused = {
        '10.0.0.1': 'private',
        '169.254.169.254': 'linkLocal',
        '100.64.0.1': 'carrierGradeNat',
        'fd00:ec2::254': 'uniqueLocal',
        '::ffff:192.168.1.1': 'private',
      };
      await withWebSite(
        (request, response) => {
          response.writeHead(302, { location: `http://inside.test${request.url}` });
          response.end();
        },
        async (site) => {
          for (const [address, range] of Object.entries(refused)) {
            const lookup = resolverOf({ 'inside.test': [address] });
            // A connection to these would hang or fail as unreachable: a refusal answers at once.
            const outcome = await fetcher({ lookup, timeoutMs: 1000 })(`${site.origin}/metadata`);
            assertFailure(outcome, 'forbidden_address', `redirect to ${address} refused (${range})`);
            assert.deepEqual(lookup.asked, ['inside.test']);
          }
        },
      );
    });

    it('refuses a redirect to a URL that is not http or https', async () => {
      await withWebSite(
        (_request, response) => {
          response.writeHead(301, { location: 'file:///etc/passwd' });
          response.end();
        },
        async (site) => {
          assertFailure(
            await fetcher()(`${site.origin}/`),
            'forbidden_address',
            'redirect to file: URLs refused',
          );
        },
      );
    });
  });

  describe('addresses', () => {
    it('refuses literal addresses of the server’s own networks, without asking the resolver', async () => {
      const lookup = resolverOf({});
      const fetch = fetcher({ lookup, allowLoopback: false, timeoutMs: 1000 });
      const urls = {
        'http://10.0.0.1/': '10.0.0.1 refused (private)',
        'http://169.254.169.254/latest/meta-data/': '169.254.169.254 refused (linkLocal)',
        'http://100.64.0.1:8080/': '100.64.0.1 refused (carrierGradeNat)',
        'http://[fd00:ec2::254]/latest/meta-data/': 'fd00:ec2::254 refused (uniqueLocal)',
        'http://[::ffff:169.254.169.254]/': '::ffff:a9fe:a9fe refused (linkLocal)',
        'http://0x7f.1/': '127.0.0.1 refused (loopback)',
        'http://[::1]/': '::1 refused (loopback)',
        'http://0.0.0.0/': '0.0.0.0 refused (unspecified)',
        'http://[fe80::1]/': 'fe80::1 refused (linkLocal)',
        'http://224.0.0.1/': '224.0.0.1 refused (multicast)',
      };
      for (const [url, detail] of Object.entries(urls)) {
        assertFailure(await fetch(url), 'forbidden_address', detail);
      }
      assert.deepEqual(lookup.asked, []);
    });

    it('refuses loopback unless allowed, by address and by name', async () => {
      await withWebSite(
        (_request, response) => response.end('local'),
        async (site) => {
          const lookup = resolverOf({ localhost: ['127.0.0.1'], mapped: ['::ffff:127.0.0.1'] });
          const strict = fetcher({ lookup, allowLoopback: false });
          assertFailure(await strict(`${site.origin}/`), 'forbidden_address', '127.0.0.1 refused (loopback)');
          assertFailure(
            await strict(`http://localhost:${site.port}/`),
            'forbidden_address',
            '127.0.0.1 refused (loopback)',
          );
          assertFailure(
            await strict(`http://mapped:${site.port}/`),
            'forbidden_address',
            '::ffff:127.0.0.1 refused (loopback)',
          );
          assert.equal(site.requests.length, 0);

          const local = fetcher({ lookup, allowLoopback: true });
          assert.equal(pageOf(await local(`${site.origin}/`)).body, 'local');
          assert.equal(pageOf(await local(`http://localhost:${site.port}/`)).body, 'local');
          // An IPv4-mapped address is its IPv4 address: loopback here, not a range of its own.
          assert.equal(pageOf(await local(`http://mapped:${site.port}/`)).body, 'local');
          assert.equal(site.requests.length, 3);
        },
      );
    });

    it('refuses a name when any of its addresses is refused, not only the first', async () => {
      await withWebSite(
        (_request, response) => response.end('reached'),
        async (site) => {
          const lookup = resolverOf({ 'split.test': ['127.0.0.1', '10.1.2.3'] });
          const outcome = await fetcher({ lookup })(`http://split.test:${site.port}/`);
          assertFailure(outcome, 'forbidden_address', '10.1.2.3 refused (private)');
          assert.equal(site.requests.length, 0);
        },
      );
    });

    it('connects to the address it checked, once resolved, whatever the name resolves to next', async () => {
      await withWebSite(
        (_request, response) => response.end('pinned'),
        async (site) => {
          // A rebinding name: harmless when checked, then pointing inside. The `.test` name has no other resolver
          // to fall back on, so only a connection to the checked address can reach the site.
          let calls = 0;
          const lookup: HostResolver = async () => {
            calls += 1;
            return [{ address: calls === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
          };
          const page = pageOf(
            await fetcher({ lookup, timeoutMs: 1000 })(`http://rebinding.test:${site.port}/post`),
          );
          assert.equal(page.body, 'pinned');
          assert.equal(calls, 1);
          assert.equal(site.requests[0]?.headers.host, `rebinding.test:${site.port}`);
        },
      );
    });

    it('refuses URLs that are not http or https, and URLs with credentials', async () => {
      const fetch = fetcher();
      assertFailure(await fetch('ftp://127.0.0.1/file'), 'forbidden_address', 'ftp: URLs refused');
      assertFailure(await fetch('file:///etc/passwd'), 'forbidden_address', 'file: URLs refused');
      assertFailure(
        await fetch('http://admin:secret@127.0.0.1/'),
        'forbidden_address',
        'URLs with credentials refused',
      );
      assertFailure(await fetch('not a url'), 'source_unreachable', 'not a URL');
    });

    it('gives a name that does not resolve, and a refused connection, as unreachable', async () => {
      const fetch = fetcher({ lookup: resolverOf({ 'closed.test': ['127.0.0.1'] }) });
      assertFailure(
        await fetch('http://nowhere.test/'),
        'source_unreachable',
        'nowhere.test not found (ENOTFOUND)',
      );
      let port = 0;
      await withWebSite(
        (_request, response) => response.end(),
        async (site) => {
          port = site.port;
        },
      );
      assertFailure(await fetch(`http://closed.test:${port}/`), 'source_unreachable', /ECONNREFUSED/);
    });
  });

  describe('HTTPS', () => {
    let certificate: Certificate;
    before(async () => {
      certificate = await makeCertificate();
    });

    it('checks the certificate against the host name, while connecting to the checked address', async () => {
      await withWebSite(
        (_request, response) => {
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end('secure');
        },
        async (site) => {
          // The certificate is for localhost (and 127.0.0.1): other.test resolves to the same address, but is not
          // a name the certificate vouches for.
          const lookup = resolverOf({ localhost: ['127.0.0.1'], 'other.test': ['127.0.0.1'] });
          const trusting = fetcher({ lookup, ca: certificate.cert });
          assert.equal(pageOf(await trusting(`https://localhost:${site.port}/`)).body, 'secure');
          assert.equal(site.requests[0]?.headers.host, `localhost:${site.port}`);
          assertFailure(await trusting(`https://other.test:${site.port}/`), 'source_unreachable', /altnames/);
          assertFailure(
            await fetcher({ lookup })(`https://localhost:${site.port}/`),
            'source_unreachable',
            /self.signed/,
          );
          assert.equal(site.requests.length, 1);
        },
        certificate,
      );
    });
  });

  describe('limits', () => {
    it('refuses a body whose Content-Length is over the cap before reading it', async () => {
      await withWebSite(
        (_request, response) => {
          // The body never comes: only a refusal from the header answers before the timeout.
          response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(1024 * 1024 + 1) });
          response.write('<p>');
        },
        async (site) => {
          assertFailure(
            await fetcher({ timeoutMs: 1000 })(`${site.origin}/`),
            'too_large',
            'over 1048576 bytes',
          );
        },
      );
    });

    it('stops reading a body without a length at the cap, and takes one of exactly the cap', async () => {
      await withWebSite(
        (request, response) => {
          response.writeHead(200, { 'content-type': 'text/plain' });
          if (request.url === '/endless') writeForever(response, Buffer.alloc(16 * 1024, 'a'));
          else response.end('a'.repeat(Number(request.url!.slice(1))));
        },
        async (site) => {
          const fetch = fetcher({ maxBytes: 100_000 });
          assertFailure(await fetch(`${site.origin}/endless`), 'too_large', 'over 100000 bytes');
          assertFailure(await fetch(`${site.origin}/100001`), 'too_large');
          assert.equal(pageOf(await fetch(`${site.origin}/100000`)).body.length, 100_000);
        },
      );
    });

    it('counts the decompressed bytes: a gzip or Brotli bomb is too large', async () => {
      const expanded = Buffer.alloc(8 * 1024 * 1024);
      const bombs = { gzip: gzipSync(expanded), br: brotliCompressSync(expanded) };
      await withWebSite(
        (request, response) => {
          const coding = request.url!.slice(1) as keyof typeof bombs;
          response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': coding });
          response.end(bombs[coding]);
        },
        async (site) => {
          for (const coding of Object.keys(bombs)) {
            assert.ok(bombs[coding as keyof typeof bombs].length < 1024 * 1024);
            assertFailure(await fetcher()(`${site.origin}/${coding}`), 'too_large', 'over 1048576 bytes');
          }
        },
      );
    });

    it(
      'gives up on a server that never finishes, or never answers, after timeoutMs',
      { timeout: 5000 },
      async () => {
        await withWebSite(
          (request, response) => {
            if (request.url === '/silent') return;
            response.writeHead(200, { 'content-type': 'text/html' });
            response.write('<p>slowly');
          },
          async (site) => {
            for (const path of ['/trickle', '/silent']) {
              const started = performance.now();
              assertFailure(
                await fetcher({ timeoutMs: 300 })(`${site.origin}${path}`),
                'source_unreachable',
                'timed out',
              );
              const took = performance.now() - started;
              assert.ok(took >= 290 && took < 1000, `${path} took ${took} ms`);
            }
          },
        );
      },
    );

    it('counts the timeout for the whole fetch, redirects included', { timeout: 5000 }, async () => {
      await withWebSite(
        (request, response) => {
          const step = Number(request.url!.slice(1));
          setTimeout(() => {
            response.writeHead(302, { location: `/${step + 1}` });
            response.end();
          }, 100);
        },
        async (site) => {
          const started = performance.now();
          const outcome = await fetcher({ timeoutMs: 350, maxRedirects: 20 })(`${site.origin}/0`);
          assertFailure(outcome, 'source_unreachable', 'timed out');
          assert.ok(performance.now() - started < 1000);
          assert.ok(site.requests.length <= 4, `${site.requests.length} requests`);
        },
      );
    });
  });

  describe('content types', () => {
    const pages: Record<string, { type?: string; body: Buffer }> = {
      '/png': { type: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
      '/binary': { type: 'application/octet-stream', body: Buffer.from('MZ\0\0') },
      '/untyped-binary': { body: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]) },
      '/untyped-text': { body: Buffer.from('Just words.\n') },
    };
    const textTypes = [
      'text/html',
      'text/plain',
      'application/json',
      'application/ld+json',
      'application/xhtml+xml',
      'application/xml',
      'application/atom+xml',
    ];
    const serve = (request: IncomingMessage, response: ServerResponse) => {
      const typed = request.url!.startsWith('/type/');
      const page = typed
        ? { type: decodeURIComponent(request.url!.slice(6)), body: Buffer.from('<x/>') }
        : pages[request.url!]!;
      response.writeHead(200, page.type ? { 'content-type': page.type } : {});
      response.end(page.body);
    };

    it('refuses types that are not text', async () => {
      await withWebSite(serve, async (site) => {
        assertFailure(await fetcher()(`${site.origin}/png`), 'not_text', 'image/png is not text');
        assertFailure(
          await fetcher()(`${site.origin}/binary`),
          'not_text',
          'application/octet-stream is not text',
        );
      });
    });

    it('reads HTML, plain text, JSON and XML types', async () => {
      await withWebSite(serve, async (site) => {
        for (const type of textTypes) {
          const page = pageOf(
            await fetcher()(`${site.origin}/type/${encodeURIComponent(`${type}; charset=utf-8`)}`),
          );
          assert.equal(page.contentType, type);
          assert.equal(page.body, '<x/>');
        }
      });
    });

    it('reads a body without a Content-Type as text, unless it holds bytes text never holds', async () => {
      await withWebSite(serve, async (site) => {
        const page = pageOf(await fetcher()(`${site.origin}/untyped-text`));
        assert.equal(page.contentType, '');
        assert.equal(page.body, 'Just words.\n');
        assertFailure(
          await fetcher()(`${site.origin}/untyped-binary`),
          'not_text',
          'binary body without a content type',
        );
      });
    });
  });

  describe('POST', () => {
    const form = 'source=https%3A%2F%2Fa.example%2Freply&target=https%3A%2F%2Fb.example%2Fpost';
    const formHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' };

    it('sends a form body with its headers', async () => {
      await withWebSite(
        (_request, response) => {
          response.writeHead(202, { location: 'https://b.example/status/1' });
          response.end('Accepted');
        },
        async (site) => {
          const page = pageOf(
            await fetcher()(`${site.origin}/webmention`, {
              method: 'POST',
              body: form,
              headers: formHeaders,
            }),
          );
          assert.equal(page.status, 202);
          assert.equal(page.body, 'Accepted');
          assert.equal(page.headers.get('location'), 'https://b.example/status/1');
          const [received] = site.requests;
          assert.equal(received?.method, 'POST');
          assert.equal(received?.body, form);
          assert.equal(received?.headers['content-type'], 'application/x-www-form-urlencoded');
          assert.equal(received?.headers['content-length'], String(form.length));
          assert.equal(received?.headers['user-agent'], userAgent);
        },
      );
    });

    it('turns a POST into a GET without its body after 303, 302 and 301, and keeps it after 307 and 308', async () => {
      await withWebSite(
        (request, response) => {
          if (request.url === '/done') {
            response.end('done');
            return;
          }
          response.writeHead(Number(request.url!.slice(1)), { location: '/done' });
          response.end();
        },
        async (site) => {
          for (const [status, method] of [
            [303, 'GET'],
            [302, 'GET'],
            [301, 'GET'],
            [307, 'POST'],
            [308, 'POST'],
          ] as const) {
            site.requests.length = 0;
            const outcome = await fetcher()(`${site.origin}/${status}`, {
              method: 'POST',
              body: form,
              headers: formHeaders,
            });
            assert.equal(pageOf(outcome).body, 'done');
            const followed = site.requests[1]!;
            assert.equal(followed.method, method, `after ${status}`);
            assert.equal(followed.body, method === 'POST' ? form : '');
            assert.equal(
              followed.headers['content-type'],
              method === 'POST' ? formHeaders['Content-Type'] : undefined,
            );
          }
        },
      );
    });
  });
});
