import type { IncomingMessage, ServerResponse } from 'node:http';
import { replayKey, type AnswerReplay } from '../answer-replay.js';
import { isLogged, type Logger } from '../logger.js';

/**
 * Sends the app's answer to a GET from `replay` when it holds a current one for it, as the app would have sent it
 * (the same status, headers and bytes, and the same request log line); `false` when the app must answer. This is
 * the hot path of a popular thread: no Request, no middleware, no routing.
 */
export function sendReplayed(
  replay: AnswerReplay,
  request: IncomingMessage,
  response: ServerResponse,
  { now, logger }: { now: () => number; logger: Logger },
): boolean {
  if (request.method !== 'GET' || request.url === undefined) return false;
  const start = performance.now();
  const key = replayKey(request.url, (name) => request.headers[name] as string | undefined);
  const answer = key === undefined ? undefined : replay.get(key, now());
  if (!answer) return false;
  response.writeHead(answer.status, answer.headers).end(answer.body);
  if (isLogged(logger, 'info')) {
    logger.log('info', 'request', {
      method: 'GET',
      path: request.url.split('?', 1)[0],
      status: answer.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  }
  return true;
}
