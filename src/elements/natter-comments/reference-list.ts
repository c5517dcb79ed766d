import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { listReferences, type Connection } from '../../client/index.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import { enReferences } from '../../i18n/references.en.js';
import type { Reference, ThreadInfo } from '../../protocol/types.js';
import { isListed, renderReactions, renderReference, type ReferenceWords } from './render-reference.js';

export interface ReferenceListOptions {
  connection(): Connection;
  /** Loading them failed; the section says so, with Try again. */
  onFailed(error: Error): void;
}

/** Where a thread's references stand, one state at a time, as `@lit/task` models a task. */
type ReferencesState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'failed'; error: Error }
  | { status: 'loaded'; references: Reference[] };

/** How many published references the server says `thread` has (0 when it says nothing, or nonsense). */
function referenceCount(thread: ThreadInfo): number {
  const count = thread.references;
  return typeof count === 'number' && Number.isSafeInteger(count) && count > 0 ? count : 0;
}

/** The reader's language with the words of references, whose English ones come with this chunk. */
function referenceWords(localizer: ThreadLocalizer): ReferenceWords {
  return localizer.withWords(enReferences);
}

/**
 * "References (N)": the responses to the page from other websites, under the comments. Loaded (`GET
 * /api/v1/references`) for a thread whose `references` count is above 0, and again on request (the reader's own
 * response was just verified); a thread switched mid-load never shows the old thread's, and a reload keeps the list
 * shown until the new one is there. Replies, mentions and bookmarks are listed one by one, likes and reposts counted
 * in a row each.
 */
export class ReferenceList implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ReferenceListOptions;
  /** The server and thread whose references these are. */
  #key = '';
  #request?: AbortController;
  #state: ReferencesState = { status: 'idle' };

  constructor(host: ReactiveControllerHost, options: ReferenceListOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#request?.abort();
    // Left half-loaded, they load again when the element comes back.
    if (this.#state.status === 'loading') {
      this.#key = '';
      this.#state = { status: 'idle' };
    }
  }

  /**
   * Shows the references of `thread`, loading them when it is another thread (or server) that has some; with
   * `isReload`, loads them again whatever the count said.
   */
  show(thread: ThreadInfo, isReload = false): void {
    const connection = this.#options.connection();
    const key = `${connection.api.href}\n${thread.key}`;
    if (key === this.#key && !isReload) return;
    if (key !== this.#key) this.#set({ status: 'idle' });
    this.#key = key;
    if (isReload || referenceCount(thread) > 0) void this.#load(connection, thread.key, key);
    else this.#request?.abort();
  }

  #set(state: ReferencesState): void {
    this.#state = state;
    this.#host.requestUpdate();
  }

  async #load(connection: Connection, thread: string, key: string): Promise<void> {
    this.#request?.abort();
    const request = (this.#request = new AbortController());
    // What is shown stays until the new list is there.
    if (this.#state.status !== 'loaded') this.#set({ status: 'loading' });
    try {
      const references = await listReferences(connection, thread, { signal: request.signal });
      if (!request.signal.aborted && key === this.#key) this.#set({ status: 'loaded', references });
    } catch (error) {
      if (request.signal.aborted || key !== this.#key) return;
      this.#set({ status: 'failed', error: error as Error });
      this.#options.onFailed(error as Error);
    }
  }

  /** The section for `thread`, when it has references to show (or is loading or failed to load them). */
  render(thread: ThreadInfo, localizer: ThreadLocalizer): TemplateResult | typeof nothing {
    const state = this.#state;
    if (state.status === 'idle') return nothing;
    const words = referenceWords(localizer);
    let count = referenceCount(thread);
    let content: unknown;
    if (state.status === 'loaded') {
      const { references } = state;
      count = references.length;
      if (count === 0) return nothing;
      const listed = references.filter(isListed);
      const byKind = (kind: string) => references.filter((reference) => reference.kind === kind);
      content = html`${
        listed.length > 0
          ? html`<ol class="reference-list">
              ${listed.map((reference) => renderReference(reference, words))}
            </ol>`
          : nothing
      }
      ${renderReactions(byKind('like'), 'like', words)}${renderReactions(byKind('repost'), 'repost', words)}`;
    } else if (state.status === 'failed') {
      content = html`<div role="alert">
        <p class="error">${words.t('referencesError')}</p>
        <button part="button" class="secondary" @click=${() => this.show(thread, true)}>
          ${words.t('retry')}
        </button>
      </div>`;
    } else {
      content = html`<p class="notice">${words.t('referencesLoading')}</p>`;
    }
    return html`<section
      class="references"
      part="references"
      aria-labelledby="references-heading"
      aria-busy=${state.status === 'loading' ? 'true' : 'false'}
    >
      <h3 id="references-heading" part="references-heading">${words.plural('referencesHeading', count)}</h3>
      ${content}
    </section>`;
  }
}
