import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import { userLinkRel, webHref } from '../../text/render-text.js';
import { drawnAvatar, showAvatar } from './avatar.js';
import { copies, element } from './build-dom.js';
import { emptyTime, sayTime, showTime } from './relative-time.js';

/** The page's address without its fragment, read once per render: `location.href` costs a comment's worth. */
let pageAddress: string | undefined;

/** The link that leads to comment `id` on this page, in full, so that it can be copied and shared as it is. */
export function permalink(id: string): string {
  if (pageAddress === undefined) {
    pageAddress = location.href.split('#')[0];
    queueMicrotask(() => (pageAddress = undefined));
  }
  return `${pageAddress}#comment-${id}`;
}

/** "in reply to NAME", linked to that comment, the name isolated as every author's name is. */
export function inReplyToLink(parent: Comment, localizer: ThreadLocalizer): HTMLAnchorElement {
  const [before = '', after] = localizer.t(parent.deleted ? 'inReplyToDeleted' : 'inReplyTo').split('{name}');
  const link = element(
    'a',
    { class: 'in-reply-to', part: 'in-reply-to', href: permalink(parent.id) },
    before,
  );
  if (after !== undefined) link.append(element('bdi', {}, parent.author.name), after);
  return link;
}

/**
 * The header's elements for one kind of comment, still empty: an identicon or initials, a name linked or not, and a
 * date said in words or not. Made once each kind, and copied for each comment ({@link commentHeader} fills them).
 */
const emptyHeaders = new Map<string, () => HTMLElement>();

function emptyHeader(isIdenticon: boolean, isLinked: boolean, isRecent: boolean): HTMLElement {
  const kind = `${isIdenticon} ${isLinked} ${isRecent}`;
  let copy = emptyHeaders.get(kind);
  if (!copy) {
    const name: Record<string, string> = { class: 'author', part: 'author', dir: 'auto' };
    if (isLinked) name.rel = userLinkRel;
    copy = copies(() =>
      // Spaced as a template would space them: the header's words read apart.
      element(
        'header',
        {},
        drawnAvatar(isIdenticon),
        ' ',
        element(isLinked ? 'a' : 'span', name),
        ' ',
        element(
          'span',
          { class: 'meta', part: 'meta' },
          element('a', { class: 'permalink', part: 'permalink' }, emptyTime(isRecent)),
        ),
      ),
    );
    emptyHeaders.set(kind, copy);
  }
  return copy();
}

/**
 * A comment's header: its author's picture and name, linked to their site when given, the date as a link to the
 * comment itself, whether it was edited or awaits moderation, and whom it answers when the nesting does not show
 * it. The name gets `dir="auto"`, a bidi isolate of its own (protocol rule 6), so that right-to-left names read
 * right and direction overrides in them cannot reorder the rest. `host` lists the words "5 minutes ago", which it
 * says again as time passes.
 */
export function commentHeader(
  comment: Comment,
  localizer: ThreadLocalizer,
  inReplyTo: Comment | undefined,
  host: object,
) {
  const { id, author, editedAt, createdAt } = comment;
  // The author's website, when it is an http or https URL; other schemes never become links.
  const href = webHref(author.url);
  const said = sayTime(createdAt, localizer);
  const header = emptyHeader(Boolean(comment.avatar), href !== undefined, said.words !== undefined);
  const drawn = header.firstElementChild as SVGSVGElement;
  const name = drawn.nextElementSibling as HTMLElement;
  const meta = name.nextElementSibling as HTMLSpanElement;
  const link = meta.firstElementChild as HTMLAnchorElement;
  const pictures = showAvatar(drawn, comment);
  // Gravatar's image goes before the drawn picture, which shows only should the image fail.
  if (pictures[0] !== drawn) drawn.before(pictures[0] as Element);
  name.setAttribute('id', `author-${id}`);
  if (href) name.setAttribute('href', href);
  name.append(author.name);
  link.setAttribute('href', permalink(id));
  showTime(link.firstElementChild as HTMLTimeElement, createdAt, said, localizer, host);
  if (editedAt) {
    const title = localizer.timestamp(editedAt);
    meta.append(element('span', { class: 'edited', title }, localizer.t('edited')));
  }
  if (comment.status === 'pending')
    header.append(' ', element('span', { class: 'badge', part: 'badge' }, localizer.t('awaitingModeration')));
  if (inReplyTo) header.append(' ', inReplyToLink(inReplyTo, localizer));
  return header;
}
