import { en, type Messages, type PluralMessage } from './messages.en.js';

/** A message that is a plain string. */
export type PlainKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
/** A message whose wording depends on a count. */
export type PluralKey = Exclude<keyof Messages, PlainKey>;
type Values = Record<string, string | number>;

/** The catalogs of the admin page, by language; English is the source, and the fallback. */
const catalogs: Record<string, Messages> = { en };

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
 * The localizer for the first of the reader's languages that has a catalog, else English; dates and numbers follow
 * that language's full tag (`en-GB` writes dates the British way).
 */
export function createLocalizer(languages: readonly string[]): Localizer {
  for (const tag of languages) {
    try {
      const [locale] = Intl.getCanonicalLocales(tag);
      const language = locale?.split('-')[0] ?? '';
      const messages = catalogs[language];
      if (locale && messages) return new Localizer(locale, messages);
    } catch {
      // Not a language tag: try the next.
    }
  }
  return new Localizer('en', en);
}
