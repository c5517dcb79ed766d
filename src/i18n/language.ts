/** Whether a valid BCP 47 tag (as `Intl.getCanonicalLocales` returns it) is English, whose words are built in. */
export function isEnglish(locale: string): boolean {
  return /^en(-|$)/.test(locale);
}
