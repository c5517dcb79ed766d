import type { Comment } from '../protocol/types.js';
import type { AvatarFields, Avatars } from './avatars.js';
import type { StoredComment } from './storage/store.js';

/**
 * A stored comment as the public (or its author) sees it: never the e-mail address, the address it came from, the
 * secret's hash or why it was held. Spam reads as `pending` to its author: a bot is not told that it was caught. A
 * placeholder shows nothing of what it was. `face` is the author's avatar members (`publicComments` derives them);
 * without it the comment has none.
 */
export function toPublicComment(comment: StoredComment, face?: AvatarFields): Comment {
  const shown: Comment = {
    id: comment.id,
    thread: comment.thread,
    parent: comment.parent,
    author: { name: comment.authorName, url: comment.authorUrl },
    text: comment.text,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    status: comment.status === 'published' ? 'published' : 'pending',
    likes: comment.likes,
  };
  if (comment.isDeleted) {
    return { ...shown, author: { name: '', url: null }, text: '', deleted: true, likes: 0, avatar: null };
  }
  if (face) {
    shown.avatar = face.avatar;
    if (face.avatarUrl) shown.avatarUrl = face.avatarUrl;
  }
  return shown;
}

/** Stored comments as the public sees them, each with its author's avatar members. */
export async function publicComments(
  comments: readonly StoredComment[],
  avatars: Avatars,
): Promise<Comment[]> {
  const faces = await Promise.all(
    comments.map((comment) => (comment.isDeleted ? undefined : avatars.of(comment.authorEmail))),
  );
  return comments.map((comment, index) => toPublicComment(comment, faces[index]));
}

/** One stored comment as the public sees it, with its author's avatar members. */
export async function publicComment(comment: StoredComment, avatars: Avatars): Promise<Comment> {
  return toPublicComment(comment, comment.isDeleted ? undefined : await avatars.of(comment.authorEmail));
}
