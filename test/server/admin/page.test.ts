// The admin page as the server sends it: at /admin/, from memory, compressed, under a CSP of its own that runs
// only its own script and lets no other site frame it.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminPageSecurityPolicy, isAdminFile } from '../../../src/server/admin/admin-page.js';
import { loadStaticAssets } from '../../../src/server/node/static-assets.js';
import type { StaticAssets } from '../../../src/server/routes/static-files.js';
import { backends, useFreshDatabase } from '../http/helpers.js';
import { adminApp } from './helpers.js';

describe('admin page', () => {
  let folder: string;
  let page: StaticAssets;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'natter-admin-page-'));
    await writeFile(
      join(folder, 'admin.html'),
      '<!doctype html><script type="module" src="admin.js"></script>\n',
    );
    await writeFile(join(folder, 'admin.js'), `export const admin = ${JSON.stringify('x'.repeat(4000))};\n`);
    await writeFile(join(folder, 'admin.css'), 'body { margin: 0; }\n');
    await writeFile(join(folder, 'admin-messages.de-AbC_12-x.js'), 'export const messages = {};\n');
    await writeFile(join(folder, 'natter.js'), 'export const widget = 1;\n');
    await writeFile(join(folder, 'natter-messages.de-AbC_12-x.js'), 'export const messages = {};\n');
    page = loadStaticAssets(folder, isAdminFile);
  });
  after(() => rm(folder, { recursive: true, force: true }));

  for (const backend of backends().slice(0, 1)) {
    const database = useFreshDatabase(backend);

    it('sends /admin on to /admin/, relative to where it is, and serves the page there', async () => {
      const app = adminApp(database(), { adminPage: page });
      const redirect = await app.request('/admin');
      assert.equal(redirect.status, 308);
      assert.equal(redirect.headers.get('location'), 'admin/');
      const html = await app.request('/admin/');
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(html.text, /src="admin\.js"/);
    });

    it('serves the page and its files with their own strict CSP, unframeable, revalidated, compressed', async () => {
      const app = adminApp(database(), { adminPage: page });
      for (const path of ['/admin/', '/admin/admin.js', '/admin/admin.css']) {
        const answer = await app.request(path, { headers: { 'accept-encoding': 'br, gzip' } });
        assert.equal(answer.status, 200, path);
        assert.equal(answer.headers.get('content-security-policy'), adminPageSecurityPolicy, path);
        assert.equal(answer.headers.get('x-frame-options'), 'DENY', path);
        assert.equal(answer.headers.get('referrer-policy'), 'no-referrer', path);
        assert.equal(answer.headers.get('cross-origin-opener-policy'), 'same-origin', path);
        assert.equal(answer.headers.get('cross-origin-resource-policy'), 'same-origin', path);
        assert.equal(answer.headers.get('x-robots-tag'), 'noindex', path);
        assert.equal(answer.headers.get('cache-control'), 'no-cache', path);
        assert.ok(answer.headers.get('etag'), path);
      }
      const script = await app.request('/admin/admin.js', { headers: { 'accept-encoding': 'br' } });
      assert.equal(script.headers.get('content-encoding'), 'br');
      assert.match(adminPageSecurityPolicy, /default-src 'self'/);
      assert.match(adminPageSecurityPolicy, /script-src 'self';/);
      assert.match(adminPageSecurityPolicy, /style-src 'self';/);
      assert.match(adminPageSecurityPolicy, /frame-ancestors 'none'/);
      assert.match(adminPageSecurityPolicy, /require-trusted-types-for 'script'; trusted-types lit-html$/);
      assert.doesNotMatch(adminPageSecurityPolicy, /unsafe/);
    });

    it('serves only the admin page’s files there, its catalogs too, not the widget, and nothing without a password hasher', async () => {
      assert.deepEqual([...page.keys()].sort(), [
        'admin-messages.de-AbC_12-x.js',
        'admin.css',
        'admin.html',
        'admin.js',
      ]);
      const app = adminApp(database(), { adminPage: page });
      assert.equal((await app.request('/admin/natter.js')).status, 404);
      const without = database().app({ adminPage: page });
      assert.equal((await without.request('/admin/')).status, 404);
    });
  }
});
