// The check every message catalog gets, the widget's (test/elements/i18n.test.ts) and the admin page's
// (test/admin/i18n.test.ts) alike: each catalog measured against its English source.

/** A message: plain, or its forms by `Intl.PluralRules` category. */
type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;

/** A catalog as the check reads it: messages by key. */
export type CheckedCatalog = Readonly<Record<string, Message>>;

/** The `{placeholders}` a message uses, sorted; for plural messages, of every form together. */
export function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => text?.match(/\{\w+\}/g) ?? []))].sort();
}

/**
 * What is wrong with `catalog`, the catalog of language `name`, measured against `english`: keys it lacks or English
 * lacks, messages plain where English counts or the other way round, placeholders other than English's, and plural
 * messages without every form `Intl.PluralRules` selects in that language, or with forms it never selects.
 */
export function catalogProblems(name: string, catalog: CheckedCatalog, english: CheckedCatalog): string[] {
  const problems: string[] = [];
  const categories = [...new Intl.PluralRules(name).resolvedOptions().pluralCategories].sort();
  for (const key of Object.keys(catalog)) if (!(key in english)) problems.push(`${key}: not in English`);
  for (const [key, source] of Object.entries(english)) {
    const message = catalog[key];
    if (message === undefined) {
      problems.push(`${key}: missing`);
    } else if (typeof message !== typeof source) {
      problems.push(`${key}: ${typeof source === 'string' ? 'plain' : 'plural'} in English`);
    } else {
      const used = placeholders(message).join(' ');
      if (used !== placeholders(source).join(' ')) problems.push(`${key}: placeholders ${used}`);
      if (typeof message !== 'string') {
        const forms = Object.keys(message);
        for (const category of categories)
          if (!forms.includes(category)) problems.push(`${key}: no ${category} form`);
        for (const form of forms)
          if (!categories.includes(form as Intl.LDMLPluralRule)) problems.push(`${key}: ${form}, unused`);
      }
    }
  }
  return problems;
}
