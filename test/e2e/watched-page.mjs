// A browser page that records everything a reader should never meet: page errors, dialogs (an `alert` from
// injected script), CSP violations and console errors.

/**
 * Opens a fresh context (its own localStorage) and page in `browser`. Console errors matching `expected` (e.g.
 * refused connections while a test has stopped the server), each followed by its address in brackets when it has
 * one, are listed apart, in `expected`, not as problems.
 */
export async function openWatchedPage(browser, { timeout, expected } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (timeout) page.setDefaultTimeout(timeout);
  const problems = [];
  const expectedErrors = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium's "Failed to load resource" names its address only in the message's location.
    const text = `${message.text()}${message.location().url ? ` (${message.location().url})` : ''}`;
    if (expected?.test(text)) expectedErrors.push(text);
    else problems.push(`console error: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { context, page, problems, expected: expectedErrors };
}
