// What tells the stored-XSS suite that a payload did more than show as text, in a real page: canaries that script
// from a payload would call, the page's Content-Security-Policy made report-only (a violation is reported, and the
// script it would have blocked runs into the canaries), requests to anywhere but the server, and a walk through the
// document and every shadow root for markup that only input could have made.
import { canaryName } from './hostile-payloads.mjs';

/**
 * Arms `page` (before anything of it loads): `alert`, `confirm`, `prompt`, `print` and the armed payloads' canary
 * record their calls, as do `securitypolicyviolation` events and errors thrown by script; dialogs, popups and requests
 * to any origin but `allowedOrigin` are recorded from outside. `hits()` reads what was recorded so far, each as
 * `kind: detail`; every one is a failure.
 */
export async function armCanaries(page, allowedOrigin) {
  const outside = [];
  page.on('dialog', async (dialog) => {
    outside.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('pageerror', (error) => outside.push(`page error: ${error.message}`));
  page.on('popup', (popup) => outside.push(`popup: ${popup.url()}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(allowedOrigin) && !url.startsWith('data:')) outside.push(`request: ${url}`);
  });
  await page.addInitScript((canary) => {
    const hits = [];
    const hit = (kind, detail) => hits.push(`${kind}: ${String(detail).slice(0, 300)}`);
    Object.defineProperty(window, '__natterHits', { value: hits });
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      window[name] = (message) => (hit(name, message), null);
    }
    window[canary] = (id) => hit(canary, id);
    document.addEventListener(
      'securitypolicyviolation',
      (event) => hit('csp', `${event.effectiveDirective} ${event.blockedURI} ${event.sample}`),
      true,
    );
    // Script errors only: an image that fails to load fires `error` too, and is no execution.
    window.addEventListener(
      'error',
      (event) => event instanceof ErrorEvent && hit('error', event.message),
      true,
    );
  }, canaryName);
  return {
    async hits() {
      // Violations are reported in tasks of their own: let those queued so far run first.
      const inPage = await page.evaluate(
        () => new Promise((resolve) => setTimeout(() => resolve([...window.__natterHits]), 50)),
      );
      return [...outside, ...inPage];
    },
  };
}

/**
 * Serves the document at `url` with its `Content-Security-Policy` as `Content-Security-Policy-Report-Only` (or with
 * `policy` as that when given, for a page the test makes with `body`): a payload that the policy would stop is then
 * both reported and free to run, so the suite tests the escaping and not the policy behind it.
 */
export async function reportOnly(page, url, { policy, body } = {}) {
  await page.route(url, async (route) => {
    if (body !== undefined) {
      await route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy-Report-Only': policy },
        body,
      });
      return;
    }
    const response = await route.fetch();
    const headers = { ...response.headers() };
    headers['content-security-policy-report-only'] = policy ?? headers['content-security-policy'];
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
}

/**
 * Markup in the page (the document and every shadow root in it) that no input may make: an `on*` attribute, a
 * `javascript:`, `vbscript:` or `data:` address where following it would run or load a document, or (inside a shadow
 * root, where natter renders) a script, frame, object, embed, base or meta element. One line each.
 */
export function forbiddenMarkup(page) {
  return page.evaluate(() => {
    const found = [];
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'];
    const forbiddenElements = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta']);
    // The scheme as the browser reads the address when it follows it (leading controls and spaces dropped).
    const schemeOf = (value) => {
      try {
        return new URL(value, document.baseURI).protocol.slice(0, -1);
      } catch {
        return undefined;
      }
    };
    const describe = (element) => `<${element.localName}${element.id ? `#${element.id}` : ''}>`;
    const visit = (root, isShadow) => {
      for (const element of root.querySelectorAll('*')) {
        for (const name of element.getAttributeNames()) {
          const value = element.getAttribute(name) ?? '';
          if (/^on/i.test(name)) found.push(`${describe(element)} ${name}=${value.slice(0, 120)}`);
          const scheme = schemeOf(value);
          // A data: document is navigated to from a link or a form; as an image or an icon it only shows.
          const isNavigation = /^(a|area|form|button|input)$/.test(element.localName);
          const runs =
            scheme === 'javascript' || scheme === 'vbscript' || (scheme === 'data' && isNavigation);
          if (urlAttributes.includes(name.toLowerCase()) && (runs || name === 'srcdoc')) {
            found.push(`${describe(element)} ${name}=${value.slice(0, 120)}`);
          }
        }
        if (isShadow && forbiddenElements.has(element.localName)) found.push(describe(element));
        if (element.shadowRoot) visit(element.shadowRoot, true);
      }
    };
    visit(document, false);
    return found;
  });
}
