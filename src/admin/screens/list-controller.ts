import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AdminComment, AdminCounts } from '../../protocol/admin.js';
import type { AdminClient, ListParameters } from '../api/admin-client.js';
import { AdminApiError } from '../api/admin-error.js';

/** One part of a list screen: the queue has two (reported, then awaiting approval); the others one. */
export interface ListSection {
  key: string;
  /** Shown above the section when the screen has several. */
  heading?: string;
  /** What the section lists; or `commentId`, for a section of that one comment. */
  parameters: ListParameters;
  commentId?: string;
  /** Whether a comment, as an action left it, still belongs here (else it leaves the section). */
  keeps: (comment: AdminComment) => boolean;
}

/** A section's comments, one state at a time, as `@lit/task` models a task. */
export type SectionState =
  | { kind: 'pending' }
  | { kind: 'complete'; comments: AdminComment[]; next: string | null; isLoadingMore: boolean }
  | { kind: 'error'; error: AdminApiError };

/**
 * Loads the sections of a list screen and keeps them as actions change their comments. A section loaded again (or
 * a list given new sections) makes every answer still on its way stale: it never paints.
 */
export class ListController implements ReactiveController {
  sections: readonly ListSection[] = [];
  readonly states = new Map<string, SectionState>();
  #generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => AdminClient | undefined,
    private readonly onCounts: (counts: AdminCounts) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Answers for a screen no longer shown are dropped.
    this.#generation += 1;
  }

  /** Shows `sections`, each from its first page. */
  async load(sections: readonly ListSection[]): Promise<void> {
    this.sections = sections;
    const generation = ++this.#generation;
    this.states.clear();
    for (const section of sections) this.states.set(section.key, { kind: 'pending' });
    this.host.requestUpdate();
    await Promise.all(sections.map((section) => this.#loadPage(section, undefined, generation)));
  }

  /** Loads the next page of one section below what it shows. */
  async loadMore(key: string): Promise<void> {
    const section = this.sections.find((candidate) => candidate.key === key);
    const state = this.states.get(key);
    if (!section || state?.kind !== 'complete' || !state.next || state.isLoadingMore) return;
    this.states.set(key, { ...state, isLoadingMore: true });
    this.host.requestUpdate();
    await this.#loadPage(section, state.next, this.#generation);
  }

  async #loadPage(section: ListSection, before: string | undefined, generation: number): Promise<void> {
    const client = this.client();
    if (!client) return;
    try {
      const page = section.commentId
        ? { comments: [(await client.detail(section.commentId)).comment], next: null, counts: undefined }
        : await client.list({ ...section.parameters, ...(before && { before }) });
      if (generation !== this.#generation) return;
      const shown = this.states.get(section.key);
      const earlier = before && shown?.kind === 'complete' ? shown.comments : [];
      const seen = new Set(earlier.map((comment) => comment.id));
      this.states.set(section.key, {
        kind: 'complete',
        comments: [...earlier, ...page.comments.filter((comment) => !seen.has(comment.id))],
        next: page.next,
        isLoadingMore: false,
      });
      if (page.counts) this.onCounts(page.counts);
    } catch (error) {
      if (generation !== this.#generation) return;
      const failure = error instanceof AdminApiError ? error : new AdminApiError(0, 'network', String(error));
      if (section.commentId && failure.status === 404) {
        // A comment a link named that no longer exists: an empty list, which says so.
        this.states.set(section.key, { kind: 'complete', comments: [], next: null, isLoadingMore: false });
        return;
      }
      const shown = this.states.get(section.key);
      // A failed further page keeps what is shown; a failed first page is the section's error.
      this.states.set(
        section.key,
        shown?.kind === 'complete' ? { ...shown, isLoadingMore: false } : { kind: 'error', error: failure },
      );
      if (shown?.kind === 'complete') throw failure;
    } finally {
      if (generation === this.#generation) this.host.requestUpdate();
    }
  }

  /**
   * The comments each section shows, in order: a comment in an earlier section (the queue's reported ones) is not
   * shown again in a later one.
   */
  visible(): Map<string, AdminComment[]> {
    const shown = new Set<string>();
    const visible = new Map<string, AdminComment[]>();
    for (const section of this.sections) {
      const state = this.states.get(section.key);
      const comments =
        state?.kind === 'complete' ? state.comments.filter((comment) => !shown.has(comment.id)) : [];
      for (const comment of comments) shown.add(comment.id);
      visible.set(section.key, comments);
    }
    return visible;
  }

  /** Every comment shown, top to bottom. */
  all(): AdminComment[] {
    return [...this.visible().values()].flat();
  }

  /** Puts a changed comment in place, or takes it out of each section it no longer belongs to. */
  update(comment: AdminComment): void {
    for (const section of this.sections) {
      const state = this.states.get(section.key);
      if (state?.kind !== 'complete') continue;
      const comments = section.keeps(comment)
        ? state.comments.map((shown) => (shown.id === comment.id ? comment : shown))
        : state.comments.filter((shown) => shown.id !== comment.id);
      this.states.set(section.key, { ...state, comments });
    }
    this.host.requestUpdate();
  }

  /** Takes a comment that no longer exists out of every section. */
  remove(id: string): void {
    for (const [key, state] of this.states) {
      if (state.kind === 'complete') {
        this.states.set(key, { ...state, comments: state.comments.filter((comment) => comment.id !== id) });
      }
    }
    this.host.requestUpdate();
  }
}
