import { css, html, nothing } from 'lit';
import type { AdminModerationMode, AdminThread, SiteResponse } from '../../protocol/admin.js';
import { AdminApiError } from '../api/admin-error.js';
import { announce, reportLanguage } from '../events.js';
import { chosenLanguage } from '../messages/language-choice.js';
import { adminLanguages } from '../messages/localizer.js';
import { sharedStyles } from '../styles.js';
import { AdminScreen } from './admin-screen.js';
import { threadLink } from './render-comment.js';

const modeKeys = {
  open: 'modeOpen',
  'first-time': 'modeFirstTime',
  all: 'modeAll',
} as const satisfies Record<AdminModerationMode, string>;

type Loaded<T> = { kind: 'pending' } | { kind: 'complete'; value: T } | { kind: 'error' };

/** A language's name in that language, as a menu of languages lists it ("Français", "日本語"). */
function nameOf(language: string): string {
  const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/**
 * The site's switches: read-only for the whole site, the server's moderation mode, and one thread at a time
 * (locked or not, and its own moderation mode); and the language of this page, in this browser.
 */
export class AdminSettings extends AdminScreen {
  static override styles = [
    sharedStyles,
    css`
      h1 {
        margin-bottom: 1rem;
      }

      section {
        max-width: 44rem;
        padding: 1rem 1.25rem;
        border: 1px solid var(--admin-border);
        border-radius: 8px;
        margin-bottom: 1rem;
      }

      h2 {
        margin-top: 0;
      }

      .switch {
        display: flex;
        align-items: center;
        gap: 0.625rem;
        margin: 0.75rem 0 0.25rem;
      }

      .thread-form {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0.5rem;
      }

      .thread-form .field {
        flex: 1 1 16rem;
        margin: 0;
      }

      .thread-form input {
        width: 100%;
      }

      .thread {
        margin-top: 1rem;
        display: grid;
        gap: 0.5rem;
        overflow-wrap: anywhere;
      }

      .thread .field {
        margin: 0;
      }

      /* Grid items are as wide as their content unless told: a long path or a mode's words would widen the page. */
      .thread > *,
      .thread select {
        min-width: 0;
        width: 100%;
      }
    `,
  ];

  static override properties = {
    site: { state: true },
    thread: { state: true },
    isSaving: { state: true },
    threadError: { state: true },
  };

  site: Loaded<SiteResponse> = { kind: 'pending' };
  thread: AdminThread | undefined;
  isSaving = false;
  threadError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadSite();
  }

  async #loadSite(): Promise<void> {
    if (!this.client) return;
    try {
      this.site = { kind: 'complete', value: await this.client.site() };
    } catch {
      this.site = { kind: 'error' };
    }
  }

  #failed(error: unknown): void {
    announce(this, this.failureMessage(error), true);
  }

  async #setReadOnly(event: Event): Promise<void> {
    const checkbox = event.target as HTMLInputElement;
    if (!this.client) return;
    this.isSaving = true;
    try {
      const site = await this.client.setReadOnly(checkbox.checked);
      this.site = { kind: 'complete', value: site };
      announce(this, site.readOnly ? this.l.t('readOnlyOn') : this.l.t('readOnlyOff'));
    } catch (error) {
      checkbox.checked = !checkbox.checked;
      this.#failed(error);
    } finally {
      this.isSaving = false;
    }
  }

  async #showThread(event: Event): Promise<void> {
    event.preventDefault();
    const key = (this.renderRoot.querySelector<HTMLInputElement>('#thread-key')?.value ?? '').trim();
    if (!key || !this.client) return;
    this.threadError = '';
    try {
      this.thread = (await this.client.thread(key)).thread;
    } catch (error) {
      this.thread = undefined;
      this.threadError =
        error instanceof AdminApiError && error.code === 'bad_request'
          ? error.message
          : this.l.t('genericError', { message: (error as Error).message });
    }
  }

  async #changeThread(change: { locked?: boolean; moderation?: AdminModerationMode | null }): Promise<void> {
    if (!this.client || !this.thread) return;
    this.isSaving = true;
    try {
      const { thread } = await this.client.changeThread({ key: this.thread.key, ...change });
      this.thread = thread;
      const { l } = this;
      announce(
        this,
        change.locked === undefined
          ? l.t('threadModeChanged', { thread: thread.key, mode: this.#modeName(thread.moderation) })
          : thread.locked
            ? l.t('threadIsLocked', { thread: thread.key })
            : l.t('threadIsOpen', { thread: thread.key }),
      );
    } catch (error) {
      this.#failed(error);
    } finally {
      this.isSaving = false;
    }
  }

  #modeName(mode: AdminModerationMode | null): string {
    const server = this.site.kind === 'complete' ? this.site.value.moderation : 'first-time';
    return mode === null
      ? this.l.t('modeServer', { mode: this.l.t(modeKeys[server]) })
      : this.l.t(modeKeys[mode]);
  }

  #renderThread(thread: AdminThread) {
    const { l } = this;
    return html`<div class="thread">
      <p>
        ${threadLink(thread.key, thread.url)} · ${l.plural('threadCount', thread.count)}
        ${thread.locked ? html` · <strong>${l.t('threadLocked')}</strong>` : nothing}
      </p>
      <div>
        <button
          type="button"
          ?disabled=${this.isSaving}
          @click=${() => void this.#changeThread({ locked: !thread.locked })}
        >
          ${thread.locked ? l.t('threadUnlock') : l.t('threadLock')}
        </button>
      </div>
      <div class="field">
        <label for="thread-mode">${l.t('threadModeLabel')}</label>
        <select
          id="thread-mode"
          ?disabled=${this.isSaving}
          @change=${(event: Event) => {
            const value = (event.target as HTMLSelectElement).value;
            void this.#changeThread({ moderation: value === '' ? null : (value as AdminModerationMode) });
          }}
        >
          <option value="" ?selected=${thread.moderation === null}>${this.#modeName(null)}</option>
          ${(['open', 'first-time', 'all'] as const).map(
            (mode) =>
              html`<option value=${mode} ?selected=${thread.moderation === mode}>
                ${l.t(modeKeys[mode])}
              </option>`,
          )}
        </select>
      </div>
    </div>`;
  }

  protected override render() {
    const { l, site } = this;
    const chosen = chosenLanguage();
    return html`<h1 tabindex="-1">${l.t('settingsHeading')}</h1>
      <section aria-labelledby="read-only-heading">
        <h2 id="read-only-heading">${l.t('readOnlyHeading')}</h2>
        <p>${l.t('readOnlyExplanation')}</p>
        ${
          site.kind === 'pending'
            ? html`<p role="status">${l.t('loading')}</p>`
            : site.kind === 'error'
              ? html`<p class="error">${l.t('loadError')}</p>
                  <button type="button" @click=${() => void this.#loadSite()}>${l.t('retry')}</button>`
              : html`<div class="switch">
                    <input
                      type="checkbox"
                      id="read-only"
                      .checked=${site.value.readOnly}
                      ?disabled=${this.isSaving}
                      @change=${this.#setReadOnly}
                    />
                    <label for="read-only">${l.t('readOnlyLabel')}</label>
                  </div>
                  <p class="muted">${site.value.readOnly ? l.t('readOnlyOn') : l.t('readOnlyOff')}</p>`
        }
      </section>
      <section aria-labelledby="mode-heading">
        <h2 id="mode-heading">${l.t('serverModeHeading')}</h2>
        ${
          site.kind === 'complete'
            ? html`<p>${l.t('serverMode', { mode: l.t(modeKeys[site.value.moderation]) })}</p>`
            : nothing
        }
      </section>
      <section aria-labelledby="thread-heading">
        <h2 id="thread-heading">${l.t('threadHeading')}</h2>
        <p>${l.t('threadExplanation')}</p>
        <form class="thread-form" @submit=${this.#showThread} novalidate>
          <div class="field">
            <label for="thread-key">${l.t('threadKeyLabel')}</label>
            <input
              id="thread-key"
              maxlength="500"
              placeholder="/2026/11/my-post"
              autocomplete="off"
              aria-invalid=${this.threadError ? 'true' : 'false'}
              aria-describedby=${this.threadError ? 'thread-error' : nothing}
            />
          </div>
          <button type="submit">${l.t('threadLoad')}</button>
        </form>
        ${this.threadError ? html`<p class="field-error" id="thread-error" role="alert">${this.threadError}</p>` : nothing}
        ${this.thread ? this.#renderThread(this.thread) : nothing}
      </section>
      <section aria-labelledby="language-heading">
        <h2 id="language-heading">${l.t('languageHeading')}</h2>
        <p>${l.t('languageExplanation')}</p>
        <div class="field">
          <label for="language">${l.t('languageLabel')}</label>
          <select
            id="language"
            @change=${(event: Event) => reportLanguage(this, (event.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${chosen === ''}>${l.t('languageBrowser')}</option>
            ${adminLanguages.map(
              (language) =>
                html`<option value=${language} lang=${language} ?selected=${chosen === language}>
                  ${nameOf(language)}
                </option>`,
            )}
          </select>
        </div>
      </section>`;
  }
}
