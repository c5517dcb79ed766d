/** Where the script came from: the default endpoint, as for `<natter-comments>`, so one script tag is enough. */
const scriptOrigin = (() => {
  const origin = new URL(import.meta.url).origin;
  return origin === 'null' ? '' : origin;
})();

/**
 * The natter server a count on `target` asks: `given` (an element's own `endpoint`), else the nearest
 * `data-natter-endpoint` (on the link or any ancestor, such as `<body>`), else the script's origin; relative to the
 * page.
 */
export function endpointOf(target: Element, given?: string | null): string {
  const near = target.closest('[data-natter-endpoint]')?.getAttribute('data-natter-endpoint');
  return new URL(given || near || scriptOrigin || location.origin, document.baseURI).href;
}
