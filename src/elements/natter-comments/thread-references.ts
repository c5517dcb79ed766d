import {
  html,
  nothing,
  type CSSResultOrNative,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { Connection } from '../../client/index.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import { threadKeyOf } from '../../protocol/thread-key.js';
import type { ThreadInfo } from '../../protocol/types.js';
import { webHref } from '../../text/render-text.js';
import { interactiveWords } from './form-behaviour.js';
import { pageUrl } from './page-thread.js';
import type { ReferenceList } from './reference-list.js';
import type { ResponseForm } from './response-form.js';

type ReferencesChunk = typeof import('./references.js');

export interface ThreadReferencesOptions {
  connection(): Connection;
  /** The server the reader's typed response address is kept for. */
  endpoint(): string;
  /** What the server said about the thread shown, once one is. */
  thread(): ThreadInfo | undefined;
  /** The thread key in use: the `thread` attribute, or the page's path. */
  threadKey(): string;
  /** Adds the references chunk's styles to the element's. */
  addStyles(styles: CSSResultOrNative): void;
  /** The chunk (`load`), the list (`references`) or sending the reader's response (`mention`) failed. */
  onFailed(phase: 'load' | 'references' | 'mention', error: Error): void;
}

/**
 * Below the comments: "My response is on my own website", a disclosure that opens the form for the address of the
 * reader's response (when the server takes Webmentions for this page, the thread is open, and the page's address
 * is the thread's), and "References (N)", the responses from other websites. Both come with the references chunk,
 * which this loads once a thread has references to show or the reader opens the form; what a thread without
 * references downloads stops here.
 */
export class ThreadReferences implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ThreadReferencesOptions;
  #chunk?: Promise<ReferencesChunk | undefined>;
  #list?: ReferenceList;
  #form?: ResponseForm;
  /** What the form answers (server, thread, endpoint and page): when that changes, the form goes. */
  #formScope = '';
  #isOpen = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ThreadReferencesOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostUpdate(): void {
    const thread = this.#options.thread();
    if (!thread) return;
    if (this.#list) this.#list.show(thread);
    else if ((thread.references ?? 0) > 0) void this.#showList();
    const scope = [this.#options.endpoint(), this.#options.threadKey(), thread.webmention, pageUrl()].join(
      '\n',
    );
    if (scope === this.#formScope) return;
    this.#formScope = scope;
    this.#form?.dispose();
    this.#form = undefined;
    this.#isOpen = false;
  }

  /**
   * Loads the chunk, once. A failure (offline, a deploy replaced it) is reported and resolves with nothing; the next
   * need tries again.
   */
  #load(): Promise<ReferencesChunk | undefined> {
    this.#chunk ??= import('./references.js').then(
      (chunk) => {
        this.#options.addStyles(chunk.referencesStyles);
        return chunk;
      },
      (error: Error) => {
        this.#chunk = undefined;
        this.#options.onFailed('load', error);
        return undefined;
      },
    );
    return this.#chunk;
  }

  /** Shows the thread's references; with `isReload`, loads them again (the reader's own was just published). */
  async #showList(isReload = false): Promise<void> {
    const chunk = await this.#load();
    if (!chunk) return;
    this.#list ??= new chunk.ReferenceList(this.#host, {
      connection: () => this.#options.connection(),
      onFailed: (error) => this.#options.onFailed('references', error),
    });
    const thread = this.#options.thread();
    if (isReload && thread) this.#list.show(thread, true);
    this.#host.requestUpdate();
  }

  /**
   * The Webmention endpoint the reader may send their response to, if any: the thread is open, and it is this page's
   * (a response links to the page, whose thread the server lists it in).
   */
  #endpointFor(thread: ThreadInfo): string | undefined {
    const webmention = webHref(thread.webmention);
    const isThisPage = threadKeyOf(pageUrl()) === this.#options.threadKey();
    return webmention && !thread.locked && isThisPage ? webmention : undefined;
  }

  async #open(thread: ThreadInfo, webmention: string): Promise<void> {
    const chunk = await this.#load();
    // Another thread came while the chunk loaded: its own button opens its own form.
    if (!chunk || this.#options.thread()?.key !== thread.key) return;
    this.#form ??= new chunk.ResponseForm(this.#host, {
      connection: () => this.#options.connection(),
      endpoint: this.#options.endpoint(),
      thread: this.#options.threadKey(),
      webmention,
      target: pageUrl(),
      onPublished: () => void this.#showList(true),
      onFailed: (error) => this.#options.onFailed('mention', error),
      close: () => this.#close(),
    });
    this.#isOpen = true;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.shadowRoot?.getElementById('respond-url')?.focus();
  }

  /** Closes the form (what it holds stays), and gives focus back to the button that opens it. */
  #close(): void {
    this.#isOpen = false;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() =>
      this.#host.shadowRoot?.querySelector<HTMLElement>('.respond-open')?.focus(),
    );
  }

  #renderRespond(thread: ThreadInfo, localizer: ThreadLocalizer) {
    const webmention = this.#endpointFor(thread);
    if (!webmention) return nothing;
    const words = interactiveWords(localizer);
    return html`<div class="respond">
      <button
        type="button"
        class="respond-open secondary"
        part="button respond"
        aria-expanded=${this.#isOpen ? 'true' : 'false'}
        aria-controls="respond-panel"
        @click=${() => (this.#isOpen ? this.#close() : this.#open(thread, webmention))}
      >
        ${words.t('respond')}<span class="respond-arrow" aria-hidden="true">»</span>
      </button>
      <div id="respond-panel" ?hidden=${!this.#isOpen}>${this.#form?.render(words) ?? nothing}</div>
    </div>`;
  }

  /** "My response is on my own website" when the reader may send one, then the thread's references, if any. */
  render(thread: ThreadInfo, localizer: ThreadLocalizer): TemplateResult {
    return html`${this.#renderRespond(thread, localizer)}${this.#list?.render(thread, localizer) ?? nothing}`;
  }
}
