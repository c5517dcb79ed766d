import { html, nothing } from 'lit';
import { NatterHttpError, type FieldError } from '../../client/index.js';
import { enInteractive } from '../../i18n/interactive.en.js';
import type { Localizer, PlainKey, PluralKey, ThreadLocalizer } from '../../i18n/localizer.js';
import type { InteractiveCatalog } from '../../i18n/messages.en.js';

/**
 * What the post form and the own-comment editor share, so that they behave alike: the words for a broken rule
 * and for a failed request, the length counter, Ctrl+Enter, and the scheme a typed web address may leave out.
 */

/**
 * The reader's language with the words for acting on a thread: the post form's, the editor's and Report's. The
 * English ones come with this chunk (the first paint carries only those that show a thread).
 */
export function interactiveWords(localizer: ThreadLocalizer): Localizer {
  return localizer.withWords(enInteractive);
}

/** The counter appears once this share of the text limit is used. */
const counterThreshold = 0.9;

/** A broken input rule, in the reader's language. */
export function fieldErrorMessage(error: FieldError, localizer: Localizer): string {
  switch (error.code) {
    case 'required':
      return localizer.t('required');
    case 'too_long':
      return localizer.plural('tooLong', error.limit ?? 0);
    case 'invalid_email':
      return localizer.t('invalidEmail');
    case 'invalid_url':
      return localizer.t('invalidUrl');
    case 'invalid_characters':
      return localizer.t('invalidCharacters');
  }
}

/**
 * The field a 422 answer names, with what to say beside it. The protocol's error names the field but not the
 * rule, and its `message` is English: the reader gets a message in their own language. `undefined` for any other
 * error.
 */
export function refusedField(
  error: unknown,
  localizer: Localizer,
): { field: 'name' | 'email' | 'url' | 'text'; message: string } | undefined {
  if (!(error instanceof NatterHttpError) || error.status !== 422) return undefined;
  const field = error.field;
  if (field !== 'name' && field !== 'email' && field !== 'url' && field !== 'text') return undefined;
  return { field, message: localizer.t('fieldRefused') };
}

/** The messages (of catalog `M`) that explain a failed request of one kind (posting, changing a comment). */
export interface FailureWording<M = InteractiveCatalog> {
  /** No answer from the server. */
  network: PlainKey<M>;
  /** 429 with `Retry-After`: `{count}` seconds to wait. */
  rateLimited: PluralKey<M>;
  /**
   * A refusal natter has no words of its own for (a 4xx other than these): `{message}` is the server's own
   * explanation, which the protocol allows as a fallback.
   */
  failed: PlainKey<M>;
}

/**
 * Why a request failed, in the reader's language where natter knows the reason. A server that is down or failing
 * (5xx) is told in natter's words, with the wait its `Retry-After` asks for: its own message is English, or a
 * proxy's status line.
 */
export function describeFailure<M extends InteractiveCatalog>(
  error: unknown,
  localizer: Localizer<M>,
  wording: FailureWording<M>,
): string {
  if (error instanceof NatterHttpError) {
    if (error.status === 0) return localizer.t(wording.network);
    if (error.status === 429 && error.retryAfter) {
      return localizer.plural(wording.rateLimited, Math.ceil(error.retryAfter));
    }
    if (error.status >= 500) {
      // M extends the interactive catalog, whose keys TypeScript cannot find in a generic M.
      const words = localizer as Localizer;
      return error.code === 'unavailable' && error.retryAfter
        ? words.plural('serverUnavailable', Math.ceil(error.retryAfter))
        : words.t('serverTrouble');
    }
  }
  return localizer.t(wording.failed, { message: error instanceof Error ? error.message : String(error) });
}

/** Adds `https://` to a web address typed without a scheme (`example.com/me`), as readers expect. */
export function withScheme(url: string): string {
  return url && !/^[a-z][a-z\d+.-]*:/i.test(url) ? `https://${url}` : url;
}

/** Ctrl+Enter (⌘+Enter on a Mac) in a text field submits its form; Enter alone still breaks the line. */
export function submitOnModifiedEnter(event: KeyboardEvent): void {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    (event.target as HTMLTextAreaElement).form?.requestSubmit();
  }
}

/** Whether `text` is near enough to `limit` for the counter to show. */
export function isNearLimit(text: string, limit: number): boolean {
  return text.length >= limit * counterThreshold;
}

/** The characters-left counter for a text field, with the `id` the field names in `aria-describedby`. */
export function renderCounter(id: string, text: string, limit: number, localizer: Localizer) {
  return isNearLimit(text, limit)
    ? html`<span class="counter" id=${id} part="counter"
        >${localizer.plural('charactersLeft', limit - text.length)}</span
      >`
    : nothing;
}
