import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { NatterHttpError, reportComment, reportReasons, type Connection } from '../../client/index.js';
import type { Localizer, PlainKey, ThreadLocalizer } from '../../i18n/localizer.js';
import type { Comment, ReportReason } from '../../protocol/types.js';
import { reportButton } from './action-buttons.js';
import { describeFailure, interactiveWords, type FailureWording } from './form-behaviour.js';
import { focusInComment, type OwnCommentView } from './own-comments.js';
import { loadAuthored, loadReported, saveReported } from './reader-storage.js';

export interface ReportActionOptions {
  connection(): Connection;
  /** The endpoint reported and authored comments are remembered for. */
  endpoint(): string;
  onFailed(error: Error): void;
  announce(message: string): void;
}

const reasonLabels: Record<ReportReason, PlainKey> = {
  spam: 'reportSpam',
  abuse: 'reportAbuse',
  off_topic: 'reportOffTopic',
};

const reportWording: FailureWording = {
  network: 'reportFailedNetwork',
  rateLimited: 'reportRateLimited',
  failed: 'reportFailed',
};

/** The report the reader is making: the reason chosen so far, whether it is on its way, and why it failed. */
interface Choice {
  id: string;
  reason?: ReportReason;
  isBusy: boolean;
  error?: string;
}

/**
 * Report, under every comment that is not the reader's own: a choice of reason (spam, abuse, off-topic) and a
 * confirmation, then the report goes to the server, the reader is thanked (in words and to screen readers), and the
 * comment says "Reported", on later visits too (its id is kept per server). A comment the server no longer lists
 * (404) says so instead; a refusal (429, a network failure) is explained, and the choice stays open to try again.
 */
export class ReportAction implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ReportActionOptions;
  #endpoint = '';
  /** The reader's own comments, which they are never offered to report. */
  #authored = new Set<string>();
  #reported = new Set<string>();
  /** What became of this visit's reports: thanked for, or gone from the server. */
  #outcomes = new Map<string, 'thanked' | 'gone'>();
  #choice?: Choice;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ReportActionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Reads what this browser knows of the server in use, before every render: the reader may have posted since. */
  hostUpdate(): void {
    const endpoint = this.#options.endpoint();
    if (endpoint !== this.#endpoint) {
      this.#endpoint = endpoint;
      this.#reported = loadReported(endpoint);
      this.#outcomes.clear();
      this.#choice = undefined;
    }
    const authored = loadAuthored(endpoint);
    const isSame =
      authored.size === this.#authored.size && [...authored].every((id) => this.#authored.has(id));
    this.#authored = authored;
    // The reader posted meanwhile (here, in another element or tab): said, so that the host looks at every comment's
    // Report again instead of only at new comments. Asked for before the render, it joins this update.
    if (!isSame) this.#host.requestUpdate();
  }

  #set(choice: Choice | undefined): void {
    this.#choice = choice;
    this.#host.requestUpdate();
  }

  #open(id: string): void {
    this.#set({ id, isBusy: false });
    focusInComment(this.#host, id, '.report-form input');
  }

  #cancel(id: string): void {
    this.#set(undefined);
    focusInComment(this.#host, id, '.report-open');
  }

  async #send(id: string, words: Localizer): Promise<void> {
    const choice = this.#choice;
    if (choice?.id !== id || choice.isBusy) return;
    if (!choice.reason) {
      this.#set({ ...choice, error: words.t('reportChooseReason') });
      return focusInComment(this.#host, id, '.report-form input');
    }
    const endpoint = this.#endpoint;
    this.#set({ ...choice, isBusy: true, error: undefined });
    try {
      await reportComment(this.#options.connection(), id, choice.reason);
      saveReported(endpoint, id);
      this.#reported.add(id);
      this.#finish(id, 'thanked', words.t('reportThanks'));
    } catch (error) {
      this.#options.onFailed(error as Error);
      if (error instanceof NatterHttpError && error.code === 'not_found') {
        return this.#finish(id, 'gone', words.t('reportGone'));
      }
      const isClosed = error instanceof NatterHttpError && error.code === 'thread_locked';
      const message = isClosed ? words.t('reportClosed') : describeFailure(error, words, reportWording);
      this.#set({ ...choice, isBusy: false, error: message });
      focusInComment(this.#host, id, '.report-send');
    }
  }

  /** Closes the choice with `outcome`, says so, and keeps the reader's place on the comment. */
  #finish(id: string, outcome: 'thanked' | 'gone', message: string): void {
    this.#outcomes.set(id, outcome);
    this.#set(undefined);
    this.#options.announce(message);
    focusInComment(this.#host, id, '> article');
  }

  /**
   * Report, or what became of it, for `comment` when it is someone else's published comment; `undefined` for the
   * reader's own (posted from this browser, or held for moderation, which only its author sees).
   */
  render(comment: Comment, threadLocalizer: ThreadLocalizer): OwnCommentView | undefined {
    const { id } = comment;
    if (comment.status !== 'published' || this.#authored.has(id)) return undefined;
    const words = interactiveWords(threadLocalizer);
    const outcome = this.#outcomes.get(id);
    if (this.#choice?.id === id) return { actions: this.#renderChoice(this.#choice, words) };
    if (outcome === 'gone' || this.#reported.has(id)) {
      const note = outcome === 'gone' ? 'reportGone' : 'reported';
      return {
        actions: html`<div class="report" part="report">
          <span class="report-note">${words.t(note)}</span>
          ${outcome === 'thanked' ? html`<span class="report-thanks">${words.t('reportThanks')}</span>` : nothing}
        </div>`,
      };
    }
    return { actions: reportButton({ id, label: words.t('report'), onClick: () => this.#open(id) }) };
  }

  /** Everything {@link render} reads for `comment` besides the comment itself. */
  dependencies({ id }: Comment): unknown[] {
    const choice = this.#choice?.id === id ? this.#choice : undefined;
    return [this.#authored.has(id), this.#reported.has(id), this.#outcomes.get(id), choice];
  }

  #renderChoice({ id, reason, isBusy, error }: Choice, words: Localizer) {
    const errorId = `report-error-${id}`;
    return html`<form
      class="report-form"
      part="report-form"
      novalidate
      aria-busy=${isBusy ? 'true' : 'false'}
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        void this.#send(id, words);
      }}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape' && !isBusy) this.#cancel(id);
      }}
    >
      <fieldset aria-describedby=${error ? errorId : nothing}>
        <legend>${words.t('reportQuestion')}</legend>
        ${reportReasons.map(
          (value) =>
            html`<label class="checkbox">
              <input
                type="radio"
                name="reason"
                value=${value}
                .checked=${reason === value}
                ?disabled=${isBusy}
                @change=${() => this.#set({ id, reason: value, isBusy: false })}
              />
              ${words.t(reasonLabels[value])}
            </label>`,
        )}
      </fieldset>
      ${error ? html`<p class="field-error" id=${errorId} role="alert">${error}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="report-send" part="submit" ?disabled=${isBusy}>
          ${words.t(isBusy ? 'sendingReport' : 'sendReport')}
        </button>
        <button
          type="button"
          class="secondary"
          part="button"
          ?disabled=${isBusy}
          @click=${() => this.#cancel(id)}
        >
          ${words.t('cancel')}
        </button>
      </div>
    </form>`;
  }
}
