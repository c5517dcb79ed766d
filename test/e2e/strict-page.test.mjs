// The widget on a page with a strict Content-Security-Policy and Trusted Types enforced: it must render the
// thread, a hostile comment policy (sanitized) and a posted hostile comment without a single policy violation.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createServer } from '../../dist/lib/server/index.js';
import { launchChromium } from './browser.mjs';
import { openWatchedPage } from './watched-page.mjs';

let server;
let browser;
let dataDirectory;

/**
 * A site owner's policy with everything the sanitizer takes out: event handlers and inline styles (Chromium checks
 * each against the page's CSP as soon as it parses one, even into an inert document), `javascript:` links, script.
 */
const hostilePolicy = [
  '<p>Be <b onmouseover="alert(1)">kind</b>. Read <a href="/policy" onclick="alert(2)">our policy</a>.</p>',
  '<p style="color: red" onfocus="alert(3)" tabindex="0">Stay on topic.</p>',
  '<img src="/favicon.svg" alt="" onload="alert(4)" onerror="alert(5)">',
  '<p><a href="javascript:alert(6)">Trap</a> <a href=" JaVaScRiPt:alert(7)">Trap</a></p>',
  '<script>alert(8)</script><style>p { color: red }</style>',
  '<svg onload="alert(9)" width="8" height="8"><circle cx="4" cy="4" r="4" onclick="alert(10)"></circle></svg>',
].join('');

before(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'natter-strict-page-'));
  server = await createServer({
    port: 0,
    database: join(dataDirectory, 'natter.sqlite'),
    demo: true,
    rateLimit: false,
    policy: hostilePolicy,
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

/**
 * Opens `path` and collects CSP violations, page errors and dialogs from the moment the page starts. `violations`
 * reads the CSP violations in detail: a violation inside the widget's shadow root is composed, so the document
 * sees it too, and one from a document the page created (DOMPurify's) is reported to the page's document.
 */
async function openStrictPage(path) {
  const { page, problems } = await openWatchedPage(browser);
  await page.addInitScript(() => {
    window.cspViolations = [];
    const record = (event) =>
      window.cspViolations.push(
        `${event.effectiveDirective} ${event.blockedURI} ${event.sample} at ${event.sourceFile}:${event.lineNumber}`,
      );
    document.addEventListener('securitypolicyviolation', record, true);
  });
  const response = await page.goto(new URL(path, server.url).href);
  // Violations are reported in tasks of their own: let those queued so far run before reading them.
  const violations = () =>
    page.evaluate(() => new Promise((resolve) => setTimeout(() => resolve(window.cspViolations), 100)));
  return { page, problems, violations, csp: response.headers()['content-security-policy'] };
}

test('renders the thread and the sanitized policy under Trusted Types', async () => {
  const { page, problems, csp } = await openStrictPage('/');
  assert.match(csp, /require-trusted-types-for 'script'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  assert.equal(await widget.locator('.comment').count(), 3);
  // The policy shows once DOMPurify's chunk has loaded, which may be after the comments.
  await widget.locator('.policy b').waitFor();
  assert.equal(await widget.locator('.policy a[href="/policy"][rel="nofollow noopener"]').count(), 1);
  assert.equal(await widget.locator('.policy b').count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('shows a policy full of handlers, styles and javascript: links without one CSP violation', async () => {
  const { page, problems, violations, csp } = await openStrictPage('/');
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self'(;|$)/);
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  const policy = widget.locator('.policy');
  await policy.locator('img').waitFor();
  const text = (await policy.innerText()).replace(/\s+/g, ' ');
  assert.match(text, /Be kind\. Read our policy\. Stay on topic\. Trap Trap/);
  assert.doesNotMatch(text, /alert|color/);
  const leftovers = await policy.evaluate((box) =>
    [...box.querySelectorAll('*')].flatMap((node) => [
      ...(/^(script|style|noframes)$/.test(node.localName) ? [`<${node.localName}>`] : []),
      ...node.getAttributeNames().filter((name) => /^on|^style$/.test(name)),
      ...(/^\s*javascript:/i.test(node.getAttribute('href') ?? '')
        ? [`href=${node.getAttribute('href')}`]
        : []),
    ]),
  );
  assert.deepEqual(leftovers, []);
  assert.equal(await policy.locator('a[href]').count(), 1);
  assert.equal(await policy.locator('a[href="/policy"][rel="nofollow noopener"]').count(), 1);
  assert.equal(await policy.locator('img[src="/favicon.svg"]').count(), 1);
  assert.equal(await policy.locator('svg circle').count(), 1);
  // Had any handler survived, hovering, focusing and clicking would now raise a dialog.
  await policy.locator('b').hover();
  await policy.locator('svg circle').click();
  await policy.locator('p[tabindex]').focus();
  assert.deepEqual(await violations(), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a hostile comment posted through the form stays text', async () => {
  const { page, problems } = await openStrictPage('/dark.html');
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  const hostile = '<img src=x onerror=alert(1)> <script>alert(2)</script> see example.com/x';
  await widget.getByRole('textbox', { name: 'Name' }).fill('<b>Mallory</b>');
  await widget.getByRole('textbox', { name: 'Comment' }).fill(hostile);
  await widget.getByRole('button', { name: 'Post' }).click();
  const posted = widget.locator('.comment').last();
  await posted.getByText('<b>Mallory</b>').waitFor();
  assert.equal(await posted.locator('.body').innerText(), hostile);
  assert.equal(await posted.locator('img, script, b').count(), 0);
  assert.equal(
    await posted.locator('a[href="https://example.com/x"][rel="nofollow ugc noopener"]').count(),
    1,
  );
  assert.deepEqual(problems, []);
  await page.close();
});
