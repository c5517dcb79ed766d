/**
 * A clock that a test moves by hand: `Date.now()`, `setTimeout` and `clearTimeout` follow it until `restore()`
 * (call it in `afterEach`). Nothing else is faked: promises, fetch answers and rendering run as they do, and
 * `settle()` lets them, with real tasks that the fake timers do not hold back.
 */
export function useFakeClock() {
  const real = { now: Date.now, setTimeout: window.setTimeout, clearTimeout: window.clearTimeout };
  let now = real.now.call(Date);
  // Ids far above the browser's own, so that clearing a real timer (set before the clock) still reaches it.
  let nextId = 1_000_000_000;
  const timers = new Map<number, { at: number; run: () => void }>();

  Date.now = () => now;
  window.setTimeout = ((handler: TimerHandler, delay = 0, ...args: unknown[]) => {
    if (typeof handler !== 'function') throw new Error('The fake clock takes function handlers only');
    const id = nextId++;
    timers.set(id, { at: now + Math.max(0, Number(delay) || 0), run: () => handler(...args) });
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined && !timers.delete(id)) real.clearTimeout.call(window, id);
  }) as typeof window.clearTimeout;

  /** A few real tasks: enough for answers of the fake server to be read and painted. */
  async function settle(): Promise<void> {
    for (let task = 0; task < 5; task += 1) {
      await new Promise((resolve) => real.setTimeout.call(window, resolve, 0));
    }
  }

  return {
    settle,
    /** Moves the clock `ms` milliseconds on, running every timer that falls due on the way, in order. */
    async tick(ms: number): Promise<void> {
      const until = now + ms;
      for (;;) {
        const [due] = [...timers]
          .filter(([, timer]) => timer.at <= until)
          .sort(([, a], [, b]) => a.at - b.at);
        if (!due) break;
        const [id, timer] = due;
        timers.delete(id);
        now = timer.at;
        timer.run();
        await settle();
      }
      now = until;
      await settle();
    },
    /** Puts the real clock and timers back. */
    restore(): void {
      Date.now = real.now;
      window.setTimeout = real.setTimeout;
      window.clearTimeout = real.clearTimeout;
    },
  };
}
