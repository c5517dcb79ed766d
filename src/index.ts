/**
 * natter: the `<natter-comments>` element (registered on import), its types, and the protocol client.
 * Import `natter/client` alone to build your own interface.
 */
import './define.js';

export { NatterComments } from './elements/natter-comments/natter-comments.js';
export type {
  NatterErrorDetail,
  NatterLoadedDetail,
  NatterPostedDetail,
  NatterSubmitDetail,
} from './elements/natter-comments/events.js';
export { supportedLocales } from './i18n/localizer.js';
export * from './client/index.js';
