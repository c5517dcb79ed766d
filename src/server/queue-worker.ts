import type { Logger } from './logger.js';

/** The timer that works a durable queue (notifications, mentions to verify) in the background. */
export interface QueueWorker {
  /** Runs a round soon: work that is due now has been queued. */
  wake(): void;
  /** Schedules no further round; the one under way, if any, is its owner's to finish or abort. */
  stop(): void;
}

export interface QueueWorkerOptions {
  /** One round: claims what is due and works it, saying how much it claimed. */
  processDue: (now: number) => Promise<{ claimed: number }>;
  /** Milliseconds between rounds when the queue had nothing due (retries come due by themselves). */
  intervalMs: number;
  logger: Logger;
  /** What the log says when a round fails, such as "notifications could not be sent". */
  failure: string;
}

/**
 * Calls `processDue` every `intervalMs`, at once when woken, and again straight away while rounds find work. Never
 * two rounds at a time; the timer does not keep the process alive.
 */
export function startQueueWorker({
  processDue,
  intervalMs,
  logger,
  failure,
}: QueueWorkerOptions): QueueWorker {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isRunning = false;
  let isWoken = false;
  let isStopped = false;

  const schedule = (delayMs: number) => {
    if (isStopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
    // Not every runtime's timers can be unreferenced; Node's can, and then keep no process alive.
    (timer as { unref?: () => void }).unref?.();
  };

  const run = async () => {
    isRunning = true;
    isWoken = false;
    let hadWork = false;
    try {
      hadWork = (await processDue(Date.now())).claimed > 0;
    } catch (error) {
      logger.log('error', failure, { error: String(error) });
    }
    isRunning = false;
    schedule(hadWork || isWoken ? 0 : intervalMs);
  };

  // Work may be due from before a restart.
  schedule(0);
  return {
    wake() {
      if (isRunning) isWoken = true;
      else schedule(0);
    },
    stop() {
      isStopped = true;
      clearTimeout(timer);
    },
  };
}
