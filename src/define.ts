import { NatterComments } from './elements/natter-comments/natter-comments.js';

// Guarded, so that two copies of natter on one page (a script tag and an app bundle) do not throw.
if (!customElements.get('natter-comments')) {
  customElements.define('natter-comments', NatterComments);
}

declare global {
  interface HTMLElementTagNameMap {
    'natter-comments': NatterComments;
  }
}
