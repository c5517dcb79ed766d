// Debian's Chromium for every browser we drive (tests, screenshots): never a browser that a tool downloaded.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Where Chromium is; `CHROMIUM_PATH` overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium features switched off. Since Chromium 132, headless is the whole browser, and in 156 every window keeps
 * a hidden omnibox popup, a WebUI page of its own whose renderer spends a fifth of a core all the time: an idle
 * test page cost 0.23 CPU-s a second, against 0.01 without it, and opening one 0.97 CPU-s, against 0.72.
 */
export const disabledFeatures = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** Flags for headless runs as root on a machine whose network reaches only loopback. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * What playwright-core (1.65) passes as `--disable-features` of its own. Chromium reads the last
 * `--disable-features` alone, and playwright, unlike puppeteer, does not merge its list with one in `args`: ours
 * must repeat it. `launchChromium` checks the copy against the command playwright ran, so an upgrade that changes the
 * list fails loudly instead of switching playwright's features back on.
 */
const playwrightDisabledFeatures = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/** The features a `--disable-features` argument names. */
const featuresOf = (arg) => arg.slice('--disable-features='.length).split(',').filter(Boolean);

/** The arguments of the processes this process started (Linux's /proc; none elsewhere). */
function childCommandLines() {
  if (!existsSync('/proc/self/stat')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        // The parent's pid is the second field after the command name, which may itself hold spaces.
        const parent = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
        return parent === process.pid ? [readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')] : [];
      } catch {
        return []; // Gone meanwhile.
      }
    });
}

/** Launches headless Chromium through playwright-core. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const features = [...playwrightDisabledFeatures, ...disabledFeatures];
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, `--disable-features=${features.join(',')}`],
  });
  // Debian's /usr/bin/chromium is a script that execs the browser: match the child by its arguments.
  const dropped = childCommandLines()
    .flat()
    .filter((arg) => arg.startsWith('--disable-features='))
    .flatMap(featuresOf)
    .filter((feature) => !features.includes(feature));
  if (dropped.length > 0) {
    await browser.close();
    throw new Error(
      `playwright-core now disables ${[...new Set(dropped)].join(', ')} too: add to playwrightDisabledFeatures in scripts/chromium.mjs`,
    );
  }
  return browser;
}
