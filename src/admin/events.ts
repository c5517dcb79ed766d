import type { AdminCounts, SessionResponse } from '../protocol/admin.js';

/** What a screen asks the page's live region to say: politely, or at once (`assertive`) for failures. */
export interface AnnounceDetail {
  message: string;
  isUrgent?: boolean;
}

/** Screens tell the page what they did; the page announces it, updates the badges, or signs out. */
declare global {
  interface HTMLElementEventMap {
    'admin-announce': CustomEvent<AnnounceDetail>;
    'admin-counts': CustomEvent<AdminCounts>;
    'admin-signed-in': CustomEvent<SessionResponse>;
    'admin-language': CustomEvent<{ language: string }>;
  }
}

/** Fires `admin-announce` from `target`: composed, so it reaches the page's shell through shadow roots. */
export function announce(target: EventTarget, message: string, isUrgent = false): void {
  target.dispatchEvent(
    new CustomEvent<AnnounceDetail>('admin-announce', {
      detail: { message, isUrgent },
      bubbles: true,
      composed: true,
    }),
  );
}

/** Fires `admin-language`: the moderator chose `language` (a catalog key, `''` for the browser's) for the page. */
export function reportLanguage(target: EventTarget, language: string): void {
  target.dispatchEvent(
    new CustomEvent('admin-language', { detail: { language }, bubbles: true, composed: true }),
  );
}

/** Fires `admin-counts` with the badges' new numbers. */
export function reportCounts(target: EventTarget, counts: AdminCounts): void {
  target.dispatchEvent(
    new CustomEvent<AdminCounts>('admin-counts', { detail: counts, bubbles: true, composed: true }),
  );
}
