/**
 * natter/count (and dist/count.js, served at /count.js): "12 comments" on index pages, without the widget. Registers
 * `<natter-count>` and fills every link marked `data-natter-count`, those added later too. Guarded, so two copies
 * on one page neither throw nor count twice.
 */
import { watchLinks } from './elements/natter-count/count-links.js';
import { NatterCount } from './elements/natter-count/natter-count.js';

export { NatterCount };

if (typeof customElements !== 'undefined' && !customElements.get('natter-count')) {
  customElements.define('natter-count', NatterCount);
  watchLinks(document);
}

declare global {
  interface HTMLElementTagNameMap {
    'natter-count': NatterCount;
  }
}
