import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { getMentionStatus, NatterHttpError, sendWebmention, type Connection } from '../../client/index.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { InteractiveCatalog, ReferenceMessages } from '../../i18n/messages.en.js';
import { enReferences } from '../../i18n/references.en.js';
import { limits } from '../../protocol/limits.js';
import { describeFailure, withScheme, type FailureWording } from './form-behaviour.js';
import { firstLook, lookFor, mentionOutcome, nextWait, type MentionOutcome } from './mention-status.js';
import { loadResponseAddress, saveResponseAddress } from './reader-storage.js';

type ResponseWords = Localizer<InteractiveCatalog & ReferenceMessages>;

export interface ResponseFormOptions {
  connection(): Connection;
  /** The server and thread the typed address is kept for. */
  endpoint: string;
  thread: string;
  /** The server's Webmention endpoint (`ThreadInfo.webmention`), an http or https URL. */
  webmention: string;
  /** This page's address: what the reader's page links to (the Webmention's target). */
  target: string;
  /** The response was verified and published: the page lists it now. */
  onPublished(): void;
  onFailed(error: Error): void;
  /** Escape or Cancel: the form closes. */
  close(): void;
}

const responseWording: FailureWording<InteractiveCatalog & ReferenceMessages> = {
  network: 'responseFailedNetwork',
  rateLimited: 'responseRateLimited',
  failed: 'responseFailed',
};

/** The reads of a sent response's status: where, how long until the next, until when, and the one under way. */
interface Look {
  statusUrl: string;
  wait: number;
  until: number;
  timer?: ReturnType<typeof setTimeout>;
  request?: AbortController;
}

/**
 * "Address of your response": the reader's own response to the page, on their website, told to the server as a
 * Webmention (source: their page; target: this one). The address is kept in this browser until the server takes
 * it, so a failure never loses it. Sent, a polite live region says how it stands as the server verifies it: the
 * status URL is read after a second, then at doubling waits up to 15 seconds, until the answer is final or five
 * minutes have passed, and not while the element is out of the document. Verified and published, the list of
 * references loads again to show it.
 */
export class ResponseForm implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ResponseFormOptions;
  #url: string;
  #fieldError = '';
  #formError = '';
  #isSending = false;
  #isDisposed = false;
  #status?: Pick<MentionOutcome, 'message' | 'isRefused'>;
  #look?: Look;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ResponseFormOptions) {
    this.#host = host;
    this.#options = options;
    this.#url = loadResponseAddress(options.endpoint, options.thread);
    host.addController(this);
  }

  /** Back in the document: the status is read again where it stopped, while there is still time. */
  hostConnected(): void {
    const look = this.#look;
    if (look && !look.timer) this.#lookAgain(look);
  }

  hostDisconnected(): void {
    this.#pause();
  }

  /** Stops for good: the thread (or the page it answers) changed. */
  dispose(): void {
    this.#stopLooking();
    this.#isDisposed = true;
    this.#host.removeController(this);
  }

  #update(): void {
    if (!this.#isDisposed) this.#host.requestUpdate();
  }

  readonly #onInput = (event: Event): void => {
    this.#url = (event.target as HTMLInputElement).value;
    saveResponseAddress(this.#options.endpoint, this.#options.thread, this.#url);
    if (this.#fieldError) this.#fieldError = '';
    this.#update();
  };

  /** Why `source` cannot be sent, or `undefined` when it can. */
  #check(source: string, words: ResponseWords): string | undefined {
    if (!source) return words.t('required');
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      return words.t('invalidUrl');
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
      return words.t('invalidUrl');
    url.hash = '';
    return url.href === this.#options.target ? words.t('responseSamePage') : undefined;
  }

  async #send(event: SubmitEvent, words: ResponseWords): Promise<void> {
    event.preventDefault();
    if (this.#isSending) return;
    const source = withScheme(this.#url.trim());
    this.#fieldError = this.#check(source, words) ?? '';
    this.#formError = '';
    if (this.#fieldError) return this.#focusInput();
    this.#stopLooking();
    this.#status = undefined;
    this.#isSending = true;
    this.#update();
    const { endpoint, thread, webmention, target } = this.#options;
    try {
      const sent = await sendWebmention(this.#options.connection(), webmention, { source, target });
      // Taken: the address is no longer kept, unless the reader has typed another meanwhile.
      if (withScheme(this.#url.trim()) === source) saveResponseAddress(endpoint, thread, '');
      if (this.#isDisposed) return;
      const outcome = this.#show(mentionOutcome(sent.mention));
      if (outcome.isFinal) return;
      if (sent.statusUrl)
        this.#lookAgain({ statusUrl: sent.statusUrl, wait: firstLook, until: Date.now() + lookFor });
      // A server on another origin that does not expose `Location` leaves nothing to read.
      else this.#status = { message: 'mentionUnchecked', isRefused: false };
    } catch (error) {
      this.#options.onFailed(error as Error);
      if (!this.#isDisposed && this.#showFailure(error, words)) await this.#focusInput();
    } finally {
      this.#isSending = false;
      this.#update();
    }
  }

  /** Explains a failed send; returns whether the fault is the address's, said beside it. */
  #showFailure(error: unknown, words: ResponseWords): boolean {
    const isRefused = error instanceof NatterHttpError && (error.status === 400 || error.status === 422);
    if (isRefused && error.field === 'target') this.#formError = words.t('responseTargetRefused');
    else if (isRefused) this.#fieldError = words.t('fieldRefused');
    else this.#formError = describeFailure(error, words, responseWording);
    return Boolean(this.#fieldError);
  }

  async #focusInput(): Promise<void> {
    this.#update();
    await this.#host.updateComplete;
    this.#host.shadowRoot?.getElementById('respond-url')?.focus();
  }

  /** Says what `outcome` tells, and, verified and published, has the page list the response. */
  #show(outcome: MentionOutcome): MentionOutcome {
    this.#status = outcome;
    if (outcome.isPublished) this.#options.onPublished();
    this.#update();
    return outcome;
  }

  #lookAgain(look: Look): void {
    this.#look = look;
    look.timer = setTimeout(() => void this.#read(look), look.wait);
  }

  /** Stops reading the status until {@link #lookAgain}: the next read is not due, the one under way is dropped. */
  #pause(): void {
    const look = this.#look;
    if (!look) return;
    clearTimeout(look.timer);
    look.timer = undefined;
    look.request?.abort();
  }

  #stopLooking(): void {
    this.#pause();
    this.#look = undefined;
  }

  async #read(look: Look): Promise<void> {
    look.timer = undefined;
    const request = (look.request = new AbortController());
    let outcome: MentionOutcome | undefined;
    try {
      const status = await getMentionStatus(this.#options.connection(), look.statusUrl, {
        signal: request.signal,
      });
      outcome = mentionOutcome(status);
    } catch {
      // A read that failed is a moment's trouble (the status stays as it was said): the next one may do.
    }
    if (request.signal.aborted || this.#look !== look) return;
    look.request = undefined;
    if (outcome) this.#show(outcome);
    if (outcome?.isFinal) {
      this.#look = undefined;
      return;
    }
    const wait = nextWait(look.wait);
    if (Date.now() + wait <= look.until) return this.#lookAgain({ ...look, wait });
    this.#look = undefined;
    this.#status = { message: 'mentionSlow', isRefused: false };
    this.#update();
  }

  /** The form, with the status of the response sent last. */
  render(interactive: Localizer): TemplateResult {
    const words: ResponseWords = interactive.withWords(enReferences);
    const error = this.#fieldError;
    const status = this.#status;
    return html`<form
      class="respond-form"
      part="respond-form"
      novalidate
      aria-busy=${this.#isSending ? 'true' : 'false'}
      @input=${this.#onInput}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') this.#options.close();
      }}
      @submit=${(event: SubmitEvent) => this.#send(event, words)}
    >
      <div class="field" part="field">
        <label for="respond-url">${words.t('responseLabel')}</label>
        <input
          id="respond-url"
          name="source"
          part="input"
          type="url"
          inputmode="url"
          autocomplete="url"
          required
          maxlength=${limits.urlLength}
          .value=${this.#url}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'respond-hint respond-error' : 'respond-hint'}
        />
        <span class="hint" id="respond-hint">${words.t('responseHint')}</span>
        ${error ? html`<span class="field-error" id="respond-error">${error}</span>` : nothing}
      </div>
      ${this.#formError ? html`<p class="error" part="form-error" role="alert">${this.#formError}</p>` : nothing}
      <div class="actions">
        <button type="submit" part="submit" ?disabled=${this.#isSending}>
          ${words.t(this.#isSending ? 'responseSending' : 'responseSend')}
        </button>
        <button type="button" class="secondary" part="button" @click=${() => this.#options.close()}>
          ${words.t('cancel')}
        </button>
      </div>
      <p
        class=${status?.isRefused ? 'respond-status refused' : 'respond-status'}
        part="respond-status"
        role="status"
      >
        ${status ? words.t(status.message) : nothing}
      </p>
    </form>`;
  }
}
