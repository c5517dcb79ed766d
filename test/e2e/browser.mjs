// The end-to-end tests' browser: the project's one way of starting Chromium.
export { chromiumPath, launchChromium } from '../../scripts/chromium.mjs';
