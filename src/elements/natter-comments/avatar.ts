import type { Comment } from '../../protocol/types.js';
import { safeHref } from '../../text/render-text.js';
import { copies, element, svgElement } from './build-dom.js';

/**
 * The picture beside an author's name, drawn here, from what the server sends, with no request to anyone: an
 * identicon from `avatar` (an opaque value the server derives from the e-mail address with a secret salt), the
 * author's initials when they gave no address, and Gravatar's image only when the site owner opted in and the
 * server sends its `avatarUrl`; should that image fail (Gravatar unreachable, or refused by the page's
 * Content-Security-Policy), the drawn picture takes its place. Decorative: the name stands next to it.
 *
 * Fills `drawn`, the picture {@link drawnAvatar} made for `comment` (an identicon's path when it has an `avatar`, a
 * text for the initials when not), and returns what shows: the picture, or Gravatar's image with the picture hidden
 * after it.
 */
export function showAvatar(drawn: SVGSVGElement, { avatar, avatarUrl, author }: Comment): Element[] {
  const src = safeHref(avatarUrl);
  const isImage = Boolean(src?.startsWith('http'));
  const shape = drawn.lastElementChild as SVGElement;
  if (avatar) {
    const { d, fill } = identicon(avatar);
    shape.setAttribute('d', d);
    shape.setAttribute('fill', fill);
  } else {
    shape.append(initials(author.name));
  }
  if (!src || !isImage) return [drawn];
  drawn.setAttribute('hidden', '');
  const image = element('img', {
    class: 'avatar',
    part: 'avatar',
    src,
    alt: '',
    loading: 'lazy',
    referrerpolicy: 'no-referrer',
  });
  image.addEventListener('error', showDrawnAvatar);
  return [image, drawn];
}

/** The drawn picture, still empty: a square of faint colour, and an identicon's path or a text for the initials. */
function drawnPicture(isIdenticon: boolean): SVGSVGElement {
  return svgElement(
    'svg',
    { class: 'avatar', part: 'avatar', viewBox: '0 0 10 10', 'aria-hidden': 'true' },
    svgElement('rect', { width: '10', height: '10', fill: 'currentColor', opacity: '0.1' }),
    isIdenticon
      ? svgElement('path', {})
      : svgElement('text', {
          x: '5',
          y: '6.6',
          'font-size': '4.4',
          'text-anchor': 'middle',
          fill: 'currentColor',
        }),
  ) as SVGSVGElement;
}
const drawnIdenticon = copies(() => drawnPicture(true));
const drawnInitials = copies(() => drawnPicture(false));

/** A copy of the drawn picture, empty ({@link showAvatar} fills it): for an identicon, or for initials. */
export function drawnAvatar(isIdenticon: boolean): SVGSVGElement {
  return isIdenticon ? drawnIdenticon() : drawnInitials();
}

/** Puts the drawn avatar, rendered hidden after it, in place of an image that failed to load. */
function showDrawnAvatar(event: Event): void {
  const image = event.currentTarget as HTMLImageElement;
  image.hidden = true;
  image.nextElementSibling?.removeAttribute('hidden');
}

/** 32 bits of `value` (FNV-1a): the same value always draws the same picture. */
function hash(value: string): number {
  let bits = 0x811c9dc5;
  for (let index = 0; index < value.length; index++) {
    bits = Math.imul(bits ^ value.charCodeAt(index), 0x01000193);
  }
  return bits >>> 0;
}

/** The cell at `column`, `row` of the grid, 1.6 wide, inside a margin of 1. */
const square = (column: number, row: number) =>
  `M${(10 + column * 16) / 10} ${(10 + row * 16) / 10}h1.6v1.6h-1.6z`;

/**
 * A 5×5 grid, mirrored left to right as faces are, in a colour of its own: 15 bits choose the cells of the left
 * three columns, the rest the hue, at a saturation and lightness that reads on light and dark pages alike: the
 * attributes of one path of squares (not a rectangle for each of a dozen cells: a long thread has that many fewer
 * elements to make).
 */
function identicon(value: string) {
  const bits = hash(value);
  let squares = '';
  for (let index = 0; index < 15; index++) {
    if (!((bits >>> index) & 1)) continue;
    const row = index % 5;
    const column = Math.floor(index / 5);
    squares += square(column, row);
    if (column < 2) squares += square(4 - column, row);
  }
  return { d: squares, fill: `hsl(${(bits >>> 15) % 360},55%,52%)` };
}

/** The first letters of the first and last words of `name`, e.g. "AL" for "Ada King Lovelace". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  const first = (word = '') => [...word][0] ?? '';
  return (first(words[0]) + (words.length > 1 ? first(words.at(-1)) : '')).toLocaleUpperCase();
}
