import {
  en,
  type Catalog,
  type CatalogOf,
  type InteractiveCatalog,
  type PluralMessage,
  type ThreadMessages,
} from './messages.en.js';
import { isEnglish } from './language.js';

/** A message of `M` that is a plain string. */
export type PlainKey<M = InteractiveCatalog> = { [K in keyof M]: M[K] extends string ? K : never }[keyof M];
/** A message of `M` whose wording depends on a count. */
export type PluralKey<M = InteractiveCatalog> = Exclude<keyof M, PlainKey<M>>;
type Values = Record<string, string | number>;

/**
 * Locales with a catalog of their own, by catalog key (see `catalogKey`). The catalogs, and the table of them, are
 * chunks that only a page in another language than English fetches (catalogs.ts).
 */
export const supportedLocales = [
  'en',
  'de',
  'sv',
  'fr',
  'es',
  'pt',
  'it',
  'nl',
  'pl',
  'ru',
  'ja',
  'zh-Hans',
  'ko',
  'ar',
  'he',
];

const cache = new Map<string, Promise<ThreadLocalizer>>();

/** How long a time is said relative to now ("5 minutes ago"): a week; older ones show their date. */
const recentSeconds = 7 * 86400;
const units = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
] as const;

/** Fills `{name}` placeholders; a message asked for without values is as written (each comment asks for a few). */
function format(template: string, values?: Values): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}

/**
 * Messages, plurals, numbers and dates for one locale. Formatters are built once per locale, not per render.
 * `M` is what its catalog holds: those that show a thread (as {@link loadLocalizer} promises), with those of the
 * chunks loaded since (by default, as the interactive chunk reads them, those for acting on the thread too).
 */
export class Localizer<M extends ThreadMessages = InteractiveCatalog> {
  readonly #messages: M;
  readonly #plurals: Intl.PluralRules;
  readonly #numbers: Intl.NumberFormat;
  readonly #date: Intl.DateTimeFormat;
  readonly #timestamp: Intl.DateTimeFormat;
  readonly #relative: Intl.RelativeTimeFormat;
  /** What {@link plural} said without values, by key and count. */
  readonly #pluralsSaid = new Map<string, string>();
  /** This localizer with the words of a chunk, by those words: made once each. */
  readonly #extended = new Map<Catalog, unknown>();

  constructor(
    readonly locale: string,
    messages: M,
  ) {
    this.#messages = messages;
    this.#plurals = new Intl.PluralRules(locale);
    this.#numbers = new Intl.NumberFormat(locale);
    this.#date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
    this.#timestamp = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
    this.#relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  }

  /** The direction the catalog's language is written in, which the widget's layout follows (`rtl` mirrors it). */
  get direction(): 'ltr' | 'rtl' {
    return this.#messages.direction as 'ltr' | 'rtl';
  }

  /** A plain message, with its placeholders filled. */
  t(key: PlainKey<M>, values?: Values): string {
    return format(this.#messages[key] as string, values);
  }

  /** A message whose wording depends on `count`; `{count}` becomes the locale-formatted number. */
  plural(key: PluralKey<M>, count: number, values?: Values): string {
    // Said once per count: every comment of a long thread asks for its likes' (Intl's plural rules are slow).
    const said = values ? undefined : `${String(key)} ${count}`;
    let text = said === undefined ? undefined : this.#pluralsSaid.get(said);
    if (text === undefined) {
      const message = this.#messages[key] as PluralMessage;
      const template = message[this.#plurals.select(count)] ?? message.other;
      text = format(template, { ...values, count: this.#numbers.format(count) });
      if (said !== undefined) this.#pluralsSaid.set(said, text);
    }
    return text;
  }

  /** A number as readers of this locale write it, e.g. "1,234". */
  number(value: number): string {
    return this.#numbers.format(value);
  }

  /** A date and time of day as readers of this locale write them, e.g. "September 22, 2013 at 2:05 PM". */
  date(iso: string): string {
    return this.#date.format(new Date(iso));
  }

  /** A full timestamp, for titles and tooltips. */
  timestamp(iso: string): string {
    return this.#timestamp.format(new Date(iso));
  }

  /**
   * How long before `now` the instant `iso` was, as readers of this locale say it ("now", "5 minutes ago",
   * "yesterday"); `undefined` from a week on, when the date says more. A time ahead of `now` (a fast clock) is "now".
   */
  ago(iso: string, now = Date.now()): string | undefined {
    const seconds = (now - Date.parse(iso)) / 1000;
    if (!(seconds < recentSeconds)) return undefined;
    for (const [unit, size] of units) {
      if (seconds >= size) return this.#relative.format(-Math.floor(seconds / size), unit);
    }
    return this.#relative.format(0, 'second');
  }

  /**
   * This localizer with the words of a lazily loaded chunk too: its catalog's own, and `words` (the English ones,
   * which come with the chunk) where it has none. Made once per `words`.
   */
  withWords<W extends Catalog>(words: W): Localizer<M & CatalogOf<W>> {
    let extended = this.#extended.get(words) as Localizer<M & CatalogOf<W>> | undefined;
    if (!extended) {
      extended = new Localizer(this.locale, { ...words, ...this.#messages } as M & CatalogOf<W>);
      this.#extended.set(words, extended);
    }
    return extended;
  }
}

/** A localizer for showing a thread, as {@link loadLocalizer} gives it. */
export type ThreadLocalizer = Localizer<ThreadMessages>;

/** Canonicalizes a BCP 47 tag, falling back to English for anything `Intl` rejects. */
function canonicalLocale(locale: string | undefined): string {
  try {
    return Intl.getCanonicalLocales(locale || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * Loads (once) the localizer for `locale`; dates and numbers follow the full tag, words its language. It holds the
 * words that show a thread, and with `afterPaint` its language's other words too (the form's, replies', likes',
 * references': words.ts), which a page fetches with the form, after the thread shows. Chunks add their English words
 * for any their language lacks (`withWords`).
 */
export function loadLocalizer(requested: string | undefined, afterPaint = false): Promise<ThreadLocalizer> {
  const locale = canonicalLocale(requested);
  // English has all its words in each chunk: one localizer serves before and after the paint.
  afterPaint &&= !isEnglish(locale);
  const key = afterPaint ? `${locale} after paint` : locale;
  let localizer = cache.get(key);
  if (!localizer) {
    const messages: Promise<ThreadMessages> = isEnglish(locale)
      ? Promise.resolve(en)
      : import('./catalogs.js').then((catalogs) => catalogs.loadCatalog(locale, afterPaint) ?? en);
    localizer = messages.then(
      (loaded) => new Localizer<ThreadMessages>(locale, loaded),
      () => {
        // A catalog could not be fetched (offline, deploy in progress): read the thread's words or English now, and
        // try again next time.
        cache.delete(key);
        return afterPaint ? loadLocalizer(locale) : new Localizer<ThreadMessages>(locale, en);
      },
    );
    cache.set(key, localizer);
  }
  return localizer;
}
