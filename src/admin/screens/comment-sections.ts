import type { AdminComment } from '../../protocol/admin.js';
import type { ListParameters } from '../api/admin-client.js';
import { AdminApiError } from '../api/admin-error.js';
import type { ListSection, PageLoader } from './list-controller.js';

/** A section of a comment list: what it asks the API for, or `commentId`, for a section of that one comment. */
export interface CommentSection extends ListSection<AdminComment> {
  parameters: ListParameters;
  commentId?: string;
}

/** A page of a comment section: a page of its list, or the one comment a link named. */
export const loadCommentPage: PageLoader<AdminComment, CommentSection> = async (client, section, before) => {
  if (!section.commentId) {
    const page = await client.list({ ...section.parameters, ...(before && { before }) });
    return { items: page.comments, next: page.next, counts: page.counts };
  }
  try {
    return { items: [(await client.detail(section.commentId)).comment], next: null };
  } catch (error) {
    // A comment a link named that no longer exists: an empty list, which says so.
    if (error instanceof AdminApiError && error.status === 404) return { items: [], next: null };
    throw error;
  }
};
