// One cell of the bench: autocannon, in this process, against a server in another, and what that server's
// processes spent meanwhile (CPU time from /proc).
import autocannon from 'autocannon';
import { cpuMilliseconds } from './proc-stats.mjs';

/**
 * Loads `url` for `seconds` over `connections` connections (one request at a time each) and resolves with:
 * `requestsPerSecond`, `p50` and `p99` (latency, ms), `requests`, `failures` (socket errors, timeouts and answers
 * outside 2xx) and `cpuMsPerRequest` (of `pid`'s process tree, when given). `request` may set `method`, `body`
 * (`[<id>]` in it becomes a unique id), `headers`, `setupRequest` and `onResponse`, as autocannon's `requests` do;
 * `overallRate` caps the requests per second (for latency at a steady rate instead of under saturation).
 */
export async function runCell({ url, connections, seconds, request = {}, overallRate, pid }) {
  const cpuBefore = pid ? cpuMilliseconds(pid) : 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    pipelining: 1,
    idReplacement: typeof request.body === 'string' && request.body.includes('[<id>]'),
    requests: [request],
    ...(overallRate && { overallRate }),
  });
  const cpu = pid ? cpuMilliseconds(pid) - cpuBefore : undefined;
  const requests = result.requests.total;
  return {
    requestsPerSecond: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    failures: result.errors + result.timeouts + result.non2xx,
    cpuMsPerRequest: cpu === undefined || requests === 0 ? undefined : cpu / requests,
  };
}
