/**
 * `node scripts/screenshot-admin.mjs [--out DIR]`: runs the real server (built, on a throwaway SQLite file) with
 * comments in every state a moderator meets, signs in to the admin page in Chromium, and saves each screen at a
 * phone's width (390 px) and a desktop's (1280 px), light, and the queue in dark too: sign-in, queue (a selection
 * and a comment's details open), reported, recent, spam, deleted, search results, rules, settings and the
 * keyboard shortcuts; and, light and dark, the References screen with references from other websites awaiting
 * approval (`admin-references-…`) and the mentions not verified: queued, refused and removed with their reasons
 * (`admin-references-unverified-…`). Look at every one of them after a change to the admin page.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.mjs';
import { createServer } from '../dist/lib/server/index.js';
import { scryptPasswords } from '../dist/lib/server/node/scrypt-passwords.js';
import { seedMentions, sourceEntry } from './seed-references.mjs';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'screenshots' } } });
const outDirectory = resolve(values.out);
const password = 'correct horse battery staple';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** The comments a moderator finds on a Monday morning. */
function comments(now) {
  let serial = 0;
  const at = (ago) => new Date(now - ago).toISOString();
  const comment = (fields) => {
    serial += 1;
    const createdAt = at(fields.ago);
    return {
      id: `seed${String(serial).padStart(12, '0')}`,
      thread: '/2026/11/health-care-and-social-media',
      parent: null,
      authorName: 'A reader',
      authorEmail: null,
      authorUrl: null,
      text: '',
      status: 'pending',
      reason: 'held: first-time author',
      authorIp: '203.0.113.24',
      createdAt,
      secretHash: 'x'.repeat(43),
      editableUntil: createdAt,
      ...fields,
    };
  };
  return [
    comment({
      authorName: 'Priya Raman',
      authorEmail: 'priya.raman@example.org',
      text: 'As a community pharmacist I see the other end of this: people arrive with screenshots of a video that told them to stop a medicine. Your point about slowing down the share button is the one I would underline.',
      status: 'published',
      reason: null,
      ago: 3 * day,
    }),
    comment({
      authorName: 'Priya Raman',
      authorEmail: 'priya.raman@example.org',
      text: 'A follow-up, since a few of you asked: the leaflet we hand out is at https://example.org/leaflet — free to print.',
      ago: 2 * hour,
      authorIp: '198.51.100.77',
    }),
    comment({
      authorName: 'Tomás Ferreira',
      authorEmail: 'tomas@example.net',
      text: 'Thank you for writing this. My father found his support group through a hashtag, and it changed the last year of his life.\n\nI would add one thing: the groups that worked for him had a moderator who knew when to say "ask your doctor".',
      ago: 40 * minute,
      authorIp: '2001:db8:4:2::17',
    }),
    comment({
      authorName: 'M. Okonkwo',
      text: 'Is there a version of this article for teenagers? My daughter gets all her health advice from short videos.',
      ago: 12 * minute,
      reason: 'held: first-time author without an e-mail address',
    }),
    comment({
      authorName: 'Health Deals 24',
      authorEmail: 'sales@pills.example',
      authorUrl: 'https://pills.example/',
      text: 'Great article!!! Buy cheap pills without prescription at pills.example — discount code HEALTH.',
      status: 'spam',
      reason: 'spam: rule "pills.example" (domain)',
      ago: 5 * hour,
      authorIp: '192.0.2.200',
    }),
    comment({
      authorName: 'Anonymous',
      text: 'Doctors are paid to say this. Do your own research.',
      status: 'published',
      reason: null,
      ago: 1 * day,
      authorIp: '192.0.2.51',
    }),
    comment({
      authorName: 'Leo',
      text: 'This was posted twice by mistake, sorry.',
      status: 'deleted',
      reason: 'deleted by a moderator',
      ago: 2 * day,
    }),
  ];
}

/**
 * The references other websites sent, in every state a moderator meets: verified and awaiting approval (a long
 * title and excerpt, a hostile title, a Pingback whose page names no author, a like without title), published,
 * spam and deleted; queued (one fresh, one whose source did not answer); refused for their reasons; and removed
 * since they were verified.
 */
function mentions(now) {
  let serial = 0;
  const at = (ago) => new Date(now - ago).toISOString();
  const thread = '/2026/11/health-care-and-social-media';
  const mention = (source, ago, fields) => {
    serial += 1;
    return {
      id: `mention${String(serial).padStart(9, '0')}`,
      source,
      target: `https://blog.example.com${thread}`,
      thread,
      senderIp: '203.0.113.80',
      receivedAt: at(ago),
      ...fields,
    };
  };
  const held = (host) => `held: first reference from ${host}`;
  return [
    mention('https://aleksandra.example/2026/11/waiting-rooms-and-hashtags', 25 * minute, {
      senderIp: '2001:db8:77::5',
      entry: sourceEntry('reply', {
        url: 'https://aleksandra.example/2026/11/waiting-rooms-and-hashtags',
        title:
          'Waiting rooms, hashtags and the slow work of trust: what a year of running a patient support group taught me about health advice on social media',
        authorName: 'Dr. Aleksandra Nowak-Villanueva',
        authorUrl: 'https://aleksandra.example/',
        excerpt:
          'I agree with most of this, but I would go further on moderation. Our group (https://aleksandra.example/support-groups/chronic-pain-and-fatigue-2026) learned that a pinned "ask your doctor" is not enough: members need someone who knows when a thread is drifting from sharing experience into giving dosing advice.',
      }),
      status: 'pending',
      reason: held('aleksandra.example'),
    }),
    mention('https://mallory.example/replies/42', 50 * minute, {
      senderIp: '192.0.2.66',
      entry: sourceEntry('reply', {
        title: 'Re: <script>alert("natter")</script> \u202Efdp.exe',
        authorName: 'Mallory <b>Moderator</b>',
        authorUrl: 'javascript:alert(1)',
        excerpt:
          'Nothing to see here <img src=x onerror=alert(1)> and \u202Eesrever ni si txet sihT, then back to normal?',
      }),
      status: 'pending',
      reason: held('mallory.example'),
    }),
    mention('https://old-blog.example/2026/11/20/links-for-the-weekend.html', 2 * hour, {
      via: 'pingback',
      senderIp: '198.51.100.23',
      entry: sourceEntry('mention', {
        title: 'Links for the weekend | Old Blog',
        excerpt: 'Seven things I read this week, from sourdough to patient forums.',
      }),
      status: 'pending',
      reason: held('old-blog.example'),
    }),
    mention(
      'https://micro.example/priya/likes/2026/11/20/a-very-long-path-for-a-like-without-any-title-at-all',
      3 * hour,
      {
        entry: sourceEntry('like', { authorName: 'Priya Raman', authorUrl: 'https://micro.example/priya' }),
        status: 'pending',
        reason: held('micro.example'),
      },
    ),
    mention('https://kenji.example/bookmarks/2026-11-18', 2 * day, {
      entry: sourceEntry('bookmark', {
        url: 'https://kenji.example/bookmarks/2026-11-18',
        title: 'Health care and social media',
        authorName: 'Kenji Watanabe',
        authorUrl: 'https://kenji.example/',
      }),
      status: 'published',
    }),
    mention('https://seo-links.example/best-health-blogs-2026', 6 * hour, {
      senderIp: '192.0.2.200',
      entry: sourceEntry('mention', {
        title: 'Best health blogs 2026 — buy backlinks cheap',
        excerpt: 'Top 500 health blogs! Get your link here for only $5.',
      }),
      status: 'spam',
      reason: 'spam: rule "seo-links.example" (domain)',
    }),
    mention('https://tomas.example/notes/417', 4 * day, {
      entry: sourceEntry('reply', {
        title: 'A note, posted twice',
        authorName: 'Tomás Ferreira',
        authorUrl: 'https://tomas.example/',
      }),
      status: 'deleted',
      reason: 'deleted by a moderator',
    }),
    mention('https://new-reader.example/2026/11/my-response', 2 * minute, { senderIp: '203.0.113.9' }),
    mention('https://slow-server.example/posts/health-and-us', 40 * minute, {
      retry: { at: at(-4 * minute), detail: 'connect ETIMEDOUT 198.51.100.9:443' },
    }),
    mention('https://forgetful.example/2026/11/thoughts', 5 * hour, { refusal: { reason: 'no_link' } }),
    mention('https://typo.example/2026/11/reponse', 8 * hour, {
      refusal: { reason: 'source_gone', detail: 'HTTP 404' },
    }),
    mention('http://10.0.0.12/admin', 9 * hour, {
      senderIp: '192.0.2.51',
      refusal: { reason: 'forbidden_address', detail: 'resolves to 10.0.0.12, a private address' },
    }),
    mention('https://ana.example/2026/11/reply', 3 * day, {
      entry: sourceEntry('reply', {
        title: 'Reply to "Health care and social media"',
        authorName: 'Ana María Rodríguez',
      }),
      refusal: { reason: 'source_gone', detail: 'HTTP 410', at: at(day) },
    }),
    mention('https://changed-mind.example/likes/9', 5 * day, {
      entry: sourceEntry('like', { authorName: 'Sam Whitfield' }),
      refusal: { reason: 'no_link', at: at(2 * day) },
    }),
  ];
}

await mkdir(outDirectory, { recursive: true });
const dataDirectory = await mkdtemp(join(tmpdir(), 'natter-screenshot-admin-'));
const server = await createServer({
  port: 0,
  database: join(dataDirectory, 'natter.sqlite'),
  demo: true,
  siteUrl: 'https://blog.example.com',
});
const now = Date.now();
for (const seeded of comments(now)) await server.store.insertComment(seeded);
const reportedId = 'seed000000000006';
for (const [index, reason] of ['abuse', 'spam'].entries()) {
  await server.store.addReport({
    id: `report${index}`,
    commentId: reportedId,
    reason,
    clientKey: `198.51.100.${index}`,
    createdAt: new Date(now - (index + 1) * hour).toISOString(),
  });
}
await server.store.rules.add({
  id: 'rule1',
  kind: 'domain',
  pattern: 'pills.example',
  action: 'spam',
  note: 'Pharmacy spam, every week',
  createdAt: new Date(now - 30 * day).toISOString(),
});
await server.store.rules.add({
  id: 'rule2',
  kind: 'email',
  pattern: 'priya.raman@example.org',
  action: 'publish',
  note: null,
  createdAt: new Date(now - 10 * day).toISOString(),
});
await seedMentions(server.store, mentions(now));
await server.store.settings.set('admin_password_hash', await scryptPasswords.hash(password));

const browser = await launchChromium();
const viewports = [
  { name: 'mobile', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
];

/** Saves the screen as the moderator sees it now. */
async function save(page, name) {
  // From the top, as a full page: a sticky bar is then where it sits, not where the last scroll left it.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    return document.fonts.ready;
  });
  await page.waitForTimeout(150);
  const file = resolve(outDirectory, `admin-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}

/** The admin page's shadow-piercing locator for a screen's content. */
const list = (page) => page.locator('natter-admin admin-comment-list');
const referenceList = (page) => page.locator('natter-admin admin-reference-list');

async function visit(page, hash) {
  await page.evaluate((fragment) => (location.hash = fragment), hash);
  await page.waitForFunction(() => {
    const main = document.querySelector('natter-admin')?.shadowRoot?.querySelector('main > *');
    const root = main?.shadowRoot;
    return (
      root &&
      !root.querySelector('[role="status"]') &&
      !root.querySelector('admin-comment-list')?.shadowRoot?.querySelector('[role="status"]')
    );
  });
}

let problems = 0;
try {
  for (const { name, ...contextOptions } of viewports) {
    const context = await browser.newContext({ ...contextOptions, colorScheme: 'light', locale: 'en-GB' });
    const page = await context.newPage();
    page.on('console', (message) => {
      // The page asks for its session first: the 401 of a moderator not yet signed in is expected.
      if (/status of 401/.test(message.text())) return;
      if (message.type() === 'error' || message.type() === 'warning') {
        problems += 1;
        console.warn(`  [${name}] console ${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => {
      problems += 1;
      console.warn(`  [${name}] page error: ${error.message}`);
    });
    await page.goto(new URL('admin', server.url).href, { waitUntil: 'load' });
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That password is not right.').waitFor();
    await save(page, `sign-in-${name}`);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await list(page).locator('article').first().waitFor();

    // The queue: the reported comment's details open, two comments selected, the keyboard on the last.
    await page.keyboard.press('j');
    await page.keyboard.press('o');
    await list(page).getByText('Earlier comments by this address').waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await save(page, `queue-${name}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await save(page, `queue-${name}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('?');
    await page.getByRole('dialog').waitFor();
    await save(page, `shortcuts-${name}`);
    await page.keyboard.press('Escape');

    for (const screen of ['reported', 'recent', 'spam', 'deleted', 'rules']) {
      await visit(page, `#/${screen}`);
      await save(page, `${screen}-${name}`);
    }
    for (const [hash, screen] of [
      ['#/references', 'references'],
      ['#/references/unverified', 'references-unverified'],
    ]) {
      await visit(page, hash);
      await referenceList(page).locator('article').first().waitFor();
      await save(page, `${screen}-${name}`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await save(page, `${screen}-${name}-dark`);
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await visit(page, '#/settings');
    await page.getByLabel('Thread path').fill('/2026/11/health-care-and-social-media');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('button', { name: 'Lock the thread' }).waitFor();
    await save(page, `settings-${name}`);
    await visit(page, '#/search');
    await page.getByLabel('Words, a name, an e-mail address or a thread').fill('priya');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await list(page).locator('article').first().waitFor();
    await save(page, `search-${name}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(dataDirectory, { recursive: true, force: true });
}
if (problems > 0) {
  console.error(`${problems} console problem(s) while taking the screenshots`);
  process.exitCode = 1;
}
