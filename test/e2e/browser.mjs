// The end-to-end tests' browser: the project's one way of starting Chromium, and the setup every file shares.
import { after, before } from 'node:test';
import { launchChromium } from '../../scripts/chromium.mjs';
import { createTempFolder } from './server-process.mjs';

export { chromiumPath, launchChromium } from '../../scripts/chromium.mjs';

/**
 * Chromium and a temporary folder for the test file that calls this at its top: the folder at once, Chromium in a
 * `before` hook (read `.browser` inside tests), both gone in an `after` hook.
 */
export async function useBrowserAndFolder() {
  const setup = { temporary: await createTempFolder(), browser: undefined };
  before(async () => {
    setup.browser = await launchChromium();
  });
  after(async () => {
    await setup.browser?.close();
    await setup.temporary.remove();
  });
  return setup;
}
