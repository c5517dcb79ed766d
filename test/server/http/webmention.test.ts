// Receiving Webmentions and Pingbacks (POST /webmention, POST /xmlrpc), their verification by the worker against
// real source sites on loopback, and the references the widget reads (GET /api/v1/references, thread.references).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ListReferencesResponse, MentionStatusResponse } from '../../../src/protocol/types.js';
import type { AppOptions } from '../../../src/server/app.js';
import { createSourceFetcher } from '../../../src/server/node/source-fetcher.js';
import { createSiteState } from '../../../src/server/site-state.js';
import { createMentionVerifier } from '../../../src/server/webmention/verifier.js';
import { createLogger } from '../../../src/server/logger.js';
import { readSource } from '../../../src/server/webmention/read-source.js';
import { methodCall, parseMethodResponse } from '../../../src/server/webmention/xml-rpc.js';
import { withWebSite, type WebSite } from '../node/web-site.js';
import { assertError, backends, listPage, useFreshDatabase, type TestApp } from './helpers.js';

const target = 'https://blog.example/posts/hello-world';
const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/webmention/${name}`, import.meta.url), 'utf8');

/** A source site on loopback: each path answers with a fixture page, or as `pages` says. */
type Page = { status?: number; type?: string; body?: string; location?: string };
function sourceSite(pages: Record<string, Page>, use: (site: WebSite) => Promise<void>) {
  return withWebSite((request, response) => {
    const page = pages[request.url ?? ''] ?? { status: 404, body: 'not here' };
    response.writeHead(page.status ?? 200, {
      'Content-Type': page.type ?? 'text/html; charset=utf-8',
      ...(page.location && { Location: page.location }),
    });
    response.end(page.body ?? '');
  }, use);
}

function send(app: TestApp, fields: Record<string, string>, clientAddress = '203.0.113.7') {
  return app.request('/webmention', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    clientAddress,
  });
}

/** Reads the status URL until the mention is no longer queued (the worker runs as soon as one is queued). */
async function settled(app: TestApp, location: string): Promise<MentionStatusResponse> {
  const path = new URL(location).pathname;
  for (let tries = 0; tries < 200; tries += 1) {
    const answer = await app.request(path);
    const status = answer.body as MentionStatusResponse;
    if (status.state !== 'queued') return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the mention was never verified');
}

/** Mention `id` once the worker has tried it at least once. */
async function eventuallyAttempted(store: TestApp['store'], id: string) {
  for (let tries = 0; tries < 200; tries += 1) {
    const mention = await store.mentions.get(id);
    if (mention && mention.attempts > 0) return mention;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the mention was never tried');
}

async function references(app: TestApp, thread = '/posts/hello-world') {
  const answer = await app.request(`/api/v1/references?thread=${encodeURIComponent(thread)}`);
  assert.equal(answer.status, 200);
  return (answer.body as ListReferencesResponse).references;
}

describe('webmention', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      const fetchPage = createSourceFetcher({
        userAgent: 'natter-test',
        allowLoopback: true,
        timeoutMs: 3_000,
      });
      const receiving = (options: Partial<AppOptions> = {}) =>
        database().app({
          webmention: { fetchPage, targets: ['https://blog.example'], sourceRateLimit: false },
          ...options,
        });

      it('queues a mention (201, Location), verifies it, and shows the reference with what its source says', async () => {
        await database().store.setThreadLocked('/posts/hello-world', false);
        const app = receiving();
        await sourceSite({ '/reply': { body: fixture('reply.html') } }, async (site) => {
          const source = `${site.origin}/reply`;
          const answer = await send(app, { source, target: `${target}#comments` });
          assert.equal(answer.status, 201);
          const location = answer.headers.get('location')!;
          assert.match(location, /^http:\/\/natter\.test\/webmention\/[\w-]{16}$/);
          assert.deepEqual(
            { ...(answer.body as MentionStatusResponse), updatedAt: undefined },
            { state: 'queued', source, target, updatedAt: undefined },
            'the fragment of the target is ignored',
          );
          assert.equal(answer.headers.get('access-control-allow-origin'), '*');

          const status = await settled(app, location);
          assert.equal(status.state, 'verified');
          assert.equal(status.status, 'published');
          assert.equal(site.requests[0]?.headers['user-agent'], 'natter-test');
          const [reference] = await references(app);
          assert.deepEqual(status.reference, reference);
          assert.deepEqual(
            { ...reference, id: undefined },
            {
              id: undefined,
              thread: '/posts/hello-world',
              kind: 'reply',
              url: 'https://alice.example/2026/05/re-hello-world',
              title: 'Re: Hello world – Alice Example',
              author: {
                name: 'Alice Example',
                url: 'https://alice.example/',
                photo: `${site.origin}/images/alice.jpg`,
              },
              excerpt:
                'Congratulations on the new blog! I especially liked the part about comments you host yourself.',
              publishedAt: '2026-05-10T07:30:00.000Z',
              via: 'webmention',
            },
          );
          const page = await listPage(app, { thread: '/posts/hello-world' });
          assert.equal(page.thread.references, 1);
          assert.equal(page.thread.webmention, 'http://natter.test/webmention');
        });
      });

      it('answers every bad request with 400 and the field at fault, as the Recommendation asks', async () => {
        const app = receiving();
        await database().store.setThreadLocked('/posts/closed', true);
        const cases: [Record<string, string>, string][] = [
          [{ target }, 'source'],
          [{ source: 'https://alice.example/a' }, 'target'],
          [{ source: 'ftp://alice.example/a', target }, 'source'],
          [{ source: 'https://alice.example/a', target: 'javascript:alert(1)' }, 'target'],
          [{ source: 'https://user:pass@alice.example/a', target }, 'source'],
          [{ source: target, target: `${target}#again` }, 'source'],
          [{ source: 'https://alice.example/a', target: 'https://elsewhere.example/post' }, 'target'],
          [{ source: 'https://alice.example/a', target: 'https://blog.example/posts/closed' }, 'target'],
          [{ source: `https://alice.example/${'a'.repeat(2100)}`, target }, 'source'],
        ];
        for (const [fields, field] of cases) {
          assertError(
            await send(app, fields),
            400,
            'bad_request',
            field,
            JSON.stringify(fields).slice(0, 100),
          );
        }
        const json = await app.request('/webmention', { method: 'POST', json: { source: 'x', target } });
        assertError(json, 415, 'unsupported_media_type');
        assertError(await app.request('/webmention/nonexistent-id-00'), 404, 'not_found');
      });

      it('refuses a source that does not link, is gone or is not text, and removes a reference whose source stopped linking', async () => {
        const app = receiving();
        const pages: Record<string, Page> = {
          '/elsewhere': { body: fixture('no-longer-links.html') },
          '/gone': { status: 410 },
          '/image': { type: 'image/png', body: '\u0089PNG' },
          '/to-private': { status: 302, location: 'http://10.0.0.1/reply' },
          '/changing': { body: fixture('mention.html') },
        };
        await sourceSite(pages, async (site) => {
          const outcome = async (path: string) => {
            const answer = await send(app, { source: `${site.origin}${path}`, target });
            return settled(app, answer.headers.get('location')!);
          };
          assert.deepEqual(
            [(await outcome('/elsewhere')).state, (await outcome('/elsewhere')).reason],
            ['refused', 'no_link'],
          );
          assert.equal((await outcome('/gone')).reason, 'source_gone');
          assert.equal((await outcome('/image')).reason, 'not_text');
          assert.equal((await outcome('/to-private')).reason, 'forbidden_address');
          assert.equal((await outcome('/changing')).state, 'verified');
          const before = (await database().store.getThread('/posts/hello-world')).referenceCount;
          pages['/changing'] = { body: fixture('no-longer-links.html') };
          const removed = await outcome('/changing');
          assert.deepEqual([removed.state, removed.reason], ['removed', 'no_link']);
          assert.equal((await database().store.getThread('/posts/hello-world')).referenceCount, before - 1);
          assert.ok(!(await references(app)).some((reference) => reference.url.startsWith(site.origin)));
        });
      });

      it('takes a Pingback into the same pipeline, answering XML-RPC with the specification’s faults', async () => {
        const app = receiving();
        const call = (xml: string) =>
          app.request('/xmlrpc', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
        const ping = async (source: string, pinged: string) => {
          const answer = await call(methodCall('pingback.ping', [source, pinged]));
          assert.equal(answer.status, 200);
          assert.match(answer.headers.get('content-type') ?? '', /^text\/xml/);
          return parseMethodResponse(answer.text);
        };
        const pages = {
          '/wp-post': { body: fixture('plain-page.html') },
          '/other': { body: fixture('no-longer-links.html') },
        };
        await sourceSite(pages, async (site) => {
          // Answered once the source is checked, as Pingback wants: registered, or the fault of what is wrong.
          assert.deepEqual(await ping(`${site.origin}/wp-post`, target), {
            value: `Pingback from ${site.origin}/wp-post to ${target} registered.`,
          });
          const pingback = (await references(app)).find((reference) => reference.via === 'pingback');
          assert.equal(pingback?.url, `${site.origin}/wp-post`);
          const faultOf = async (source: string, pinged = target) =>
            ((await ping(source, pinged)) as { fault: { code: number } }).fault.code;
          assert.equal(await faultOf(`${site.origin}/other`), 17, 'no link to the target');
          assert.equal(await faultOf(`${site.origin}/missing`), 16, 'the source does not exist');
          assert.deepEqual(await ping('not a url', target), {
            fault: { code: 16, message: 'source must be an http or https URL' },
          });
          assert.equal(await faultOf(`${site.origin}/wp-post`, 'https://elsewhere.example/'), 33);
          const malformed = parseMethodResponse((await call('<methodCall><oops')).text);
          assert.equal((malformed as { fault: { code: number } }).fault.code, -32700);
          const unknown = parseMethodResponse(
            (await call(methodCall('pingback.extensions.getPingbacks', [target]))).text,
          );
          assert.equal((unknown as { fault: { code: number } }).fault.code, -32601);
        });
      });

      it('answers a client over its write limit so that pages can read it: 429 with CORS, and a fault to Pingback', async () => {
        const app = database().app({
          rateLimit: 1,
          webmention: { fetchPage, targets: ['https://blog.example'], intervalMs: 60_000 },
        });
        app.clock.advance(7 * 60 * 60_000);
        const source = 'https://limited.example/a';
        assert.equal((await send(app, { source, target }, '198.51.100.4')).status, 201);
        const refused = await send(app, { source: 'https://limited.example/b', target }, '198.51.100.4');
        assertError(refused, 429, 'rate_limited');
        assert.equal(refused.headers.get('access-control-allow-origin'), '*');
        const ping = await app.request('/xmlrpc', {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body: methodCall('pingback.ping', ['https://limited.example/c', target]),
          clientAddress: '198.51.100.4',
        });
        assert.equal(ping.status, 200, ping.text);
        assert.equal((parseMethodResponse(ping.text) as { fault: { code: number } }).fault.code, 49);
      });

      it('takes no mention while the site is read-only, and reads target origins as URLs write them', async () => {
        const site = createSiteState(database().store.settings, 0);
        const app = database().app({
          webmention: { fetchPage, targets: ['https://Blog.example:443'], intervalMs: 60_000 },
        });
        assert.equal((await send(app, { source: 'https://origins.example/a', target })).status, 201);
        await site.setReadOnly(true);
        // The app reads the site's state at most every two seconds.
        app.clock.advance(3_000);
        try {
          assertError(
            await send(app, { source: 'https://origins.example/b', target }),
            400,
            'bad_request',
            'target',
          );
        } finally {
          await site.setReadOnly(false);
        }
        assertError(
          await app.request('/api/v1/references?thread=%2Fa&thread=%2Fb'),
          400,
          'bad_request',
          'thread',
        );
      });

      it('removes a verified reference whose source answers 410, and tries an unreachable source again later', async () => {
        const app = receiving();
        const pages: Record<string, Page> = { '/soon-gone': { body: fixture('mention.html') } };
        await sourceSite(pages, async (site) => {
          const first = await send(app, { source: `${site.origin}/soon-gone`, target });
          assert.equal((await settled(app, first.headers.get('location')!)).status, 'published');
          pages['/soon-gone'] = { status: 410 };
          const again = await send(app, { source: `${site.origin}/soon-gone`, target });
          const gone = await settled(app, again.headers.get('location')!);
          assert.deepEqual([gone.state, gone.reason], ['removed', 'source_gone']);
        });
        // A port nobody listens on: refused connections are tried again, counted, a minute later.
        const closed = await send(app, { source: 'http://127.0.0.1:9/unreachable', target });
        const id = new URL(closed.headers.get('location')!).pathname.split('/').pop()!;
        const waiting = await eventuallyAttempted(database().store, id);
        assert.equal(waiting.state, 'queued');
        assert.ok(Date.parse(waiting.nextAttemptAt!) - Date.now() > 50_000, 'a minute later');
      });

      it('refuses a mention to a thread that holds as many references as it may', async () => {
        const store = database().store;
        const thread = '/posts/full';
        const verifier = createMentionVerifier({
          store,
          fetchPage: () => assert.fail('a full thread fetches nothing'),
          readSource,
          moderate: async () => ({ status: 'published', reason: null }),
          onChange: () => {},
          maxPerThread: 1,
          logger: createLogger('silent'),
        });
        const mention = (source: string) => ({
          id: `full${source.padStart(12, '0')}`,
          source: `https://full.example/${source}`,
          target: 'https://blog.example/posts/full',
          thread,
          via: 'webmention' as const,
          sourceHost: 'full.example',
          senderIp: null,
          // Due only in the verifier's own time: the other apps' workers on this database never take them.
          at: '2100-01-01T00:00:00.000Z',
        });
        const shown = await store.mentions.receive(mention('1'));
        const entry = {
          kind: 'mention' as const,
          url: null,
          title: null,
          authorName: null,
          authorUrl: null,
          authorPhoto: null,
          excerpt: null,
          publishedAt: null,
        };
        await store.mentions.verify(shown.id, {
          entry,
          status: 'published',
          reason: null,
          at: '2100-01-01T00:00:00.000Z',
        });
        const refused = await store.mentions.receive(mention('2'));
        // Rounds of four: mentions other tests left queued on this database come due too.
        for (let round = 0; round < 10; round += 1) {
          await verifier.processDue(Date.parse('2100-01-01T00:01:00.000Z'));
        }
        const stored = await store.mentions.get(refused.id);
        assert.deepEqual([stored?.state, stored?.reason], ['refused', 'too_many_references']);
      });

      it('bounds what a stranger can queue per source host', async () => {
        const app = database().app({
          // Nothing is verified: the worker's fetcher never answers, so mentions stay queued.
          webmention: {
            fetchPage: () => new Promise(() => {}),
            targets: ['https://blog.example'],
            intervalMs: 60_000,
          },
        });
        for (let index = 0; index < 20; index += 1) {
          await database().store.mentions.receive({
            id: `flood${String(index).padStart(11, '0')}`,
            source: `https://flood.example/${index}`,
            target,
            thread: '/posts/hello-world',
            via: 'webmention',
            sourceHost: 'flood.example',
            senderIp: null,
            at: new Date().toISOString(),
          });
        }
        const refused = await send(app, { source: 'https://flood.example/21', target });
        assertError(refused, 429, 'rate_limited', 'source');
        assert.ok(Number(refused.headers.get('retry-after')) > 0);
        assert.equal((await send(app, { source: 'https://calm.example/1', target })).status, 201);
      });

      it('keeps the bound per source host when many mentions from it arrive at once', async () => {
        const app = database().app({
          webmention: {
            fetchPage: () => new Promise(() => {}),
            targets: ['https://blog.example'],
            intervalMs: 60_000,
          },
        });
        const answers = await Promise.all(
          Array.from({ length: 60 }, (_, index) =>
            send(app, { source: `https://burst.example/${index}`, target }, `198.51.100.${index + 1}`),
          ),
        );
        const statuses = answers.map((answer) => answer.status);
        assert.equal(statuses.filter((status) => status === 201).length, 20, statuses.join(' '));
        assert.equal(statuses.filter((status) => status === 429).length, 40, statuses.join(' '));
        assert.equal(await database().store.mentions.countQueued('burst.example'), 20);
      });
      describe('under first-time moderation', () => {
        const fresh = useFreshDatabase(backend);
        it('holds a first reference from a host under first-time moderation, and trusts the host once one is published', async () => {
          const app = fresh().app({
            moderation: 'first-time',
            webmention: { fetchPage, targets: ['https://blog.example'], sourceRateLimit: false },
          });
          await sourceSite(
            { '/one': { body: fixture('mention.html') }, '/two': { body: fixture('like.html') } },
            async (site) => {
              const one = await send(app, {
                source: `${site.origin}/one`,
                target: target,
              });
              const held = await settled(app, one.headers.get('location')!);
              assert.deepEqual([held.state, held.status, held.reference], ['verified', 'pending', undefined]);
              assert.deepEqual(await references(app), []);
              const [mention] = await fresh().store.mentions.find({ thread: '/posts/hello-world', limit: 1 });
              assert.equal(mention?.reason, 'held: first reference from 127.0.0.1');
              await fresh().store.mentions.setStatus(mention!.id, {
                status: 'published',
                reason: null,
                at: new Date().toISOString(),
              });
              const two = await send(app, {
                source: `${site.origin}/two`,
                target: target,
              });
              assert.equal((await settled(app, two.headers.get('location')!)).status, 'published');
            },
          );
        });
      });
    });
  }
});
