import { css, html } from 'lit';
import type { ListParameters } from '../api/admin-client.js';
import { sharedStyles } from '../styles.js';
import { AdminScreen } from './admin-screen.js';
import type { CommentSection } from './comment-sections.js';

/** Where a search looks: everywhere (text, names, addresses, threads), or an exact e-mail address or thread. */
type SearchField = 'q' | 'email' | 'thread';

/**
 * The search screen: a form, then the comments it finds in every status, newest first, with the same actions as
 * any list. How many were found is announced.
 */
export class AdminSearch extends AdminScreen {
  static override styles = [
    sharedStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0.5rem 0.75rem;
        margin-bottom: 1rem;
      }

      .field {
        margin: 0;
      }

      .words {
        flex: 1 1 16rem;
      }

      .words input {
        width: 100%;
      }
    `,
  ];

  static override properties = {
    sections: { state: true },
  };

  sections: CommentSection[] = [];

  #search(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const words = (form.elements.namedItem('words') as HTMLInputElement).value.trim();
    const field = (form.elements.namedItem('field') as HTMLSelectElement).value as SearchField;
    if (!words) return;
    const parameters: ListParameters = { queue: 'recent', [field]: words };
    this.sections = [{ key: `search-${Date.now()}`, parameters, keeps: () => true }];
  }

  protected override render() {
    const { l } = this;
    return html`<h1 tabindex="-1">${l.t('searchHeading')}</h1>
      <p class="intro">${l.t('searchIntro')}</p>
      <form role="search" @submit=${this.#search}>
        <div class="field words">
          <label for="words">${l.t('searchLabel')}</label>
          <input id="words" name="words" type="search" maxlength="200" autocomplete="off" />
        </div>
        <div class="field">
          <label for="field">${l.t('searchFieldLabel')}</label>
          <select id="field" name="field">
            <option value="q">${l.t('searchAnywhere')}</option>
            <option value="email">${l.t('searchEmail')}</option>
            <option value="thread">${l.t('searchThread')}</option>
          </select>
        </div>
        <button class="primary" type="submit">${l.t('searchSubmit')}</button>
      </form>
      ${
        this.sections.length > 0
          ? html`<admin-comment-list
              .client=${this.client}
              .l=${l}
              .sections=${this.sections}
              .emptyText=${l.t('searchNothing')}
              .isResultCountAnnounced=${true}
            ></admin-comment-list>`
          : ''
      }`;
  }
}
