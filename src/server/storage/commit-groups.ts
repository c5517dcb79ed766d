/** What became of one write of a group: its outcome, or the error that refused it alone. */
export type Settled<R> = { value: R } | { error: unknown };

/** Writes one group in one transaction, each write on its own: the outcome of each, in order. */
export type CommitGroup<T, R> = (writes: readonly T[]) => Promise<Settled<R>[]>;

interface Waiting<T, R> {
  write: T;
  resolve(value: R): void;
  reject(reason: unknown): void;
}

/** How a group forms: `nextTurn` runs its callback once the rest of the event loop's turn has run (setImmediate). */
export interface CommitGroupOptions {
  nextTurn(run: () => void): void;
  /** The most writes a group takes; the rest wait for the next. */
  maxSize?: number;
}

/**
 * Group commit, as databases do it: writes that arrive while a group is being committed, or in the same turn of
 * the event loop as the first, wait and go together, at most `maxSize` of them, into one transaction and so one
 * fsync, instead of a transaction and an fsync each. A write is settled only once its group's commit has returned;
 * a commit that fails fails every write of its group. `commit` settles each write apart (a refusal of one, rolled
 * back to its savepoint, leaves the others).
 */
export class CommitGroups<T, R> {
  readonly #commit: CommitGroup<T, R>;
  readonly #nextTurn: (run: () => void) => void;
  readonly #maxSize: number;
  #waiting: Waiting<T, R>[] = [];
  #isCommitting = false;

  constructor(commit: CommitGroup<T, R>, { nextTurn, maxSize = 64 }: CommitGroupOptions) {
    this.#commit = commit;
    this.#nextTurn = nextTurn;
    this.#maxSize = maxSize;
  }

  /** Adds `write` to the next group; resolves with its outcome once that group is committed. */
  add(write: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#waiting.push({ write, resolve, reject });
      if (this.#isCommitting) return;
      this.#isCommitting = true;
      // The rest of this turn's writes join the first.
      this.#nextTurn(() => void this.#commitWaiting());
    });
  }

  async #commitWaiting(): Promise<void> {
    while (this.#waiting.length > 0) {
      const group = this.#waiting.splice(0, this.#maxSize);
      try {
        const settled = await this.#commit(group.map(({ write }) => write));
        group.forEach(({ resolve, reject }, index) => {
          const outcome = settled[index];
          if (outcome && 'value' in outcome) resolve(outcome.value);
          else reject(outcome?.error ?? new Error('The group commit settled no outcome for this write'));
        });
      } catch (error) {
        for (const { reject } of group) reject(error);
      }
    }
    this.#isCommitting = false;
  }
}
