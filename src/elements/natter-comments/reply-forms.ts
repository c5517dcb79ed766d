import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InputLimits } from '../../client/index.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import type { Comment } from '../../protocol/types.js';
import { replyButton, type ReplyView } from './action-buttons.js';
import type { PieceResult } from './comment-item.js';
import { CommentForm, type CommentFormOptions, type OwnPost } from './comment-form.js';
import { interactiveWords } from './form-behaviour.js';
import { focusInComment } from './own-comments.js';
import { loadReplyDrafts } from './reader-storage.js';

export interface ReplyFormsOptions extends CommentFormOptions {
  /** The endpoint reply drafts are kept for. */
  endpoint(): string;
}

/** Whether replies may name `comment`: published and not deleted. */
const canAnswer = (comment: Comment): boolean => comment.status === 'published' && !comment.deleted;

/**
 * Reply, under every published comment of an open thread: the post form, opened in place under the comment, posts
 * with `parent`. Each reply form is a {@link CommentForm} of its own, with its own draft (kept by the id of the
 * comment it answers), so a failed post keeps its text, and a reload opens again every reply the reader had begun.
 * Posted, the form closes and focus goes to the new reply; Cancel and Escape close it, keeping its draft, and
 * return focus to Reply.
 */
export class ReplyForms implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ReplyFormsOptions;
  #endpoint?: string;
  /** The open reply forms, by the id of the comment they answer. */
  readonly #open = new Map<string, CommentForm>();
  /** The comments the reader had begun a reply to, on an earlier visit: their forms open when they show. */
  #drafted = new Set<string>();

  constructor(host: ReactiveControllerHost & HTMLElement, options: ReplyFormsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostUpdate(): void {
    const endpoint = this.#options.endpoint();
    if (endpoint === this.#endpoint) return;
    this.#endpoint = endpoint;
    this.#open.clear();
    this.#drafted = loadReplyDrafts(endpoint);
  }

  #formFor(parent: Comment): CommentForm {
    let form = this.#open.get(parent.id);
    if (!form) {
      const close = () => {
        this.#open.delete(parent.id);
        this.#host.requestUpdate();
      };
      form = new CommentForm(
        this.#host,
        {
          ...this.#options,
          onPosted: (posted: OwnPost) => {
            this.#options.onPosted(posted);
            // Once the form has taken the posted text away: what the reader typed meanwhile keeps it open.
            void Promise.resolve().then(() => {
              if (this.#open.get(parent.id)?.text) return;
              close();
              focusInComment(this.#host, posted.comment.id, '> article');
            });
          },
        },
        {
          parent,
          onCancel: () => {
            close();
            focusInComment(this.#host, parent.id, '.reply-open');
          },
        },
      );
      form.setThread(this.#endpoint ?? this.#options.endpoint(), parent.thread);
      this.#open.set(parent.id, form);
    }
    return form;
  }

  #start(parent: Comment): void {
    const form = this.#formFor(parent);
    this.#host.requestUpdate();
    const field = form.name.trim() ? 'text' : 'name';
    focusInComment(this.#host, parent.id, `#reply-${parent.id}-${field}`);
  }

  /**
   * The reply form for `comment` while it is open, and nothing otherwise; a comment the reader had begun a reply
   * to on an earlier visit opens it again as it shows. Called on every render, before {@link renderButton}.
   * `offersNotifications` as the thread says (`ThreadInfo.replyNotifications`).
   */
  renderForm(
    comment: Comment,
    threadLocalizer: ThreadLocalizer,
    inputLimits?: InputLimits,
    offersNotifications = false,
  ) {
    if (!canAnswer(comment)) return undefined;
    if (this.#drafted.delete(comment.id)) this.#formFor(comment);
    return this.#open.get(comment.id)?.render(threadLocalizer, inputLimits, offersNotifications);
  }

  /**
   * Reply for `comment`; nothing for a comment that cannot be answered (one awaiting moderation is not listed, so
   * no reply may name it).
   */
  renderButton(comment: Comment, threadLocalizer: ThreadLocalizer): PieceResult<ReplyView> | undefined {
    if (!canAnswer(comment)) return undefined;
    return replyButton({
      id: comment.id,
      label: interactiveWords(threadLocalizer).t('reply'),
      isOpen: this.#open.has(comment.id),
      onClick: () => this.#start(comment),
    });
  }

  /** Everything {@link renderButton} reads for `comment` besides the comment itself. */
  dependencies({ id }: Comment): unknown[] {
    return [this.#open.has(id)];
  }
}
