import {
  LitElement,
  adoptStyles,
  html,
  nothing,
  type CSSResultOrNative,
  type PropertyDeclaration,
  type PropertyValues,
} from 'lit';
import { connect, type Connection } from '../../client/index.js';
import { isListCommentsResponse } from '../../client/shape.js';
import { limits } from '../../protocol/limits.js';
import type { Comment, NewComment, SortOrder, ThreadInfo } from '../../protocol/types.js';
import { loadLocalizer, type ThreadLocalizer } from '../../i18n/localizer.js';
import { afterPaint } from '../../text/after-paint.js';
import { linksAreReadyFor, linksPending } from '../../text/render-text.js';
import type { CommentForm, OwnPost } from './comment-form.js';
import type { OwnComments } from './own-comments.js';
import type { ReplyForms } from './reply-forms.js';
import type { ReportAction } from './report-action.js';
import type { LikeAction } from './like-button.js';
import type { LiveUpdates } from './live-updates.js';
import type { ThreadReferences } from './thread-references.js';
import type { renderThreadTools } from './sort-choice.js';
import { rememberSort, rememberedSort } from './sort-memory.js';
import { ancestors, renderTree } from './comment-tree.js';
import { emit } from './events.js';
import { isOnDarkPage } from './page-scheme.js';
import { pageThread } from './page-thread.js';
import type { ArticleView } from './comment-item.js';
import { refreshRelativeTimes } from './relative-time.js';
import { ShownThread } from './shown-thread.js';
import { styles } from './natter-comments.styles.js';
import { ThreadController, type MoreState, type ShownFrame, type ThreadState } from './thread-controller.js';

/** Where the script came from: the default endpoint, so that the one-line embed needs no configuration. */
const scriptOrigin = (() => {
  const origin = new URL(import.meta.url).origin;
  return origin === 'null' ? '' : origin;
})();

/** Origins whose refusal the site owner has been told about, once per page. */
const refusingOrigins = new Set<string>();

/**
 * Tells the site owner, once per server, what to do when the browser withheld the server's answers from this
 * page (CORS): the reader only learns that the comments cannot be shown here.
 */
function warnOfRefusal(error: Error, endpoint: string): void {
  const server = new URL(endpoint).origin;
  if ((error as { code?: string }).code !== 'cors' || refusingOrigins.has(server)) return;
  refusingOrigins.add(server);
  const origin = location.origin;
  console.warn(`natter: ${server} does not allow pages on ${origin}: start it with --origin ${origin}`);
}

/** The comment the page's fragment names (`#comment-ID`, a permalink), if any. */
function fragmentTarget(): string | undefined {
  return /^#comment-([\w-]+)$/.exec(location.hash)?.[1];
}

/**
 * The thread's HTML that a server wrote into the element (`natter render`, docs/no-javascript.md): shown until the
 * widget shows the thread itself, and its first page taken from the JSON in it instead of being asked for again.
 */
const serverMarkup = ':scope > .natter-thread';
/** How old that first page may be and still be shown without asking for it again. */
const freshForMs = 60_000;

/**
 * What the thread's controller passes to `requestUpdate` to say that only the thread's state changed: options of no
 * property (Lit reads them only with a property's name), which keep the element's revision.
 */
const threadUpdate: PropertyDeclaration = {};

/** How far below the viewport a lazy thread starts loading. */
const lazyMargin = '600px 0px';

const booleanDefaultTrue = {
  fromAttribute: (value: string | null) => value === null || !/^(false|off|no|0)$/i.test(value),
};

/**
 * A page's comment thread and the form to join it.
 *
 * @summary Comments for any web page, from a natter server.
 *
 * @slot policy - Your own comment policy, shown above the form instead of the server's.
 * @slot - The thread as HTML from `natter render`, shown until the widget shows it (and then removed).
 *
 * @fires natter-loaded - A page of comments arrived and is shown. `detail: { thread, comments }`
 * @fires natter-submit - The reader is about to post; cancelable. `detail: { comment }`
 * @fires natter-posted - The server accepted a comment. `detail: { comment, isPending }`
 * @fires natter-error - Loading, posting, editing, deleting, reporting or liking failed, the thread's references
 *   could not be loaded, the reader's own response could not be sent, or the comment policy could not be shown.
 *   `detail: { phase: 'load' | 'post' | 'edit' | 'delete' | 'report' | 'like' | 'references' | 'mention' | 'policy',
 *   error }`
 *
 * @csspart base - The whole widget.
 * @csspart heading - The heading with the comment count.
 * @csspart placeholder - The space held, with a pulsing skeleton, while the thread loads.
 * @csspart empty - The "no comments yet" message.
 * @csspart list - The list of comments.
 * @csspart comment - One comment, with its replies.
 * @csspart target - The comment a permalink (`#comment-ID` in the page's URL) leads to, highlighted.
 * @csspart replies - The list of a comment's replies.
 * @csspart more-replies - The "Show N more replies" button under a long list of replies.
 * @csspart show-more - "Show more comments" below the list, and "Show earlier comments" above it after a
 *   permalink opened the thread in its middle (also part `button`).
 * @csspart deleted - "Comment deleted", in place of a deleted comment that replies answer.
 * @csspart permalink - A comment's date, a link to the comment itself.
 * @csspart in-reply-to - "in reply to NAME" on a reply nested deeper than `max-depth`, linking to that comment.
 * @csspart reply - Reply, under a comment of a thread that is open.
 * @csspart reply-form - The post form opened under a comment to reply to it (also part `form`).
 * @csspart avatar - Beside the author's name: an identicon drawn in the browser, their initials, or, where the site
 *   owner opted in to Gravatar, its image. Decorative.
 * @csspart author - A comment's (or a reference's) author name or link.
 * @csspart meta - A comment's date.
 * @csspart badge - The "awaiting moderation" badge.
 * @csspart confirmation - Below the comment the reader has just posted: whether it is published or awaits
 *   moderation.
 * @csspart body - A comment's text.
 * @csspart link - A link inside a comment's text.
 * @csspart own-actions - Edit and Delete under the reader's own comment.
 * @csspart own-editor - The form that edits the reader's own comment in place.
 * @csspart own-confirm - The question that confirms a deletion.
 * @csspart report - Under another reader's comment: Report, or, once reported, "Reported" and the thanks.
 * @csspart report-form - The choice of a reason to report a comment, with Send report and Cancel.
 * @csspart like - Like under a published comment, with its count (the button is also parts `button` and
 *   `like-button`), and why a like failed.
 * @csspart like-button - The Like button, `aria-pressed` once this browser liked the comment.
 * @csspart sort - The choice of order above the comments (a label with its select).
 * @csspart feed - The link to the thread's Atom feed (`rel="alternate"`), when the server has one.
 * @csspart new-comments - "Show 2 new comments": comments from others that arrived live (also part `button`).
 * @csspart respond - "My response is on my own website", under the comments, when the server takes Webmentions for
 *   the page: the button that opens the form for the address of the reader's own response (also part `button`).
 * @csspart respond-form - That form: the address (parts `field`, `input`), Send (`submit`), Cancel (`button`).
 * @csspart respond-status - In that form, how the response sent last stands (a polite live region).
 * @csspart references - "References (N)": the responses to the page from other websites, under the comments.
 * @csspart references-heading - Its heading.
 * @csspart reference - One reply, mention or bookmark from another website: who, how and when (part `author` for
 *   the name), its title and its excerpt.
 * @csspart reference-meta - Who responded how, and when.
 * @csspart reference-title - The response's title (or its site's name), linked to it.
 * @csspart reference-excerpt - The beginning of its text.
 * @csspart reactions - "Liked by A, B and 3 others", or "Reposted by …", with their initials in a row.
 * @csspart reaction - One of those initials, linked to the person's site.
 * @csspart locked - The notice, in place of the form, that the thread takes no more comments.
 * @csspart policy - The comment policy above the form.
 * @csspart form - The post form.
 * @csspart form-heading - The form's heading.
 * @csspart draft-notice - The note that the reader's unsent comment was restored.
 * @csspart field - A label with its input and messages.
 * @csspart input - A single-line input.
 * @csspart textarea - The comment text field, in the post form and in the editor.
 * @csspart notice - The escaping notice under the text field.
 * @csspart counter - The characters-left counter, in the post form and in the editor.
 * @csspart notify - "Notify me of replies by email" and its hint, when the server offers it and an address is given.
 * @csspart notify-notice - After a post that asked for it: the note to look for the confirmation e-mail.
 * @csspart form-error - Why the last post (or sending the reader's response) failed, above its button.
 * @csspart submit - The Post button, Save in the editor, Send report, and Send in the response form.
 * @csspart button - Every other button: Try again, Show more, Show earlier, Show more replies, Reply, Like, Edit,
 *   Delete, Report, Show new comments, "My response is on my own website" and those of the editor, the
 *   confirmation, the report's choice, the reply form and the response form.
 *
 * @cssprop --natter-accent - Links, buttons and focus rings.
 * @cssprop --natter-accent-contrast - Text on accent-coloured buttons.
 * @cssprop --natter-text - Text colour (default: the page's; on a page of the other kind, the fixed theme's).
 * @cssprop --natter-background - Background of a fixed `theme` on a page of the other kind (default: the theme's
 *   page colour); otherwise the widget paints none.
 * @cssprop --natter-muted - Dates, hints and secondary text.
 * @cssprop --natter-danger - Errors, and the button that confirms a deletion.
 * @cssprop --natter-danger-contrast - Text on that button.
 * @cssprop --natter-border - Lines between comments and around inputs.
 * @cssprop --natter-surface - Background of the comment policy.
 * @cssprop --natter-input-background - Background of inputs (default: transparent).
 * @cssprop --natter-font - Font shorthand (default: inherited from the page).
 * @cssprop --natter-radius - Corner radius of inputs and buttons.
 * @cssprop --natter-spacing - Base spacing unit.
 * @cssprop --natter-placeholder-height - Space reserved while the thread loads.
 */
export class NatterComments extends LitElement {
  static override styles = styles;

  // Declared without decorators: the decorator runtime would cost the script-tag bundle more than this table.
  static override properties = {
    endpoint: {},
    thread: {},
    locale: {},
    pageSize: { type: Number, attribute: 'page-size' },
    maxDepth: { type: Number, attribute: 'max-depth' },
    sort: {},
    theme: { reflect: true },
    lazy: { converter: booleanDefaultTrue },
    localizer: { state: true },
    isNearViewport: { state: true },
    postedComments: { state: true },
    changedComments: { state: true },
    announcement: { state: true },
    hasOwnPolicy: { state: true },
    isPageDark: { state: true },
    expandedReplies: { state: true },
    target: { state: true },
    readerSort: { state: true },
  };

  /** Base URL of the natter server; defaults to the origin this script was loaded from. */
  endpoint = '';

  /** Thread key; defaults to the path of the page's canonical URL, or of its location. */
  thread = '';

  /** BCP 47 locale for text, dates and numbers; defaults to the nearest `lang` attribute. */
  locale = '';

  /** Comments per page (1–100). */
  pageSize: number = limits.defaultPageSize;

  /**
   * How many levels replies nest below the top-level comments (default 3); a deeper reply shows at the last level,
   * saying whom it answers. `0` shows every comment at the top level.
   */
  maxDepth = 3;

  /**
   * `oldest` (default) or `newest` first, or, when the server offers them, `liked` or `replied` (most first): the
   * order until the reader chooses another, which is remembered for the site.
   */
  sort: SortOrder = 'oldest';

  /**
   * `auto` follows the page: light colours on a light page, dark ones on a dark page, whatever the reader's own
   * colour scheme; `light` and `dark` fix the scheme (on a page of the other kind, with a background of their own).
   */
  theme: 'auto' | 'light' | 'dark' = 'auto';

  /** Load the thread only when it nears the viewport (default). Set `lazy="false"` to load at once. */
  lazy = true;

  private localizer?: ThreadLocalizer;
  private isNearViewport = false;
  /** Comments added since the thread loaded: the reader's own new ones, and others' that came live. */
  private postedComments: Comment[] = [];
  /** The reader's edits (the comment as it is now) and deletions (`null`) since the thread loaded. */
  private changedComments = new Map<string, Comment | null>();
  private announcement = '';
  private hasOwnPolicy = false;
  /** Whether the page behind the element is dark, which `theme="auto"` follows. */
  private isPageDark = false;
  /** The comments whose long list of replies is shown whole. */
  private expandedReplies = new Set<string>();
  /** The comment the page's fragment names, highlighted once shown. */
  private target = fragmentTarget();
  /** The order the reader chose for this server's threads (remembered), which wins over `sort`. */
  private readerSort?: SortOrder;

  #connectionFor?: { endpoint: string; connection: Connection };
  #locale?: string;
  #observer?: IntersectionObserver;
  #form?: CommentForm;
  #ownComments?: OwnComments;
  #reports?: ReportAction;
  #replies?: ReplyForms;
  #likes?: LikeAction;
  #live?: LiveUpdates;
  #references?: ThreadReferences;
  /** How many times the element has asked for its words: see `#localize`. */
  #localizeRequests = 0;
  /** The styles of the chunks loaded so far, after the element's own. */
  readonly #chunkStyles: CSSResultOrNative[] = [];
  #renderTools?: typeof renderThreadTools;
  /** The endpoint whose remembered order `readerSort` is. */
  #sortEndpoint?: string;
  /** The target to bring into view once it is shown. */
  #toReveal?: string;
  /** The comments shown, as a tree, and their count. */
  readonly #shown = new ShownThread();
  #formLoading?: Promise<void>;
  /** The fetch of linkifyjs after which the thread renders again, its URLs linked. */
  #linksAwaited?: Promise<unknown>;
  /**
   * The look for the reader's held comments on the thread just loaded: stopped when another load starts, and
   * while the element is out of the document (it looks again when it comes back).
   */
  #heldLook?: { thread: string; listed: Comment[]; request: AbortController };
  #colorSchemeQuery?: MediaQueryList;
  #pageObserver?: MutationObserver;

  /**
   * A new object at every update but those of the thread's list (a page on its way or arrived), which the comments'
   * own identities tell apart: anything else (the words, a property, a controller's state) may change how any
   * comment shows. A box of conversations whose comments and revision are those of its last render is not
   * rendered again (comment-tree.ts). A TypeScript-private field, not `#`: LitElement's constructor requests the
   * first update before this class's own `#` fields exist.
   */
  private revision = {};

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    if (options !== threadUpdate) this.revision = {};
    super.requestUpdate(name, oldValue, options);
  }

  readonly #thread = new ThreadController(this, {
    requestUpdate: () => this.requestUpdate(undefined, undefined, threadUpdate),
    onPage: (thread, comments, isFirst) => {
      emit(this, 'natter-loaded', { thread, comments });
      if (isFirst && this.target) this.#toReveal = this.target;
      if (isFirst) void this.#restoreHeld(thread.key, comments);
    },
    onError: (error) => {
      warnOfRefusal(error, this.resolvedEndpoint);
      emit(this, 'natter-error', { phase: 'load', error });
    },
    onPolicyError: (error) => emit(this, 'natter-error', { phase: 'policy', error }),
  });

  constructor() {
    super();
    refreshRelativeTimes(this, () => this.localizer);
  }

  /** The endpoint in use: the attribute (relative to the page), or the script's origin. */
  get resolvedEndpoint(): string {
    return new URL(this.endpoint || scriptOrigin || location.origin, document.baseURI).href;
  }

  /** The thread key in use: the attribute, or this page's path. */
  get resolvedThread(): string {
    return this.thread || pageThread();
  }

  /** The server connection for the endpoint in use, made again only when the endpoint changes. */
  get #connection(): Connection {
    const endpoint = this.resolvedEndpoint;
    if (this.#connectionFor?.endpoint !== endpoint)
      this.#connectionFor = { endpoint, connection: connect({ endpoint }) };
    return this.#connectionFor.connection;
  }

  get #pageSize(): number {
    const size = Math.floor(this.pageSize);
    return size >= 1 ? Math.min(size, limits.maxPageSize) : limits.defaultPageSize;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watchPage();
    addEventListener('hashchange', this.#onHashChange);
    // A permalink's comment is in this thread: load it now, wherever the widget is on the page. A thread the server
    // wrote into the element is shown at once: its first page is here already.
    if (this.target || this.querySelector(serverMarkup)) this.isNearViewport = true;
    const look = this.#heldLook;
    if (look?.request.signal.aborted) void this.#restoreHeld(look.thread, look.listed);
    // Coming back into the document resumes a load that leaving it aborted.
    this.requestUpdate();
    if (this.isNearViewport) return;
    if (this.lazy && 'IntersectionObserver' in globalThis) {
      this.#observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) {
            this.isNearViewport = true;
            this.#stopObserving();
          }
        },
        { rootMargin: lazyMargin },
      );
      this.#observer.observe(this);
    } else {
      this.isNearViewport = true;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopObserving();
    this.#heldLook?.request.abort();
    this.#colorSchemeQuery?.removeEventListener('change', this.#readPage);
    removeEventListener('hashchange', this.#onHashChange);
    this.#pageObserver?.disconnect();
  }

  readonly #readPage = (): void => {
    this.isPageDark = isOnDarkPage(this);
  };

  /**
   * The fragment changed (a permalink was followed on this page): the browser cannot scroll to an id inside the
   * shadow root, so the element does, loading the comment's page first when it is not shown.
   */
  readonly #onHashChange = (): void => {
    const target = fragmentTarget();
    if (!target) return;
    this.target = target;
    this.#toReveal = target;
    this.isNearViewport = true;
    const state = this.#thread.state;
    if (state.status === 'loaded' && !state.comments.some((comment) => comment.id === target)) {
      this.reload(target);
    }
  };

  /**
   * Brings the permalink's comment into view once it is shown, and gives it focus, as the browser does for a
   * fragment's target in the page; smoothly unless the reader asked for less motion.
   */
  protected override updated(): void {
    // Text that may hold links shows plain until linkifyjs is here (render-text.ts), and linked from the next render.
    const links = linksPending();
    if (links && links !== this.#linksAwaited) {
      this.#linksAwaited = links;
      links.then(
        () => this.requestUpdate(),
        () => undefined,
      );
    }
    // The form and what acts on comments come once the thread (or why it failed) is on screen.
    if (this.#thread.state.status === 'loaded' || this.#thread.state.status === 'failed')
      void this.#formAfterPaint();
    // The widget shows the thread now: the server's HTML of it has served its time.
    if (this.#thread.state.status === 'loaded' && this.localizer) {
      for (const markup of this.querySelectorAll(serverMarkup)) markup.remove();
    }
    const item = this.#toReveal && this.shadowRoot?.getElementById(`comment-${this.#toReveal}`);
    if (!item) return;
    this.#toReveal = undefined;
    const isCalm = matchMedia('(prefers-reduced-motion: reduce)').matches;
    item.scrollIntoView({ block: 'start', behavior: isCalm ? 'instant' : 'smooth' });
    item.querySelector('article')?.focus({ preventScroll: true });
  }

  /**
   * Reads how dark the page is, and again whenever that may change: the reader's colour scheme (pages follow it
   * with media queries), or a theme switch on the page's root or body (a class, a data attribute, a style).
   */
  #watchPage(): void {
    this.#readPage();
    this.#colorSchemeQuery = matchMedia('(prefers-color-scheme: dark)');
    this.#colorSchemeQuery.addEventListener('change', this.#readPage);
    this.#pageObserver = new MutationObserver(this.#readPage);
    for (const node of [document.documentElement, document.body]) {
      if (node) this.#pageObserver.observe(node, { attributes: true });
    }
  }

  #stopObserving(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const locale = this.locale || this.closest('[lang]')?.getAttribute('lang') || navigator.language;
    if (locale !== this.#locale) {
      this.#locale = locale;
      void this.#localize();
    }
    // A different listing loads afresh, and brings the reader's own published comments with it.
    if (this.#sortEndpoint !== this.resolvedEndpoint) {
      this.#sortEndpoint = this.resolvedEndpoint;
      this.readerSort = rememberedSort(this.#sortEndpoint);
    }
    if (
      changed.has('thread') ||
      changed.has('endpoint') ||
      changed.has('sort') ||
      (changed as PropertyValues).has('readerSort') ||
      changed.has('pageSize')
    ) {
      this.postedComments = [];
      this.changedComments = new Map();
      this.#heldLook?.request.abort();
      this.#heldLook = undefined;
    }
    this.#form?.setThread(this.resolvedEndpoint, this.resolvedThread);
    // A removed element loads nothing: connectedCallback asks for an update when it comes back.
    if (this.isConnected && (this.isNearViewport || !this.lazy)) {
      const query = { thread: this.resolvedThread, sort: this.#sort, limit: this.#pageSize };
      this.#thread.show({ connection: this.#connection, ...query, around: this.target }, () =>
        this.#embeddedPage(query),
      );
    }
  }

  /**
   * The first page the server wrote into the element, when it is the one `query` asks for; fresh while it is at most
   * a minute old (a page made at request time), else (a static site's build) it is shown and asked for again.
   */
  #embeddedPage(query: { thread: string; sort: SortOrder; limit: number }) {
    const data = this.querySelector(`${serverMarkup} > script.natter-data`)?.textContent;
    try {
      const embedded = data
        ? (JSON.parse(data) as { query?: typeof query; page?: unknown; renderedAt?: string })
        : undefined;
      const asked = embedded?.query;
      const isAsked =
        asked?.thread === query.thread && asked.sort === query.sort && asked.limit === query.limit;
      const age = Math.abs(Date.now() - Date.parse(embedded?.renderedAt ?? ''));
      return isAsked && isListCommentsResponse(embedded?.page)
        ? { page: embedded.page, isFresh: age <= freshForMs }
        : undefined;
    } catch {
      // Not JSON: the page changed it. The thread is asked for, as without it.
      return undefined;
    }
  }

  /** The order in use: the reader's choice, or the site's `sort`. */
  get #sort(): SortOrder {
    return this.readerSort ?? this.sort;
  }

  /** Loads the thread again from its first page (or the page of comment `around`); Retry does this after a failure. */
  reload(around?: string): void {
    this.#reload(around);
  }

  #reload(around?: string, keepShown = false): void {
    this.postedComments = [];
    this.changedComments = new Map();
    this.#thread.reload(around, keepShown);
  }

  /**
   * Loads the form's module, once, after the browser has painted the thread: it is nothing a reader needs to see the
   * first comment, and never delays it.
   */
  #formAfterPaint(): Promise<void> {
    this.#formLoading ??= afterPaint().then(() => this.#loadForm());
    return this.#formLoading;
  }

  /**
   * Loads the localizer of the element's locale: the thread's words, and once the form is on its way the rest of the
   * language's words too (they wait for it: see `loadLocalizer`).
   */
  #localize(): Promise<void> {
    const request = ++this.#localizeRequests;
    return loadLocalizer(this.#locale, this.#formLoading !== undefined).then((localizer) => {
      // Catalogs come in any order: only the newest request's words show, never an older locale's, nor the thread's
      // words alone over the whole language's.
      if (request === this.#localizeRequests) this.localizer = localizer;
    });
  }

  #loadForm(): Promise<void> {
    // The form shows in the reader's language from its first render: its words come with it.
    return Promise.all([import('./interactive.js'), this.#localize()]).then(
      ([
        {
          CommentForm,
          OwnComments,
          ReplyForms,
          ReportAction,
          LikeAction,
          LiveUpdates,
          ThreadReferences,
          renderThreadTools,
          interactiveStyles,
        },
      ]) => {
        // The form's styles come with it: a reader who only reads never downloads them.
        this.#addStyles(interactiveStyles);
        this.#ownComments = new OwnComments(this, {
          connection: () => this.#connection,
          endpoint: () => this.resolvedEndpoint,
          onEdited: (comment) => this.#change(comment.id, comment),
          onDeleted: (comment, placeholder) => {
            this.#change(comment.id, placeholder ?? null);
            // The comment and its buttons are gone: keep the reader's place at its placeholder, or the heading.
            const place = placeholder ? `#comment-${comment.id} > article` : '#heading';
            this.#focusAfterUpdate(place);
          },
          hasReplies: (id) => Boolean(this.#shown.tree.replies.get(id)?.length),
          onFailed: (phase, error) => emit(this, 'natter-error', { phase, error }),
          announce: (message) => this.#announce(message),
        });
        this.#reports = new ReportAction(this, {
          connection: () => this.#connection,
          endpoint: () => this.resolvedEndpoint,
          onFailed: (error) => emit(this, 'natter-error', { phase: 'report', error }),
          announce: (message) => this.#announce(message),
        });
        this.#likes = new LikeAction(this, {
          connection: () => this.#connection,
          endpoint: () => this.resolvedEndpoint,
          onFailed: (error) => emit(this, 'natter-error', { phase: 'like', error }),
        });
        this.#live = new LiveUpdates(this, {
          stream: () => this.#shownThread?.stream,
          isKnown: (id) => this.#shown.tree.byId.has(id) || this.changedComments.has(id),
          show: (comments) => this.#showArrived(comments),
          reload: () => {
            // The thread stays shown until it comes again; the button goes at once, and the reader's place is
            // the heading.
            this.#reload(undefined, true);
            this.#focusAfterUpdate('#heading');
          },
          announce: (message) => this.#announce(message),
        });
        this.#references = new ThreadReferences(this, {
          connection: () => this.#connection,
          endpoint: () => this.resolvedEndpoint,
          thread: () => this.#shownThread,
          threadKey: () => this.resolvedThread,
          addStyles: (styles) => this.#addStyles(styles),
          onFailed: (phase, error) => emit(this, 'natter-error', { phase, error }),
        });
        this.#renderTools = renderThreadTools;
        const formOptions = {
          connection: () => this.#connection,
          shouldPost: (comment: NewComment) => emit(this, 'natter-submit', { comment }, { cancelable: true }),
          onPosted: (posted: OwnPost) => this.#onPosted(posted),
          onPostFailed: (error: Error) => emit(this, 'natter-error', { phase: 'post', error }),
          announce: (message: string) => this.#announce(message),
        };
        this.#form = new CommentForm(this, formOptions);
        this.#replies = new ReplyForms(this, { ...formOptions, endpoint: () => this.resolvedEndpoint });
        this.requestUpdate();
      },
      (error: Error) => {
        // Offline, or a deploy replaced the chunk: try again at the next update (a reconnection asks for one).
        this.#formLoading = undefined;
        emit(this, 'natter-error', { phase: 'load', error });
      },
    );
  }

  /** What the server said about the thread shown, once one is. */
  get #shownThread(): ThreadInfo | undefined {
    const state = this.#thread.state;
    return state.status === 'loaded' ? state.thread : undefined;
  }

  /** Adds a lazily loaded chunk's styles to the element's own. */
  #addStyles(styles: CSSResultOrNative): void {
    this.#chunkStyles.push(styles);
    const { elementStyles } = this.constructor as typeof LitElement;
    adoptStyles(this.renderRoot as ShadowRoot, [...elementStyles, ...this.#chunkStyles]);
  }

  /**
   * Shows the reader's own comments on the thread just loaded that a moderator still holds (the interactive
   * chunk keeps their secrets and asks the server for them), in place, among what the reader posted since.
   */
  async #restoreHeld(thread: string, listed: Comment[]): Promise<void> {
    this.#heldLook?.request.abort();
    const { signal } = (this.#heldLook = { thread, listed, request: new AbortController() }).request;
    await this.#formAfterPaint();
    const ids = new Set(listed.map((comment) => comment.id));
    const held = await this.#ownComments?.restoreHeld(thread, ids, signal);
    if (signal.aborted) return;
    this.#heldLook = undefined;
    if (!held?.length || thread !== this.resolvedThread) return;
    const shown = new Set(this.postedComments.map((comment) => comment.id));
    this.postedComments = [...this.postedComments, ...held.filter((comment) => !shown.has(comment.id))];
  }

  #onPosted(posted: OwnPost): void {
    const { comment, isPending } = posted;
    this.#ownComments?.remember(posted);
    // A comment answered after the reader moved to another thread belongs to that other thread.
    if (comment.thread === this.resolvedThread) this.postedComments = [...this.postedComments, comment];
    this.#openAbove([comment]);
    emit(this, 'natter-posted', { comment, isPending });
  }

  /**
   * Shows comments that others posted since the thread loaded (they came live) among the reader's own new ones,
   * each in its place: a reply under its parent, whose conversation opens to show it.
   */
  #showArrived(comments: Comment[]): void {
    this.postedComments = [...this.postedComments, ...comments];
    this.#openAbove(comments);
  }

  /** Opens the conversations above new replies, however long: each shows at the end of its conversation. */
  #openAbove(comments: Comment[]): void {
    const { tree } = this.#shown;
    const above = comments.flatMap((comment) =>
      comment.parent !== null ? [comment.parent, ...ancestors(tree, comment.parent)] : [],
    );
    if (above.length) this.expandedReplies = new Set([...this.expandedReplies, ...above]);
  }

  /** Also waits for the form, so that `await el.updateComplete` means the whole widget is there. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let isComplete = await super.getUpdateComplete();
    if (this.#formLoading && !this.#form) {
      await this.#formLoading;
      isComplete = await super.getUpdateComplete();
    }
    return isComplete;
  }

  /** Says `message` in the polite live region, even when it repeats the last one. */
  #announce(message: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = message;
    });
  }

  #change(id: string, comment: Comment | null): void {
    this.changedComments = new Map(this.changedComments).set(id, comment);
  }

  #renderPlaceholder(localizer?: ThreadLocalizer) {
    return html`<div class="placeholder" part="placeholder" aria-busy="true">
      ${localizer ? html`<p class="visually-hidden">${localizer.t('loading')}</p>` : nothing}
      ${[1, 2, 3, 4, 5, 6].map(() => html`<div class="skeleton"></div>`)}
    </div>`;
  }

  #renderError(error: Error, localizer: ThreadLocalizer) {
    const isRefused = (error as { code?: string }).code === 'cors';
    return html`<div role="alert">
      <p class="error">${localizer.t(isRefused ? 'loadErrorNotAllowed' : 'loadError')}</p>
      <button part="button" class="secondary" @click=${() => this.reload()}>${localizer.t('retry')}</button>
    </div>`;
  }

  #renderThread(
    {
      thread,
      comments: loaded,
      next,
      previous,
      policy,
      more,
      earlier,
    }: Extract<ThreadState, { status: 'loaded' }>,
    localizer: ThreadLocalizer,
  ) {
    const shown = this.#shown;
    shown.update({
      loaded,
      posted: this.postedComments,
      changed: this.changedComments,
      sort: this.#sort,
      thread,
    });
    const { tree, count } = shown;
    // The permalink's comment shows, however long the conversations above it.
    const target = this.target && tree.byId.has(this.target) ? ancestors(tree, this.target) : [];
    const expanded = target.length ? new Set([...this.expandedReplies, ...target]) : this.expandedReplies;
    // No count of nothing above "No comments yet": the heading says "Comments", the empty state says the rest.
    const heading = count > 0 ? localizer.plural('heading', count) : localizer.t('headingEmpty');
    const comments = html`
      ${this.#live?.render(localizer) ?? nothing}
      ${previous ? this.#renderMore(earlier, localizer, true) : nothing}
      ${
        tree.roots.length === 0
          ? html`<p class="empty" part="empty">${localizer.t('empty')}</p>`
          : renderTree({
              tree,
              localizer,
              maxDepth: Math.max(0, Math.floor(this.maxDepth) || 0),
              expanded,
              revision: this.revision,
              expand: (id, firstRevealed) => {
                this.expandedReplies = new Set(this.expandedReplies).add(id);
                this.#focusAfterUpdate(`#comment-${firstRevealed} > article`);
              },
              renderOne: (comment, replies, inReplyTo, level) => ({
                comment,
                localizer,
                inReplyTo,
                // Only a comment whose article could look different makes it again: showing one more page of a
                // long thread, or liking one comment, costs what changed, not the whole conversation.
                articleKey: this.#articleKey(comment, thread),
                article: () => this.#articleView(comment, localizer, thread),
                form: thread.locked
                  ? undefined
                  : this.#replies?.renderForm(
                      comment,
                      localizer,
                      thread.limits,
                      thread.replyNotifications === true,
                    ),
                replies,
                isTarget: comment.id === this.target,
                isJustPosted: this.#ownComments?.isJustPosted(comment.id),
                isTopLevel: level === 0,
              }),
            })
      }
      ${next ? this.#renderMore(more, localizer) : nothing}
      ${this.#references?.render(thread, localizer) ?? nothing}
    `;
    return this.#renderFrame(
      { thread, policy },
      localizer,
      heading,
      this.#renderThreadTools(thread, localizer),
      comments,
    );
  }

  /** The choice of order and the feed link above `thread`'s comments, once the interactive chunk is here. */
  #renderThreadTools(thread: ThreadInfo, localizer: ThreadLocalizer) {
    return (
      this.#renderTools?.({
        thread,
        sort: this.#sort,
        localizer,
        choose: (sort) => {
          rememberSort(this.resolvedEndpoint, sort);
          this.readerSort = sort;
        },
      }) ?? nothing
    );
  }

  /**
   * The heading, what shows below it (`tools`, then `comments`: the thread's, or the placeholder while another
   * thread loads), and the policy and form of `frame.thread`. One template for both, so that a switch to another
   * thread leaves the heading, the policy and the form as they are: made again, a form is styled, laid out and
   * scanned by the browser's autofill again, which cost the first page after a switch a fifth of its time.
   */
  #renderFrame(
    { thread, policy }: ShownFrame,
    localizer: ThreadLocalizer,
    heading: string,
    tools: unknown,
    comments: unknown,
  ) {
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${heading}</h2>
      ${tools} ${comments}
      ${
        thread.locked
          ? html`<p class="notice" part="locked">${localizer.t('locked')}</p>`
          : html`${this.#renderPolicy(policy)}
            ${
              this.#form?.render(localizer, thread.limits, thread.replyNotifications === true) ??
              html`<div class="form-placeholder"></div>`
            }`
      }
    `;
  }

  /** Moves focus, once the update under way is rendered, to what `selector` finds in the shadow root. */
  #focusAfterUpdate(selector: string): void {
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(selector)?.focus());
  }

  /**
   * Everything {@link #articleView} reads besides the comment and the words, compared by identity: the thread,
   * whether links can be found in the text, which controllers are loaded, and what each reads for `comment`.
   */
  #articleKey(comment: Comment, thread: ThreadInfo): unknown[] {
    const key: unknown[] = [thread, linksAreReadyFor(comment.text)];
    for (const controller of [this.#ownComments, this.#reports, this.#replies, this.#likes]) {
      key.push(controller);
      // Pushed one by one: a spread of each of a thousand small arrays cost more than the rest of the key.
      for (const value of controller?.dependencies(comment) ?? []) key.push(value);
    }
    return key;
  }

  /** What `comment`'s article shows besides its own words: what the reader can do with it. */
  #articleView(comment: Comment, localizer: ThreadLocalizer, thread: ThreadInfo): ArticleView {
    // A deleted comment's placeholder has nothing to act on.
    if (comment.deleted) return {};
    // The reader's own comment (or one whose edit or deletion is under way) has Edit and Delete in place of
    // Report and Like: nobody reports or likes what they wrote.
    const mine = this.#ownComments?.render(comment, localizer, thread.limits);
    return {
      own: mine ?? this.#reports?.render(comment, localizer),
      replyButton: thread.locked ? undefined : this.#replies?.renderButton(comment, localizer),
      like: mine ? undefined : this.#likes?.render(comment, localizer),
    };
  }

  /**
   * Loads the next page (or the one before the first shown); after the last one, focus goes from the button, which
   * goes too, to the first new comment.
   */
  async #showMore(isEarlier: boolean): Promise<void> {
    const root = this.shadowRoot;
    const focused = root?.activeElement;
    const page = await this.#thread.loadMore(isEarlier);
    await this.updateComplete;
    if (focused && !focused.isConnected) {
      // Found by id, not by a walk of everything shown: a long thread's last pages cost what they add.
      const first = page.map(({ id }) => root?.getElementById(`comment-${id}`)).find(Boolean);
      first?.querySelector('article')?.focus();
    }
  }

  #renderMore(more: MoreState, localizer: ThreadLocalizer, isEarlier = false) {
    const isLoading = more.status === 'loading';
    const label = isLoading ? 'loadingMore' : isEarlier ? 'showEarlier' : 'showMore';
    return html`<div class=${isEarlier ? 'actions earlier' : 'actions'}>
      <button
        part="button show-more"
        class="secondary"
        ?disabled=${isLoading}
        @click=${() => this.#showMore(isEarlier)}
      >
        ${localizer.t(label)}
      </button>
      ${
        more.status === 'failed'
          ? html`<span class="error" role="alert">${localizer.t('loadError')}</span>`
          : nothing
      }
    </div>`;
  }

  #renderPolicy(policy: DocumentFragment | undefined) {
    const onSlotChange = (event: Event) => {
      this.hasOwnPolicy = (event.target as HTMLSlotElement).assignedNodes().length > 0;
    };
    // The site's words, in the site's language: their own direction, whatever the widget's (as comments have).
    return html`<div class="policy" part="policy" dir="auto" ?hidden=${!policy && !this.hasOwnPolicy}>
      <slot name="policy" @slotchange=${onSlotChange}>${policy ?? nothing}</slot>
    </div>`;
  }

  protected override render() {
    const localizer = this.localizer;
    const state = this.#thread.state;
    let content;
    if (localizer && state.status === 'loading' && state.before) {
      // Another thread (or this one again) loads: what surrounds the comments stays until it is here, but for the
      // feed link, which would lead to the thread before.
      const { thread } = state.before;
      content = this.#renderFrame(
        state.before,
        localizer,
        localizer.t('headingEmpty'),
        this.#renderThreadTools({ ...thread, feed: undefined }, localizer),
        this.#renderPlaceholder(localizer),
      );
    } else if (!localizer || state.status === 'idle' || state.status === 'loading') {
      // The server's HTML of the thread stays in sight, where it is, until the widget can show the thread.
      content = this.querySelector(serverMarkup)
        ? html`<slot></slot>`
        : html`<h2 id="heading" part="heading">${localizer?.t('headingEmpty')}</h2>
            ${this.#renderPlaceholder(localizer)}`;
    } else if (state.status === 'failed') {
      content = html`<h2 id="heading" part="heading">${localizer.t('headingEmpty')}</h2>
        ${this.#renderError(state.error, localizer)}`;
    } else {
      content = this.#renderThread(state, localizer);
    }
    const isFixed = this.theme === 'light' || this.theme === 'dark';
    const isDark = isFixed ? this.theme === 'dark' : this.isPageDark;
    // A fixed theme on a page of the other kind brings its own background, or its colours would be hard to read.
    const scheme = isDark ? 'dark' : 'light';
    // The widget's words set its direction (Arabic and Hebrew mirror it), unless the page gave the element its own.
    const direction = this.hasAttribute('dir') ? undefined : localizer?.direction;
    return html`<section
      part="base"
      class=${isDark === this.isPageDark ? scheme : `${scheme} panel`}
      dir=${direction ?? nothing}
      aria-labelledby="heading"
    >
      ${content}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }
}
