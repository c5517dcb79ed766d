// Latency at a steady rate, to a tenth of a millisecond: autocannon rounds latencies to whole milliseconds and, at a
// fixed rate, adds samples for coordinated omission, neither of which suits a server that answers in under one. Here
// each of `connections` keep-alive connections sends one GET every `connections / rate` seconds and times it with
// the monotonic clock.
import { Agent, get } from 'node:http';

/** Percentile `p` (0–1) of sorted `values`. */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/** One GET of `url` through `agent`; resolves with its status once the body has been read. */
function timedGet(url, agent) {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode));
    });
    request.setTimeout(10_000, () => request.destroy(new Error('timed out')));
    request.once('error', reject);
  });
}

/**
 * GETs `nextUrl()` (a new URL each time) `rate` times a second for `seconds` over `connections` connections;
 * resolves with `{ p50, p99, requests, failures }`, latencies in milliseconds.
 */
export async function steadyLoad({ nextUrl, rate, seconds, connections }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const intervalMs = (connections * 1000) / rate;
  const end = performance.now() + seconds * 1000;
  const latencies = [];
  let failures = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      // Spread the connections' first requests over one interval.
      let due = performance.now() + (worker * intervalMs) / connections;
      while (due < end) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const started = performance.now();
        try {
          const status = await timedGet(nextUrl(), agent);
          if (status === 200) latencies.push(performance.now() - started);
          else failures += 1;
        } catch {
          failures += 1;
        }
        due += intervalMs;
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requests: latencies.length + failures,
    failures,
  };
}
