import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { AdminComment, AdminCounts } from '../protocol/admin.js';
import { AdminClient } from './api/admin-client.js';
import type { AnnounceDetail } from './events.js';
import { keepLanguage, preferredLanguages } from './messages/language-choice.js';
import {
  englishLocalizer,
  loadLocalizer,
  type Localizer,
  type PlainKey,
  type PluralKey,
} from './messages/localizer.js';
import { hashOf, isSameRoute, routeOf, screens, type Route, type Screen } from './routes.js';
import type { CommentSection } from './screens/comment-sections.js';
import { shortcutOf } from './screens/shortcuts.js';
import type { AdminShortcuts } from './shortcuts-dialog.js';
import { sharedStyles } from './styles.js';

/** Where the moderator stands with the server. */
type SessionState = 'checking' | 'signed-out' | 'signed-in' | 'unreachable';

const screenNames = {
  queue: 'screenQueue',
  reported: 'screenReported',
  recent: 'screenRecent',
  spam: 'screenSpam',
  deleted: 'screenDeleted',
  references: 'screenReferences',
  search: 'screenSearch',
  rules: 'screenRules',
  settings: 'screenSettings',
  comment: 'screenComment',
} as const satisfies Record<Route['screen'], PlainKey>;

/** The count each screen's badge shows, if it has one. */
const badgeOf: Partial<Record<Screen, keyof AdminCounts>> = {
  queue: 'pending',
  reported: 'reported',
  spam: 'spam',
  deleted: 'deleted',
  references: 'references',
};

/** What a screen's badge says to a screen reader: what its number counts. */
const badgeLabelOf = (screen: Screen): PluralKey =>
  screen === 'references' ? 'badgeReferences' : 'badgeLabel';

/** The screens whose badge asks for attention: what awaits a moderator. */
const urgentBadges: ReadonlySet<Screen> = new Set(['queue', 'references']);

const isReported = (comment: AdminComment) =>
  comment.reportCount > 0 && (comment.status === 'pending' || comment.status === 'published');

/** The sections of each list screen: the queue shows reported comments first, then those awaiting approval. */
function sectionsOf(route: Route, l: Localizer): CommentSection[] {
  const only = (status: AdminComment['status']) => (comment: AdminComment) => comment.status === status;
  switch (route.screen) {
    case 'comment':
      return [
        { key: 'comment', parameters: { queue: 'recent' }, commentId: route.commentId, keeps: () => true },
      ];
    case 'queue':
      return [
        {
          key: 'reported',
          heading: l.t('sectionReported'),
          parameters: { queue: 'reported' },
          keeps: isReported,
        },
        {
          key: 'pending',
          heading: l.t('sectionPending'),
          parameters: { queue: 'pending' },
          keeps: only('pending'),
        },
      ];
    case 'reported':
      return [{ key: 'reported', parameters: { queue: 'reported' }, keeps: isReported }];
    case 'recent':
      return [{ key: 'recent', parameters: { queue: 'recent' }, keeps: () => true }];
    case 'spam':
      return [{ key: 'spam', parameters: { queue: 'spam' }, keeps: only('spam') }];
    case 'deleted':
      return [{ key: 'deleted', parameters: { queue: 'deleted' }, keeps: only('deleted') }];
    default:
      return [];
  }
}

const intros: Partial<Record<Screen, PlainKey>> = {
  queue: 'queueIntro',
  recent: 'recentIntro',
  spam: 'spamIntro',
  deleted: 'deletedIntro',
};

/** A screen element that can take focus at its heading. */
interface FocusableScreen extends HTMLElement {
  focusHeading?: () => void;
}

/**
 * The admin page: sign-in, then the moderation screens (queue, reported, recent, spam, deleted, references, search,
 * rules, settings) behind a navigation with count badges. The URL's fragment names the screen; focus goes to its
 * heading on every change, and what the moderator does is announced in a live region.
 */
export class NatterAdmin extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        min-height: 100vh;
      }

      .skip {
        position: absolute;
        inset-inline-start: 0.5rem;
        top: -3rem;
        padding: 0.5rem 0.75rem;
        background: var(--admin-background);
        z-index: 2;
      }

      .skip:focus {
        top: 0.5rem;
      }

      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        padding: 0.5rem 1rem;
        border-bottom: 1px solid var(--admin-border);
        background: var(--admin-surface);
      }

      .brand {
        font-weight: 700;
        margin: 0;
        margin-inline-end: auto;
      }

      .layout {
        display: grid;
        grid-template-columns: 13rem minmax(0, 1fr);
        align-items: start;
      }

      nav ul {
        list-style: none;
        margin: 0;
        padding: 1rem 0.5rem;
        display: grid;
        gap: 0.125rem;
        position: sticky;
        top: 0;
      }

      nav a {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        padding: 0.5rem 0.75rem;
        border-radius: 6px;
        color: var(--admin-text);
        text-decoration: none;
        min-height: 2.5rem;
      }

      nav a:hover {
        background: var(--admin-surface);
      }

      nav a[aria-current='page'] {
        background: var(--admin-selected);
        font-weight: 600;
        box-shadow: inset 3px 0 0 var(--admin-accent);
      }

      /* Box shadows have no logical sides: the bar stands at the start of the line, on the right in Arabic. */
      nav a[aria-current='page']:where(:dir(rtl)) {
        box-shadow: inset -3px 0 0 var(--admin-accent);
      }

      nav .badge.urgent {
        background: var(--admin-accent);
        color: var(--admin-accent-contrast);
      }

      main {
        padding: 1.25rem 1.5rem 3rem;
        max-width: 56rem;
        min-width: 0;
      }

      main:focus {
        outline: none;
      }

      .checking {
        padding: 2rem 1rem;
      }

      @media (max-width: 48rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }

        nav {
          border-bottom: 1px solid var(--admin-border);
        }

        nav ul {
          display: flex;
          flex-wrap: wrap;
          padding: 0.375rem 0.5rem;
          position: static;
        }

        nav a {
          white-space: nowrap;
          padding: 0.25rem 0.625rem;
          min-height: 2.25rem;
        }

        nav a[aria-current='page'] {
          box-shadow: inset 0 -3px 0 var(--admin-accent);
        }

        main {
          padding: 1rem 0.875rem 3rem;
        }

        .shortcuts {
          display: none;
        }
      }
    `,
  ];

  static override properties = {
    session: { state: true },
    route: { state: true },
    counts: { state: true },
    signInNotice: { state: true },
    announcement: { state: true },
    alertText: { state: true },
    l: { state: true },
    isLocalized: { state: true },
  };

  session: SessionState = 'checking';
  route: Route = routeOf(location.hash);
  counts: AdminCounts | undefined;
  signInNotice = '';
  announcement = { text: '', serial: 0 };
  alertText = { text: '', serial: 0 };

  /** The page's words: English until the moderator's language has loaded (`isLocalized`). */
  l: Localizer = englishLocalizer;
  isLocalized = false;
  readonly client = new AdminClient(new URL('api/', document.baseURI), () => this.#onSignedOut());
  /** The sections of the list screen shown: made once per screen, so that a render does not reload the list. */
  #sections: CommentSection[] = sectionsOf(this.route, this.l);
  #isFocusWanted = false;
  /** The moderator's language loading, which the first screen after "Loading…" waits for. */
  #localizing?: Promise<void>;
  #localizations = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    window.addEventListener('keydown', this.#onKeyDown);
    this.#localizing ??= this.relocalize();
    void this.#resume();
  }

  /**
   * Speaks the moderator's language (the one chosen on the Settings screen, else the browser's), loading its catalog;
   * the whole page takes its language and direction.
   */
  async relocalize(): Promise<void> {
    const serial = ++this.#localizations;
    const l = await loadLocalizer(preferredLanguages());
    // A language chosen again while the last one loaded: the later choice wins, whichever catalog arrives first.
    if (serial !== this.#localizations) return;
    this.l = l;
    this.isLocalized = true;
    document.documentElement.lang = l.locale;
    document.documentElement.dir = l.direction;
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
    window.removeEventListener('keydown', this.#onKeyDown);
    super.disconnectedCallback();
  }

  async #resume(): Promise<void> {
    this.session = 'checking';
    let session: SessionState;
    try {
      session = (await this.client.resume()) ? 'signed-in' : 'signed-out';
    } catch {
      session = 'unreachable';
    }
    // No screen in English first when the moderator reads another language.
    await this.#localizing;
    this.session = session;
  }

  readonly #onHashChange = (): void => {
    const route = routeOf(location.hash);
    if (isSameRoute(route, this.route)) return;
    this.route = route;
    this.#isFocusWanted = true;
  };

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (this.session !== 'signed-in' || shortcutOf(event)?.kind !== 'help') return;
    event.preventDefault();
    this.#openShortcuts(null);
  };

  #openShortcuts(returnTo: HTMLElement | null): void {
    const dialog = this.renderRoot.querySelector<AdminShortcuts>('admin-shortcuts');
    const active = returnTo ?? (this.shadowRoot?.activeElement as HTMLElement | null) ?? null;
    dialog?.open(active ?? this.renderRoot.querySelector<HTMLElement>('main'));
  }

  /** The moderator chose a language on the Settings screen: it is kept for this browser, and the page speaks it. */
  readonly #onLanguageChosen = (event: CustomEvent<{ language: string }>): void => {
    keepLanguage(event.detail.language);
    this.#localizing = this.relocalize();
  };

  #onSignedOut(): void {
    this.session = 'signed-out';
    this.signInNotice = this.l.t('sessionEnded');
    this.counts = undefined;
  }

  async #signOut(): Promise<void> {
    try {
      await this.client.signOut();
    } catch {
      // Signed out here whatever the server said: its session ends by itself.
    }
    this.session = 'signed-out';
    this.signInNotice = this.l.t('signedOut');
    this.counts = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement & { focusField(): void }>('admin-sign-in')?.focusField();
  }

  #onSignedIn(): void {
    this.session = 'signed-in';
    this.signInNotice = '';
    this.#isFocusWanted = true;
    this.#announce({ message: this.l.t('signedIn') });
  }

  #announce({ message, isUrgent }: AnnounceDetail): void {
    if (isUrgent) this.alertText = { text: message, serial: this.alertText.serial + 1 };
    else this.announcement = { text: message, serial: this.announcement.serial + 1 };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('route') || changed.has('l')) this.#sections = sectionsOf(this.route, this.l);
  }

  protected override updated(): void {
    const screen = this.l.t(screenNames[this.route.screen]);
    document.title = this.session === 'signed-in' ? this.l.t('pageTitle', { screen }) : this.l.t('appTitle');
    if (this.#isFocusWanted && this.session === 'signed-in') {
      this.#isFocusWanted = false;
      void this.#focusScreen();
    }
  }

  /** Moves focus to the heading of the screen just shown, once it rendered. */
  async #focusScreen(): Promise<void> {
    const element = this.renderRoot.querySelector<FocusableScreen & LitElement>('main > *');
    await element?.updateComplete;
    element?.focusHeading?.();
  }

  #renderNav() {
    const { l } = this;
    return html`<nav aria-label=${l.t('mainNavigation')}>
      <ul>
        ${screens.map((screen) => {
          const badge = badgeOf[screen];
          const count = badge && this.counts ? this.counts[badge] : 0;
          return html`<li>
            <a href=${hashOf(screen)} aria-current=${screen === this.route.screen ? 'page' : nothing}>
              ${l.t(screenNames[screen])}
              ${
                count > 0
                  ? html`<span class="badge ${urgentBadges.has(screen) ? 'urgent' : ''}"
                      ><span aria-hidden="true">${l.number(count)}</span
                      ><span class="visually-hidden">, ${l.plural(badgeLabelOf(screen), count)}</span></span
                    >`
                  : nothing
              }
            </a>
          </li>`;
        })}
      </ul>
    </nav>`;
  }

  #renderScreen() {
    const { l, client, route } = this;
    if (route.screen === 'references') {
      // Keyed by filter: each is a new screen, with its own focus, as the comments' lists are.
      return keyed(
        route.filter,
        html`<admin-reference-list .client=${client} .l=${l} .filter=${route.filter}></admin-reference-list>`,
      );
    }
    const { screen } = route;
    switch (screen) {
      case 'search':
        return html`<admin-search .client=${client} .l=${l}></admin-search>`;
      case 'rules':
        return html`<admin-rules .client=${client} .l=${l}></admin-rules>`;
      case 'settings':
        return html`<admin-settings .client=${client} .l=${l}></admin-settings>`;
      default: {
        const intro = screen === 'comment' ? undefined : intros[screen];
        // Keyed by route: each list screen is a new element, with its own selection and focus.
        return keyed(
          this.#sections,
          html`<admin-comment-list
            .client=${client}
            .l=${l}
            .heading=${l.t(screenNames[screen])}
            .intro=${intro ? l.t(intro) : ''}
            .sections=${this.#sections}
            .emptyText=${l.t(screen === 'queue' ? 'emptyQueue' : screen === 'comment' ? 'commentGone' : 'emptyList')}
          ></admin-comment-list>`,
        );
      }
    }
  }

  #renderLiveRegions() {
    return html`<div class="visually-hidden" role="status">
        ${keyed(this.announcement.serial, html`<span>${this.announcement.text}</span>`)}
      </div>
      <div class="visually-hidden" role="alert">
        ${keyed(this.alertText.serial, html`<span>${this.alertText.text}</span>`)}
      </div>`;
  }

  protected override render() {
    const { l } = this;
    if (this.session === 'checking') {
      return html`<main class="checking">
        <p role="status">${this.isLocalized ? l.t('loading') : ''}</p>
      </main>`;
    }
    if (this.session === 'unreachable') {
      return html`<main class="checking">
        <h1>${l.t('appTitle')}</h1>
        <p class="error" role="alert">${l.t('networkError')}</p>
        <button type="button" @click=${() => void this.#resume()}>${l.t('retry')}</button>
      </main>`;
    }
    if (this.session === 'signed-out') {
      return html`<admin-sign-in
          .client=${this.client}
          .l=${l}
          .notice=${this.signInNotice}
          @admin-signed-in=${this.#onSignedIn}
        ></admin-sign-in>
        ${this.#renderLiveRegions()}`;
    }
    // A button, not a link to #main: a fragment cannot reach into a shadow root.
    return html`<button
        class="skip"
        type="button"
        @click=${() => this.renderRoot.querySelector<HTMLElement>('main')?.focus()}
      >
        ${l.t('skipToContent')}
      </button>
      <header>
        <p class="brand">${l.t('appTitle')}</p>
        <button
          class="shortcuts"
          type="button"
          aria-keyshortcuts="?"
          aria-haspopup="dialog"
          @click=${(event: Event) => this.#openShortcuts(event.currentTarget as HTMLElement)}
        >
          ${l.t('shortcutsButton')}
        </button>
        <button type="button" @click=${() => void this.#signOut()}>${l.t('signOut')}</button>
      </header>
      <div class="layout">
        ${this.#renderNav()}
        <main
          id="main"
          tabindex="-1"
          @admin-announce=${(event: CustomEvent<AnnounceDetail>) => this.#announce(event.detail)}
          @admin-counts=${(event: CustomEvent<AdminCounts>) => (this.counts = event.detail)}
          @admin-language=${this.#onLanguageChosen}
        >
          ${this.#renderScreen()}
        </main>
      </div>
      ${this.#renderLiveRegions()}
      <admin-shortcuts .l=${l}></admin-shortcuts>`;
  }
}
