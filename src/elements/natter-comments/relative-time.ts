import { noChange, type ReactiveControllerHost } from 'lit';
import { Directive, directive, type ChildPart } from 'lit/directive.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import { copies, element } from './build-dom.js';

/** What saying a time reads of a localizer: any localizer, whatever words it holds besides. */
type TimeWords = Pick<ThreadLocalizer, 'ago' | 'date' | 'timestamp'>;

/** How often the "5 minutes ago" of recent comments is said again. */
const refreshEvery = 60_000;

/** The spans that say how long ago a comment was, by the element they render in, each with its instant. */
const spansByHost = new WeakMap<object, Map<HTMLElement, string>>();

function spansOf(host: object): Map<HTMLElement, string> {
  let spans = spansByHost.get(host);
  if (!spans) spansByHost.set(host, (spans = new Map()));
  return spans;
}

/** What a span says `iso` was: "5 minutes ago", or, past a week, the date. */
const say = (localizer: TimeWords, iso: string, now?: number): string =>
  localizer.ago(iso, now) ?? localizer.date(iso);

/** A recent time's `<time>`: the words seen, and the date and time that screen readers say instead. */
const recentTime = copies(() =>
  element(
    'time',
    {},
    element('span', { 'aria-hidden': 'true' }),
    element('span', { class: 'visually-hidden' }),
  ),
);

/** What a `<time>` says of `iso`: its full date and time, and "5 minutes ago" while it is recent. */
export function sayTime(iso: string, localizer: TimeWords): { full: string; words?: string } {
  const words = localizer.ago(iso);
  return { full: localizer.timestamp(iso), ...(words !== undefined && { words }) };
}

/** An empty `<time>` for a time {@link sayTime} says in `words` (`isRecent`) or not: {@link showTime} fills it. */
export function emptyTime(isRecent: boolean): HTMLTimeElement {
  return isRecent ? recentTime() : element('time', {});
}

/** Fills `time`, which {@link emptyTime} made for what `said` says of `iso`, listing its words with `host`'s. */
export function showTime(
  time: HTMLTimeElement,
  iso: string,
  { full, words }: ReturnType<typeof sayTime>,
  localizer: TimeWords,
  host: object,
): HTMLTimeElement {
  if (words === undefined) {
    time.append(localizer.date(iso));
  } else {
    const said = time.firstElementChild as HTMLSpanElement;
    said.append(words);
    time.lastElementChild?.append(full);
    spansOf(host).set(said, iso);
  }
  time.setAttribute('datetime', iso);
  time.setAttribute('title', full);
  return time;
}

/**
 * A date as a `<time>`: "5 minutes ago" while it is recent, in the locale's words (`Intl.RelativeTimeFormat`), and
 * the date and time of day once it is a week old. The full date and time is its title and, for screen readers, its
 * text: the relative words are only seen, and {@link refreshRelativeTimes} says them again as time passes without
 * rendering the thread again (the span that says them is listed with `host`'s).
 */
export function timeElement(iso: string, localizer: TimeWords, host: object): HTMLTimeElement {
  const said = sayTime(iso, localizer);
  return showTime(emptyTime(said.words !== undefined), iso, said, localizer, host);
}

/** {@link timeElement} in a template: made once, and again only when the date or the words change. */
class TimeDirective extends Directive {
  #shown?: [string, TimeWords];

  /** The `<time>`, as an update makes it, its words not said again as time passes. */
  render(iso: string, localizer: TimeWords): HTMLTimeElement {
    return timeElement(iso, localizer, this);
  }

  override update(part: ChildPart, [iso, localizer]: [string, TimeWords]): unknown {
    if (this.#shown?.[0] === iso && this.#shown[1] === localizer) return noChange;
    this.#shown = [iso, localizer];
    return timeElement(iso, localizer, part.options?.host ?? part);
  }
}

/** A date as a `<time>` in a template ({@link timeElement}). */
export const renderTime = directive(TimeDirective);

/**
 * Says how long ago each recent comment of `host` was once a minute while any is shown: one timer per element,
 * stopped while it is out of the document. It writes only into the spans {@link timeElement} made (no template
 * binding lives there), so nothing else of the thread is touched; spans a render left behind are forgotten at the
 * next minute, or sooner when they outnumber the ones shown. (A controller as a plain object: a class costs the
 * first paint more.)
 */
export function refreshRelativeTimes(
  host: ReactiveControllerHost & HTMLElement,
  localizer: () => ThreadLocalizer | undefined,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** How many spans were shown at the last count: twice as many listed means it is time to forget the rest. */
  let shownAtLastCount = 0;
  const spans = spansOf(host);
  const forgetLeftBehind = (): void => {
    const root = host.shadowRoot;
    for (const span of spans.keys()) if (span.getRootNode() !== root) spans.delete(span);
    shownAtLastCount = spans.size;
  };
  const schedule = (): void => {
    timer ??= spans.size > 0 && host.isConnected ? setTimeout(refresh, refreshEvery) : undefined;
  };
  const stop = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const refresh = (): void => {
    stop();
    forgetLeftBehind();
    const words = localizer();
    const now = Date.now();
    if (words) {
      for (const [span, iso] of spans) {
        // Past a week while shown: the date, as a new render would show it. Unchanged words are not written
        // again: every write lays its line out anew.
        const text = say(words, iso, now);
        if (span.textContent !== text) span.textContent = text;
      }
    }
    schedule();
  };
  host.addController({
    hostConnected: refresh,
    hostUpdated: () => {
      if (spans.size > 2 * shownAtLastCount + 100) forgetLeftBehind();
      schedule();
    },
    hostDisconnected: stop,
  });
}
