import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { HttpError } from '../../../src/server/http-error.js';
import { rateLimit } from '../../../src/server/middleware/rate-limit.js';

/** A one-route app behind the limiter, where the `x-client` header says who is asking. */
function limitedApp(options: { perMinute: number; maxClients: number; now: () => number }) {
  const app = new Hono();
  app.onError((error, c) => c.json({}, error instanceof HttpError ? (error.status as 429) : 500));
  app.use(rateLimit({ ...options, clientKey: (c) => c.req.header('x-client') ?? '' }));
  app.post('/', (c) => c.body(null, 204));
  return (client: string) => app.request('/', { method: 'POST', headers: { 'x-client': client } });
}

describe('rateLimit', () => {
  it('counts a flood of distinct clients past its bound as one, so its memory stays bounded', async () => {
    const maxClients = 1_000;
    const send = limitedApp({ perMinute: 1, maxClients, now: () => 30_000 });
    const statuses = { 204: 0, 429: 0 } as Record<number, number>;
    for (let client = 0; client < 20_000; client += 1) {
      const { status } = await send(`198.18.${client >> 8}.${client & 255}`);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    // Each of the first 1,000 clients gets its write; the other 19,000 share a single one.
    assert.deepEqual(statuses, { 204: maxClients + 1, 429: 20_000 - maxClients - 1 });
    // A client counted before the flood is still counted on its own.
    assert.equal((await send('198.18.0.0')).status, 429);
  });

  it('starts each minute with room for new clients again', async () => {
    let now = 30_000;
    const send = limitedApp({ perMinute: 1, maxClients: 10, now: () => now });
    for (let client = 0; client < 50; client += 1) await send(`client-${client}`);
    assert.equal((await send('late')).status, 429);
    now += 120_000;
    assert.equal((await send('late')).status, 204);
  });
});
