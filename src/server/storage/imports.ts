import type { SourceEntry } from '../webmention/source-page.js';
import type { MentionVia } from './mentions.js';
import type { StoredStatus } from './store.js';

/**
 * A comment brought in from another system (`natter import`), stored as it was there: its own time, status and
 * place in its conversation, whether or not its parent is listed. It has no author's secret, so nobody can edit or
 * delete it as its author; moderators can.
 */
export interface ImportedComment {
  id: string;
  thread: string;
  parent: string | null;
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  authorIp: string | null;
  text: string;
  status: StoredStatus;
  /** Why it has its status, for moderators ("spam: marked in Disqus"); `null` for none. */
  reason: string | null;
  createdAt: string;
  /**
   * A placeholder: deleted in the source system while replies answered it, and shown there as deleted with them. Its
   * text, name and addresses are empty, and it counts nowhere, as natter's own placeholders.
   */
  isDeleted: boolean;
}

/**
 * What became of an imported comment: `inserted`; `exists` (a comment with its id and time is stored already: an
 * earlier import); `id_taken` (another comment, of another time, holds its id); `parent_missing` (no comment of
 * its thread has the parent's id, yet).
 */
export type ImportCommentOutcome = 'inserted' | 'exists' | 'id_taken' | 'parent_missing';

/** A reference (a Pingback or Trackback) brought in from another system, verified there. */
export interface ImportedReference {
  id: string;
  source: string;
  target: string;
  thread: string;
  via: MentionVia;
  sourceHost: string;
  entry: SourceEntry;
  status: StoredStatus;
  reason: string | null;
  /** When it was received. */
  at: string;
}

/** What became of an imported reference: `exists` when its id, or its source and target, are stored already. */
export type ImportReferenceOutcome = 'inserted' | 'exists';

/** What `natter import` writes: comments and references of other systems, each stored at most once. */
export interface ImportStore {
  /**
   * Stores comments in one transaction, in the given order (a parent before its replies), each counted as the
   * listing would count it; resolves with what became of each, in the same order.
   */
  addComments(comments: readonly ImportedComment[]): Promise<ImportCommentOutcome[]>;
  /** Stores verified references in one transaction, counted in their threads when published. */
  addReferences(references: readonly ImportedReference[]): Promise<ImportReferenceOutcome[]>;
}
