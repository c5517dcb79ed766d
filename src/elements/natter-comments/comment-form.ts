import { html, nothing, type ReactiveControllerHost } from 'lit';
import { limits } from '../../protocol/limits.js';
import type { Comment, NewComment } from '../../protocol/types.js';
import {
  newIdempotencyKey,
  postComment,
  textLengthLimit,
  validateNewComment,
  type Connection,
  type InputLimits,
  type PostedComment,
} from '../../client/index.js';
import type { Localizer, ThreadLocalizer } from '../../i18n/localizer.js';
import {
  describeFailure,
  fieldErrorMessage,
  interactiveWords,
  isNearLimit,
  refusedField,
  renderCounter,
  submitOnModifiedEnter,
  withScheme,
  type FailureWording,
} from './form-behaviour.js';
import { FormTokens } from './form-token.js';
import { trustFor } from './held-comments.js';
import { clearDraft, loadDraft, loadIdentity, saveDraft, saveIdentity, saveTrust } from './reader-storage.js';

type Field = 'name' | 'email' | 'url' | 'text';

/**
 * The name of the form's honeypot: a field that people never see, reach or fill, but that bots filling every field
 * of a form fill. A plausible name, so that they do; its value goes to the server as `honeypot`.
 */
export const honeypotName = 'homepage';

/** A comment the server accepted, with the e-mail address it gave (which the server's answer never holds). */
export interface OwnPost extends PostedComment {
  email?: string;
}

const postWording: FailureWording = {
  network: 'postErrorNetwork',
  rateLimited: 'rateLimited',
  failed: 'postError',
};

export interface CommentFormOptions {
  /** The server to post to. */
  connection(): Connection;
  /** Asks the host page whether to post (`natter-submit`); false stops the post and keeps the text. */
  shouldPost(comment: NewComment): boolean;
  /** The server accepted the comment. */
  onPosted(posted: OwnPost): void;
  /** The post failed; the form shows why beside the fields as well. */
  onPostFailed(error: Error): void;
  /** Says `message` to screen readers. */
  announce(message: string): void;
}

/** What makes a form a reply: the comment it answers, and how it closes (Cancel, Escape). */
export interface ReplyTo {
  parent: Comment;
  onCancel(): void;
}

/**
 * The post-comment form: its fields, validation, posting, and the promise that readers never lose what they
 * typed. Once the comment has text, the draft (every field, the e-mail address included) is saved on every
 * keystroke and cleared only after
 * the server accepts the comment; the post goes on if the element is removed meanwhile, and its outcome is kept
 * in storage all the same. With the comment go what the server's spam defences and first-time moderation read:
 * the honeypot's value, a form token (see form-token.ts) and the trust token kept for the comment's address; and an
 * idempotency key, kept with the draft, so that posting again after an answer was lost stores the comment once. The
 * element loads this module while the thread loads: it is not part of what a reader needs to see a thread.
 */
export class CommentForm {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: CommentFormOptions;
  readonly #formTokens = new FormTokens();
  readonly #reply?: ReplyTo;
  /** Prefixes its element ids: a reply form shares the shadow root with the main form and the other replies. */
  readonly #ids: string;
  #scope = '';
  #endpoint = '';
  #thread = '';
  /**
   * The idempotency key of the comment as last sent: the same fields sent again carry it, so that the server stores
   * them once. Typing makes it another comment, with a new key (as is the next comment, typed once this one is in).
   */
  #postKey = '';

  name = '';
  email = '';
  url = '';
  text = '';
  isRemembered = false;
  /** Whether the reader ticked "Notify me of replies"; asked afresh for every comment, never remembered. */
  isNotifying = false;
  /** Said under the form after a post that asked for notifications: the confirmation e-mail is on its way. */
  notifyNotice = '';
  isPosting = false;
  isDraftRestored = false;
  errors: Partial<Record<Field, string>> = {};
  formError = '';

  constructor(host: ReactiveControllerHost & HTMLElement, options: CommentFormOptions, reply?: ReplyTo) {
    this.#host = host;
    this.#options = options;
    this.#reply = reply;
    this.#ids = reply ? `reply-${reply.parent.id}-` : '';
  }

  /** Points the form at a thread, restoring the reader's identity and that thread's draft. */
  setThread(endpoint: string, thread: string): void {
    const scope = `${endpoint}|${thread}`;
    if (scope === this.#scope) return;
    this.#scope = scope;
    this.#endpoint = endpoint;
    this.#thread = thread;
    const identity = loadIdentity();
    const draft = loadDraft(endpoint, thread, this.#reply?.parent.id);
    this.isRemembered = identity !== undefined;
    this.name = draft?.name || identity?.name || '';
    this.email = draft?.email || identity?.email || '';
    this.url = draft?.url || identity?.url || '';
    this.text = draft?.text ?? '';
    this.#postKey = draft?.idempotencyKey ?? '';
    this.isDraftRestored = Boolean(draft?.text);
    this.errors = {};
    this.formError = '';
  }

  #persist(): void {
    const draft = {
      name: this.name,
      email: this.email,
      url: this.url,
      text: this.text,
      ...(this.#postKey && { idempotencyKey: this.#postKey }),
    };
    saveDraft(this.#endpoint, this.#thread, draft, this.#reply?.parent.id);
    if (this.isRemembered) saveIdentity({ name: this.name, email: this.email, url: this.url });
  }

  // Arrow functions: Lit calls template listeners with the element, not this controller, as `this`.
  /** The reader starts writing (or goes on after posting): the form token starts to age. */
  readonly #onStart = (): void => {
    this.#formTokens.prepare(this.#options.connection(), this.#scope, this.#thread);
  };

  readonly #onInput = (event: Event): void => {
    this.#onStart();
    const input = event.target as HTMLInputElement | HTMLTextAreaElement;
    const field = input.name as Field | 'remember' | 'notify' | typeof honeypotName;
    // What a bot put in the honeypot is neither the reader's draft nor kept.
    if (field === honeypotName) return;
    this.notifyNotice = '';
    if (field === 'notify') {
      this.isNotifying = (input as HTMLInputElement).checked;
    } else if (field === 'remember') {
      this.isRemembered = (input as HTMLInputElement).checked;
      if (!this.isRemembered) saveIdentity(undefined);
    } else {
      this[field] = input.value;
      this.#postKey = '';
      if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
    }
    this.#persist();
    this.#host.requestUpdate();
  };

  /** Whether the form offers "Notify me of replies": the server does, and the reader gave an e-mail address. */
  #isNotifyShown(offersNotifications: boolean): boolean {
    return offersNotifications && this.email.trim() !== '';
  }

  async #onSubmit(
    event: SubmitEvent,
    localizer: Localizer,
    inputLimits: InputLimits,
    offersNotifications: boolean,
  ): Promise<void> {
    event.preventDefault();
    if (this.isPosting) return;
    const form = event.target as HTMLFormElement;
    const comment: NewComment = {
      thread: this.#thread,
      ...(this.#reply && { parent: this.#reply.parent.id }),
      name: this.name.trim(),
      text: this.text,
      ...(this.email.trim() && { email: this.email.trim() }),
      ...(this.url.trim() && { url: withScheme(this.url.trim()) }),
      ...(this.isNotifying && this.#isNotifyShown(offersNotifications) && { notify: true }),
    };
    const brokenRules = validateNewComment(comment, inputLimits);
    this.errors = Object.fromEntries(
      brokenRules.map((error) => [error.field, fieldErrorMessage(error, localizer)]),
    );
    this.formError = '';
    if (brokenRules.length > 0) return this.#focusFirstInvalid(form);
    if (!this.#options.shouldPost(comment)) return;
    // Where this post's draft lives: the reader may have moved to another thread by the time it is answered.
    const [endpoint, thread, scope] = [this.#endpoint, this.#thread, this.#scope];
    const isStillHere = () => this.#endpoint === endpoint && this.#thread === thread;
    const honeypot = form.querySelector<HTMLInputElement>(`[name="${honeypotName}"]`)?.value ?? '';
    // Kept with the draft before it leaves: a retry, after a reload too, sends the same key.
    this.#postKey ||= newIdempotencyKey();
    const idempotencyKey = this.#postKey;
    this.#persist();
    let hasFieldError = false;
    this.isPosting = true;
    this.#host.requestUpdate();
    try {
      const connection = this.#options.connection();
      // The button stays busy while a token too young to convince the server ages.
      const [formToken, trust] = await Promise.all([
        this.#formTokens.take(connection, scope, thread),
        comment.email ? trustFor(connection, endpoint, comment.email) : undefined,
      ]);
      const posted = await postComment(connection, {
        ...comment,
        honeypot,
        idempotencyKey,
        ...(formToken && { formToken }),
        ...(trust && { trust }),
      });
      this.#formTokens.spend();
      if (posted.trust && comment.email) saveTrust(endpoint, comment.email, posted.trust);
      this.#options.onPosted({ ...posted, ...(comment.email && { email: comment.email }) });
      const said = localizer.t(posted.isPending ? 'postedPending' : 'posted');
      this.notifyNotice = comment.notify ? localizer.t('notifyCheckInbox') : '';
      this.#options.announce(this.notifyNotice ? `${said} ${this.notifyNotice}` : said);
      this.isNotifying = false;
      // What the reader typed while the comment was on its way is a new draft, not part of the posted one.
      if (isStillHere() && this.text === comment.text) {
        this.text = '';
        this.isDraftRestored = false;
      }
      if (isStillHere() && this.text) this.#persist();
      else clearDraft(endpoint, thread, comment.parent ?? undefined);
      if (this.isRemembered) saveIdentity({ name: this.name, email: this.email, url: this.url });
    } catch (error) {
      this.#options.onPostFailed(error as Error);
      // The draft of another thread stays in storage as it was when the reader left it.
      if (isStillHere()) hasFieldError = this.#showFailure(error, localizer);
    } finally {
      this.isPosting = false;
      this.#host.requestUpdate();
    }
    if (hasFieldError) await this.#focusFirstInvalid(form);
  }

  /**
   * Explains a failed post above the Post button and, when the server refused a field, beside that field too;
   * returns whether it did the latter.
   */
  #showFailure(error: unknown, localizer: Localizer): boolean {
    const refused = refusedField(error, localizer);
    this.errors = refused ? { [refused.field]: refused.message } : {};
    this.formError = refused ? localizer.t('postErrorField') : describeFailure(error, localizer, postWording);
    this.#persist();
    return refused !== undefined;
  }

  /** Renders the errors, then takes the reader to the first field that has one. */
  async #focusFirstInvalid(form: HTMLFormElement): Promise<void> {
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  #field(
    field: Exclude<Field, 'text'>,
    label: string,
    {
      type,
      autocomplete,
      maxLength,
      hint,
    }: { type: string; autocomplete: string; maxLength: number; hint?: string },
  ) {
    const error = this.errors[field];
    const id = this.#ids + field;
    const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
    return html`<div class="field" part="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${field}
        part="input"
        type=${type}
        autocomplete=${autocomplete}
        maxlength=${maxLength}
        .value=${this[field]}
        ?required=${field === 'name'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
      />
      ${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
      ${error ? html`<span class="field-error" id=${`${id}-error`}>${error}</span>` : nothing}
    </div>`;
  }

  /** The form's heading: a new comment, or a reply to NAME (isolated, as every author's name is). */
  #renderHeading(localizer: Localizer) {
    const parent = this.#reply?.parent;
    if (!parent) return localizer.t('formHeading');
    const [before, after] = localizer.t('replyHeading').split('{name}');
    return html`${before}<bdi>${parent.author.name}</bdi>${after}`;
  }

  /** "Notify me of replies", with what ticking it means, while the form offers it. */
  #renderNotify(localizer: Localizer, offersNotifications: boolean) {
    if (!this.#isNotifyShown(offersNotifications)) return nothing;
    const hint = `${this.#ids}notify-hint`;
    return html`<div class="notify" part="notify">
      <label class="checkbox">
        <input type="checkbox" name="notify" .checked=${this.isNotifying} aria-describedby=${hint} />
        ${localizer.t('notifyReplies')}
      </label>
      <span class="hint" id=${hint}>${localizer.t('notifyHint')}</span>
    </div>`;
  }

  /**
   * The form, in the reader's language, held to the limits the server announced (`ThreadInfo.limits`), offering
   * "Notify me of replies" when the server does (`ThreadInfo.replyNotifications`).
   */
  render(threadLocalizer: ThreadLocalizer, inputLimits: InputLimits = {}, offersNotifications = false) {
    const localizer = interactiveWords(threadLocalizer);
    const textLength = textLengthLimit(inputLimits);
    const textError = this.errors.text;
    const ids = this.#ids;
    const reply = this.#reply;
    const textDescribed = [
      `${ids}text-notice`,
      isNearLimit(this.text, textLength) && `${ids}text-counter`,
      textError && `${ids}text-error`,
    ];
    return html`<form
      part=${reply ? 'form reply-form' : 'form'}
      class=${reply ? 'reply-form' : nothing}
      novalidate
      aria-labelledby=${`${ids}form-heading`}
      aria-busy=${this.isPosting ? 'true' : 'false'}
      @focusin=${this.#onStart}
      @input=${this.#onInput}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape' && reply && !this.isPosting) reply.onCancel();
      }}
      @submit=${(event: SubmitEvent) => this.#onSubmit(event, localizer, inputLimits, offersNotifications)}
    >
      <h3 id=${`${ids}form-heading`} part="form-heading">${this.#renderHeading(localizer)}</h3>
      ${this.isDraftRestored ? html`<p class="hint" part="draft-notice">${localizer.t('draftRestored')}</p>` : nothing}
      <div class="identity">
        ${this.#field('name', localizer.t('nameLabel'), {
          type: 'text',
          autocomplete: 'name',
          maxLength: limits.nameLength,
        })}
        ${this.#field('email', localizer.t('emailLabel'), {
          type: 'email',
          autocomplete: 'email',
          maxLength: limits.emailLength,
          hint: localizer.t('emailHint'),
        })}
        ${this.#field('url', localizer.t('urlLabel'), {
          type: 'url',
          autocomplete: 'url',
          maxLength: limits.urlLength,
        })}
      </div>
      <div class="field" part="field">
        <label for=${`${ids}text`}>${localizer.t(reply ? 'replyLabel' : 'textLabel')}</label>
        <textarea
          id=${`${ids}text`}
          name="text"
          part="textarea"
          rows=${reply ? 4 : 6}
          required
          maxlength=${textLength}
          .value=${this.text}
          aria-invalid=${textError ? 'true' : 'false'}
          aria-describedby=${textDescribed.filter(Boolean).join(' ')}
          @keydown=${submitOnModifiedEnter}
        ></textarea>
        <span class="hint" id=${`${ids}text-notice`} part="notice">${localizer.t('escapingNotice')}</span>
        ${renderCounter(`${ids}text-counter`, this.text, textLength, localizer)}
        ${textError ? html`<span class="field-error" id=${`${ids}text-error`}>${textError}</span>` : nothing}
      </div>
      <label class="checkbox">
        <input type="checkbox" name="remember" .checked=${this.isRemembered} />
        ${localizer.t('rememberMe')}
      </label>
      ${this.#renderNotify(localizer, offersNotifications)}
      <div class="honeypot" aria-hidden="true">
        <input name=${honeypotName} type="text" tabindex="-1" autocomplete="off" />
      </div>
      ${
        this.formError ? html`<p class="error" part="form-error" role="alert">${this.formError}</p>` : nothing
      }
      ${this.notifyNotice ? html`<p class="hint" part="notify-notice">${this.notifyNotice}</p>` : nothing}
      <div class="actions">
        <button type="submit" part="submit" ?disabled=${this.isPosting}>
          ${this.isPosting ? localizer.t('submitting') : localizer.t(reply ? 'submitReply' : 'submit')}
        </button>
        ${
          reply
            ? html`<button
                type="button"
                class="secondary"
                part="button"
                ?disabled=${this.isPosting}
                @click=${reply.onCancel}
              >
                ${localizer.t('cancel')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }
}
