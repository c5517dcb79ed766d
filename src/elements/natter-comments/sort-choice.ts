import { html, nothing, type TemplateResult } from 'lit';
import type { PlainKey, ThreadLocalizer } from '../../i18n/localizer.js';
import type { SortOrder, ThreadInfo } from '../../protocol/types.js';
import { interactiveWords } from './form-behaviour.js';

const sortLabels: Record<SortOrder, PlainKey> = {
  oldest: 'sortOldest',
  newest: 'sortNewest',
  liked: 'sortLiked',
  replied: 'sortReplied',
};

/** What the thread's tools show and do: the order in use, and choosing another. */
export interface ThreadToolsView {
  thread: ThreadInfo;
  sort: SortOrder;
  localizer: ThreadLocalizer;
  choose(sort: SortOrder): void;
}

/**
 * Above the comments: the choice of order (oldest and newest first, and most liked or most replied when the server
 * offers them in `thread.sorts`), and the thread's Atom feed as a link (`rel="alternate"`: a `<link>` in the
 * element's shadow root would tell no feed reader, so a visible one does).
 */
export function renderThreadTools({ thread, sort, localizer, choose }: ThreadToolsView): TemplateResult {
  const words = interactiveWords(localizer);
  const offered = (thread.sorts ?? ['oldest', 'newest']).filter((order) => order in sortLabels);
  const feed = thread.feed && /^https?:/i.test(thread.feed) ? thread.feed : undefined;
  return html`<div class="thread-tools">
    ${
      offered.length > 1
        ? html`<label class="sort" part="sort"
            >${words.t('sortLabel')}
            <select
              name="sort"
              @change=${(event: Event) => choose((event.target as HTMLSelectElement).value as SortOrder)}
            >
              ${offered.map(
                (order) =>
                  html`<option value=${order} .selected=${order === sort}>
                    ${words.t(sortLabels[order])}
                  </option>`,
              )}
            </select></label
          >`
        : nothing
    }
    ${
      feed
        ? html`<a
            class="feed"
            part="feed"
            href=${feed}
            rel="alternate"
            type="application/atom+xml"
            title=${words.t('feedTitle')}
            >${words.t('feed')}</a
          >`
        : nothing
    }
  </div>`;
}
