import { en, type Messages, type PluralMessage } from './messages.en.js';

/** A message that is a plain string. */
export type PlainKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
/** A message whose wording depends on a count. */
export type PluralKey = Exclude<keyof Messages, PlainKey>;
type Values = Record<string, string | number>;

/**
 * The admin page's catalogs other than English (the source, built in, and the fallback), by catalog key (see
 * {@link catalogKey}): each a chunk of its own, fetched by a moderator who reads that language. The widget speaks
 * the same languages.
 */
const catalogs: Record<string, () => Promise<{ messages: Messages }>> = {
  de: () => import('./messages.de.js'),
  sv: () => import('./messages.sv.js'),
  fr: () => import('./messages.fr.js'),
  es: () => import('./messages.es.js'),
  pt: () => import('./messages.pt.js'),
  it: () => import('./messages.it.js'),
  nl: () => import('./messages.nl.js'),
  pl: () => import('./messages.pl.js'),
  ru: () => import('./messages.ru.js'),
  ja: () => import('./messages.ja.js'),
  'zh-Hans': () => import('./messages.zh-Hans.js'),
  ko: () => import('./messages.ko.js'),
  ar: () => import('./messages.ar.js'),
  he: () => import('./messages.he.js'),
};

/** The languages the admin page speaks, by catalog key: English first. */
export const adminLanguages: readonly string[] = ['en', ...Object.keys(catalogs)];

/** Fills `{name}` placeholders. */
function format(template: string, values: Values = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}

/** Messages, plurals, numbers and dates in one locale; formatters made once. */
export class Localizer {
  readonly #messages: Messages;
  readonly #plurals: Intl.PluralRules;
  readonly #numbers: Intl.NumberFormat;
  readonly #dates: Intl.DateTimeFormat;
  readonly #relative: Intl.RelativeTimeFormat;

  constructor(
    readonly locale: string,
    messages: Messages,
  ) {
    this.#messages = messages;
    this.#plurals = new Intl.PluralRules(locale);
    this.#numbers = new Intl.NumberFormat(locale);
    this.#dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    this.#relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  }

  /** The direction the catalog's language is written in: the page's, which `rtl` mirrors. */
  get direction(): 'ltr' | 'rtl' {
    return this.#messages.direction === 'rtl' ? 'rtl' : 'ltr';
  }

  /** A plain message, with its placeholders filled. */
  t(key: PlainKey, values?: Values): string {
    return format(this.#messages[key], values);
  }

  /** A message whose wording depends on `count`. */
  plural(key: PluralKey, count: number, values?: Values): string {
    const message: PluralMessage = this.#messages[key];
    const template = message[this.#plurals.select(count)] ?? message.other;
    return format(template, { ...values, count: this.#numbers.format(count) });
  }

  /** A number as this locale writes it. */
  number(value: number): string {
    return this.#numbers.format(value);
  }

  /** A date and time of day: "12 Nov 2026, 14:05". */
  date(iso: string): string {
    return this.#dates.format(new Date(iso));
  }

  /** How long ago `iso` was, in words ("3 hours ago"), for times within a week; else the date. */
  ago(iso: string, now = Date.now()): string {
    const seconds = (Date.parse(iso) - now) / 1000;
    const steps: [Intl.RelativeTimeFormatUnit, number][] = [
      ['second', 60],
      ['minute', 60],
      ['hour', 24],
      ['day', 7],
    ];
    let value = seconds;
    for (const [unit, size] of steps) {
      if (Math.abs(value) < size) return this.#relative.format(Math.round(value), unit);
      value /= size;
    }
    return this.date(iso);
  }
}

/**
 * The catalog a valid BCP 47 tag reads: its language (`de-AT` reads `de`), and for Chinese its script too, since
 * readers of Traditional characters (`zh-TW`) do not read Simplified ones (`zh-CN`: `zh-Hans`), as CLDR has it. The
 * widget chooses its catalogs the same way (src/i18n/catalog-key.ts, which the admin page may not import).
 */
export function catalogKey(locale: string): string {
  const { language, script } = new Intl.Locale(locale).maximize();
  return language === 'zh' ? `${language}-${script}` : language;
}

/** The English localizer: what the page says while another language loads, or when none of the reader's has a catalog. */
export const englishLocalizer = new Localizer('en', en);

/**
 * Loads the localizer for the first of `languages` (the moderator's choice, then the browser's) that has a catalog,
 * else English; dates and numbers follow that language's full tag (`en-GB` writes dates the British way). A catalog
 * that cannot be fetched (offline, a deploy under way) gives English.
 */
export async function loadLocalizer(languages: readonly string[]): Promise<Localizer> {
  for (const tag of languages) {
    let locale: string | undefined;
    try {
      locale = Intl.getCanonicalLocales(tag)[0];
    } catch {
      // Not a language tag: try the next.
    }
    if (!locale) continue;
    const key = catalogKey(locale);
    if (key === 'en') return new Localizer(locale, en);
    const load = catalogs[key];
    if (load)
      return load().then(
        ({ messages }) => new Localizer(locale, messages),
        () => englishLocalizer,
      );
  }
  return englishLocalizer;
}
