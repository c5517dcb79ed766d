import { childText, xmlEvents, type XmlChoice, type XmlElement } from './xml-records.js';
import { SourceError, type SourceRecord, type SourceState } from './source-records.js';

// Disqus's export (Admin → Moderation → Export): one XML file, `<disqus>` holding its `<category>`s, then every
// `<thread>` (a page: its `<link>` and `<id>`entifier), then every `<post>` (a comment: its `<thread dsq:id>` and
// `<parent dsq:id>`, its `<message>` as HTML, `<createdAt>`, `<isDeleted>`, `<isSpam>`, its `<author>`'s name and
// e-mail address, its `<ipAddress>`). Ids are Disqus's own, unique across every forum.

/** What is read of the export's elements: its threads and posts whole, the rest left out. */
function choose(path: string): XmlChoice {
  if (path === 'disqus') return 'descend';
  if (!path.includes('/'))
    throw new SourceError(`this is not a Disqus export: its root element is <${path}>`);
  if (path === 'disqus/thread' || path === 'disqus/post') return 'record';
  return 'skip';
}

/** Whether an element of the export says `true`. */
const isTrue = (element: XmlElement, name: string) => childText(element, name).trim() === 'true';

/** The `dsq:id` of an element, or of its child `name` (`<thread dsq:id="…"/>`). */
function disqusId(element: XmlElement, name?: string): string {
  const target = name === undefined ? element : element.children.find((child) => child.name === name);
  return target?.attributes['dsq:id']?.trim() ?? '';
}

/**
 * Where a link of a comment leads: Disqus rewrites links through its redirect, `https://disq.us/url?url=<the
 * link, encoded>:<a token>&cuid=…`; the link itself is what the comment's author wrote.
 */
export function unwrapDisqusLink(href: string): string {
  const url = new URL(href);
  if (url.hostname !== 'disq.us' || url.pathname !== '/url') return href;
  const wrapped = url.searchParams.get('url')?.replace(/:[\w-]+$/, '');
  if (!wrapped) return href;
  try {
    const target = new URL(wrapped);
    return target.protocol === 'http:' || target.protocol === 'https:' ? target.href : href;
  } catch {
    return href;
  }
}

/** A post's state in natter's words: spam stays spam; deleted with its text kept, restorable; deleted and emptied, a placeholder. */
function stateOf(post: XmlElement): SourceState {
  if (isTrue(post, 'isSpam')) return 'spam';
  if (isTrue(post, 'isDeleted')) return childText(post, 'message').trim() === '' ? 'placeholder' : 'deleted';
  // Not every export says it; one that does, of a comment awaiting approval, says false.
  if (childText(post, 'isApproved').trim() === 'false') return 'pending';
  return 'published';
}

/** The comments of a Disqus export, in file order. */
export async function* readDisqus(text: AsyncIterable<string>): AsyncGenerator<SourceRecord> {
  /** Each thread's page, by Disqus id: the link, or the identifier when it has none. */
  const pages = new Map<string, string>();
  for await (const event of xmlEvents(text, choose)) {
    if (event.kind === 'open') continue;
    const { element, path, isTooLarge } = event;
    if (isTooLarge) {
      yield { type: 'skip', reason: `${element.name} larger than 16 MB` };
      continue;
    }
    if (path === 'disqus/thread') {
      pages.set(disqusId(element), childText(element, 'link').trim() || childText(element, 'id').trim());
      continue;
    }
    const threadId = disqusId(element, 'thread');
    const page = pages.get(threadId);
    if (page === undefined) {
      yield {
        type: 'skip',
        reason: `post of thread ${threadId || '(none)'}, which the export does not have`,
      };
      continue;
    }
    const sourceId = disqusId(element);
    if (sourceId === '') {
      yield { type: 'skip', reason: 'post without a dsq:id' };
      continue;
    }
    const author = element.children.find((child) => child.name === 'author');
    const parentId = disqusId(element, 'parent');
    yield {
      type: 'comment',
      sourceId,
      scope: '',
      parentId: parentId === '' ? null : parentId,
      page,
      authorName: author ? childText(author, 'name') : '',
      authorEmail: author ? childText(author, 'email') : '',
      authorUrl: author ? childText(author, 'link') : '',
      authorIp: childText(element, 'ipAddress'),
      body: childText(element, 'message'),
      bodyKind: 'html',
      createdAt: childText(element, 'createdAt'),
      state: stateOf(element),
    };
  }
}
