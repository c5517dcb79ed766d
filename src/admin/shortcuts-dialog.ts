import { css, html, LitElement } from 'lit';
import type { Localizer, PlainKey } from './messages/localizer.js';
import { sharedStyles } from './styles.js';

const rows: [keys: string[], label: PlainKey][] = [
  [['j'], 'shortcutNext'],
  [['k'], 'shortcutPrevious'],
  [['a'], 'shortcutApprove'],
  [['s'], 'shortcutSpam'],
  [['d'], 'shortcutDelete'],
  [['r'], 'shortcutRestore'],
  [['x'], 'shortcutSelect'],
  [['o'], 'shortcutDetails'],
  [['?'], 'shortcutHelp'],
];

/** The list of keyboard shortcuts, in a modal dialog: `?` or the header's button opens it, Escape closes it. */
export class AdminShortcuts extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      dialog {
        color: var(--admin-text);
        background: var(--admin-background);
        border: 1px solid var(--admin-border);
        border-radius: 10px;
        padding: 1.25rem 1.5rem;
        max-width: min(28rem, calc(100vw - 2rem));
      }

      dialog::backdrop {
        background: rgb(0 0 0 / 45%);
      }

      h2 {
        margin-top: 0;
      }

      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.375rem 1rem;
        margin: 0.75rem 0;
      }

      dt {
        text-align: end;
      }

      dd {
        margin: 0;
      }
    `,
  ];

  static override properties = { l: { attribute: false } };

  l!: Localizer;
  #returnFocusTo: HTMLElement | null = null;

  /** Opens the dialog; focus returns to `returnTo` (or wherever it was) when it closes. */
  open(returnTo?: HTMLElement | null): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog || dialog.open) return;
    this.#returnFocusTo = returnTo ?? null;
    dialog.showModal();
  }

  get isOpen(): boolean {
    return this.renderRoot.querySelector('dialog')?.open ?? false;
  }

  #onClose(): void {
    this.#returnFocusTo?.focus();
    this.#returnFocusTo = null;
  }

  protected override render() {
    const { l } = this;
    return html`<dialog aria-labelledby="title" @close=${this.#onClose}>
      <h2 id="title">${l.t('shortcutsHeading')}</h2>
      <p>${l.t('shortcutsIntro')}</p>
      <dl>
        ${rows.map(
          ([keys, label]) =>
            html`<dt>${keys.map((key) => html`<kbd>${key}</kbd>`)}</dt>
              <dd>${l.t(label)}</dd>`,
        )}
      </dl>
      <p>${l.t('shortcutsBulk')}</p>
      <button
        class="primary"
        type="button"
        autofocus
        @click=${() => this.renderRoot.querySelector('dialog')?.close()}
      >
        ${l.t('close')}
      </button>
    </dialog>`;
  }
}
