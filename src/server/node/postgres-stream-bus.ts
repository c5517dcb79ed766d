import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { Listeners } from '../events.js';
import type { PublishedNotice, StreamBus } from '../live/stream-bus.js';
import type { Logger } from '../logger.js';

/** A stream bus that can be closed: it holds a connection of its own. */
export interface ClosableStreamBus extends StreamBus {
  close(): Promise<void>;
}

/**
 * What travels through NOTIFY (a payload under 8 KB): the instance that sent it, and either a comment's thread and
 * id, or `gap`: that instance could not tell the others of comments while its connection was lost.
 */
type Payload = { from: string } & ({ thread: string; id: string } | { gap: true });

const longestIdentifier = 63;
const retryDelaysMs = [500, 1_000, 2_000, 5_000, 10_000, 30_000];
/** Notices held while a query is in flight, beyond which the other instances are told of a gap instead. */
const maxWaitingNotices = 1_000;

/**
 * The channel of one natter database: one per schema, so that deployments (and test suites) sharing a PostgreSQL
 * database in schemas of their own never hear each other.
 */
function channelOf(schema: string): string {
  const channel = `natter_comments_${schema}`;
  if (Buffer.byteLength(channel) <= longestIdentifier) return channel;
  return `natter_comments_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function parsePayload(text: string | undefined): Payload | undefined {
  try {
    const value = JSON.parse(text ?? '') as Partial<Record<string, unknown>>;
    if (typeof value.from !== 'string') return undefined;
    if (value.gap === true) return { from: value.from, gap: true };
    const isNotice = typeof value.thread === 'string' && typeof value.id === 'string';
    return isNotice
      ? { from: value.from, thread: value.thread as string, id: value.id as string }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The live streams' bus over PostgreSQL's LISTEN/NOTIFY, for several `natter serve` instances on one database: a
 * comment published through any of them reaches the streams of all. It holds one connection of its own, which
 * waits without polling, and comes back after the connection is lost. Notices sent meanwhile are not replayed:
 * once it listens again, it tells its gap listeners, and the hub tells every open stream to load its thread again.
 * The notices it could not send meanwhile are lost to the other instances too: it then tells them of a gap of
 * theirs. This instance's own notices reach its streams at once, without the round trip.
 */
export async function postgresStreamBus(url: string, logger: Logger): Promise<ClosableStreamBus> {
  const instance = randomUUID();
  const listeners = new Listeners<PublishedNotice>();
  const gapListeners = new Listeners<void>();
  /** Whether it has listened before: listening again after that follows a loss, when notices may have been missed. */
  let hasListened = false;
  /** Whether a notice of this instance could not reach the others: they hear of a gap once it is connected again. */
  let owesAGap = false;
  let client: pg.Client | undefined;
  let channel: string | undefined;
  let isClosed = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== channel) return;
    const payload = parsePayload(message.payload);
    if (!payload || payload.from === instance) return;
    if ('gap' in payload) gapListeners.tell();
    else listeners.tell({ thread: payload.thread, id: payload.id });
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url, keepAlive: true });
    next.on('error', () => {
      // 'end' follows, which reconnects.
    });
    await next.connect();
    try {
      const { rows } = await next.query<{ schema: string }>('select current_schema() as schema');
      channel = channelOf(rows[0]?.schema ?? 'public');
      next.on('notification', onNotification);
      await next.query(`listen ${quoteIdentifier(channel)}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    if (isClosed) {
      // Closed while it was connecting again: nobody listens any more.
      await next.end().catch(() => {});
      return;
    }
    next.once('end', () => {
      if (client !== next) return;
      client = undefined;
      if (!isClosed) {
        logger.log('warn', 'live streams lost their PostgreSQL connection; reconnecting');
        scheduleReconnect();
      }
    });
    client = next;
    attempt = 0;
    if (hasListened) {
      logger.log(
        'info',
        'live streams listen to PostgreSQL again; notices sent meanwhile may have been missed',
      );
      gapListeners.tell();
    }
    hasListened = true;
    if (owesAGap && !isSending) void sendWaiting();
  }

  /** Payloads waiting for the query in flight: sent together by the next, at most `maxWaitingNotices`. */
  let waiting: string[] = [];
  let isSending = false;

  /**
   * Sends `payload` to the other instances; one that cannot be sent is owed to them as a gap. One query at a time
   * on the connection (pg queues a second itself, deprecated since pg 8.16 and gone in pg 9): what is announced
   * meanwhile goes out in the next query at once, so a burst of posts costs a round trip, not one each.
   */
  function notify(payload: Payload): void {
    if (!client) {
      owesAGap = true;
      return;
    }
    // A connection that stalls must not hold what a stranger's posts announce for ever: past the bound, the other
    // instances hear of a gap instead, and their readers ask for what they missed.
    if (waiting.length >= maxWaitingNotices) owesAGap = true;
    else waiting.push(JSON.stringify(payload));
    if (!isSending) void sendWaiting();
  }

  async function sendWaiting(): Promise<void> {
    isSending = true;
    while (client && (waiting.length > 0 || owesAGap)) {
      const payloads = waiting;
      waiting = [];
      if (owesAGap) {
        owesAGap = false;
        payloads.push(JSON.stringify({ from: instance, gap: true }));
      }
      try {
        await client.query('select pg_notify($1, payload) from unnest($2::text[]) as payload', [
          channel,
          payloads,
        ]);
      } catch (error) {
        owesAGap = true;
        logger.log('warn', 'live streams could not notify the other instances', { error: String(error) });
        break;
      }
    }
    if (!client && waiting.length > 0) {
      waiting = [];
      owesAGap = true;
    }
    isSending = false;
  }

  function scheduleReconnect(): void {
    const delay = retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)];
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (isClosed) return;
      connect().catch((error: unknown) => {
        logger.log('warn', 'live streams could not reconnect to PostgreSQL', { error: String(error) });
        scheduleReconnect();
      });
    }, delay);
    retryTimer.unref();
  }

  await connect();
  return {
    announce(notice: PublishedNotice) {
      listeners.tell(notice);
      notify({ from: instance, thread: notice.thread, id: notice.id });
    },
    listen: (listener) => listeners.add(listener),
    listenForGaps: (listener) => gapListeners.add(listener),
    async close() {
      isClosed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const last = client;
      client = undefined;
      await last?.end().catch(() => {});
    },
  };
}
