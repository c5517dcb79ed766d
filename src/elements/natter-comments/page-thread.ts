import { threadKeyOf } from '../../protocol/thread-key.js';

/** This page's thread key: its canonical link's, when it has a valid one, else its location's. */
export function pageThread(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  try {
    if (canonical) return threadKeyOf(canonical);
  } catch {
    // An unparsable canonical link is the page's mistake; the location still names the page.
  }
  return threadKeyOf(location.href);
}
