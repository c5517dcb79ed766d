import { Hono, type Context } from 'hono';
import { HttpError } from '../http-error.js';
import { decodeStreamCursor } from '../live/stream-cursor.js';
import type { StreamHub } from '../live/stream-hub.js';
import { queryOf, singleValues } from '../query.js';
import { parseShape, streamQuery } from '../schemas.js';

/** `GET /api/v1/stream?thread=KEY`: the thread's newly published comments, as Server-Sent Events. */
export function streamRoutes({
  hub,
  clientKey,
}: {
  hub: StreamHub;
  clientKey: (c: Context) => string;
}): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const { thread, lastEventId } = parseShape(
      streamQuery,
      singleValues(queryOf(c.req.raw), ['thread', 'lastEventId']),
      'Query',
    );
    // The header wins: a browser's EventSource sends the latest id there when it reconnects, while the URL keeps
    // the one the client started with.
    const cursor = c.req.header('last-event-id') || lastEventId;
    const after = cursor ? decodeStreamCursor(cursor) : undefined;
    if (cursor && !after) throw new HttpError('bad_request', 'Unknown `lastEventId`', 'lastEventId');
    const body = hub.open({ thread, clientKey: clientKey(c), after });
    return c.body(body, 200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      // nginx passes the events on as they come rather than buffering them.
      'X-Accel-Buffering': 'no',
    });
  });
  return app;
}
