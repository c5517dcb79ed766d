import { countEn } from './count-messages.js';
import type { enInteractive } from './interactive.en.js';
import type { enReferences } from './references.en.js';

/**
 * English messages: the source catalog. Its type is the contract every other catalog must meet.
 * `{name}` placeholders are filled by `format()`; plural entries are keyed by `Intl.PluralRules` category,
 * with `{count}` replaced by the locale-formatted number.
 *
 * English comes in three parts: the words that show a thread are here, in the first paint; the words for acting on
 * it (the form, Edit and Delete, Report) are in interactive.en.ts, which comes with the interactive chunk, as the
 * form's styles do; those of references (responses from other websites) and of sending one are in references.en.ts,
 * which comes with the references chunk. Every other language keeps all parts in one catalog, loaded when a page
 * asks for it.
 */
export const en = {
  /** The direction the language is written in: `ltr`, or `rtl` (Arabic, Hebrew), which mirrors the widget. */
  direction: 'ltr',
  heading: countEn,
  headingEmpty: 'Comments',
  loading: 'Loading comments…',
  empty: 'No comments yet. Be the first to share your thoughts.',
  loadError: 'Comments could not be loaded.',
  loadErrorNotAllowed: 'The comment server does not allow this site to show its comments.',
  retry: 'Try again',
  showMore: 'Show more comments',
  loadingMore: 'Loading more comments…',
  locked: 'Comments are closed for this page.',
  edited: 'edited',
  awaitingModeration: 'Awaiting moderation',
  deleted: 'Comment deleted',
  inReplyTo: 'in reply to {name}',
  inReplyToDeleted: 'in reply to a deleted comment',
  moreReplies: { one: 'Show {count} more reply', other: 'Show {count} more replies' },
  showEarlier: 'Show earlier comments',
} satisfies Catalog;

/** A message that depends on a count. */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Shape every catalog shares: plain strings and plural messages. */
export type Catalog = Record<string, string | PluralMessage>;

/** The catalog type of `C`'s keys: a string where `C` has one, a plural message where `C` has one. */
export type CatalogOf<C> = { [K in keyof C]: C[K] extends string ? string : PluralMessage };

/** The words that show a thread. */
export type ThreadMessages = CatalogOf<typeof en>;

/** The words for acting on a thread: posting, changing one's own comments, reporting others'. */
export type InteractiveMessages = CatalogOf<typeof enInteractive>;

/** The words of references, and of telling the server about the reader's own response. */
export type ReferenceMessages = CatalogOf<typeof enReferences>;

/** What the interactive chunk reads: the words that show a thread and those for acting on it. */
export type InteractiveCatalog = ThreadMessages & InteractiveMessages;

/** The message catalog type: every locale provides exactly these keys. */
export type Messages = InteractiveCatalog & ReferenceMessages;

/**
 * A locale's words that no first paint needs (`words.xx.ts`): fetched with the form, after the thread shows, so a
 * reader in another language than English waits for no more than the thread's own few words.
 */
export type WordsAfterPaint = InteractiveMessages & ReferenceMessages;
