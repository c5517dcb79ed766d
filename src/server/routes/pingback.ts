import { Hono, type Context } from 'hono';
import { HttpError } from '../http-error.js';
import { readText } from '../read-json.js';
import type { StoredMention } from '../storage/mentions.js';
import type { CommentStore } from '../storage/store.js';
import { receiveMention, type MentionReceiverOptions } from '../webmention/receive-mention.js';
import { pingbackFault } from '../webmention/pingback-faults.js';

export interface PingbackRoutesOptions extends MentionReceiverOptions {
  clientAddress: (c: Context) => string | undefined;
  /** How long a ping waits for its source to be checked before it is answered as received (default 8 s). */
  waitMs?: number;
  /** Counts the call against its client's writes; rejects with 429 past the limit (answered as fault 49). */
  limitClient?: (c: Context) => Promise<void>;
  /** A mention was queued: the worker should look. */
  queued: () => void;
}

/** The Pingback fault for a mention the worker refused, or `undefined` when it was verified. */
function faultOfRefusal(mention: StoredMention): number | undefined {
  if (mention.state === 'verified') return undefined;
  if (mention.reason === 'no_link') return pingbackFault.noLinkToTarget;
  if (mention.reason === 'source_gone' || mention.reason === 'source_error')
    return pingbackFault.sourceNotFound;
  if (mention.reason === 'too_many_references') return pingbackFault.targetNotPingable;
  return pingbackFault.upstreamError;
}

/** The mention once it is no longer queued, looked at every 100 ms for at most `waitMs`; `undefined` past that. */
async function settledWithin(
  store: CommentStore,
  id: string,
  waitMs: number,
): Promise<StoredMention | undefined> {
  for (const until = Date.now() + waitMs; Date.now() < until;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const mention = await store.mentions.get(id);
    if (mention?.state !== 'queued') return mention;
  }
  return undefined;
}

/** XML-RPC's own faults (the specification for faults in XML-RPC servers that most of them follow). */
const xmlRpcFault = { parseError: -32700, methodNotFound: -32601, invalidParams: -32602 } as const;

/** The Pingback fault for a refusal of the Webmention pipeline: its field says whose fault it is. */
function faultOf(error: HttpError): number {
  if (error.status === 429) return pingbackFault.accessDenied;
  if (error.field === 'source') return pingbackFault.sourceNotFound;
  if (error.field === 'target') return pingbackFault.targetNotPingable;
  return pingbackFault.generic;
}

/**
 * `/xmlrpc`: the Pingback 1.0 endpoint. `pingback.ping(source, target)` feeds the same queue as a Webmention and
 * waits (a few seconds at most) for the worker's check, answering fault 17 for a source that does not link and 16
 * for one that does not exist, as the specification wants; a check that takes longer is answered as received. Every answer is XML-RPC with status 200, as
 * the specification wants; a fault carries the code.
 */
export function pingbackRoutes(options: PingbackRoutesOptions): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    // XML-RPC, and the XML parser under it, are imported by the first ping: most servers never get one.
    const { faultResponse, maxXmlRpcLength, methodResponse, parseMethodCall, XmlRpcError } =
      await import('../webmention/xml-rpc.js');
    const answer = (xml: string) => c.body(xml, 200, { 'Content-Type': 'text/xml; charset=utf-8' });
    try {
      await options.limitClient?.(c);
    } catch (error) {
      if (error instanceof HttpError) return answer(faultResponse(faultOf(error), error.message));
      throw error;
    }
    let call;
    try {
      call = parseMethodCall(await readText(c.req.raw, maxXmlRpcLength));
    } catch (error) {
      if (error instanceof XmlRpcError) return answer(faultResponse(xmlRpcFault.parseError, error.message));
      if (error instanceof HttpError) return answer(faultResponse(xmlRpcFault.parseError, error.message));
      throw error;
    }
    if (call.method !== 'pingback.ping') {
      return answer(faultResponse(xmlRpcFault.methodNotFound, `This server has no method ${call.method}`));
    }
    const [source, target] = call.params;
    if (call.params.length !== 2) {
      return answer(faultResponse(xmlRpcFault.invalidParams, 'pingback.ping takes a source and a target'));
    }
    let mention;
    try {
      mention = await receiveMention(options, {
        source,
        target,
        via: 'pingback',
        senderIp: options.clientAddress(c),
      });
    } catch (error) {
      if (error instanceof HttpError) return answer(faultResponse(faultOf(error), error.message));
      throw error;
    }
    options.queued();
    // Pingback answers once the source is checked: wait a little for the worker, so that a source that does not
    // link or does not exist gets its fault; one that takes longer is answered as received and checked after.
    const settled = await settledWithin(options.store, mention.id, options.waitMs ?? 8_000);
    const fault = settled && faultOfRefusal(settled);
    if (fault) return answer(faultResponse(fault, `The pingback was refused: ${settled.reason}`));
    const outcome = settled ? 'registered' : 'received; it is verified shortly';
    return answer(methodResponse(`Pingback from ${source} to ${target} ${outcome}.`));
  });
  return app;
}
