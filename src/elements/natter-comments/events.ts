import type { Comment, NewComment, ThreadInfo } from '../../protocol/types.js';

/** `natter-loaded`: a page of the thread arrived and is shown. */
export interface NatterLoadedDetail {
  thread: ThreadInfo;
  /** The comments of the page that arrived. */
  comments: Comment[];
}

/** `natter-submit`: the reader is about to post; cancel the event to stop the post. */
export interface NatterSubmitDetail {
  comment: NewComment;
}

/** `natter-posted`: the server accepted a comment. */
export interface NatterPostedDetail {
  comment: Comment;
  /** True when the comment is held for moderation and not yet public. */
  isPending: boolean;
}

/**
 * `natter-error`: something failed. Every phase but `policy` is shown to the reader as well.
 * - `load`: the thread, a further page, or the form's module could not be loaded;
 * - `post`, `edit`, `delete`: the server refused the reader's comment, edit or deletion, or could not be reached;
 * - `report`: the server refused the reader's report of a comment (or no longer lists it), or could not be reached;
 * - `like`: the server refused the reader's like (or its taking back), or could not be reached;
 * - `references`: the thread's references (responses from other websites) could not be loaded;
 * - `mention`: the server refused the reader's own response (a Webmention), or could not be reached;
 * - `policy`: the sanitizer could not be loaded, so the thread is shown without the server's comment policy.
 */
export interface NatterErrorDetail {
  phase: 'load' | 'post' | 'edit' | 'delete' | 'report' | 'like' | 'references' | 'mention' | 'policy';
  error: Error;
}

// In the map every event target's map extends, so listeners on the element, `document` and `window` alike see
// the typed detail: the events bubble and are composed precisely so that host pages can listen up there.
declare global {
  interface GlobalEventHandlersEventMap {
    'natter-loaded': CustomEvent<NatterLoadedDetail>;
    'natter-submit': CustomEvent<NatterSubmitDetail>;
    'natter-posted': CustomEvent<NatterPostedDetail>;
    'natter-error': CustomEvent<NatterErrorDetail>;
  }
}

/** Dispatches a bubbling, composed `natter-*` event from `target`; returns false when a listener cancelled it. */
export function emit<K extends 'natter-loaded' | 'natter-submit' | 'natter-posted' | 'natter-error'>(
  target: EventTarget,
  type: K,
  detail: HTMLElementEventMap[K]['detail'],
  { cancelable = false } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}
