import { html, nothing, type TemplateResult } from 'lit';
import { AdminApiError } from '../api/admin-error.js';
import { announce, reportCounts } from '../events.js';
import { sharedStyles } from '../styles.js';
import { AdminScreen } from './admin-screen.js';
import { ListController, type ListSection, type PageLoader } from './list-controller.js';
import { listStyles } from './list-styles.js';
import { shortcutOf, type Shortcut } from './shortcuts.js';

/** The shortcuts a list screen acts on itself: all but moving (the list does that) and help (the page's). */
export type CardShortcut = Exclude<Shortcut, { kind: 'move' | 'help' }>;

/**
 * What the list screens (comments, references) share: their sections, loaded by a {@link ListController} that
 * reports the badges' counts; the card the keyboard is on, which j and k move (the other keys are each screen's);
 * and a section drawn as it stands: loading, failed with Try again, or its cards with Show more.
 */
export abstract class ListScreen<
  Item extends { id: string },
  Section extends ListSection<Item>,
> extends AdminScreen {
  static override styles = [sharedStyles, listStyles];

  protected readonly list: ListController<Item, Section>;
  /** The card the keyboard acts on: the last one that had focus. */
  protected currentId: string | undefined;

  constructor(loadPage: PageLoader<Item, Section>) {
    super();
    this.list = new ListController(
      this,
      () => this.client,
      loadPage,
      (counts) => reportCounts(this, counts),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKeyDown);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.#onKeyDown);
    super.disconnectedCallback();
  }

  /** What a key other than j and k does, to `current`: the card the keyboard is on, if it is on one. */
  protected abstract onShortcut(
    shortcut: CardShortcut,
    current: Item | undefined,
    event: KeyboardEvent,
  ): void;

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const shortcut = shortcutOf(event);
    if (!shortcut || shortcut.kind === 'help') return;
    const items = this.list.all();
    const index = items.findIndex((item) => item.id === this.currentId);
    if (shortcut.kind === 'move') {
      event.preventDefault();
      const next = index === -1 ? (shortcut.by === 1 ? 0 : items.length - 1) : index + shortcut.by;
      const target = items[Math.max(0, Math.min(items.length - 1, next))];
      if (target) this.focusCard(target.id);
      return;
    }
    this.onShortcut(shortcut, items[index], event);
  };

  /** Moves focus to the card of `id`, scrolled into view; to the screen's heading when there is none to go to. */
  protected focusCard(id: string | undefined): void {
    if (id === undefined) {
      this.focusHeading();
      return;
    }
    this.currentId = id;
    const card = this.renderRoot.querySelector<HTMLElement>(`article[data-id="${CSS.escape(id)}"]`);
    card?.focus();
    card?.scrollIntoView({ block: 'nearest' });
  }

  /** Notes which card the moderator is on, whether they came by keyboard, pointer or Tab. */
  protected onFocusIn(event: FocusEvent): void {
    const card = event
      .composedPath()
      .find(
        (target): target is HTMLElement => target instanceof HTMLElement && target.dataset.id !== undefined,
      );
    if (card) this.currentId = card.dataset.id;
  }

  /** A further page that failed: what is shown stays, and the moderator is told (a 401 signs the page out). */
  #reportLoadFailure(error: unknown): void {
    if (error instanceof AdminApiError && error.status === 401) return;
    announce(this, this.failureMessage(error), true);
  }

  /**
   * One section as it stands: loading, failed (with Try again), or its `items` in a list of class `listClass`, each
   * card drawn by `renderCard` (its heading at level 2 under the screen's, 3 under a section's), and Show more while
   * there is more. On a screen of several sections, under the section's heading with how many it shows.
   */
  protected renderSection(
    section: Section,
    items: Item[],
    hasSeveral: boolean,
    listClass: string,
    renderCard: (item: Item, headingLevel: 2 | 3) => TemplateResult,
  ): TemplateResult {
    const { l } = this;
    const state = this.list.states.get(section.key);
    const headingId = `section-${section.key}`;
    const body =
      !state || state.kind === 'pending'
        ? html`<p role="status">${l.t('loading')}</p>`
        : state.kind === 'error'
          ? html`<p class="error">${l.t('loadError')}</p>
              <button type="button" @click=${() => void this.list.load(this.list.sections)}>
                ${l.t('retry')}
              </button>`
          : html`${items.length === 0 && hasSeveral ? html`<p class="muted">${l.t('emptySection')}</p>` : nothing}
              <ul class=${listClass}>
                ${items.map((item) => html`<li>${renderCard(item, hasSeveral ? 3 : 2)}</li>`)}
              </ul>
              ${
                state.next
                  ? html`<button
                      class="more"
                      type="button"
                      ?disabled=${state.isLoadingMore}
                      @click=${() =>
                        void this.list.loadMore(section.key).catch((error) => this.#reportLoadFailure(error))}
                    >
                      ${state.isLoadingMore ? l.t('loading') : l.t('showMore')}
                    </button>`
                  : nothing
              }`;
    if (!hasSeveral || !section.heading) return body;
    return html`<section aria-labelledby=${headingId}>
      <h2 class="section-heading" id=${headingId}>
        ${section.heading} <span class="badge">${l.number(items.length)}</span>
      </h2>
      ${body}
    </section>`;
  }
}
