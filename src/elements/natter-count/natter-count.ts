import { pageThread } from '../natter-comments/page-thread.js';
import { showCount } from './count-requests.js';
import { endpointOf } from './endpoint.js';

// A plain custom element, without Lit or a shadow root: natter/count stays under 2 KB, and its text is the page's
// own, styled by the page. Importing this module defines nothing (src/count.ts does), and in Node, where there is
// no HTMLElement, it still imports.
const Base = (globalThis.HTMLElement ?? Object) as typeof HTMLElement;

/**
 * The number of comments of a thread, as text ("12 comments") in the page's language, for index pages. Every count
 * on a page comes in one request per 50 threads. What it holds before is shown until then, and stays if the count
 * cannot be loaded.
 *
 * @summary "12 comments" for a thread, without loading the widget.
 * @tagname natter-count
 *
 * @attr thread - The thread key, used as written; this page's own thread (as `<natter-comments>` finds it) if empty.
 * @attr endpoint - Base URL of the natter server; else the nearest `data-natter-endpoint`, else the script's origin.
 */
export class NatterCount extends Base {
  static observedAttributes = ['thread', 'endpoint'] as const;

  connectedCallback(): void {
    showCount(
      this,
      endpointOf(this, this.getAttribute('endpoint')),
      this.getAttribute('thread') || pageThread(),
    );
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.connectedCallback();
  }
}
