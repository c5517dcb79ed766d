import { html, nothing, type PropertyValues } from 'lit';
import type { AdminReference, AdminStatus } from '../../protocol/admin.js';
import { AdminApiError } from '../api/admin-error.js';
import { announce, reportCounts } from '../events.js';
import type { PlainKey } from '../messages/localizer.js';
import { hashOfReferences, referenceFilters, type ReferenceFilter } from '../routes.js';
import { sharedStyles } from '../styles.js';
import { AdminScreen } from './admin-screen.js';
import { ListController } from './list-controller.js';
import { successorOf } from './list-focus.js';
import { listStyles } from './list-styles.js';
import { loadReferencePage, referenceSectionsOf, type ReferenceSection } from './reference-sections.js';
import { referenceChoicesFor, referenceStatusOf, renderReference } from './render-reference.js';
import { shortcutOf } from './shortcuts.js';

const filterNames = {
  pending: 'filterPending',
  published: 'filterPublished',
  spam: 'filterSpam',
  deleted: 'filterDeleted',
  unverified: 'filterUnverified',
} as const satisfies Record<ReferenceFilter, PlainKey>;

/** What is announced once a reference has its new status (`restored` when it leaves spam or deleted for the queue). */
function doneMessage(to: AdminStatus, from: AdminStatus | null): PlainKey {
  if (to === 'pending') return from === 'published' ? 'heldReference' : 'restoredReference';
  return to === 'published' ? 'publishedReference' : to === 'spam' ? 'spammedReference' : 'deletedReference';
}

/**
 * The References screen: the references other websites sent, by status (those awaiting approval first), or the
 * mentions that are not verified with why. Each verified one can be published, held, filed as spam or deleted, by
 * its buttons or the lists' keys (j/k to move, a/s/d/r to act). A reference that no longer belongs leaves the list
 * and focus moves to the one that took its place.
 *
 * @fires admin-announce - what was done, for the page's live region
 * @fires admin-counts - the new counts, for the badges
 */
export class AdminReferenceList extends AdminScreen {
  static override styles = [sharedStyles, listStyles];

  static override properties = {
    filter: {},
    busy: { state: true },
  };

  /** Which references the screen shows. */
  filter: ReferenceFilter = 'pending';
  busy: ReadonlySet<string> = new Set();

  #sections: ReferenceSection[] = [];
  readonly #list = new ListController<AdminReference, ReferenceSection>(
    this,
    () => this.client,
    loadReferencePage,
    (counts) => reportCounts(this, counts),
  );
  /** The reference the keyboard acts on: the last one that had focus. */
  #currentId: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKeyDown);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.#onKeyDown);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('filter') || changed.has('client') || changed.has('l')) {
      this.#sections = referenceSectionsOf(this.filter, this.l);
      this.#currentId = undefined;
      void this.#list.load(this.#sections);
    }
  }

  #focusReference(id: string | undefined): void {
    if (id === undefined) {
      this.focusHeading();
      return;
    }
    this.#currentId = id;
    const card = this.renderRoot.querySelector<HTMLElement>(`article[data-id="${CSS.escape(id)}"]`);
    card?.focus();
    card?.scrollIntoView({ block: 'nearest' });
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const shortcut = shortcutOf(event);
    if (shortcut?.kind !== 'move' && shortcut?.kind !== 'act') return;
    const references = this.#list.all();
    const index = references.findIndex((reference) => reference.id === this.#currentId);
    if (shortcut.kind === 'move') {
      event.preventDefault();
      const next = index === -1 ? (shortcut.by === 1 ? 0 : references.length - 1) : index + shortcut.by;
      const target = references[Math.max(0, Math.min(references.length - 1, next))];
      if (target) this.#focusReference(target.id);
      return;
    }
    const current = references[index];
    if (!current) {
      if (references.length > 0) announce(this, this.l.t('noCurrentReference'));
      return;
    }
    const to = referenceStatusOf[shortcut.action];
    if (!referenceChoicesFor(current).includes(to)) return;
    event.preventDefault();
    void this.#change(current, to);
  };

  /** Notes which reference the moderator is on, whether they came by keyboard, pointer or Tab. */
  #onFocusIn(event: FocusEvent): void {
    const card = event
      .composedPath()
      .find(
        (target): target is HTMLElement => target instanceof HTMLElement && target.dataset.id !== undefined,
      );
    if (card) this.#currentId = card.dataset.id;
  }

  /** Gives `reference` the status `to`; one that no longer belongs leaves the list, and focus the one in its place. */
  async #change(reference: AdminReference, to: AdminStatus): Promise<void> {
    const client = this.client;
    if (!client || this.busy.has(reference.id)) return;
    const before = this.#list.all().map((shown) => shown.id);
    this.#currentId = reference.id;
    this.busy = new Set([...this.busy, reference.id]);
    try {
      const result = await client.changeReference(reference.id, to);
      this.#list.update(result.reference);
      reportCounts(this, result.counts);
      announce(this, this.l.t(doneMessage(to, reference.status), { host: reference.sourceHost }));
    } catch (error) {
      this.#reportFailure(error, reference.id);
    } finally {
      const busy = new Set(this.busy);
      busy.delete(reference.id);
      this.busy = busy;
    }
    await this.updateComplete;
    const shown = new Set(this.#list.all().map((item) => item.id));
    if (shown.has(reference.id)) {
      if (!this.shadowRoot?.activeElement) this.#focusReference(reference.id);
      return;
    }
    this.#focusReference(successorOf(before, before.indexOf(reference.id), shown));
  }

  #reportFailure(error: unknown, id: string): void {
    if (error instanceof AdminApiError && (error.status === 404 || error.status === 409)) {
      // Gone, or no longer verified (its source changed meanwhile): either way it no longer belongs here.
      this.#list.remove(id);
      announce(this, this.l.t(error.status === 404 ? 'referenceGone' : 'referenceNotVerified'), true);
      return;
    }
    if (error instanceof AdminApiError && error.status === 401) return;
    announce(this, this.failureMessage(error), true);
  }

  /** A further page that failed: what is shown stays, and the moderator is told. */
  #reportLoadFailure(error: unknown): void {
    if (error instanceof AdminApiError && error.status === 401) return;
    announce(this, this.failureMessage(error), true);
  }

  #renderFilters() {
    return html`<nav class="filters" aria-label=${this.l.t('referenceFilterLabel')}>
      <ul>
        ${referenceFilters.map(
          (filter) =>
            html`<li>
              <a href=${hashOfReferences(filter)} aria-current=${filter === this.filter ? 'page' : nothing}
                >${this.l.t(filterNames[filter])}</a
              >
            </li>`,
        )}
      </ul>
    </nav>`;
  }

  #renderSection(section: ReferenceSection, references: AdminReference[], hasSeveral: boolean) {
    const { l } = this;
    const state = this.#list.states.get(section.key);
    const headingId = `section-${section.key}`;
    const body =
      !state || state.kind === 'pending'
        ? html`<p role="status">${l.t('loading')}</p>`
        : state.kind === 'error'
          ? html`<p class="error">${l.t('loadError')}</p>
              <button type="button" @click=${() => void this.#list.load(this.#sections)}>
                ${l.t('retry')}
              </button>`
          : html`${references.length === 0 && hasSeveral ? html`<p class="muted">${l.t('emptySection')}</p>` : nothing}
              <ul class="references">
                ${references.map(
                  (reference) =>
                    html`<li>
                      ${renderReference(reference, {
                        l,
                        headingLevel: hasSeveral ? 3 : 2,
                        isBusy: this.busy.has(reference.id),
                        onChange: (to) => void this.#change(reference, to),
                      })}
                    </li>`,
                )}
              </ul>
              ${
                state.next
                  ? html`<button
                      class="more"
                      type="button"
                      ?disabled=${state.isLoadingMore}
                      @click=${() =>
                        void this.#list
                          .loadMore(section.key)
                          .catch((error) => this.#reportLoadFailure(error))}
                    >
                      ${state.isLoadingMore ? l.t('loading') : l.t('showMore')}
                    </button>`
                  : nothing
              }`;
    if (!hasSeveral || !section.heading) return body;
    return html`<section aria-labelledby=${headingId}>
      <h2 class="section-heading" id=${headingId}>
        ${section.heading} <span class="badge">${l.number(references.length)}</span>
      </h2>
      ${body}
    </section>`;
  }

  protected override render() {
    const { l } = this;
    const visible = this.#list.visible();
    const shown = [...visible.values()].flat();
    const isSettled = [...this.#list.states.values()].every((state) => state.kind === 'complete');
    const hasSeveral = this.#sections.length > 1;
    const isUnverified = this.filter === 'unverified';
    return html`<div @focusin=${this.#onFocusIn}>
      <h1 id="heading" tabindex="-1">${l.t('screenReferences')}</h1>
      <p class="intro">${l.t(isUnverified ? 'unverifiedIntro' : 'referencesIntro')}</p>
      ${this.#renderFilters()}
      ${shown.length > 0 && !isUnverified ? html`<p class="hint">${l.t('shortcutsHint')}</p>` : nothing}
      ${
        isSettled && shown.length === 0
          ? html`<p class="empty">
              ${l.t(this.filter === 'pending' ? 'emptyReferenceQueue' : 'emptyReferences')}
            </p>`
          : this.#sections.map((section) =>
              this.#renderSection(section, visible.get(section.key) ?? [], hasSeveral),
            )
      }
    </div>`;
  }
}
