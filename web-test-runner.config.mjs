// Browser tests in Debian's Chromium (never a browser downloaded by a tool).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath, disabledFeatures } from './scripts/chromium.mjs';

export default {
  // The browser suites; test/server, test/tooling and test/e2e run under Node.
  files: ['test/**/*.test.ts', '!test/server/**', '!test/tooling/**', '!test/e2e/**'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 2,
  // An axe run takes 1–2 s on a quiet machine and over 5 s on a loaded CI runner: room for that, not for a hang.
  testFramework: { config: { timeout: 15_000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    {
      // The suites' waitUntil waits up to 10 s, not 1 s: see test/open-wc-testing.ts.
      name: 'patient-wait-until',
      resolveImport({ source, context }) {
        if (source === '@open-wc/testing' && !context.path.endsWith('/test/open-wc-testing.ts')) {
          return '/test/open-wc-testing.ts';
        }
        return undefined;
      },
    },
  ],
  browsers: [
    chromeLauncher({
      // A page of its own window per test file: with concurrency > 1, pages sharing one window are background
      // tabs, which get no animation frames (so no fixture() settling, no IntersectionObserver) and time out.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        // Puppeteer merges a --disable-features of ours into its own.
        args: [...chromiumArgs, `--disable-features=${disabledFeatures.join(',')}`],
      },
    }),
  ],
};
