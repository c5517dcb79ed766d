import { html, nothing, type PropertyValues } from 'lit';
import type { AdminReference, AdminStatus } from '../../protocol/admin.js';
import { AdminApiError } from '../api/admin-error.js';
import { announce, reportCounts } from '../events.js';
import type { PlainKey } from '../messages/localizer.js';
import { hashOfReferences, referenceFilters, type ReferenceFilter } from '../routes.js';
import { successorOf } from './list-focus.js';
import { ListScreen, type CardShortcut } from './list-screen.js';
import { loadReferencePage, referenceSectionsOf, type ReferenceSection } from './reference-sections.js';
import { referenceChoicesFor, referenceStatusOf, renderReference } from './render-reference.js';

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
export class AdminReferenceList extends ListScreen<AdminReference, ReferenceSection> {
  static override properties = {
    filter: {},
    busy: { state: true },
  };

  /** Which references the screen shows. */
  filter: ReferenceFilter = 'pending';
  busy: ReadonlySet<string> = new Set();

  constructor() {
    super(loadReferencePage);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('filter') || changed.has('client') || changed.has('l')) {
      this.currentId = undefined;
      void this.list.load(referenceSectionsOf(this.filter, this.l));
    }
  }

  protected override onShortcut(
    shortcut: CardShortcut,
    current: AdminReference | undefined,
    event: KeyboardEvent,
  ): void {
    if (shortcut.kind !== 'act') return;
    if (!current) {
      if (this.list.all().length > 0) announce(this, this.l.t('noCurrentReference'));
      return;
    }
    const to = referenceStatusOf[shortcut.action];
    if (!referenceChoicesFor(current).includes(to)) return;
    event.preventDefault();
    void this.#change(current, to);
  }

  /** Gives `reference` the status `to`; one that no longer belongs leaves the list, and focus the one in its place. */
  async #change(reference: AdminReference, to: AdminStatus): Promise<void> {
    const client = this.client;
    if (!client || this.busy.has(reference.id)) return;
    const before = this.list.all().map((shown) => shown.id);
    this.currentId = reference.id;
    this.busy = new Set([...this.busy, reference.id]);
    try {
      const result = await client.changeReference(reference.id, to);
      this.list.update(result.reference);
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
    const shown = new Set(this.list.all().map((item) => item.id));
    if (shown.has(reference.id)) {
      if (!this.shadowRoot?.activeElement) this.focusCard(reference.id);
      return;
    }
    this.focusCard(successorOf(before, before.indexOf(reference.id), shown));
  }

  #reportFailure(error: unknown, id: string): void {
    if (error instanceof AdminApiError && (error.status === 404 || error.status === 409)) {
      // Gone, or no longer verified (its source changed meanwhile): either way it no longer belongs here.
      this.list.remove(id);
      announce(this, this.l.t(error.status === 404 ? 'referenceGone' : 'referenceNotVerified'), true);
      return;
    }
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

  protected override render() {
    const { l } = this;
    const visible = this.list.visible();
    const shown = [...visible.values()].flat();
    const isSettled = [...this.list.states.values()].every((state) => state.kind === 'complete');
    const { sections } = this.list;
    const hasSeveral = sections.length > 1;
    const isUnverified = this.filter === 'unverified';
    return html`<div @focusin=${this.onFocusIn}>
      <h1 id="heading" tabindex="-1">${l.t('screenReferences')}</h1>
      <p class="intro">${l.t(isUnverified ? 'unverifiedIntro' : 'referencesIntro')}</p>
      ${this.#renderFilters()}
      ${shown.length > 0 && !isUnverified ? html`<p class="hint">${l.t('shortcutsHint')}</p>` : nothing}
      ${
        isSettled && shown.length === 0
          ? html`<p class="empty">
              ${l.t(this.filter === 'pending' ? 'emptyReferenceQueue' : 'emptyReferences')}
            </p>`
          : sections.map((section) =>
              this.renderSection(
                section,
                visible.get(section.key) ?? [],
                hasSeveral,
                'references',
                (reference, level) =>
                  renderReference(reference, {
                    l,
                    headingLevel: level,
                    isBusy: this.busy.has(reference.id),
                    onChange: (to) => void this.#change(reference, to),
                  }),
              ),
            )
      }
    </div>`;
  }
}
