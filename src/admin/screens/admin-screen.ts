import { LitElement, type PropertyDeclarations } from 'lit';
import type { AdminClient } from '../api/admin-client.js';
import { AdminApiError } from '../api/admin-error.js';
import type { Localizer } from '../messages/localizer.js';

/**
 * What every screen behind the sign-in has: the API client and the localizer the page hands it, and a heading the
 * page moves focus to when the screen is shown. Lit adds a subclass's own `properties` to these.
 */
export class AdminScreen extends LitElement {
  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    l: { attribute: false },
  };

  client?: AdminClient;
  l!: Localizer;

  /** Moves focus to the screen's heading (after navigating to it). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** What to tell the moderator of a call that failed: that the server was out of reach, or what it said. */
  protected failureMessage(error: unknown): string {
    return error instanceof AdminApiError && error.code === 'network'
      ? this.l.t('networkError')
      : this.l.t('genericError', { message: error instanceof Error ? error.message : String(error) });
  }
}
