// '@open-wc/testing' as the browser suites import it (web-test-runner.config.mjs points them here): the same, except
// that `waitUntil` waits up to 10 s by default instead of 1 s. What a test waits for often comes in a lazily loaded
// chunk after the first paint, which a loaded CI runner takes more than a second to fetch and run.
import { waitUntil as waitUntilOnce } from '@open-wc/testing';

export * from '@open-wc/testing';

/** `waitUntil` of '@open-wc/testing', waiting up to 10 s unless told otherwise. */
export function waitUntil(
  predicate: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return waitUntilOnce(predicate, message, { timeout: 10_000, ...options });
}
