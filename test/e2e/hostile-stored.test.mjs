// Stored XSS end to end: hostile strings posted through the real `natter serve` (a child process on a fresh SQLite
// file) as a comment's text, its author's name and URL, and, through POST /webmention and the server's verifier, as
// a reference's title, excerpt, author name and author URL; then shown by the real widget and by the admin page in
// Chromium, each page armed with canaries (hostile-canaries.mjs) and its CSP made report-only, so that a payload the
// escaping let through would run and be caught, not merely be blocked by the policy.
//
// `npm test` takes every 20th payload of each list (about 500); `npm run test:hostile -- stored-xss` sets
// NATTER_XSS_PAYLOADS=all and takes all of them (about 10,100). Payloads go in rounds of 500, a thread each, so that
// every page stays of a size a reader meets: the widget pages through a round's comments with "Show more", the admin
// page through its newest comments and references.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoPageSecurityPolicy } from '../../dist/lib/server/app.js';
import { useBrowserAndFolder } from './browser.mjs';
import { armCanaries, forbiddenMarkup, reportOnly } from './hostile-canaries.mjs';
import { allPayloads, armed, canaryName, sampleOf } from './hostile-payloads.mjs';
import {
  eachLimited,
  replyPage,
  sendMentions,
  settledStatuses,
  startSourceSites,
} from './hostile-sources.mjs';
import { runAdmin } from './natter-admin.mjs';
import { startServer } from './server-process.mjs';

const isFull = process.env.NATTER_XSS_PAYLOADS === 'all';
/** Every how-manieth payload of each list `npm test` takes. */
const sampleStep = 20;
/** Payloads per round (a thread): a thread holds at most 1,000 references. */
const roundSize = 500;
const waitMs = 30_000;
const password = 'a moderator’s long passphrase';

const setup = await useBrowserAndFolder();

/** The comment fields a payload goes into. */
const commentFields = ['text', 'name', 'url'];
/** The reference fields a payload goes into (through its source page), as the reference holds them. */
const referenceFields = {
  title: (reference) => reference.title,
  excerpt: (reference) => reference.excerpt,
  'author name': (reference) => reference.author.name,
  'author URL': (reference) => reference.author.url,
};
const surfaces = ['widget', 'admin'];

/** Counts by field: how many carried a payload into storage, and how many the server refused. */
function newTally() {
  const fields = [...commentFields, ...Object.keys(referenceFields)];
  return {
    stored: Object.fromEntries(fields.map((field) => [field, 0])),
    refused: Object.fromEntries(fields.map((field) => [field, 0])),
    refusals: {},
    /** Payloads the server took for one posted moments before (409): the same after its normalisation. */
    duplicates: 0,
    serverErrors: [],
    rendered: { 'widget comments': 0, 'widget references': 0, 'admin comments': 0, 'admin references': 0 },
    findings: [],
    retries: 0,
    seconds: { comments: 0, references: 0, widget: 0, admin: 0 },
  };
}

/**
 * Posts each payload as a comment to `thread`, its text, name and URL at once; a field the server refuses (a 4xx
 * naming it) is replaced (a plain name and text, no URL) and the post sent again. Resolves with how many comments
 * were stored.
 */
async function postComments(server, thread, round, tally) {
  const endpoint = new URL('api/v1/comments', server.url);
  const stored = await eachLimited(round, 8, async ({ id, text }) => {
    const fields = { text, name: text, url: text };
    for (;;) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ thread, ...fields }),
        signal: AbortSignal.timeout(10_000),
      });
      const answer = await response.json().catch(() => null);
      if (response.status >= 500 || !answer) {
        tally.serverErrors.push(`POST ${response.status} for payload ${id}: ${JSON.stringify(answer)}`);
        return 0;
      }
      if (response.status === 409) {
        tally.duplicates++;
        return 0;
      }
      if (response.status === 201) {
        for (const field of commentFields) if (fields[field] === text) tally.stored[field]++;
        return 1;
      }
      const field = answer.error?.field;
      const code = `${response.status} ${answer.error?.code}`;
      if (!commentFields.includes(field) || fields[field] !== text) {
        tally.serverErrors.push(`POST ${code} (${field}) for payload ${id}, not a payload field`);
        return 0;
      }
      tally.refused[field]++;
      tally.refusals[`${field}: ${code}`] = (tally.refusals[`${field}: ${code}`] ?? 0) + 1;
      if (field === 'url') delete fields.url;
      else fields[field] = `Payload ${id}`;
    }
  });
  return stored.reduce((sum, each) => sum + each, 0);
}

/**
 * Publishes a reply page for each payload on the source sites and sends its Webmention for `thread`; resolves once
 * the server verified them all, with how many it published.
 */
async function mentionReferences(server, sites, thread, round, tally) {
  const target = new URL(thread.slice(1), server.url).href;
  const mentions = round.map(({ id, text }, index) => {
    sites.publish(`/reply/${id}`, replyPage(text, target));
    return { source: `${sites.urls[index % sites.urls.length]}/reply/${id}`, target };
  });
  const answers = await sendMentions(server.url, mentions);
  for (const [index, { status }] of answers.entries()) {
    if (status !== 201) tally.serverErrors.push(`POST /webmention ${status} for payload ${round[index].id}`);
  }
  const locations = answers.map(({ location }) => location).filter(Boolean);
  const statuses = await settledStatuses(locations, waitMs * 4);
  let published = 0;
  for (const status of statuses) {
    if (status.state !== 'verified' || status.status !== 'published') {
      tally.serverErrors.push(`mention ${status.source}: ${status.state} ${status.reason ?? status.status}`);
      continue;
    }
    published++;
    for (const [field, read] of Object.entries(referenceFields)) {
      if (read(status.reference) === null) tally.refused[field]++;
      else tally.stored[field]++;
    }
  }
  return published;
}

/**
 * Clicks `more` (a Show more button, found while it is enabled) until `items` number `wanted`, as a reader would: once
 * after each page arrives, and again when a second passes with the button enabled and nothing new, which is a page
 * that failed (on a loaded machine, the client's timeout), counted in `tally.retries`. Fails when nothing new comes
 * for a minute.
 */
async function showAll(page, items, more, wanted, tally) {
  let shown = await items.count();
  let changed = Date.now();
  let clicked = 0;
  while (shown < wanted) {
    if (Date.now() - changed > 2 * waitMs) {
      throw new Error(`${shown} of ${wanted} shown, and nothing more for ${(2 * waitMs) / 1000} s`);
    }
    if ((clicked < changed || Date.now() - clicked > 1_000) && (await more.count()) > 0) {
      if (clicked > changed) tally.retries++;
      clicked = Date.now();
      // The button may go between being found and being clicked (a page arriving): then there is nothing to click.
      await more.click({ timeout: 1_000 }).catch((error) => {
        if (error.name !== 'TimeoutError') throw error;
      });
    }
    await page.waitForTimeout(20);
    const now = await items.count();
    if (now !== shown) [shown, changed] = [now, Date.now()];
  }
}

/** The lines of `hits` naming the payload each armed canary call names, for a failure message worth reading. */
function explained(hits, payloadsById) {
  return hits.map((hit) => {
    const id = new RegExp(`^${canaryName}: (\\d+)$`).exec(hit)?.[1];
    const payload = id && payloadsById.get(Number(id));
    return payload ? `${hit} (${payload.source}: ${JSON.stringify(payload.text)})` : hit;
  });
}

/** A page of `context` armed with the canaries, its pages' CSP report-only. */
async function armedPage(context, server, documents) {
  const page = await context.newPage();
  page.setDefaultTimeout(waitMs);
  const canaries = await armCanaries(page, new URL(server.url).origin);
  for (const document of documents) await reportOnly(page, document.matches, document);
  return { page, canaries };
}

/** The widget on a page of its own with the policy natter recommends (report-only), showing all of `thread`. */
async function checkWidget(context, server, thread, counts, tally) {
  const pageUrl = new URL('hostile-thread.html', server.url).href;
  const body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Hostile thread</title>
    <script type="module" src="/natter.js"></script>
    <natter-comments thread="${thread}" page-size="100"></natter-comments>`;
  const policy = demoPageSecurityPolicy();
  const { page, canaries } = await armedPage(context, server, [
    { matches: (url) => url.href === pageUrl, policy, body },
  ]);
  await page.goto(pageUrl);
  const widget = page.locator('natter-comments');
  await widget.locator('.comment').first().waitFor();
  await showAll(
    page,
    widget.locator('.comment'),
    widget.locator('[part~="show-more"]:not([disabled])'),
    counts.comments,
    tally,
  );
  const references = widget.locator('[part="reference"]');
  if (counts.references > 0) await references.nth(counts.references - 1).waitFor();
  // Links in comments come with linkifyjs, fetched after the first paint: the page settles once they are there.
  await page.waitForLoadState('networkidle');
  tally.rendered['widget comments'] += await widget.locator('.comment').count();
  tally.rendered['widget references'] += await references.count();
  tally.findings.push(...(await canaries.hits()), ...(await forbiddenMarkup(page)));
  await page.close();
}

/** The admin page (signed in, its CSP report-only): its newest comments and published references, paged through. */
async function checkAdmin(context, server, counts, tally) {
  const { page, canaries } = await armedPage(context, server, [
    { matches: (url) => url.pathname === '/admin/' },
  ]);
  await page.goto(new URL('admin/#/recent', server.url).href);
  const comments = page.locator('admin-comment-list article');
  await comments.first().waitFor();
  await showAll(
    page,
    comments,
    page.locator('admin-comment-list button.more:not([disabled])'),
    counts.comments,
    tally,
  );
  tally.rendered['admin comments'] += Math.min(await comments.count(), counts.comments);
  await page.goto(new URL('admin/#/references/published', server.url).href);
  const references = page.locator('admin-reference-list article');
  if (counts.references > 0) {
    await references.first().waitFor();
    const more = page.locator('admin-reference-list button.more:not([disabled])');
    await showAll(page, references, more, counts.references, tally);
    tally.rendered['admin references'] += Math.min(await references.count(), counts.references);
  }
  await page.waitForLoadState('networkidle');
  tally.findings.push(...(await canaries.hits()), ...(await forbiddenMarkup(page)));
  await page.close();
}

/** A browser context signed in to the admin page. */
async function moderatorContext(server) {
  const context = await setup.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(waitMs);
  await page.goto(new URL('admin/', server.url).href);
  await page.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Queue' }).waitFor();
  await page.close();
  return context;
}

test(
  `${isFull ? 'every' : `every ${sampleStep}th`} hostile payload stays text as a comment and a reference, in the widget and the admin page`,
  { timeout: isFull ? 30 * 60_000 : 5 * 60_000 },
  async (t) => {
    const started = Date.now();
    const everyPayload = await allPayloads();
    const payloads = (isFull ? everyPayload : sampleOf(everyPayload, sampleStep)).map((payload, id) => ({
      ...payload,
      id,
      text: armed(payload.text, id),
    }));
    const payloadsById = new Map(payloads.map((payload) => [payload.id, payload]));
    const database = setup.temporary.file('hostile.sqlite');
    const set = await runAdmin(['set-password', '--database', database], { input: `${password}\n` });
    assert.equal(set.code, 0, set.stderr);
    const server = await startServer({
      database,
      // Payloads full of links are not spam here: every one must be stored and shown.
      args: ['--max-links', 'off', '--webmention-allow-loopback', '--webmention-rate-limit', 'off'],
      t,
    });
    const sites = await startSourceSites(8);
    t.after(() => sites.close());
    const moderator = await moderatorContext(server);
    const reader = await setup.browser.newContext({ viewport: { width: 1280, height: 900 } });
    t.after(() => Promise.all([moderator.close(), reader.close()]));

    const tally = newTally();
    const timed = async (phase, work) => {
      const phaseStarted = performance.now();
      const result = await work();
      tally.seconds[phase] += (performance.now() - phaseStarted) / 1000;
      return result;
    };
    const rounds = [];
    for (let start = 0; start < payloads.length; start += roundSize) {
      rounds.push({
        thread: `/hostile/round-${rounds.length + 1}`,
        payloads: payloads.slice(start, start + roundSize),
      });
    }
    /** Posts a round's comments while its mentions are verified. */
    const seed = async ({ thread, payloads: round }) => {
      const [comments, references] = await Promise.all([
        timed('comments', () => postComments(server, thread, round, tally)),
        timed('references', () => mentionReferences(server, sites, thread, round, tally)),
      ]);
      return { comments, references };
    };
    // The admin page lists the newest first: it reads a round while nothing newer is being made. The widget reads its
    // own thread, while the next round is made.
    const stored = { comments: 0, references: 0 };
    let seeding = seed(rounds[0]);
    for (const [index, round] of rounds.entries()) {
      const counts = await seeding;
      stored.comments += counts.comments;
      stored.references += counts.references;
      await timed('admin', () => checkAdmin(moderator, server, counts, tally));
      seeding = rounds[index + 1] && seed(rounds[index + 1]);
      await timed('widget', () => checkWidget(reader, server, round.thread, counts, tally));
      if (isFull) {
        process.stderr.write(
          `round ${index + 1} of ${rounds.length}, ${Math.round((Date.now() - started) / 1000)} s\n`,
        );
      }
    }

    const fields = Object.keys(tally.stored);
    const checks = payloads.length * fields.length * surfaces.length;
    t.diagnostic(
      `${payloads.length} payloads × ${fields.length} fields × ${surfaces.length} surfaces = ${checks} checks, in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    t.diagnostic(
      `stored: ${stored.comments} comments, ${stored.references} references; by field ${JSON.stringify(tally.stored)}; duplicates ${tally.duplicates}`,
    );
    t.diagnostic(`refused or dropped: ${JSON.stringify(tally.refused)} ${JSON.stringify(tally.refusals)}`);
    t.diagnostic(
      `rendered: ${JSON.stringify(tally.rendered)}; pages retried after a failed load: ${tally.retries}`,
    );
    t.diagnostic(
      `seconds: ${JSON.stringify(tally.seconds, (_, value) => (typeof value === 'number' ? Math.round(value * 10) / 10 : value))}`,
    );
    t.diagnostic(`executions and other findings: ${tally.findings.length}`);
    assert.deepEqual(tally.serverErrors, [], 'every refusal is a 4xx naming a payload field');
    const { rendered } = tally;
    assert.equal(rendered['widget comments'], stored.comments, 'the widget shows every stored comment');
    assert.equal(rendered['admin comments'], stored.comments, 'the admin page shows every stored comment');
    assert.equal(rendered['widget references'], stored.references, 'the widget shows every reference');
    assert.equal(rendered['admin references'], stored.references, 'the admin page shows every reference');
    assert.deepEqual(explained(tally.findings, payloadsById), []);
  },
);
