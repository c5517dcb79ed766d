// What every answer to a hostile request must be, whatever the request: no server error, the protocol's error shape
// where the route speaks JSON, nothing injected into a header, nothing private in a body.
import { adminErrorStatus } from '../../../../dist/lib/protocol/admin.js';
import { errorStatus } from '../../../../dist/lib/protocol/errors.js';
import { forbiddenContents } from './hostile-values.mjs';
import { injectionCanary } from './requests.mjs';

const statusOfCode = { ...errorStatus, ...adminErrorStatus };

/** Statuses Node's HTTP parser answers by itself a request it cannot read (before natter sees it). */
const parserRefusals = new Set([400, 413, 414, 431]);

/**
 * The problems with `answer` to `request` (none: an empty list). `secrets` are strings only the server's
 * environment and files hold.
 */
export function problemsOf(request, answer, secrets = []) {
  const problems = [];
  const { status, headers, body } = answer;
  if (status >= 500) problems.push(`answered ${status}: ${body.toString('utf8').slice(0, 300)}`);
  for (const [name, value] of headers) {
    if (name.includes('injected') || value.toLowerCase().includes(injectionCanary)) {
      problems.push(`a header carries the injection: ${name}: ${value}`);
    }
  }
  const text = body.toString('latin1');
  for (const secret of [...forbiddenContents, ...secrets]) {
    if (text.includes(secret)) problems.push(`the body holds ${JSON.stringify(secret)}`);
  }
  // natter sets nosniff on every answer: one without it is Node's own refusal of a request it could not parse.
  if (!headers.has('x-content-type-options')) {
    if (!parserRefusals.has(status)) problems.push(`answered ${status} without natter's headers`);
    return problems;
  }
  const type = headers.get('content-type') ?? '';
  if (request.kind === 'xml' && request.method === 'POST' && /^\/xmlrpc\/?$/.test(request.target)) {
    if (status !== 200 || !type.startsWith('text/xml')) problems.push(`XML-RPC answered ${status} ${type}`);
    return problems;
  }
  if (status < 400 || request.method === 'HEAD') return problems;
  if (type.startsWith('text/html') && request.kind === 'html') return problems;
  if (!type.startsWith('application/json')) {
    problems.push(`answered ${status} as ${type || 'no type'}, not JSON`);
    return problems;
  }
  let error;
  try {
    ({ error } = JSON.parse(body.toString('utf8')));
  } catch {
    problems.push(`answered ${status} with JSON that does not parse`);
    return problems;
  }
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') {
    problems.push(`answered ${status} without the error shape: ${body.toString('utf8').slice(0, 200)}`);
  } else if (statusOfCode[error.code] !== status) {
    problems.push(`answered ${status} with code ${error.code}, whose status is ${statusOfCode[error.code]}`);
  } else if (status === 429 && !/^\d+$/.test(headers.get('retry-after') ?? '')) {
    problems.push('answered 429 without Retry-After in seconds');
  }
  return problems;
}
