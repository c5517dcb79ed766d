// A minimal Hono app on @hono/node-server, the adapter natter serve uses, answering each path with the body natter
// sent for it (same arguments as bare-server.mjs): what the framework alone costs, between the bare server and
// natter.
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const [bodiesFile, port] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8'));

const app = new Hono();
for (const [path, body] of Object.entries(bodies)) {
  app.get(path, (c) => c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' }));
}

serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' });
