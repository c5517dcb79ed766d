import { htmlLine } from './html-text.js';
import { SourceError, type SourceRecord, type SourceState } from './source-records.js';
import { childText, xmlEvents, type XmlChoice, type XmlElement } from './xml-records.js';

// WordPress's export (Tools → Export → All content): WXR 1.2, an RSS 2.0 file whose `<channel>` names the site
// (`<wp:base_blog_url>`) and holds an `<item>` per post or page: its `<link>` first, then its `<wp:comment>`s, each
// with `<wp:comment_id>` (counted per site), `<wp:comment_parent>` (0 for none), the author's name, e-mail address,
// URL and IP address, `<wp:comment_date_gmt>`, `<wp:comment_content>` (text with line breaks, and the HTML the site
// allowed), `<wp:comment_approved>` (1, 0, spam, trash, post-trashed) and `<wp:comment_type>` ('' or comment,
// pingback, trackback; plugins add their own).

/** The elements of the channel and of each item that are read; every other is left out. */
const channelRecords = new Set(['wp:base_blog_url', 'wp:base_site_url', 'link']);
const itemRecords = new Set(['link', 'guid', 'wp:post_id', 'wp:comment']);

function choose(path: string): XmlChoice {
  const names = path.split('/');
  if (names.length === 1) {
    if (path === 'rss') return 'descend';
    throw new SourceError(`this is not a WordPress export (WXR): its root element is <${path}>`);
  }
  if (path === 'rss/channel' || path === 'rss/channel/item') return 'descend';
  if (names.length === 3 && names[1] === 'channel' && channelRecords.has(names[2] ?? '')) return 'record';
  if (names.length === 4 && names[2] === 'item' && itemRecords.has(names[3] ?? '')) return 'record';
  return 'skip';
}

/** The comment types that are readers' comments: WordPress's own, and WooCommerce's reviews. */
const commentTypes = new Set(['', 'comment', 'review']);
/** The comment types that are references from other websites. */
const referenceTypes = new Set(['pingback', 'trackback', 'webmention']);

/** `wp:comment_approved` in natter's words: trash (the post's, too) is deleted, and may be restored. */
function stateOf(approved: string): Exclude<SourceState, 'placeholder'> {
  switch (approved.trim()) {
    case '1':
    case 'approve':
      return 'published';
    case 'spam':
      return 'spam';
    case 'trash':
    case 'post-trashed':
      return 'deleted';
    default:
      return 'pending';
  }
}

/** The comment's time: `comment_date_gmt`, else (WordPress writes zeros when it has none) `comment_date`, as UTC. */
function timeOf(comment: XmlElement, changes: string[]): string {
  const gmt = childText(comment, 'wp:comment_date_gmt').trim();
  if (gmt !== '' && !gmt.startsWith('0000')) return gmt;
  changes.push("no time in UTC: the site's local time taken as UTC");
  return childText(comment, 'wp:comment_date');
}

/** The comments, Pingbacks and Trackbacks of a WordPress export, in file order. */
export async function* readWordPress(text: AsyncIterable<string>): AsyncGenerator<SourceRecord> {
  let site = '';
  let page = '';
  for await (const event of xmlEvents(text, choose)) {
    if (event.kind === 'open') {
      if (event.path === 'rss/channel/item') page = '';
      continue;
    }
    const { element, path, isTooLarge } = event;
    const value = element.text.trim();
    if (path.startsWith('rss/channel/') && !path.startsWith('rss/channel/item/')) {
      // The blog's address names the site, whose comment ids count from 1 as every other site's.
      if (element.name === 'wp:base_blog_url' || site === '') site = value;
      continue;
    }
    if (element.name === 'link' || (element.name === 'guid' && page === '')) {
      page = value;
      continue;
    }
    if (element.name !== 'wp:comment') continue;
    if (isTooLarge) {
      yield { type: 'skip', reason: 'comment larger than 16 MB' };
      continue;
    }
    const sourceId = childText(element, 'wp:comment_id').trim();
    if (sourceId === '') {
      yield { type: 'skip', reason: 'comment without a wp:comment_id' };
      continue;
    }
    const type = childText(element, 'wp:comment_type').trim();
    const state = stateOf(childText(element, 'wp:comment_approved'));
    const changes: string[] = [];
    const createdAt = timeOf(element, changes);
    if (referenceTypes.has(type)) {
      yield {
        type: 'reference',
        sourceId,
        scope: site,
        via: type as 'pingback' | 'trackback' | 'webmention',
        page,
        sourceUrl: childText(element, 'wp:comment_author_url'),
        name: htmlLine(childText(element, 'wp:comment_author')),
        excerpt: childText(element, 'wp:comment_content'),
        createdAt,
        state,
      };
      continue;
    }
    if (!commentTypes.has(type)) {
      yield {
        type: 'skip',
        reason: `comment type "${type.slice(0, 40)}" is no reader's comment (a plugin's note)`,
      };
      continue;
    }
    const parent = childText(element, 'wp:comment_parent').trim();
    yield {
      type: 'comment',
      sourceId,
      scope: site,
      parentId: parent === '' || parent === '0' ? null : parent,
      page,
      // WordPress stores names as HTML text (`&amp;`), from a form or a page's title.
      authorName: htmlLine(childText(element, 'wp:comment_author')),
      authorEmail: childText(element, 'wp:comment_author_email'),
      authorUrl: childText(element, 'wp:comment_author_url'),
      authorIp: childText(element, 'wp:comment_author_IP'),
      body: childText(element, 'wp:comment_content'),
      bodyKind: 'text',
      createdAt,
      state,
      ...(changes.length > 0 && { changes }),
    };
  }
}
