import type { Logger } from '../logger.js';
import type { DeliveryReport } from '../notifications/notifier.js';

/** The timer that sends due notifications in the background. */
export interface DeliveryWorker {
  /** Runs a round soon: a delivery that is due now has been queued. */
  wake(): void;
  /** Schedules no further round; the one under way, if any, is the notifier's to finish or abort. */
  stop(): void;
}

export interface DeliveryWorkerOptions {
  /** One round: `notifier.processDue`. */
  processDue: (now: number) => Promise<DeliveryReport>;
  /** Milliseconds between rounds when the queue had nothing due (retries and digests come due by themselves). */
  intervalMs: number;
  logger: Logger;
}

/**
 * Calls `processDue` every `intervalMs`, at once when woken, and again straight away while rounds find work. Never
 * two rounds at a time; the timer does not keep the process alive.
 */
export function startDeliveryWorker({
  processDue,
  intervalMs,
  logger,
}: DeliveryWorkerOptions): DeliveryWorker {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isRunning = false;
  let isWoken = false;
  let isStopped = false;

  const schedule = (delayMs: number) => {
    if (isStopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
    timer.unref();
  };

  const run = async () => {
    isRunning = true;
    isWoken = false;
    let hadWork = false;
    try {
      hadWork = (await processDue(Date.now())).claimed > 0;
    } catch (error) {
      logger.log('error', 'notifications could not be sent', { error: String(error) });
    }
    isRunning = false;
    schedule(hadWork || isWoken ? 0 : intervalMs);
  };

  // Deliveries may be due from before a restart.
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
