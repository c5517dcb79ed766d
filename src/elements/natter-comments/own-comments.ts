import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import {
  NatterHttpError,
  deleteComment,
  editComment,
  getComment,
  textLengthLimit,
  validateText,
  type Connection,
  type InputLimits,
} from '../../client/index.js';
import type { Localizer, ThreadLocalizer } from '../../i18n/localizer.js';
import type { Comment } from '../../protocol/types.js';
import type { OwnPost } from './comment-form.js';
import type { PieceResult } from './comment-item.js';
import {
  describeFailure,
  fieldErrorMessage,
  interactiveWords,
  isNearLimit,
  refusedField,
  renderCounter,
  submitOnModifiedEnter,
  type FailureWording,
} from './form-behaviour.js';
import { restoreHeldComments } from './held-comments.js';
import {
  loadEditDraft,
  loadHeldComments,
  loadSecrets,
  saveAuthored,
  saveEditDraft,
  saveHeldComment,
  writeSecrets,
  type OwnSecret,
} from './reader-storage.js';

/**
 * The buttons under an editor or a confirmation: the change itself (left out once the secret is gone, when
 * only the way back remains) and the button that leaves.
 */
function actionRow(confirm: TemplateResult | false, leaveLabel: string, leave: () => void) {
  return html`<div class="actions">
    ${confirm || nothing}
    <button type="button" class="secondary" part="button" @click=${leave}>${leaveLabel}</button>
  </div>`;
}

/** setTimeout's longest delay; later expiries are checked again after it. */
const longestTimerMs = 2 ** 31 - 1;

const changeWording: FailureWording = {
  network: 'changeFailedNetwork',
  rateLimited: 'changeRateLimited',
  failed: 'changeFailed',
};

/** The comment's own element, which takes focus when the control that had it goes. */
function commentArticle(root: ShadowRoot | null | undefined, id: string): HTMLElement | null | undefined {
  return root?.querySelector<HTMLElement>(`#comment-${CSS.escape(id)} > article`);
}

/**
 * Moves focus, after the host's next render, to the element `selector` names in the comment `id`; when that control
 * is gone (a closed window took it away), to the comment itself, rather than to nowhere.
 */
export function focusInComment(
  host: ReactiveControllerHost & HTMLElement,
  id: string,
  selector: string,
): void {
  void host.updateComplete.then(() => {
    const root = host.shadowRoot;
    const target =
      root?.querySelector<HTMLElement>(`#comment-${CSS.escape(id)} ${selector}`) ?? commentArticle(root, id);
    target?.focus();
  });
}

export interface OwnCommentsOptions {
  connection(): Connection;
  /** The endpoint secrets are kept for. */
  endpoint(): string;
  onEdited(comment: Comment): void;
  /** The comment is deleted; `placeholder` is what stays in its place when replies answer it. */
  onDeleted(comment: Comment, placeholder?: Comment): void;
  /** Whether replies to comment `id` are shown: its deletion may leave a placeholder. */
  hasReplies(id: string): boolean;
  onFailed(phase: 'edit' | 'delete', error: Error): void;
  announce(message: string): void;
}

/** What is happening to one comment: edited in place, or waiting for the reader to confirm its deletion. */
type Change =
  | { id: string; kind: 'edit'; text: string; isBusy: boolean; error?: string }
  | { id: string; kind: 'delete'; isBusy: boolean; error?: string };

/**
 * A comment's own controls and, while it is edited, the editor that takes the place of its text; for the comment
 * the reader has just posted, the confirmation that says what became of it.
 */
export interface OwnCommentView {
  /** Their controls, or Report (a piece made by DOM calls: comment-item.ts), or what became of a report. */
  actions: TemplateResult | PieceResult | typeof nothing;
  editor?: TemplateResult;
  confirmation?: TemplateResult;
  /** Whether the comment is being edited or its deletion confirmed: Reply waits meanwhile. */
  isChanging?: boolean;
}

/**
 * Edit and Delete on the reader's own comments, in this browser, while the server's edit window is open.
 * The secret that proves authorship lives in localStorage and nowhere else, and is forgotten when the window
 * closes or the server refuses it. An edit in progress is kept like a draft until the server accepts it.
 */
export class OwnComments implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: OwnCommentsOptions;
  #secrets = new Map<string, OwnSecret>();
  #endpoint = '';
  #expiryTimer?: ReturnType<typeof setTimeout>;
  #change?: Change;
  /** The comment the reader posted last, while it is confirmed and marked. */
  #justPosted?: string;
  /** The control that had focus before a render, and the comment it belongs to. */
  #focused?: { control: Element; commentId: string };

  constructor(host: ReactiveControllerHost & HTMLElement, options: OwnCommentsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#reload();
  }

  hostDisconnected(): void {
    clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
  }

  hostUpdate(): void {
    if (this.#options.endpoint() !== this.#endpoint) this.#reload();
    const control = this.#host.shadowRoot?.activeElement;
    const commentId = control?.closest('.comment')?.id.replace(/^comment-/, '');
    this.#focused = control && commentId ? { control, commentId } : undefined;
  }

  /**
   * A render that took the focused control away (a closing edit window removes Edit, Delete, Save and the
   * confirming Delete; a refused secret removes Save) leaves focus on the comment itself, never on the page.
   */
  hostUpdated(): void {
    const focused = this.#focused;
    this.#focused = undefined;
    if (focused && !focused.control.isConnected) {
      commentArticle(this.#host.shadowRoot, focused.commentId)?.focus();
    }
  }

  /**
   * Keeps the secret of a comment the reader just posted (and, while a moderator holds it, what shows it to
   * them on later visits, and the address whose trust token its approval brings), then brings the comment into
   * view, marked and confirmed. It stays the reader's own for good: never offered to them to report.
   */
  remember({ comment, secret, editableUntil, isPending, email }: OwnPost): void {
    this.#secrets = loadSecrets(this.#endpoint);
    this.#secrets.set(comment.id, { secret, editableUntil });
    writeSecrets(this.#endpoint, this.#secrets);
    saveAuthored(this.#endpoint, comment.id);
    this.#scheduleExpiry();
    if (isPending) this.#keepHeld(comment, secret, email);
    this.#justPosted = comment.id;
    void this.#host.updateComplete.then(() => this.#reveal(comment.id));
  }

  /**
   * The reader's comments on `thread` that a moderator still holds and the listing (`listed`) leaves out, as the
   * server has them now. A thread loaded afresh also ends the last post's confirmation: it has been seen.
   */
  restoreHeld(thread: string, listed: ReadonlySet<string>, signal: AbortSignal): Promise<Comment[]> {
    this.#justPosted = undefined;
    // The secrets of the server the connection reaches, read at the same moment: never another server's.
    const [connection, endpoint] = [this.#options.connection(), this.#options.endpoint()];
    return restoreHeldComments(connection, endpoint, thread, listed, signal);
  }

  #keepHeld({ id, thread, createdAt }: Comment, secret: string, email?: string): void {
    saveHeldComment(this.#endpoint, id, { secret, thread, createdAt, ...(email && { email }) });
  }

  /**
   * Scrolls the comment into view with room around it, on a phone too, where the Post button the reader pressed
   * is far below it; smoothly, unless the reader asked for less motion.
   */
  #reveal(id: string): void {
    const item = this.#host.shadowRoot?.querySelector<HTMLElement>(`#comment-${CSS.escape(id)}`);
    const isCalm = matchMedia('(prefers-reduced-motion: reduce)').matches;
    item?.scrollIntoView({
      block: item.offsetHeight < innerHeight ? 'center' : 'end',
      behavior: isCalm ? 'instant' : 'smooth',
    });
  }

  #reload(): void {
    this.#endpoint = this.#options.endpoint();
    this.#secrets = loadSecrets(this.#endpoint);
    this.#scheduleExpiry();
  }

  /** Wakes up when the next edit window closes, to take the controls away (and forget that secret). */
  #scheduleExpiry(): void {
    clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
    if (!this.#host.isConnected || this.#secrets.size === 0) return;
    const next = Math.min(...[...this.#secrets.values()].map((entry) => Date.parse(entry.editableUntil)));
    this.#expiryTimer = setTimeout(
      () => {
        this.#secrets = loadSecrets(this.#endpoint);
        this.#scheduleExpiry();
        this.#host.requestUpdate();
      },
      Math.min(Math.max(next - Date.now(), 0) + 50, longestTimerMs),
    );
  }

  /** Forgets the secret of comment `id`, and with it any unsaved edit, which can no longer be saved. */
  #forget(id: string): void {
    saveEditDraft(this.#endpoint, id, undefined);
    this.#secrets.delete(id);
    writeSecrets(this.#endpoint, this.#secrets);
    this.#scheduleExpiry();
  }

  #set(change: Change | undefined): void {
    this.#change = change;
    this.#host.requestUpdate();
  }

  #startEdit(comment: Comment): void {
    this.#set({
      id: comment.id,
      kind: 'edit',
      text: loadEditDraft(this.#endpoint, comment.id) ?? comment.text,
      isBusy: false,
    });
    focusInComment(this.#host, comment.id, 'textarea');
  }

  #cancel(id: string, focusAction: 'edit' | 'delete'): void {
    if (this.#change?.kind === 'edit') saveEditDraft(this.#endpoint, id, undefined);
    this.#set(undefined);
    focusInComment(this.#host, id, `.own-${focusAction}`);
  }

  /** Explains a refused change; a closed window or a refused secret also takes the controls away for good. */
  #describeFailure(id: string, error: unknown, localizer: Localizer): string {
    if (error instanceof NatterHttpError) {
      if (error.code === 'edit_window_closed') {
        this.#forget(id);
        return localizer.t('editWindowClosed');
      }
      if (error.code === 'forbidden' || error.code === 'not_found') {
        this.#forget(id);
        return localizer.t('secretRejected');
      }
      if (error.code === 'conflict') return localizer.t('deleteHasReplies');
    }
    return refusedField(error, localizer)?.message ?? describeFailure(error, localizer, changeWording);
  }

  async #save(comment: Comment, text: string, localizer: Localizer, inputLimits: InputLimits): Promise<void> {
    const secret = this.#secrets.get(comment.id)?.secret;
    const [broken] = validateText(text, inputLimits);
    if (!secret || broken) {
      this.#set({
        id: comment.id,
        kind: 'edit',
        text,
        isBusy: false,
        error: !secret ? localizer.t('editWindowClosed') : broken && fieldErrorMessage(broken, localizer),
      });
      return;
    }
    this.#set({ id: comment.id, kind: 'edit', text, isBusy: true });
    try {
      const edited = await editComment(this.#options.connection(), comment.id, text, secret);
      saveEditDraft(this.#endpoint, comment.id, undefined);
      // An edit the server holds stays visible to its author on later visits, as a held new comment does.
      if (edited.status === 'pending') {
        const email = loadHeldComments(this.#endpoint).get(comment.id)?.email;
        this.#keepHeld(edited, secret, email);
      } else saveHeldComment(this.#endpoint, comment.id, undefined);
      this.#set(undefined);
      this.#options.onEdited(edited);
      // Held for moderation again (protocol: PATCH): it leaves the public thread until a moderator approves it.
      this.#options.announce(
        localizer.t(edited.status === 'pending' ? 'commentUpdatedPending' : 'commentUpdated'),
      );
      focusInComment(this.#host, comment.id, '.own-edit');
    } catch (error) {
      this.#options.onFailed('edit', error as Error);
      this.#set({
        id: comment.id,
        kind: 'edit',
        text,
        isBusy: false,
        error: this.#describeFailure(comment.id, error, localizer),
      });
    }
  }

  async #delete(comment: Comment, localizer: Localizer): Promise<void> {
    const secret = this.#secrets.get(comment.id)?.secret;
    if (!secret)
      return this.#set({
        id: comment.id,
        kind: 'delete',
        isBusy: false,
        error: localizer.t('editWindowClosed'),
      });
    this.#set({ id: comment.id, kind: 'delete', isBusy: true });
    try {
      const connection = this.#options.connection();
      const answer = await deleteComment(connection, comment.id, secret);
      this.#forget(comment.id);
      saveHeldComment(this.#endpoint, comment.id, undefined);
      // A server that answers a deletion without a body tells what stays of a comment with replies when asked.
      const placeholder =
        answer ??
        (this.#options.hasReplies(comment.id)
          ? await getComment(connection, comment.id).then(
              (read) => read.comment,
              () => undefined,
            )
          : undefined);
      this.#set(undefined);
      this.#options.onDeleted(comment, placeholder?.deleted ? placeholder : undefined);
      this.#options.announce(localizer.t('commentDeleted'));
    } catch (error) {
      this.#options.onFailed('delete', error as Error);
      this.#set({
        id: comment.id,
        kind: 'delete',
        isBusy: false,
        error: this.#describeFailure(comment.id, error, localizer),
      });
    }
  }

  /**
   * The controls for `comment` when it is the reader's and still editable (or being changed), else nothing; an
   * edit is held to the limits the server announced (`ThreadInfo.limits`).
   */
  render(
    comment: Comment,
    threadLocalizer: ThreadLocalizer,
    inputLimits: InputLimits = {},
  ): OwnCommentView | undefined {
    const localizer = interactiveWords(threadLocalizer);
    const view = this.#renderControls(comment, localizer, inputLimits);
    if (comment.id !== this.#justPosted) return view;
    // Not a live region: the element announces the same words once, in its own.
    const confirmation = html`<p class="confirmation" part="confirmation">
      ${localizer.t(comment.status === 'pending' ? 'postedPending' : 'posted')}
    </p>`;
    return { actions: nothing, ...view, confirmation };
  }

  /** Everything {@link render} reads for `comment` besides the comment, the localizer and the limits. */
  dependencies({ id }: Comment): unknown[] {
    const change = this.#change?.id === id ? this.#change : undefined;
    return [this.#secrets.has(id), change, this.#justPosted === id];
  }

  /** Whether `id` is the comment the reader posted last, while it is confirmed and marked. */
  isJustPosted(id: string): boolean {
    return this.#justPosted === id;
  }

  #renderControls(
    comment: Comment,
    localizer: Localizer,
    inputLimits: InputLimits,
  ): OwnCommentView | undefined {
    const change = this.#change?.id === comment.id ? this.#change : undefined;
    const isOwn = this.#secrets.has(comment.id);
    if (!isOwn && !change) return undefined;
    const errorId = `own-error-${comment.id}`;
    // A window that closed while the reader was editing or confirming took Save or Delete away: say why.
    const message = change?.error ?? (change && !isOwn ? localizer.t('editWindowClosed') : undefined);
    const error = message ? html`<p class="field-error" id=${errorId} role="alert">${message}</p>` : nothing;

    if (change?.kind === 'edit') {
      const textLength = textLengthLimit(inputLimits);
      const counterId = `edit-counter-${comment.id}`;
      const onInput = (event: Event) => {
        const text = (event.target as HTMLTextAreaElement).value;
        // Once the secret is gone, the text can no longer be saved: it stays on screen only, to copy.
        if (this.#secrets.has(comment.id)) saveEditDraft(this.#endpoint, comment.id, text);
        this.#change = { ...change, text, error: undefined };
        // Typing answers an error: take its message away. Far from the limit, keystrokes need no render; near
        // it, the counter counts.
        const hasCounter = isNearLimit(change.text, textLength) || isNearLimit(text, textLength);
        if (change.error || hasCounter) this.#host.requestUpdate();
      };
      const described = [isNearLimit(change.text, textLength) && counterId, message && errorId];
      return {
        actions: nothing,
        isChanging: true,
        editor: html`<form
          class="own-editor"
          part="own-editor"
          novalidate
          aria-busy=${change.isBusy ? 'true' : 'false'}
          @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            if (this.#change?.kind === 'edit') {
              void this.#save(comment, this.#change.text, localizer, inputLimits);
            }
          }}
        >
          <label for=${`edit-${comment.id}`}>${localizer.t('editLabel')}</label>
          <textarea
            id=${`edit-${comment.id}`}
            part="textarea"
            rows="5"
            maxlength=${textLength}
            .value=${change.text}
            aria-describedby=${described.filter(Boolean).join(' ') || nothing}
            aria-invalid=${message ? 'true' : 'false'}
            @input=${onInput}
            @keydown=${(event: KeyboardEvent) => {
              if (event.key === 'Escape') this.#cancel(comment.id, 'edit');
              // As in the post form, Ctrl+Enter (⌘+Enter) saves.
              submitOnModifiedEnter(event);
            }}
          ></textarea>
          ${renderCounter(counterId, change.text, textLength, localizer)} ${error}
          ${actionRow(
            isOwn &&
              html`<button type="submit" part="submit" ?disabled=${change.isBusy}>
                ${localizer.t(change.isBusy ? 'saving' : 'save')}
              </button>`,
            localizer.t(isOwn ? 'cancel' : 'close'),
            () => this.#cancel(comment.id, 'edit'),
          )}
        </form>`,
      };
    }

    if (change?.kind === 'delete') {
      return {
        isChanging: true,
        actions: html`<div
          class="own-confirm"
          part="own-confirm"
          role="group"
          aria-labelledby=${`confirm-${comment.id}`}
          @keydown=${(event: KeyboardEvent) => {
            if (event.key === 'Escape') this.#cancel(comment.id, 'delete');
          }}
        >
          <p id=${`confirm-${comment.id}`}>${localizer.t('confirmDelete')}</p>
          ${error}
          ${actionRow(
            isOwn &&
              html`<button
                type="button"
                class="own-confirm-delete"
                part="button"
                ?disabled=${change.isBusy}
                @click=${() => this.#delete(comment, localizer)}
              >
                ${localizer.t(change.isBusy ? 'deleting' : 'confirmDeleteButton')}
              </button>`,
            localizer.t(isOwn ? 'keepComment' : 'close'),
            () => this.#cancel(comment.id, 'delete'),
          )}
        </div>`,
      };
    }

    return {
      actions: html`<div class="own-actions" part="own-actions">
        <button
          type="button"
          class="own-edit secondary"
          part="button"
          aria-describedby=${`author-${comment.id}`}
          @click=${() => this.#startEdit(comment)}
        >
          ${localizer.t('edit')}
        </button>
        <button
          type="button"
          class="own-delete secondary"
          part="button"
          aria-describedby=${`author-${comment.id}`}
          @click=${() => {
            this.#set({ id: comment.id, kind: 'delete', isBusy: false });
            focusInComment(this.#host, comment.id, '.own-confirm-delete');
          }}
        >
          ${localizer.t('delete')}
        </button>
      </div>`,
    };
  }
}
