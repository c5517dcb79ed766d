// Privacy end to end: after a realistic morning on the real `natter serve` behind a (trusted) reverse proxy, with
// reply notifications through a local SMTP server, every answer anyone may read is crawled and searched for what
// readers gave the server but never published: their e-mail addresses, their IP addresses, their comments' secrets,
// the trust tokens and the links of their e-mails, and every hash of those a careless server might publish
// (privacy-needles.mjs). The export (which holds them all) and the authors' own answers prove the search finds them.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { after, test } from 'node:test';
import ipaddr from 'ipaddr.js';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createTempFolder, runNatter, startServer, withTimeout } from '../../e2e/server-process.mjs';
import { needlesIn, needlesOf } from './privacy-needles.mjs';

const temporary = await createTempFolder();
after(() => temporary.remove());

/** The readers of the morning: what each typed into the form, and where each wrote from. */
const authors = {
  ada: {
    name: 'Ada Lovelace',
    email: 'Ada.Lovelace@Example.COM',
    ip: '203.0.113.7',
    url: 'https://ada.example/',
  },
  grace: { name: 'Grace Hopper', email: 'grace@hopper.example', ip: '2001:db8:17::42' },
  linus: { name: 'Linus', email: 'linus@kernel.example', ip: '198.51.100.23' },
  margaret: { name: 'Margaret Hamilton', email: 'm.hamilton@apollo.example', ip: '192.0.2.99' },
  anonymous: { name: 'Someone', ip: '203.0.113.250' },
};
/** The address the other blog's Webmention came from. */
const senderIp = '198.51.100.201';

/** An IP address in the spellings a server might write it: as given, in full, IPv4-mapped, and its /64 network. */
function ipSpellings(address) {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return [address, `::ffff:${address}`];
  const parts = parsed.parts.map((part) => part.toString(16));
  return [
    address,
    parsed.toNormalizedString(),
    parsed.toFixedLengthString(),
    `${parts.slice(0, 4).join(':')}::/64`,
  ];
}

/** An SMTP server on loopback that keeps every message, parsed; `next(to)` waits for the next one to `to`. */
async function startMailSink() {
  const mails = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // natter's mailer may keep its connection open: closing does not wait for it.
    closeTimeout: 100,
    onData(stream, session, done) {
      simpleParser(stream).then((mail) => (mails.push(mail), done()), done);
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.server.address().port,
    async next(to, seen) {
      const found = () =>
        mails.find((mail) => !seen.has(mail) && mail.to.text.toLowerCase().includes(to.toLowerCase()));
      await withTimeout(
        (async () => {
          while (!found()) await new Promise((resolve) => setTimeout(resolve, 20));
        })(),
        10_000,
        `an e-mail to ${to}`,
      );
      const mail = found();
      seen.add(mail);
      return mail;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The `token` of each natter link in an e-mail's text. */
function tokensIn(mail) {
  return [...mail.text.matchAll(/https?:\/\/\S+?[?&]token=([^\s&>]+)/g)].map((match) =>
    decodeURIComponent(match[1]),
  );
}

/** A whole answer as text: status, headers and body, for the search. */
async function asText(response) {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

/** A `text/event-stream` answer being read: `close(ms)` reads on for `ms` more, cuts it off and resolves with its text. */
async function readStream(url, headers = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  let text = `${response.status}\n${[...response.headers].join('\n')}\n\n`;
  const decoder = new TextDecoder();
  const reading = (async () => {
    try {
      for await (const chunk of response.body) text += decoder.decode(chunk, { stream: true });
    } catch {
      // Aborted: the stream never ends by itself.
    }
  })();
  return {
    async close(ms = 100) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      controller.abort();
      await reading;
      return text;
    },
  };
}

/** Every link of an HTML page to `origin`, without its fragment. */
function linksIn(html, origin, base) {
  return [...html.matchAll(/(?:href|src|action)="([^"]*)"/g)]
    .map((match) => {
      try {
        const url = new URL(match[1].replaceAll('&amp;', '&'), base);
        url.hash = '';
        return url;
      } catch {
        return undefined;
      }
    })
    .filter((url) => url?.origin === origin)
    .map((url) => url.href);
}

/**
 * Every answer anyone may read about `thread`: each page of each sort, each comment by id and the page around it,
 * counts, feeds, references, the mention's status, the thread page with every page and sort it links to (and the
 * demo pages and every file they link), its embeddable markup, a form token, health, and each file of dist/ the
 * server serves. Resolves with a Map of each URL to its answer as text.
 */
async function crawl(server, { thread, ids, mentionStatus }) {
  const origin = new URL(server.url).origin;
  const answers = new Map();
  const get = async (url, isFollowed = false) => {
    if (answers.has(url)) return undefined;
    answers.set(url, '');
    const response = await fetch(url);
    const text = await asText(response);
    answers.set(url, text);
    const type = response.headers.get('content-type') ?? '';
    if (isFollowed && type.startsWith('text/html')) {
      const inside = linksIn(text, origin, url).filter(
        (link) => !/\/(admin|notifications)\b/.test(new URL(link).pathname),
      );
      for (const link of inside) await get(link, true);
    }
    return type.includes('json') && response.status === 200
      ? JSON.parse(text.slice(text.indexOf('\n\n') + 2))
      : undefined;
  };
  const api = (path, query) =>
    `${new URL(path, server.url).href}${query ? `?${new URLSearchParams(query)}` : ''}`;

  const first = await get(api('api/v1/comments', { thread }));
  for (const sort of first.thread.sorts ?? ['oldest', 'newest']) {
    for (let page = await get(api('api/v1/comments', { thread, sort, limit: '1' })); page?.next;) {
      page = await get(api('api/v1/comments', { thread, sort, limit: '1', cursor: page.next }));
    }
  }
  for (const id of ids) {
    await get(api(`api/v1/comments/${id}`));
    await get(api('api/v1/comments', { thread, around: id, limit: '2' }));
  }
  await get(api('api/v1/counts', { thread }));
  await get(api('api/v1/feed.atom', { thread }));
  await get(api('api/v1/feed.atom'));
  await get(api('api/v1/references', { thread }));
  await get(mentionStatus);
  await get(api('api/v1/form-token', { thread }));
  await get(api('healthz'));
  await get(api('thread/embed', { thread }));
  await get(api('thread', { url: new URL(thread.slice(1), server.url).href }), true);
  for (const sort of first.thread.sorts ?? []) {
    await get(api('thread', { url: new URL(thread.slice(1), server.url).href, sort }), true);
  }
  await get(server.url, true);
  const built = await readdir(new URL('../../../dist/', import.meta.url), { withFileTypes: true });
  for (const file of built.filter((entry) => entry.isFile())) await get(api(file.name));
  return answers;
}

test('no public answer holds an e-mail address, an IP address, a secret or a hash of one', async (t) => {
  const mailSink = await startMailSink();
  t.after(() => mailSink.close());
  const database = temporary.file('privacy.sqlite');
  const server = await startServer({
    database,
    args: [
      '--trust-proxy',
      '--reply-notifications',
      'each',
      '--smtp-host',
      '127.0.0.1',
      '--smtp-port',
      String(mailSink.port),
      '--smtp-tls',
      'none',
      '--email-from',
      'natter@blog.example',
      '--webmention-allow-loopback',
    ],
    t,
  });
  const thread = '/2026/12/privacy';
  const pageUrl = new URL(thread.slice(1), server.url).href;
  const api = (path) => new URL(path, server.url).href;
  const secrets = [];
  /** What the authors' own calls answered them: their secrets are in there, for the search to prove itself on. */
  const ownAnswers = [];

  /** A call as `author` makes it, through the proxy, which appends their address to X-Forwarded-For. */
  const call = async (author, method, path, { json, form, secret } = {}) => {
    const response = await fetch(api(path), {
      method,
      headers: {
        'x-forwarded-for': author.ip,
        ...(json && { 'content-type': 'application/json' }),
        ...(secret && { authorization: `Bearer ${secret}` }),
      },
      body: json ? JSON.stringify(json) : form && new URLSearchParams(form),
    });
    const text = await response.text();
    assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${text}`);
    ownAnswers.push(text);
    return text ? JSON.parse(text) : undefined;
  };
  const post = async (author, text, extra = {}) => {
    const { name, email, url } = author;
    const answer = await call(author, 'POST', 'api/v1/comments', {
      json: { thread, name, email, url, text, ...extra },
    });
    secrets.push(answer.secret, ...(answer.trust ? [answer.trust] : []));
    return answer;
  };

  // A reader keeps the thread open from before the first comment to after the last.
  const live = await readStream(api(`api/v1/stream?thread=${encodeURIComponent(thread)}`));

  // The morning: comments with and without addresses, replies, an edit and a deletion by their authors, likes, a
  // report, a comment held for its links, and subscriptions to replies, one confirmed from its e-mail.
  const mails = new Set();
  const ada = await post(authors.ada, 'Lovely post. Tell me about the answers, please.', { notify: true });
  const confirmation = await mailSink.next(authors.ada.email, mails);
  const [confirmToken] = tokensIn(confirmation);
  const confirmed = await fetch(api(`notifications/confirm?token=${encodeURIComponent(confirmToken)}`));
  assert.equal(confirmed.status, 200, await confirmed.text());
  const grace = await post(authors.grace, 'Thanks, Ada: here is why.', { parent: ada.comment.id });
  const notification = await mailSink.next(authors.ada.email, mails);
  const linus = await post(authors.linus, 'First!');
  await call(authors.linus, 'PATCH', `api/v1/comments/${linus.comment.id}`, {
    json: { text: 'First! (edited: and a real point)' },
    secret: linus.secret,
  });
  const margaret = await post(authors.margaret, 'Replying to Linus.', {
    parent: linus.comment.id,
    notify: true,
  });
  const margaretsConfirmation = await mailSink.next(authors.margaret.email, mails);
  await call(authors.linus, 'DELETE', `api/v1/comments/${linus.comment.id}`, { secret: linus.secret });
  // A placeholder keeps nothing of its author: Linus's address stays on the server through his next comment.
  const linusAgain = await post(authors.linus, 'Sorry about that; here is my point again.');
  const held = await post(authors.grace, 'See https://a.example/ https://b.example/ and https://c.example/');
  assert.equal(held.comment.status, 'pending');
  const anonymous = await post(authors.anonymous, 'No address given.');
  await call(authors.margaret, 'POST', `api/v1/comments/${ada.comment.id}/likes`);
  await call(authors.anonymous, 'POST', `api/v1/comments/${grace.comment.id}/likes`);
  await call(authors.linus, 'POST', `api/v1/comments/${grace.comment.id}/reports`, {
    json: { reason: 'spam' },
  });
  secrets.push(...[confirmation, notification, margaretsConfirmation].flatMap(tokensIn));

  // Another blog answers, from its own address; the server verifies its Webmention and shows it.
  const blog = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>Re: privacy</title><article class="h-entry">
      <a class="u-in-reply-to" href="${pageUrl}">this post</a><p class="e-content">Agreed.</p></article>`);
  });
  await new Promise((resolve) => blog.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => blog.close(resolve)));
  const source = `http://127.0.0.1:${blog.address().port}/re-privacy`;
  const sent = await fetch(api('webmention'), {
    method: 'POST',
    headers: { 'x-forwarded-for': senderIp },
    body: new URLSearchParams({ source, target: pageUrl }),
  });
  assert.equal(sent.status, 201, await sent.text());
  const mentionStatus = sent.headers.get('location');
  await withTimeout(
    (async () => {
      while ((await (await fetch(mentionStatus)).json()).state === 'queued') {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })(),
    10_000,
    'the Webmention to be verified',
  );

  const streamed = await live.close();
  assert.equal(streamed.match(/^event: comment$/gm)?.length, 6, streamed);
  // A reader who comes back gets what they missed replayed from storage: the comments after the first, but the one
  // Linus deleted.
  const firstEvent = /^id: (.+)$/m.exec(streamed)[1];
  const replay = await readStream(api(`api/v1/stream?thread=${encodeURIComponent(thread)}`), {
    'last-event-id': firstEvent,
  });
  const ids = [ada, grace, linus, linusAgain, margaret, held, anonymous].map((answer) => answer.comment.id);
  const answers = await crawl(server, { thread, ids, mentionStatus });
  answers.set('live stream', streamed);
  const replayed = await replay.close(300);
  assert.equal(replayed.match(/^event: comment$/gm)?.length, 4, replayed);
  answers.set('live stream replayed', replayed);
  const rendered = await runNatter(['render', pageUrl, '--endpoint', server.url]);
  assert.equal(rendered.code, 0, rendered.stderr);
  answers.set('natter render', rendered.stdout);

  const needles = needlesOf({
    email: Object.values(authors).flatMap((author) => (author.email ? [author.email] : [])),
    ip: [...Object.values(authors).map((author) => author.ip), senderIp].flatMap(ipSpellings),
    secret: secrets,
  });
  // The search finds what is there: the export holds every address, the authors' own answers their secrets.
  const exported = await runNatter(['export', '--database', database]);
  assert.equal(exported.code, 0, exported.stderr);
  const inExport = new Set(needlesIn(exported.stdout, needles));
  const given = [...Object.values(authors).flatMap((author) => [author.email, author.ip]), senderIp].filter(
    Boolean,
  );
  assert.deepEqual(
    given.filter((value) => ![`email ${value}`, `ip ${value}`].some((label) => inExport.has(label))),
    [],
    'natter export holds every address given',
  );
  const mailed = [confirmation, notification, margaretsConfirmation].map((mail) => mail.text);
  const ownFound = new Set(needlesIn([...ownAnswers, ...mailed].join('\n'), needles));
  assert.deepEqual(
    secrets.filter(
      (secret) => !ownFound.has(`secret ${secret}`) && !ownFound.has(`secret ${secret.toLowerCase()}`),
    ),
    [],
  );
  // Avatars are keyed: the same address gives another avatar on another site (another salt), so that nobody can
  // test a guessed address against one; the search above already found no plain hash of an address.
  const elsewhere = await startServer({ database: temporary.file('elsewhere.sqlite'), t });
  const { email, name } = authors.ada;
  const there = await fetch(new URL('api/v1/comments', elsewhere.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread, name, email: email.toLowerCase(), text: 'The same reader elsewhere.' }),
  });
  const avatarThere = (await there.json()).comment.avatar;
  assert.match(ada.comment.avatar, /^[\w-]{16}$/);
  assert.match(avatarThere, /^[\w-]{16}$/);
  assert.notEqual(avatarThere, ada.comment.avatar);

  const leaks = [...answers].flatMap(([url, text]) =>
    needlesIn(text, needles).map((label) => `${url}: ${label}`),
  );
  t.diagnostic(`${answers.size} public answers crawled, ${needles.length} needles`);
  assert.deepEqual(leaks, []);
});
