// Runs a fast-check property of "every answer is sound" over requests made by an arbitrary, in parallel lanes of
// their own seeds against one server, counting what came back.
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { requestBytes, sendRaw } from '../raw-http.mjs';
import { describe } from './describe.mjs';
import { problemsOf } from './judge.mjs';

/** The resident memory of process `pid` in kB, from /proc (Linux). */
export async function residentKb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
}

/**
 * Sends `runs` requests made by `arbitrary` to the server on `port`, in `lanes` lanes seeded `seed`, `seed + 1`…,
 * each answer checked by `problemsOf` and then by `check(request, answer)` (which may send more). A failure shrinks
 * to the simplest request that still fails, and its error names the lane's seed and the path to replay it.
 * A body over `maxBodyBytes` may meet a reset instead of its 413. Resolves with `statuses` (how often each status
 * came back, and `reset`) and `accepted` (writes answered 2xx or 3xx).
 */
export async function fuzz({
  port,
  arbitrary,
  runs,
  seed,
  maxBodyBytes,
  lanes = 2,
  secrets = [],
  check = async () => {},
}) {
  const statuses = new Map();
  const accepted = [];
  const property = fc.asyncProperty(arbitrary, async (request) => {
    let answer;
    try {
      answer = await sendRaw(port, requestBytes(request), { method: request.method });
    } catch (error) {
      // A body over the limit is answered 413 at once and its connection closed; with much of it still unread the
      // close is a reset, which can overtake the answer (more often the larger the body and the busier the server).
      // Nothing of such a body was taken: counted apart, and the data compared.
      const isResetUnderBody =
        (request.body?.length ?? 0) > maxBodyBytes && /without an answer/.test(error.message);
      if (!isResetUnderBody) throw new Error(`${describe(request)}: ${error.message}`, { cause: error });
      statuses.set('reset', (statuses.get('reset') ?? 0) + 1);
      return;
    }
    const problems = problemsOf(request, answer, secrets);
    if (problems.length > 0) throw new Error(`${describe(request)}: ${problems.join('; ')}`);
    await check(request, answer);
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    if (answer.status < 400 && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      accepted.push(`${answer.status} ${describe(request)}`);
    }
  });
  await Promise.all(
    Array.from({ length: lanes }, (_, lane) =>
      fc.assert(property, { seed: seed + lane, numRuns: Math.ceil(runs / lanes) }).catch((error) => {
        // The runner prints the message, not its cause: what failed goes into the message.
        throw new Error(`${error.message}\n${error.cause?.message ?? ''}`, { cause: error.cause });
      }),
    ),
  );
  return { statuses, accepted };
}

/** `statuses` as one line: `200×512 400×301 …`, by status. */
export function statusLine(statuses) {
  return [...statuses]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
}
