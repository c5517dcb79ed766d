/**
 * The catalog a valid BCP 47 tag reads: its language (`de-AT` reads `de`), and for Chinese its script as well, since
 * readers of Traditional characters (`zh-TW`, `zh-Hant`) do not read Simplified ones (`zh`, `zh-CN`: `zh-Hans`), as
 * CLDR's locale inheritance has it. Only the lazily loaded tables of catalogs ask: English needs no key.
 */
export function catalogKey(locale: string): string {
  const { language, script } = new Intl.Locale(locale).maximize();
  return language === 'zh' ? `${language}-${script}` : language;
}
