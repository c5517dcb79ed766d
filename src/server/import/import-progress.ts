/** Where progress is shown: a terminal (which may be redrawn) or a log (which is appended to). */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** How often a terminal's bar is redrawn at most, in milliseconds. */
const redrawEvery = 100;

/**
 * The progress of an import: on a terminal, a bar redrawn in place (`[#####-----]  52%  10,400 records`); in a log,
 * a line at each tenth of the way. `total` and `done` count what the source is measured in (bytes of the file, rows
 * of a database); `records` counts what was read.
 */
export class ImportProgress {
  readonly #output: ProgressOutput;
  readonly #total: number;
  readonly #now: () => number;
  #drawnAt = -Infinity;
  #tenths = 0;
  #records = 0;

  constructor(output: ProgressOutput, total: number, now: () => number = Date.now) {
    this.#output = output;
    this.#total = total;
    this.#now = now;
  }

  /** Says that `done` of the total has been read, and `records` records. */
  update(done: number, records: number): void {
    this.#records = records;
    const fraction = this.#total > 0 ? Math.min(1, done / this.#total) : 0;
    if (this.#output.isTTY) {
      const now = this.#now();
      if (now - this.#drawnAt < redrawEvery) return;
      this.#drawnAt = now;
      this.#output.write(`\r${this.#bar(fraction)}`);
      return;
    }
    const tenths = Math.floor(fraction * 10);
    if (tenths > this.#tenths && tenths < 10) {
      this.#tenths = tenths;
      this.#output.write(`${this.#line(tenths * 10)}\n`);
    }
  }

  /** Says that the whole source was read (or that reading stopped, `isComplete` false). */
  end(isComplete = true): void {
    if (this.#output.isTTY) this.#output.write(`\r${this.#bar(isComplete ? 1 : NaN)}\n`);
    else if (isComplete) this.#output.write(`${this.#line(100)}\n`);
  }

  #line(percent: number): string {
    return `import: ${percent}% read, ${this.#records.toLocaleString('en')} records`;
  }

  #bar(fraction: number): string {
    const width = Math.max(10, Math.min(40, (this.#output.columns ?? 80) - 40));
    const filled = Number.isNaN(fraction) ? 0 : Math.round(fraction * width);
    const percent = Number.isNaN(fraction) ? 'stopped' : `${Math.floor(fraction * 100)}%`.padStart(4);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}  ${this.#records.toLocaleString('en')} records`;
  }
}
