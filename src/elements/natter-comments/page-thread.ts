import { threadKeyOf } from '../../protocol/thread-key.js';

/** This page's address without its fragment: its canonical link's, when it has a valid one, else its location's. */
export function pageUrl(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  let url: URL;
  try {
    url = new URL(canonical || location.href);
  } catch {
    // An unparsable canonical link is the page's mistake; the location still names the page.
    url = new URL(location.href);
  }
  url.hash = '';
  return url.href;
}

/** This page's thread key: its canonical link's, when it has a valid one, else its location's. */
export function pageThread(): string {
  return threadKeyOf(pageUrl());
}
