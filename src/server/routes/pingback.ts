import { Hono, type Context } from 'hono';
import { HttpError } from '../http-error.js';
import { readText } from '../read-json.js';
import { receiveMention, type MentionReceiverOptions } from '../webmention/receive-mention.js';
import {
  faultResponse,
  maxXmlRpcLength,
  methodResponse,
  parseMethodCall,
  pingbackFault,
  XmlRpcError,
} from '../webmention/xml-rpc.js';

export interface PingbackRoutesOptions extends MentionReceiverOptions {
  clientAddress: (c: Context) => string | undefined;
  /** Counts the call against its client's writes; rejects with 429 past the limit (answered as fault 49). */
  limitClient?: (c: Context) => Promise<void>;
  /** A mention was queued: the worker should look. */
  queued: () => void;
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
 * `/xmlrpc`: the Pingback 1.0 endpoint. `pingback.ping(source, target)` feeds the same queue as a Webmention; the
 * source is verified afterwards (Pingback lets a server answer before it has checked), so faults 16 and 17 are not
 * known at the time of the answer and show in the admin page instead. Every answer is XML-RPC with status 200, as
 * the specification wants; a fault carries the code.
 */
export function pingbackRoutes(options: PingbackRoutesOptions): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
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
    try {
      await receiveMention(options, { source, target, via: 'pingback', senderIp: options.clientAddress(c) });
    } catch (error) {
      if (error instanceof HttpError) return answer(faultResponse(faultOf(error), error.message));
      throw error;
    }
    options.queued();
    return answer(methodResponse(`Pingback from ${source} to ${target} received; it is verified shortly.`));
  });
  return app;
}
