import { threadKeyOf } from '../../protocol/thread-key.js';
import { showCount } from './count-requests.js';
import { endpointOf } from './endpoint.js';

const selector = '[data-natter-count]';

/**
 * Shows the count on a link marked `data-natter-count`: of the thread the attribute names, used exactly as written
 * (as `<natter-comments thread>` is), or, when it is empty, of the link's own target, normalised as the widget
 * normalises a page's path (`/post/#comments` counts `/post`).
 */
export function countLink(link: Element): void {
  const thread =
    link.getAttribute('data-natter-count') ||
    threadKeyOf(new URL(link.getAttribute('href') ?? '', document.baseURI));
  showCount(link, endpointOf(link), thread);
}

/** Counts the marked links in `root` now, and those added to it later. */
export function watchLinks(root: Document): void {
  const countIn = (node: Node) => {
    if (!(node instanceof Element)) return;
    if (node.matches(selector)) countLink(node);
    node.querySelectorAll(selector).forEach(countLink);
  };
  countIn(root.documentElement);
  new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(countIn);
  }).observe(root, { childList: true, subtree: true });
}
