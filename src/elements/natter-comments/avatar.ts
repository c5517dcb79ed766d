import { html, svg, type TemplateResult } from 'lit';
import type { Comment } from '../../protocol/types.js';
import { safeHref } from '../../text/render-text.js';

/**
 * The picture beside an author's name, drawn here, from what the server sends, with no request to anyone: an
 * identicon from `avatar` (an opaque value the server derives from the e-mail address with a secret salt), the
 * author's initials when they gave no address, and Gravatar's image only when the site owner opted in and the
 * server sends its `avatarUrl`; should that image fail (Gravatar unreachable, or refused by the page's
 * Content-Security-Policy), the drawn picture takes its place. Decorative: the name stands next to it.
 */
export function renderAvatar({ avatar, avatarUrl, author }: Comment): TemplateResult {
  const src = safeHref(avatarUrl);
  const drawn = (isHidden: boolean) =>
    html`<svg class="avatar" part="avatar" viewBox="0 0 10 10" aria-hidden="true" ?hidden=${isHidden}>
      <rect width="10" height="10" fill="currentColor" opacity="0.1" />
      ${avatar ? identicon(avatar) : svg`<text x="5" y="6.6" font-size="4.4" text-anchor="middle" fill="currentColor">${initials(author.name)}</text>`}
    </svg>`;
  if (!src?.startsWith('http')) return drawn(false);
  return html`<img
      class="avatar"
      part="avatar"
      src=${src}
      alt=""
      loading="lazy"
      referrerpolicy="no-referrer"
      @error=${showDrawnAvatar}
    />${drawn(true)}`;
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

/**
 * A 5×5 grid, mirrored left to right as faces are, in a colour of its own: 15 bits choose the cells of the left
 * three columns, the rest the hue, at a saturation and lightness that reads on light and dark pages alike.
 */
function identicon(value: string) {
  const bits = hash(value);
  const cells: [number, number][] = [];
  for (let index = 0; index < 15; index++) {
    if (!((bits >>> index) & 1)) continue;
    const row = index % 5;
    const column = Math.floor(index / 5);
    cells.push([column, row]);
    if (column < 2) cells.push([4 - column, row]);
  }
  const fill = `hsl(${(bits >>> 15) % 360},55%,52%)`;
  return cells.map(
    ([x, y]) => svg`<rect x=${1 + x * 1.6} y=${1 + y * 1.6} width="1.6" height="1.6" fill=${fill} />`,
  );
}

/** The first letters of the first and last words of `name`, e.g. "AL" for "Ada King Lovelace". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  const first = (word = '') => [...word][0] ?? '';
  return (first(words[0]) + (words.length > 1 ? first(words.at(-1)) : '')).toLocaleUpperCase();
}
