import { en, type Messages, type PluralMessage } from './messages.en.js';

/** A message that is a plain string. */
export type PlainKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
/** A message whose wording depends on a count. */
export type PluralKey = Exclude<keyof Messages, PlainKey>;
type Values = Record<string, string | number>;

/** Catalogs other than English, loaded only when a page asks for them. */
const catalogs: Record<string, () => Promise<Messages>> = {
  de: () => import('./messages.de.js').then((module) => module.de),
  sv: () => import('./messages.sv.js').then((module) => module.sv),
};

/** Locales with a catalog of their own. */
export const supportedLocales = ['en', ...Object.keys(catalogs)];

const cache = new Map<string, Promise<Localizer>>();

/** Fills `{name}` placeholders. */
function format(template: string, values: Values = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}

/**
 * Messages, plurals, numbers and dates for one locale. Formatters are built once per locale, not per render.
 */
export class Localizer {
  readonly #messages: Messages;
  readonly #plurals: Intl.PluralRules;
  readonly #numbers: Intl.NumberFormat;
  readonly #date: Intl.DateTimeFormat;
  readonly #timestamp: Intl.DateTimeFormat;

  constructor(
    readonly locale: string,
    messages: Messages,
  ) {
    this.#messages = messages;
    this.#plurals = new Intl.PluralRules(locale);
    this.#numbers = new Intl.NumberFormat(locale);
    this.#date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
    this.#timestamp = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
  }

  /** A plain message, with its placeholders filled. */
  t(key: PlainKey, values?: Values): string {
    return format(this.#messages[key], values);
  }

  /** A message whose wording depends on `count`; `{count}` becomes the locale-formatted number. */
  plural(key: PluralKey, count: number, values?: Values): string {
    const message: PluralMessage = this.#messages[key];
    const template = message[this.#plurals.select(count)] ?? message.other;
    return format(template, { ...values, count: this.#numbers.format(count) });
  }

  /** A date and time of day as readers of this locale write them, e.g. "September 22, 2013 at 2:05 PM". */
  date(iso: string): string {
    return this.#date.format(new Date(iso));
  }

  /** A full timestamp, for titles and tooltips. */
  timestamp(iso: string): string {
    return this.#timestamp.format(new Date(iso));
  }
}

/** The catalog language for a BCP 47 tag: `de-AT` reads German, unknown languages read English. */
export function catalogLanguage(locale: string): string {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return language in catalogs ? language : 'en';
}

/** Canonicalizes a BCP 47 tag, falling back to English for anything `Intl` rejects. */
function canonicalLocale(locale: string | undefined): string {
  try {
    return Intl.getCanonicalLocales(locale || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Loads (once) the localizer for `locale`; dates and numbers follow the full tag, words its language. */
export function loadLocalizer(requested: string | undefined): Promise<Localizer> {
  const locale = canonicalLocale(requested);
  let localizer = cache.get(locale);
  if (!localizer) {
    const loadCatalog = catalogs[catalogLanguage(locale)];
    const messages = loadCatalog ? loadCatalog() : Promise.resolve(en);
    localizer = messages.then(
      (loaded) => new Localizer(locale, loaded),
      () => {
        // The catalog could not be fetched (offline, deploy in progress): read English now, try again next time.
        cache.delete(locale);
        return new Localizer(locale, en);
      },
    );
    cache.set(locale, localizer);
  }
  return localizer;
}
