import { mapLimited } from '../map-limited.js';
import { discoverEndpoint, TargetUnavailableError } from './discover-endpoint.js';
import { outgoingLinks } from './outgoing-links.js';
import type { PageFetcher } from './source-page.js';
import { methodCall, parseMethodResponse, pingbackFault, XmlRpcError } from './xml-rpc.js';

/** What became of one page the source links to. */
export interface MentionResult {
  /** The linked page. */
  target: string;
  /** `sent`: its endpoint accepted the mention; `no_endpoint`: it takes none (or could not be asked); `failed`. */
  outcome: 'sent' | 'no_endpoint' | 'failed';
  via?: 'webmention' | 'pingback';
  endpoint?: string;
  /** The endpoint's HTTP status. */
  status?: number;
  /** Where a Webmention endpoint says the mention's status can be followed (its `Location`), absolute. */
  location?: string;
  /** Why it failed or found no endpoint, or what a Pingback server answered, in a line. */
  detail?: string;
}

/** A source page that could not be read, so nothing was sent. */
export class SourceUnavailableError extends Error {
  override name = 'SourceUnavailableError';
}

export interface SendMentionsOptions {
  /** Every request goes through it: the target pages, and the endpoints (so a private address is refused too). */
  fetchPage: PageFetcher;
  /** How many linked pages are worked on at once. Default 4. */
  concurrency?: number;
}

/**
 * Sends a mention from `source` to every page it links to (see `outgoingLinks`): the endpoint of each is
 * discovered, then sent a Webmention (a form POST of `source` and `target`) or a Pingback (`pingback.ping` over
 * XML-RPC). Resolves with a result per linked page, in the order they appear; throws a `SourceUnavailableError` when
 * the source cannot be fetched or does not answer 2xx.
 */
export async function sendMentions(source: string, options: SendMentionsOptions): Promise<MentionResult[]> {
  const { fetchPage, concurrency = 4 } = options;
  const outcome = await fetchPage(source);
  if (!outcome.ok) throw new SourceUnavailableError(outcome.detail);
  if (outcome.page.status < 200 || outcome.page.status > 299) {
    throw new SourceUnavailableError(`it answered ${outcome.page.status}`);
  }
  const targets = outgoingLinks(outcome.page, source);
  return mapLimited(targets, concurrency, (target) => mention(source, target, fetchPage));
}

async function mention(source: string, target: string, fetchPage: PageFetcher): Promise<MentionResult> {
  let found;
  try {
    found = await discoverEndpoint(target, fetchPage);
  } catch (error) {
    if (!(error instanceof TargetUnavailableError)) throw error;
    return { target, outcome: 'no_endpoint', detail: `could not fetch it: ${error.detail}` };
  }
  if (found === undefined) return { target, outcome: 'no_endpoint' };
  return found.type === 'webmention'
    ? sendWebmention(source, target, found.endpoint, fetchPage)
    : sendPingback(source, target, found.endpoint, fetchPage);
}

/** Webmention §3.1.3: any 2xx is accepted (201 with a status page, 202 queued, 200 done). */
async function sendWebmention(
  source: string,
  target: string,
  endpoint: string,
  fetchPage: PageFetcher,
): Promise<MentionResult> {
  const result = { target, via: 'webmention', endpoint } as const;
  const outcome = await fetchPage(endpoint, {
    method: 'POST',
    body: new URLSearchParams({ source, target }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  if (!outcome.ok) return { ...result, outcome: 'failed', detail: outcome.detail };
  const { status, headers, url } = outcome.page;
  if (status < 200 || status > 299) {
    return { ...result, outcome: 'failed', status, detail: `answered ${status}` };
  }
  const location = headers.get('location');
  const statusPage =
    location !== null && URL.canParse(location, url) ? new URL(location, url).href : undefined;
  return { ...result, outcome: 'sent', status, location: statusPage };
}

/**
 * Pingback 1.0: `pingback.ping(source, target)`. A fault is a failure, but for "already registered" (48): the
 * target has the mention, as a Webmention sent again would be accepted again.
 */
async function sendPingback(
  source: string,
  target: string,
  endpoint: string,
  fetchPage: PageFetcher,
): Promise<MentionResult> {
  const result = { target, via: 'pingback', endpoint } as const;
  const outcome = await fetchPage(endpoint, {
    method: 'POST',
    body: methodCall('pingback.ping', [source, target]),
    headers: { 'Content-Type': 'text/xml; charset=utf-8' },
  });
  if (!outcome.ok) return { ...result, outcome: 'failed', detail: outcome.detail };
  const { status, body } = outcome.page;
  if (status < 200 || status > 299) {
    return { ...result, outcome: 'failed', status, detail: `answered ${status}` };
  }
  let answer;
  try {
    answer = parseMethodResponse(body);
  } catch (error) {
    if (!(error instanceof XmlRpcError)) throw error;
    return { ...result, outcome: 'failed', status, detail: `not an XML-RPC answer: ${error.message}` };
  }
  if ('value' in answer) return { ...result, outcome: 'sent', status, detail: answer.value };
  const { code, message } = answer.fault;
  const outcomeOfFault = code === pingbackFault.alreadyRegistered ? 'sent' : 'failed';
  return { ...result, outcome: outcomeOfFault, status, detail: `fault ${code}: ${message}` };
}
