import { expect } from '@open-wc/testing';
import { ShownThread, type ShownFrom } from '../../src/elements/natter-comments/shown-thread.js';
import { commentTree, type CommentTree } from '../../src/protocol/thread-tree.js';
import type { Comment, ThreadInfo } from '../../src/protocol/types.js';
import { aComment } from '../client/fakes.js';

const thread: ThreadInfo = { key: '/blog/hello', count: 40, locked: false };

/** Comment `id`, answering `parent` (top level without one). */
const comment = (id: string, parent: string | null = null, overrides: Partial<Comment> = {}) =>
  aComment({ id, parent, ...overrides });

/** The tree as lists of ids, to compare one made page by page with one made at once. */
function shape({ roots, replies, byId }: CommentTree) {
  return {
    roots: roots.map(({ id }) => id),
    replies: [...replies]
      .filter(([, list]) => list.length > 0)
      .map(([id, list]) => [id, list.map((c) => c.id)]),
    byId: [...byId.keys()].sort(),
  };
}

const nothingPosted: Comment[] = [];
const nothingChanged = new Map<string, Comment | null>();

/** What the element passes: the pages loaded so far, and (the same lists each time) what the reader did. */
const loadedFrom = (loaded: Comment[], overrides: Partial<ShownFrom> = {}): ShownFrom => ({
  loaded,
  posted: nothingPosted,
  changed: nothingChanged,
  sort: 'oldest',
  thread,
  ...overrides,
});

/** A ShownThread made from `pages` loaded one after another, as Show more appends them. */
function pageByPage(pages: Comment[][], overrides: Partial<ShownFrom> = {}) {
  const shown = new ShownThread();
  let loaded: Comment[] = [];
  for (const page of pages) {
    loaded = [...loaded, ...page];
    shown.update(loadedFrom(loaded, overrides));
  }
  return { shown, loaded };
}

/** A ShownThread made from all of `loaded` at once. */
function atOnce(loaded: Comment[], overrides: Partial<ShownFrom> = {}) {
  const shown = new ShownThread();
  shown.update(loadedFrom(loaded, overrides));
  return shown;
}

describe('ShownThread: the thread as shown, a page at a time', () => {
  it('adds a page as the whole thread made at once would show it, conversations continued across pages included', () => {
    const pages = [
      [comment('a'), comment('a1', 'a'), comment('b')],
      [comment('b1', 'b'), comment('b1x', 'b1'), comment('c'), comment('a2', 'a')],
      [comment('c1', 'c'), comment('orphan', 'never-loaded'), comment('d')],
    ];
    const { shown, loaded } = pageByPage(pages);
    expect(shape(shown.tree)).to.deep.equal(shape(commentTree(loaded)));
    expect(shown.count).to.equal(thread.count);
  });

  it('keeps the list of replies of a conversation a page leaves alone, and replaces those of one it adds to', () => {
    const first = [comment('a'), comment('a1', 'a'), comment('b'), comment('b1', 'b'), comment('c')];
    const shown = new ShownThread();
    shown.update(loadedFrom(first));
    const { replies } = shown.tree;
    const [a, b, b1] = ['a', 'b', 'b1'].map((id) => replies.get(id));
    // A reply to b's reply: b1's list and b's list above it are new; a's stays.
    shown.update(loadedFrom([...first, comment('b1x', 'b1'), comment('d')]));
    expect(replies.get('a')).to.equal(a);
    expect(replies.get('b')).not.to.equal(b);
    expect(replies.get('b')).to.deep.equal(b);
    expect(replies.get('b1')).not.to.equal(b1);
    expect(replies.get('b1')?.map(({ id }) => id)).to.deep.equal(['b1x']);
  });

  it('changes nothing when nothing it is made from changed', () => {
    const from = loadedFrom([comment('a'), comment('a1', 'a')]);
    const shown = new ShownThread();
    shown.update(from);
    const { tree } = shown;
    const list = tree.replies.get('a');
    shown.update({ ...from });
    expect(shown.tree).to.equal(tree);
    expect(shown.tree.replies.get('a')).to.equal(list);
  });

  it('brings into sight a placeholder whose replies come with the next page', () => {
    const placeholder = comment('gone', null, { deleted: true });
    const pages = [
      [comment('a'), placeholder],
      [comment('reply', 'gone'), comment('b')],
    ];
    const { shown, loaded } = pageByPage(pages);
    expect(shape(shown.tree).roots).to.deep.equal(['a', 'gone', 'b']);
    expect(shape(shown.tree)).to.deep.equal(shape(commentTree(loaded)));
  });

  it('counts as the whole thread would when the reader changed comments of earlier pages', () => {
    const pages = [
      [comment('a'), comment('a1', 'a'), comment('b')],
      [comment('a2', 'a'), comment('a1x', 'a1'), comment('c')],
    ];
    // The reader deleted b and edited a1, which the server now holds: a1 and its replies leave the count.
    const changed = new Map<string, Comment | null>([
      ['b', null],
      ['a1', comment('a1', 'a', { status: 'pending' })],
    ]);
    const { shown, loaded } = pageByPage(pages, { changed });
    const whole = atOnce(loaded, { changed });
    expect(shown.count).to.equal(whole.count);
    expect(shown.count).to.equal(thread.count - 3);
    expect(shape(shown.tree)).to.deep.equal(shape(whole.tree));
  });

  it('is made again when a page repeats a comment an earlier one had, which then moves to its new place', () => {
    const pages = [
      [comment('a'), comment('b')],
      [comment('a'), comment('c')],
    ];
    const shown = new ShownThread();
    shown.update(loadedFrom(pages[0]!));
    // As ThreadController appends a page: a comment in both keeps only its later copy.
    shown.update(loadedFrom([pages[0]![1]!, ...pages[1]!]));
    expect(shape(shown.tree).roots).to.deep.equal(['b', 'a', 'c']);
  });
});
