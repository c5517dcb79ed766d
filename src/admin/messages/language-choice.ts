/** Where this browser keeps the moderator's choice of language for the admin page. */
const storageKey = 'natter-admin-language';

/** The language the moderator chose on the Settings screen (a catalog key), or `''` for the browser's. */
export function chosenLanguage(): string {
  try {
    return localStorage.getItem(storageKey) ?? '';
  } catch {
    // Storage switched off: the browser's language.
    return '';
  }
}

/** Keeps `language` (a catalog key) as the moderator's choice in this browser; `''` follows the browser again. */
export function keepLanguage(language: string): void {
  try {
    if (language) localStorage.setItem(storageKey, language);
    else localStorage.removeItem(storageKey);
  } catch {
    // Storage switched off: the choice holds until the page is left.
  }
}

/** The languages to speak, in order: the moderator's choice, then the browser's. */
export function preferredLanguages(): string[] {
  const chosen = chosenLanguage();
  return chosen ? [chosen, ...navigator.languages] : [...navigator.languages];
}
