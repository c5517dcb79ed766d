import { html, noChange, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';

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

/**
 * Fills its element with how long ago `iso` was, as it renders, and lists it with its host's spans, which
 * {@link refreshRelativeTimes} says again as time passes: no walk of the whole thread finds them.
 */
class AgoDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('ago() belongs on an element');
  }

  /** The words for `iso` now; on an element, they are written by {@link update}. */
  render(iso: string, localizer: TimeWords): string {
    return say(localizer, iso);
  }

  override update(part: ElementPart, [iso, localizer]: [string, TimeWords]): typeof noChange {
    const span = part.element as HTMLElement;
    span.textContent = this.render(iso, localizer);
    const host = part.options?.host;
    if (host) spansOf(host).set(span, iso);
    return noChange;
  }
}

const ago = directive(AgoDirective);

/**
 * A comment's date: "5 minutes ago" while it is recent, in the locale's words (`Intl.RelativeTimeFormat`), and the
 * date and time of day once it is a week old. The full date and time is the `<time>`'s title and, for screen
 * readers, its text: the relative words are only seen, and {@link refreshRelativeTimes} says them again as time
 * passes without rendering the thread again.
 */
export function renderTime(iso: string, localizer: TimeWords): TemplateResult {
  const full = localizer.timestamp(iso);
  return html`<time datetime=${iso} title=${full}
    >${
      localizer.ago(iso) === undefined
        ? localizer.date(iso)
        : html`<span aria-hidden="true" ${ago(iso, localizer)}></span
            ><span class="visually-hidden">${full}</span>`
    }</time
  >`;
}

/**
 * Says how long ago each recent comment of `host` was once a minute while any is shown: one timer per element,
 * stopped while it is out of the document. It writes only into the spans {@link renderTime} made (no template
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
