import { html, nothing, type PropertyValues } from 'lit';
import type { AdminAction, AdminComment } from '../../protocol/admin.js';
import { AdminApiError } from '../api/admin-error.js';
import { announce, reportCounts } from '../events.js';
import { loadCommentPage, type CommentSection } from './comment-sections.js';
import { successorOf } from './list-focus.js';
import { ListScreen, type CardShortcut } from './list-screen.js';
import {
  actionKeys,
  actionLabel,
  isKeeping,
  renderComment,
  type DetailState,
  type EditState,
} from './render-comment.js';

/** `comment` as an action leaves it: restoring is for spam and deleted ones only; approving clears reports. */
function after(action: AdminAction, comment: AdminComment): AdminComment {
  if (action === 'approve') return { ...comment, status: 'published', reportCount: 0 };
  if (action === 'restore') {
    const isRestorable = comment.status === 'spam' || comment.status === 'deleted';
    return isRestorable ? { ...comment, status: 'pending' } : comment;
  }
  return { ...comment, status: action === 'spam' ? 'spam' : 'deleted' };
}

const doneOne = {
  approve: 'approvedOne',
  spam: 'spammedOne',
  delete: 'deletedOne',
  restore: 'restoredOne',
} as const satisfies Record<AdminAction, string>;

const doneMany = {
  approve: 'approvedMany',
  spam: 'spammedMany',
  delete: 'deletedMany',
  restore: 'restoredMany',
} as const satisfies Record<AdminAction, string>;

const bulkActions: AdminAction[] = ['approve', 'spam', 'delete', 'restore'];

/**
 * A list screen of the admin page: its sections of comments, each comment with its actions, a selection for bulk
 * actions, and the keyboard shortcuts of mail clients (j/k to move, a/s/d/r to act, x to select, o for details).
 * After an action, a comment that no longer belongs leaves the list and focus moves to the one that took its place.
 *
 * @fires admin-announce - what was done, for the page's live region
 * @fires admin-counts - the lists' new counts, for the badges
 */
export class AdminCommentList extends ListScreen<AdminComment, CommentSection> {
  static override properties = {
    heading: {},
    intro: {},
    sections: { attribute: false },
    emptyText: { attribute: false },
    isResultCountAnnounced: { attribute: false },
    selected: { state: true },
    busy: { state: true },
    details: { state: true },
    edits: { state: true },
  };

  /** The screen's heading (its `h1`). */
  heading = '';
  intro = '';
  sections: readonly CommentSection[] = [];
  /** What an empty list says. */
  emptyText = '';
  /** Whether to announce how many comments were found once a list loads (search results). */
  isResultCountAnnounced = false;

  selected: ReadonlySet<string> = new Set();
  busy: ReadonlySet<string> = new Set();
  details: ReadonlyMap<string, DetailState> = new Map();
  edits: ReadonlyMap<string, EditState> = new Map();

  constructor() {
    super(loadCommentPage);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sections') || changed.has('client')) {
      this.selected = new Set();
      this.details = new Map();
      this.edits = new Map();
      this.currentId = undefined;
      void this.list.load(this.sections).then(() => this.#announceResults());
    }
  }

  #announceResults(): void {
    if (!this.isResultCountAnnounced || !this.isConnected) return;
    const states = [...this.list.states.values()];
    if (states.some((state) => state.kind !== 'complete')) return;
    const count = this.list.all().length;
    const hasMore = states.some((state) => state.kind === 'complete' && state.next);
    announce(
      this,
      count === 0
        ? this.l.t('searchNothing')
        : hasMore
          ? this.l.t('searchResultsMore', { count })
          : this.l.plural('searchResults', count),
    );
  }

  #set<T>(map: ReadonlyMap<string, T>, id: string, value: T | undefined): Map<string, T> {
    const copy = new Map(map);
    if (value === undefined) copy.delete(id);
    else copy.set(id, value);
    return copy;
  }

  #select(id: string, isSelected: boolean): void {
    const selected = new Set(this.selected);
    if (isSelected) selected.add(id);
    else selected.delete(id);
    this.selected = selected;
  }

  protected override onShortcut(
    shortcut: CardShortcut,
    current: AdminComment | undefined,
    event: KeyboardEvent,
  ): void {
    if (shortcut.kind === 'act') {
      const ids = this.selected.size > 0 ? [...this.selected] : current ? [current.id] : [];
      if (ids.length === 0) {
        announce(this, this.l.t('noSelection'));
        return;
      }
      event.preventDefault();
      void this.#act(ids, shortcut.action, this.selected.size > 0);
      return;
    }
    if (!current) return;
    event.preventDefault();
    if (shortcut.kind === 'select') this.#select(current.id, !this.selected.has(current.id));
    else void this.#toggleDetails(current.id);
  }

  /**
   * Applies `action` to `ids`: one comment through its own call (its answer is the comment as it is now), several
   * in one bulk call. Comments that no longer belong leave the list; focus goes to the one in their place.
   */
  async #act(ids: string[], action: AdminAction, isBulk: boolean): Promise<void> {
    const client = this.client;
    if (!client) return;
    const before = this.list.all();
    const focusIndex = before.findIndex((comment) => comment.id === this.currentId);
    this.busy = new Set([...this.busy, ...ids]);
    try {
      if (isBulk) {
        const result = await client.bulk(action, ids);
        for (const id of result.done) {
          const comment = before.find((shown) => shown.id === id);
          if (comment) this.list.update(after(action, comment));
        }
        for (const id of result.notFound) this.list.remove(id);
        this.selected = new Set();
        reportCounts(this, result.counts);
        const gone =
          result.notFound.length > 0 ? ` ${this.l.plural('goneMany', result.notFound.length)}` : '';
        announce(this, `${this.l.plural(doneMany[action], result.done.length)}${gone}`);
      } else {
        const id = ids[0] ?? '';
        const shown = before.find((comment) => comment.id === id);
        const result = await client.act(id, action);
        this.list.update(result.comment);
        reportCounts(this, result.counts);
        const done = shown && isKeeping(action, shown) ? 'keptOne' : doneOne[action];
        announce(this, this.l.t(done, { author: result.comment.author.name }));
      }
    } catch (error) {
      this.#reportFailure(error, ids);
    } finally {
      const busy = new Set(this.busy);
      for (const id of ids) busy.delete(id);
      this.busy = busy;
    }
    await this.updateComplete;
    this.#keepFocus(before, focusIndex);
  }

  /**
   * After an action: focus stays where it is while the current comment is still shown (or comes back to it, when the
   * bulk bar it was on went away); else it goes to the comment now in its place, or to the heading of an empty list.
   */
  #keepFocus(before: AdminComment[], focusIndex: number): void {
    const shown = new Set(this.list.all().map((comment) => comment.id));
    const isFocusLost = !this.shadowRoot?.activeElement;
    const current = before[focusIndex];
    if (!current || shown.has(current.id)) {
      if (isFocusLost) this.focusCard(current?.id);
      return;
    }
    this.focusCard(
      successorOf(
        before.map((comment) => comment.id),
        focusIndex,
        shown,
      ),
    );
  }

  #reportFailure(error: unknown, ids: string[]): void {
    if (error instanceof AdminApiError && error.status === 404 && ids.length === 1) {
      this.list.remove(ids[0] ?? '');
      announce(this, this.l.t('commentGone'), true);
      return;
    }
    if (error instanceof AdminApiError && error.status === 401) return;
    announce(this, this.failureMessage(error), true);
  }

  async #toggleDetails(id: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (this.details.has(id)) {
      this.details = this.#set(this.details, id, undefined);
      return;
    }
    this.details = this.#set<DetailState>(this.details, id, { kind: 'pending' });
    try {
      const detail = await client.detail(id);
      if (this.details.has(id))
        this.details = this.#set<DetailState>(this.details, id, { kind: 'complete', detail });
    } catch (error) {
      if (error instanceof AdminApiError && error.status === 404) {
        this.#reportFailure(error, [id]);
        return;
      }
      if (this.details.has(id)) this.details = this.#set<DetailState>(this.details, id, { kind: 'error' });
    }
  }

  async #startEdit(comment: AdminComment): Promise<void> {
    this.edits = this.#set<EditState>(this.edits, comment.id, { draft: comment.text, isSaving: false });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>(`#edit-${CSS.escape(comment.id)}`)?.focus();
  }

  async #endEdit(id: string): Promise<void> {
    this.edits = this.#set<EditState>(this.edits, id, undefined);
    await this.updateComplete;
    this.focusCard(id);
  }

  async #saveEdit(comment: AdminComment): Promise<void> {
    const edit = this.edits.get(comment.id);
    if (!edit || !this.client) return;
    this.edits = this.#set(this.edits, comment.id, { ...edit, isSaving: true, error: undefined });
    try {
      const result = await this.client.edit(comment.id, edit.draft);
      this.list.update(result.comment);
      announce(this, this.l.t('editedOne', { author: comment.author.name }));
      await this.#endEdit(comment.id);
    } catch (error) {
      const message =
        error instanceof AdminApiError && error.code === 'network'
          ? this.l.t('networkError')
          : String((error as Error).message);
      this.edits = this.#set(this.edits, comment.id, { ...edit, isSaving: false, error: message });
    }
  }

  #renderComment(comment: AdminComment, headingLevel: 2 | 3) {
    const id = comment.id;
    return renderComment(comment, {
      l: this.l,
      headingLevel,
      isSelected: this.selected.has(id),
      isBusy: this.busy.has(id),
      detail: this.details.get(id),
      edit: this.edits.get(id),
      onSelect: (isSelected) => this.#select(id, isSelected),
      onAction: (action) => {
        this.currentId = id;
        void this.#act([id], action, false);
      },
      onToggleDetails: () => void this.#toggleDetails(id),
      onEdit: () => void this.#startEdit(comment),
      onDraft: (draft) => {
        const edit = this.edits.get(id);
        if (edit) this.edits = this.#set(this.edits, id, { ...edit, draft });
      },
      onSave: () => void this.#saveEdit(comment),
      onCancelEdit: () => void this.#endEdit(id),
    });
  }

  #renderBulkBar(shown: AdminComment[]) {
    const selectedShown = shown.filter((comment) => this.selected.has(comment.id));
    const isAllSelected = shown.length > 0 && selectedShown.length === shown.length;
    return html`<div class="toolbar">
        <label class="select-all">
          <input
            type="checkbox"
            .checked=${isAllSelected}
            .indeterminate=${selectedShown.length > 0 && !isAllSelected}
            ?disabled=${shown.length === 0}
            @change=${(event: Event) => {
              const isChecked = (event.target as HTMLInputElement).checked;
              this.selected = new Set(isChecked ? shown.map((comment) => comment.id) : []);
            }}
          />
          ${this.l.t('selectAll')}
        </label>
        <span class="hint">${this.l.t('shortcutsHint')}</span>
      </div>
      ${
        this.selected.size > 0
          ? html`<div class="bulk" role="region" aria-label=${this.l.t('bulkActions')}>
              <span class="count">${this.l.plural('selectedCount', this.selected.size)}</span>
              ${bulkActions.map(
                (action) =>
                  html`<button
                    type="button"
                    class=${action === 'approve' ? 'primary' : action === 'delete' ? 'danger' : ''}
                    aria-keyshortcuts=${actionKeys[action]}
                    @click=${() => void this.#act([...this.selected], action, true)}
                  >
                    ${actionLabel(this.l, action)}
                  </button>`,
              )}
              <button type="button" @click=${() => (this.selected = new Set())}>
                ${this.l.t('clearSelection')}
              </button>
            </div>`
          : nothing
      }`;
  }

  protected override render() {
    const visible = this.list.visible();
    const shown = [...visible.values()].flat();
    const isSettled = [...this.list.states.values()].every((state) => state.kind === 'complete');
    const hasSeveral = this.sections.length > 1;
    return html`<div @focusin=${this.onFocusIn}>
      ${this.heading ? html`<h1 id="heading" tabindex="-1">${this.heading}</h1>` : nothing}
      ${this.intro ? html`<p class="intro">${this.intro}</p>` : nothing}
      ${shown.length > 0 || this.selected.size > 0 ? this.#renderBulkBar(shown) : nothing}
      ${
        isSettled && shown.length === 0 && this.sections.length > 0
          ? html`<p class="empty">${this.emptyText || this.l.t('emptyList')}</p>`
          : this.sections.map((section) =>
              this.renderSection(
                section,
                visible.get(section.key) ?? [],
                hasSeveral,
                'comments',
                (comment, level) => this.#renderComment(comment, level),
              ),
            )
      }
    </div>`;
  }
}
