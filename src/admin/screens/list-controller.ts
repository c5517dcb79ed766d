import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AdminCounts } from '../../protocol/admin.js';
import type { AdminClient } from '../api/admin-client.js';
import { AdminApiError } from '../api/admin-error.js';

/** One part of a list screen: the queue has two (reported, then awaiting approval); most screens one. */
export interface ListSection<Item> {
  key: string;
  /** Shown above the section when the screen has several. */
  heading?: string;
  /** Whether an item, as an action left it, still belongs here (else it leaves the section). */
  keeps: (item: Item) => boolean;
}

/** A page of a section as the admin API answers it, with the badges' counts when it sends them. */
export interface ListPage<Item> {
  items: Item[];
  next: string | null;
  counts?: AdminCounts;
}

/** Loads one page of `section`: its first, or the one after `before`. */
export type PageLoader<Item, Section> = (
  client: AdminClient,
  section: Section,
  before: string | undefined,
) => Promise<ListPage<Item>>;

/** A section's items, one state at a time, as `@lit/task` models a task. */
export type SectionState<Item> =
  | { kind: 'pending' }
  | { kind: 'complete'; items: Item[]; next: string | null; isLoadingMore: boolean }
  | { kind: 'error'; error: AdminApiError };

/**
 * Loads the sections of a list screen (comments or references) and keeps them as actions change their items. A
 * section loaded again (or a list given new sections) makes every answer still on its way stale: it never paints.
 */
export class ListController<
  Item extends { id: string },
  Section extends ListSection<Item>,
> implements ReactiveController {
  sections: readonly Section[] = [];
  readonly states = new Map<string, SectionState<Item>>();
  #generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => AdminClient | undefined,
    private readonly loadPage: PageLoader<Item, Section>,
    private readonly onCounts: (counts: AdminCounts) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Answers for a screen no longer shown are dropped.
    this.#generation += 1;
  }

  /** Shows `sections`, each from its first page. */
  async load(sections: readonly Section[]): Promise<void> {
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

  async #loadPage(section: Section, before: string | undefined, generation: number): Promise<void> {
    const client = this.client();
    if (!client) return;
    try {
      const page = await this.loadPage(client, section, before);
      if (generation !== this.#generation) return;
      const shown = this.states.get(section.key);
      const earlier = before && shown?.kind === 'complete' ? shown.items : [];
      const seen = new Set(earlier.map((item) => item.id));
      this.states.set(section.key, {
        kind: 'complete',
        items: [...earlier, ...page.items.filter((item) => !seen.has(item.id))],
        next: page.next,
        isLoadingMore: false,
      });
      if (page.counts) this.onCounts(page.counts);
    } catch (error) {
      if (generation !== this.#generation) return;
      const failure = error instanceof AdminApiError ? error : new AdminApiError(0, 'network', String(error));
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
   * The items each section shows, in order: an item in an earlier section (the queue's reported comments) is not
   * shown again in a later one.
   */
  visible(): Map<string, Item[]> {
    const shown = new Set<string>();
    const visible = new Map<string, Item[]>();
    for (const section of this.sections) {
      const state = this.states.get(section.key);
      const items = state?.kind === 'complete' ? state.items.filter((item) => !shown.has(item.id)) : [];
      for (const item of items) shown.add(item.id);
      visible.set(section.key, items);
    }
    return visible;
  }

  /** Every item shown, top to bottom. */
  all(): Item[] {
    return [...this.visible().values()].flat();
  }

  /** Puts a changed item in place, or takes it out of each section it no longer belongs to. */
  update(item: Item): void {
    for (const section of this.sections) {
      const state = this.states.get(section.key);
      if (state?.kind !== 'complete') continue;
      const items = section.keeps(item)
        ? state.items.map((shown) => (shown.id === item.id ? item : shown))
        : state.items.filter((shown) => shown.id !== item.id);
      this.states.set(section.key, { ...state, items });
    }
    this.host.requestUpdate();
  }

  /** Takes an item that no longer exists out of every section. */
  remove(id: string): void {
    for (const [key, state] of this.states) {
      if (state.kind === 'complete') {
        this.states.set(key, { ...state, items: state.items.filter((item) => item.id !== id) });
      }
    }
    this.host.requestUpdate();
  }
}
