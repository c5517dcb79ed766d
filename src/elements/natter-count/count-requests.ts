import { connect, withQuery } from '../../client/connection.js';
import { countBatches } from '../../client/count-batches.js';
import { readCounts } from '../../client/shape.js';
import { loadCountWords } from '../../i18n/count-messages.js';

// Every count shown on a page, fetched together: what is asked for within one task (a page's links, elements
// added by the same script, in microtasks too) waits for the next task and goes out in one `GET /api/v1/counts`
// per server and batch of 50 threads (fewer when long keys would make the URL too long).

/** What one element asks for. */
interface Wanted {
  endpoint: string;
  thread: string;
}

/** Milliseconds a counts request may take. */
const timeout = 10_000;

const pending = new Map<Element, Wanted>();
/** What each element asked for last: an answer to an earlier question never overwrites a later one's. */
const latest = new WeakMap<Element, Wanted>();
let isScheduled = false;

/** Shows the count of `thread` on `endpoint` as the text of `target`, once it is known; on failure, leaves it. */
export function showCount(target: Element, endpoint: string, thread: string): void {
  const wanted = { endpoint, thread };
  pending.set(target, wanted);
  latest.set(target, wanted);
  // The words of a language other than English come while the count is asked for, not after.
  void loadCountWords(localeOf(target));
  if (!isScheduled) {
    isScheduled = true;
    setTimeout(sendPending);
  }
}

function sendPending(): void {
  isScheduled = false;
  let hasWarned = false;
  const warn = (endpoint: string, error: unknown) => {
    if (hasWarned) return;
    hasWarned = true;
    console.warn(
      `natter: comment counts from ${endpoint} could not be loaded; the links keep their text.`,
      error,
    );
  };
  // By the URL asked, so that `https://example.com/natter` and `…/natter/` share their requests.
  const byUrl = new Map<string, [Element, Wanted][]>();
  for (const entry of pending) {
    const endpoint = entry[1].endpoint;
    try {
      const url = new URL('counts', connect({ endpoint }).api).href;
      const targets = byUrl.get(url);
      if (targets) targets.push(entry);
      else byUrl.set(url, [entry]);
    } catch (error) {
      warn(endpoint, error);
    }
  }
  pending.clear();
  for (const [base, targets] of byUrl) {
    for (const batch of countBatches(
      new URL(base),
      targets.map(([, wanted]) => wanted.thread),
    )) {
      const url = withQuery(
        new URL(base),
        batch.map((thread) => ['thread', thread]),
      );
      fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(timeout) })
        .then(async (response) => {
          const counts = response.ok && readCounts(await response.json(), batch);
          if (!counts) throw new Error(`GET ${url.pathname} answered ${response.status}`);
          const byThread = new Map(counts);
          for (const [target, wanted] of targets) {
            const count = byThread.get(wanted.thread);
            if (count === undefined) continue;
            void countText(target, count).then((text) => {
              if (latest.get(target) === wanted) target.textContent = text;
            });
          }
        })
        .catch((error: unknown) => warn(url.origin, error));
    }
  }
}

/** "12 comments" in the language of `target` (its nearest `lang`, else the browser's); English for others. */
async function countText(target: Element, count: number): Promise<string> {
  const locale = localeOf(target);
  const message = await loadCountWords(locale);
  const category = new Intl.PluralRules(locale).select(count);
  return (message[category] ?? message.other).replace('{count}', new Intl.NumberFormat(locale).format(count));
}

/** The nearest `lang` of `target`, else the browser's language; English for a broken tag. */
function localeOf(target: Element): string {
  try {
    return (
      Intl.getCanonicalLocales(target.closest('[lang]')?.getAttribute('lang') || navigator.language)[0] ??
      'en'
    );
  } catch {
    return 'en';
  }
}
