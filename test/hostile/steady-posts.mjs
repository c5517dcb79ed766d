// Readers posting without pause to a server that may vanish at any moment and come back on the same address.
// Each reader writes one comment after another and, like the widget when its reader presses Post again, sends a
// comment whose answer never came once more, the same text with the same idempotency key, until the server
// acknowledges it. Whether or not the server had stored it before its answer was lost, it must be stored once:
// nothing acknowledged missing, nothing stored twice, retried or not.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { listThread, postComment } from '../server/process/protocol-calls.mjs';

/** The default `onRefusal`: any answer but 201 fails the test. */
function refuse(status, headers, body) {
  throw new Error(`status ${status} ${body}`);
}

/** How long a reader waits before sending again a comment whose answer did not come. */
const retryDelayMs = 20;

/**
 * Starts `readers` readers posting to the server at `url`, spread over `threads` threads. An answer other than 201
 * goes to `onRefusal(status, headers, body)`, which throws to stop the readers or returns to have it sent again
 * (by default it throws). Returns:
 * - `acknowledged`: every 201, as a map from the comment's id to its `{ thread, text }`;
 * - `attempts`: how many times each text was sent; `refused`: sends the server was not there to take;
 *   `cutOff`: sends it took but never answered (killed meanwhile); `answers`: `{ at, ms, status }` of each send
 *   (`at` when it left, from `performance.now()`; status 0 for none, `undefined` while on its way);
 * - `inFlight()`: how many posts are on their way right now;
 * - `nextAcknowledgement()`: resolves at the next 201;
 * - `stop()`: readers write no new comment, finish the one they are sending (repeating it until the server
 *   acknowledges it) and resolve; it rejects at the first answer other than 201, or a send that timed out;
 * - `abandon()`: readers stop at once, sent or not (cleaning up after a failure); resolves when they have.
 */
export function postSteadily(url, { readers, threads, onRefusal = refuse }) {
  const acknowledged = new Map();
  const attempts = new Map();
  let refused = 0;
  let cutOff = 0;
  const answers = [];
  let inFlight = 0;
  let isStopping = false;
  let isAbandoned = false;
  let waiters = [];

  async function send(thread, text, idempotencyKey) {
    attempts.set(text, (attempts.get(text) ?? 0) + 1);
    inFlight++;
    const answer = { at: performance.now(), ms: undefined, status: undefined };
    answers.push(answer);
    try {
      const response = await postComment(url, { thread, text, idempotencyKey });
      const body = await response.text();
      answer.status = response.status;
      if (response.status === 201) return JSON.parse(body).comment.id;
      onRefusal(response.status, response.headers, body);
      return undefined;
    } catch (error) {
      if (error.name === 'TimeoutError') {
        throw new Error(`${text}: no answer within the call's timeout`, { cause: error });
      }
      // Refused, reset or cut off mid-answer: the server went away.
      answer.status = 0;
      if (!(error instanceof TypeError)) throw error;
      if (error.cause?.code === 'ECONNREFUSED') refused++;
      else cutOff++;
      return undefined;
    } finally {
      answer.ms = performance.now() - answer.at;
      inFlight--;
    }
  }

  async function reader(index) {
    for (let written = 0; !isStopping; written++) {
      const thread = `/steady/thread-${(index + written) % threads}`;
      const text = `reader ${index}, comment ${written}`;
      const idempotencyKey = randomBytes(16).toString('base64url');
      while (!isAbandoned) {
        const id = await send(thread, text, idempotencyKey);
        if (id !== undefined) {
          if (acknowledged.has(id)) throw new Error(`${text}: id ${id} was acknowledged before`);
          acknowledged.set(id, { thread, text });
          for (const resolve of waiters) resolve();
          waiters = [];
          break;
        }
        await sleep(retryDelayMs);
      }
    }
  }

  const done = Promise.all(Array.from({ length: readers }, (_, index) => reader(index)));
  // Until stop() awaits it, a failure must not be an unhandled rejection.
  done.catch(() => {});
  return {
    acknowledged,
    attempts,
    answers,
    get refused() {
      return refused;
    },
    get cutOff() {
      return cutOff;
    },
    inFlight: () => inFlight,
    nextAcknowledgement: () => new Promise((resolve) => waiters.push(resolve)),
    stop() {
      isStopping = true;
      return done;
    },
    abandon() {
      isStopping = true;
      isAbandoned = true;
      return done.catch(() => {});
    },
  };
}

/**
 * Lists every thread the readers wrote to through the server at `url` and compares it with what they were told.
 * Resolves with what is wrong (`problems`, empty when nothing is: a text stored twice is one) and the figures:
 * comments stored, and texts sent more than once (their answer lost), each of which is stored once too.
 */
export async function compareStored(url, { acknowledged, attempts }) {
  const threads = new Set([...acknowledged.values()].map(({ thread }) => thread));
  const problems = [];
  const listedById = new Map();
  const copiesOfText = new Map();
  for (const thread of threads) {
    const { count, comments } = await listThread(url, thread);
    if (count !== comments.length) problems.push(`${thread}: count ${count}, ${comments.length} listed`);
    for (const comment of comments) {
      if (listedById.has(comment.id)) problems.push(`${comment.id} listed twice`);
      listedById.set(comment.id, { thread, text: comment.text });
      copiesOfText.set(comment.text, (copiesOfText.get(comment.text) ?? 0) + 1);
    }
  }
  for (const [id, { thread, text }] of acknowledged) {
    const listed = listedById.get(id);
    if (!listed) problems.push(`acknowledged ${id} (${text}) is lost`);
    else if (listed.thread !== thread || listed.text !== text) problems.push(`${id} changed: ${listed.text}`);
  }
  let retried = 0;
  for (const [text, copies] of copiesOfText) {
    const sent = attempts.get(text) ?? 0;
    if (copies > 1) problems.push(`${text}: stored ${copies} times, sent ${sent} times`);
    if (sent > 1) retried += 1;
  }
  return { problems, stored: listedById.size, retried };
}
