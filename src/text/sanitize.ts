import DOMPurify from 'dompurify';
import { stripHandlersAndStyles } from './strip-handlers-and-styles.js';

/**
 * The one module that turns HTML from elsewhere (the site owner's comment policy, later other sources) into DOM.
 * It is loaded lazily, so a thread without such HTML never downloads DOMPurify.
 *
 * Under Trusted Types, DOMPurify parses through a policy named `natter` that no other code can reach; pages with
 * `require-trusted-types-for 'script'` list it beside Lit's: `trusted-types lit-html natter`.
 *
 * DOMPurify's inert document belongs to the page's window, so Chromium checks event handlers and inline styles
 * against the page's Content-Security-Policy while parsing into it, and reports each as a violation: they are taken
 * out of the string first (see strip-handlers-and-styles.ts), which leaves DOMPurify's result as it was.
 */
const parserPolicy = window.trustedTypes?.createPolicy('natter', {
  createHTML: (html: string) => html,
  createScriptURL: (url: string) => url,
});

// DOMPurify drops `target`, so `noopener` is a belt to its braces; `nofollow` keeps link juice where it was.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node instanceof HTMLAnchorElement && node.hasAttribute('href'))
    node.setAttribute('rel', 'nofollow noopener');
});

/** Sanitizes `html` and returns it as an inert fragment to append or render; never a string to reparse. */
export function sanitizeHtml(html: string): DocumentFragment {
  return DOMPurify.sanitize(stripHandlersAndStyles(html), {
    RETURN_DOM_FRAGMENT: true,
    TRUSTED_TYPES_POLICY: (parserPolicy as TrustedTypePolicy | undefined) ?? null,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option'],
    FORBID_ATTR: ['style'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  });
}
