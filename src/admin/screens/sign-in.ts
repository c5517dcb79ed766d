import { css, html, LitElement, nothing } from 'lit';
import type { SessionResponse } from '../../protocol/admin.js';
import type { AdminClient } from '../api/admin-client.js';
import { AdminApiError } from '../api/admin-error.js';
import type { Localizer } from '../messages/localizer.js';
import { sharedStyles } from '../styles.js';

/**
 * The sign-in screen: one password (there is one account), its failure said next to the field and announced.
 *
 * @fires admin-signed-in - the session, once the password was right
 */
export class AdminSignIn extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        max-width: 24rem;
        margin: 12vh auto 0;
        padding: 0 1rem;
      }

      form {
        margin-top: 1.5rem;
      }

      input {
        width: 100%;
      }

      .notice {
        padding: 0.5rem 0.75rem;
        border-inline-start: 4px solid var(--admin-accent);
        background: var(--admin-surface);
        margin: 1rem 0;
      }

      .field-error {
        margin: 0;
      }

      button {
        width: 100%;
        margin-top: 0.25rem;
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    l: { attribute: false },
    notice: { attribute: false },
    isBusy: { state: true },
    error: { state: true },
  };

  client?: AdminClient;
  l!: Localizer;
  /** Why the moderator sees this screen again (signed out, session ended), if they did not just arrive. */
  notice = '';
  isBusy = false;
  error = '';

  /** Moves focus to the password field. */
  focusField(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input');
    if (!this.client || !input || this.isBusy) return;
    if (!input.value) {
      input.focus();
      return;
    }
    this.isBusy = true;
    this.error = '';
    try {
      const session = await this.client.signIn(input.value);
      this.dispatchEvent(
        new CustomEvent<SessionResponse>('admin-signed-in', {
          detail: session,
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      this.error = this.#describe(error);
      input.select();
      input.focus();
    } finally {
      this.isBusy = false;
    }
  }

  #describe(error: unknown): string {
    if (!(error instanceof AdminApiError)) return this.l.t('networkError');
    if (error.code === 'unauthorized') return this.l.t('signInWrong');
    if (error.code === 'rate_limited') return this.l.plural('signInRateLimited', error.retryAfter ?? 60);
    if (error.code === 'forbidden') return this.l.t('signInNotConfigured');
    if (error.code === 'network') return this.l.t('networkError');
    return this.l.t('genericError', { message: error.message });
  }

  protected override render() {
    const { l } = this;
    return html`<main>
      <h1 tabindex="-1">${l.t('signInHeading')}</h1>
      <p class="intro">${l.t('signInIntro')}</p>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <form @submit=${this.#submit} novalidate>
        <div class="field">
          <label for="password">${l.t('passwordLabel')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${this.error ? 'password-error' : nothing}
          />
          <p id="password-error" class="field-error" role="alert">${this.error}</p>
        </div>
        <button class="primary" type="submit" ?disabled=${this.isBusy}>
          ${this.isBusy ? l.t('signingIn') : l.t('signIn')}
        </button>
      </form>
    </main>`;
  }
}
