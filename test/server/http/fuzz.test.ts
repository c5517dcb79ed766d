import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backends, postComment, uniqueThread, useFreshDatabase, type Answer } from './helpers.js';

/** A small seeded generator (mulberry32), so that a failing body can be made again from its seed. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (limit: number) => Math.floor(next() * limit);
  const pick = <T>(choices: readonly T[]): T => choices[below(choices.length)]!;
  return { next, below, pick };
}

type Random = ReturnType<typeof randomSource>;

// Numbers as JSON text: some overflow a double, some lose precision, some are negative zero.
const numbers = [
  '0',
  '-0',
  '1',
  '-1',
  '1.5',
  '1e308',
  '-1e308',
  '1e400',
  '5e-324',
  '9007199254740993',
  '1'.repeat(400),
];
const strings = [
  '',
  ' ',
  'Ada',
  '/a',
  '__proto__',
  'constructor',
  'https://ada.example/',
  'ada@example.com',
  '\u0000',
  '\ud800',
  '\u202e',
  '👩‍👩‍👧',
  '\r\n',
  '<script>alert(1)</script>',
  "'; DROP TABLE comments; --",
];
const keys = [
  'thread',
  'parent',
  'name',
  'email',
  'url',
  'text',
  '__proto__',
  'constructor',
  '',
  'status',
  'id',
];

/** A random string: a known troublemaker, random code units, or something long. */
function randomString(random: Random): string {
  switch (random.below(4)) {
    case 0:
      return random.pick(strings);
    case 1:
      return Array.from({ length: random.below(30) }, () => String.fromCharCode(random.below(0x10000))).join(
        '',
      );
    case 2:
      return random.pick(['x', '€', '👩', '\n']).repeat(random.below(9000));
    default:
      return `${random.pick(strings)}${random.below(1000)}`;
  }
}

/** Random JSON text, nested up to `depth` levels (sometimes far deeper, as one long run of brackets). */
function randomJson(random: Random, depth: number): string {
  const kind = depth <= 0 ? random.below(4) : random.below(7);
  switch (kind) {
    case 0:
      return random.pick(['null', 'true', 'false']);
    case 1:
      return random.pick(numbers);
    case 2:
    case 3:
      return JSON.stringify(randomString(random));
    case 4: {
      const items = Array.from({ length: random.below(5) }, () => randomJson(random, depth - 1));
      return `[${items.join(',')}]`;
    }
    case 5: {
      const members = Array.from(
        { length: random.below(6) },
        () =>
          `${JSON.stringify(random.next() < 0.8 ? random.pick(keys) : randomString(random))}:${randomJson(random, depth - 1)}`,
      );
      return `{${members.join(',')}}`;
    }
    default: {
      const levels = random.below(5000);
      return `${'['.repeat(levels)}${random.pick(numbers)}${']'.repeat(levels)}`;
    }
  }
}

/** Valid values for the members of a body, by name. */
type ValidMembers = Record<string, () => string>;

/** Mostly objects with these members, each right, wrong or missing at random; sometimes any JSON at all. */
function randomBody(random: Random, validMembers: ValidMembers): string {
  if (random.next() < 0.2) return randomJson(random, 3);
  const members: string[] = [];
  for (const [key, validValue] of Object.entries(validMembers)) {
    const roll = random.next();
    if (roll < 0.1) continue;
    const value = roll < 0.75 ? JSON.stringify(validValue()) : randomJson(random, 2);
    members.push(`${JSON.stringify(key)}:${value}`);
  }
  if (random.next() < 0.3) members.push(`${JSON.stringify(random.pick(keys))}:${randomJson(random, 2)}`);
  return `{${members.join(',')}}`;
}

function assertNoServerError(answer: Answer, context: string): void {
  assert.ok(answer.status < 500, `${context} answered ${answer.status} ${answer.text}`);
  if (answer.status === 204) return;
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/, context);
  if (answer.status >= 400) {
    const { error } = answer.body as { error: { code: unknown } };
    assert.equal(typeof error.code, 'string', context);
  }
}

const iterations = 300;

/** Sends `iterations` random bodies made from `seed`; returns how often each status came back. */
async function fuzz(
  random: Random,
  validMembers: ValidMembers,
  send: (body: string) => Promise<Answer>,
): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  for (let index = 0; index < iterations; index += 1) {
    const body = randomBody(random, validMembers);
    const answer = await send(body);
    assertNoServerError(answer, `body ${index}: ${body.slice(0, 300)}`);
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  }
  return statuses;
}

describe('random request bodies', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      const json = { 'content-type': 'application/json' };

      it(`answers ${iterations} random POST bodies without a server error`, async () => {
        const app = database().app();
        const parent = await postComment(app);
        const parents = ['', 'unknown', parent.comment.id, 'x'.repeat(70), '../etc'];
        const random = randomSource(20250601);
        const members: ValidMembers = {
          thread: () => uniqueThread(),
          parent: () => random.pick(parents),
          name: () => 'Ada',
          email: () => 'ada@example.com',
          url: () => 'https://ada.example',
          text: () => 'Hello',
        };
        const send = (body: string) =>
          app.request('/api/v1/comments', { method: 'POST', body, headers: json });
        const statuses = await fuzz(random, members, send);
        for (const status of [201, 400, 422]) {
          assert.ok(statuses.has(status), `no ${status} among ${[...statuses].join('; ')}`);
        }
      });

      it(`answers ${iterations} random PATCH bodies without a server error`, async () => {
        const app = database().app({ editWindowMinutes: 60 * 24 });
        const { comment, secret } = await postComment(app);
        const headers = { ...json, authorization: `Bearer ${secret}` };
        const send = (body: string) =>
          app.request(`/api/v1/comments/${comment.id}`, { method: 'PATCH', body, headers });
        const statuses = await fuzz(randomSource(20250602), { text: () => 'Edited' }, send);
        for (const status of [200, 400, 422]) {
          assert.ok(statuses.has(status), `no ${status} among ${[...statuses].join('; ')}`);
        }
      });
    });
  }
});
