import { copies, element, setAttribute, setText } from './build-dom.js';
import type { Piece, PieceResult } from './comment-item.js';

// Reply, Like and Report under every comment, made by DOM calls: a template for each of them made them a third of
// what a page of a long thread cost. Each is made once for its comment, kept by the comment's item (comment-item.ts),
// and then brought up to date in place, so that the button the reader pressed keeps its focus. Attributes and text
// only, set as such.

/** A `<div>` of `part` holding a button that calls the latest `onClick` it was given. */
abstract class ActionButton<View extends { id: string; onClick(): void }> implements Piece<View> {
  protected box?: HTMLDivElement;
  protected button!: HTMLButtonElement;
  #onClick?: () => void;

  /** Takes `box` (a copy of one {@link buttonBox} made) as the piece's own, when first shown; returns its button. */
  protected make(box: HTMLDivElement): HTMLButtonElement {
    this.box = box;
    this.button = box.firstElementChild as HTMLButtonElement;
    this.button.addEventListener('click', () => this.#onClick?.());
    return this.button;
  }

  /** The box, made when first shown and brought up to `view` each time after; its button names the author. */
  show(view: View): HTMLDivElement {
    this.#onClick = view.onClick;
    this.showView(view);
    setAttribute(this.button, 'aria-describedby', `author-${view.id}`);
    return this.box as HTMLDivElement;
  }

  protected abstract showView(view: View): void;
}

/** A maker of copies of a `<div>` of `part` holding a button with `attributes` and the `children` made for it. */
const buttonBox = (
  part: string,
  attributes: Record<string, string>,
  children = (): (Node | string)[] => [],
) =>
  copies(() =>
    element(
      'div',
      { class: part, part },
      element('button', { type: 'button', ...attributes }, ...children()),
    ),
  );

/** What Reply shows for one comment. */
export interface ReplyView {
  id: string;
  label: string;
  /** Whether its reply form is open. */
  isOpen: boolean;
  onClick(): void;
}

const replyBox = buttonBox('reply', {
  class: 'reply-open secondary',
  part: 'button',
  'aria-expanded': 'false',
});

class ReplyButton extends ActionButton<ReplyView> {
  #label!: Text;

  protected showView({ label, isOpen }: ReplyView): void {
    if (!this.box) {
      this.#label = new Text(label);
      this.make(replyBox()).append(this.#label);
    }
    setText(this.#label, label);
    setAttribute(this.button, 'aria-expanded', isOpen ? 'true' : 'false');
  }
}

/** Reply under a comment, which opens its reply form ({@link ReplyView}). */
export const replyButton = (view: ReplyView): PieceResult<ReplyView> => ({ piece: ReplyButton, view });

/** What Like shows for one comment. */
export interface LikeView {
  id: string;
  /** "Like". */
  label: string;
  /** "Like (2 likes)", what a screen reader says. */
  fullLabel: string;
  isLiked: boolean;
  /** The count of likes as the locale writes it, when there are any. */
  count?: string;
  /** Why the last like failed. */
  error?: string;
  onClick(): void;
}

/** Like as most comments show it at first: not pressed, its icon and word put in (the icon in its span). */
const likeBox = buttonBox(
  'like',
  { class: 'like-button secondary', part: 'button like-button', 'aria-pressed': 'false' },
  () => [element('span', { class: 'like-icon', 'aria-hidden': 'true' }), ' '],
);

class LikeButton extends ActionButton<LikeView> {
  #icon!: Text;
  #label!: Text;
  /** The count, apart from the word as a template would space them, while there are likes. */
  #count?: [Text, HTMLSpanElement];
  #error?: HTMLSpanElement;

  protected showView({ label, fullLabel, isLiked, count, error }: LikeView): void {
    if (!this.box) {
      this.#icon = new Text();
      this.#label = new Text();
      const button = this.make(likeBox());
      button.firstElementChild?.append(this.#icon);
      button.append(this.#label);
    }
    const { button } = this;
    setAttribute(button, 'class', isLiked ? 'like-button liked secondary' : 'like-button secondary');
    setAttribute(button, 'aria-pressed', isLiked ? 'true' : 'false');
    setAttribute(button, 'aria-label', fullLabel);
    setText(this.#icon, isLiked ? '♥' : '♡');
    setText(this.#label, label);
    if (count === undefined) this.#count?.forEach((node) => node.remove());
    else {
      this.#count ??= [new Text(' '), element('span', { class: 'like-count' })];
      this.#count[1].textContent = count;
      if (this.#count[1].parentNode !== button) button.append(...this.#count);
    }
    if (error === undefined) this.#error?.remove();
    else {
      this.#error ??= element('span', { class: 'field-error like-error', role: 'alert' });
      this.#error.textContent = error;
      if (this.#error.parentNode !== this.box) this.box?.append(this.#error);
    }
  }
}

/** Like under a comment, with its count, pressed once this browser liked it ({@link LikeView}). */
export const likeButton = (view: LikeView): PieceResult<LikeView> => ({ piece: LikeButton, view });

/** What Report shows for one comment before the reader reports it. */
export interface ReportView {
  id: string;
  label: string;
  onClick(): void;
}

const reportBox = buttonBox('report', { class: 'report-open secondary', part: 'button' });

class ReportButton extends ActionButton<ReportView> {
  #label!: Text;

  protected showView({ label }: ReportView): void {
    if (!this.box) {
      this.#label = new Text(label);
      this.make(reportBox()).append(this.#label);
    }
    setText(this.#label, label);
  }
}

/** Report under someone else's comment, which opens the choice of a reason ({@link ReportView}). */
export const reportButton = (view: ReportView): PieceResult<ReportView> => ({ piece: ReportButton, view });
