import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ThreadLocalizer } from '../../i18n/localizer.js';

/** How often the "5 minutes ago" of recent comments is said again. */
const refreshEvery = 60_000;

/**
 * A comment's date: "5 minutes ago" while it is recent, in the locale's words (`Intl.RelativeTimeFormat`), and the
 * date and time of day once it is a week old. The full date and time is the `<time>`'s title and, for screen
 * readers, its text: the relative words are only seen. They are left empty here and filled by
 * {@link refreshRelativeTimes}, which says them again as time passes without rendering the thread again.
 */
export function renderTime(iso: string, localizer: ThreadLocalizer): TemplateResult {
  const full = localizer.timestamp(iso);
  return html`<time datetime=${iso} title=${full}
    >${
      localizer.ago(iso) === undefined
        ? localizer.date(iso)
        : html`<span aria-hidden="true" data-ago=${iso}></span><span class="visually-hidden">${full}</span>`
    }</time
  >`;
}

/**
 * Says how long ago each recent comment was, after every render and once a minute while any is shown: one timer per
 * element, stopped while it is out of the document. It writes only into the empty spans {@link renderTime} leaves
 * for it (no template binding lives there), so nothing else of the thread is touched. (A controller as a plain
 * object: a class costs the first paint more.)
 */
export function refreshRelativeTimes(
  host: ReactiveControllerHost & HTMLElement,
  localizer: () => ThreadLocalizer | undefined,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = (): void => {
    clearTimeout(timer);
    const words = localizer();
    const spans = host.shadowRoot?.querySelectorAll<HTMLElement>('[data-ago]') ?? [];
    const now = Date.now();
    for (const span of spans) {
      const iso = span.dataset.ago ?? '';
      // Past a week while shown: the date, as a new render would show it.
      span.textContent = words ? (words.ago(iso, now) ?? words.date(iso)) : '';
    }
    timer = spans.length > 0 && host.isConnected ? setTimeout(refresh, refreshEvery) : undefined;
  };
  host.addController({
    hostConnected: refresh,
    hostUpdated: refresh,
    hostDisconnected: () => clearTimeout(timer),
  });
}
