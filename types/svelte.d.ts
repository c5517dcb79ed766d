// <natter-comments> in Svelte 5 markup, for svelte-check and the Svelte language tools:
// `import type {} from 'natter/svelte'` once in your app.
//
// Svelte 5 sets an attribute as a property when the element has one (`lazy={false}`) and treats `on<event-name>`
// attributes as listeners for that exact event name (`onnatter-posted`).
import type { HTMLAttributes } from 'svelte/elements';
import type { NatterComments, NatterCommentsProperties, NatterEventListeners } from './natter-comments.js';
import type { NatterCountAttributes } from './natter-count.js';

/**
 * The attributes of `<natter-comments>` in Svelte markup: Svelte's HTML attributes, the element's properties
 * (`page-size` too, which Svelte passes on as the attribute) and its events.
 */
export type NatterCommentsAttributes = HTMLAttributes<NatterComments> &
  NatterCommentsProperties & { 'page-size'?: number | string } & NatterEventListeners;

declare global {
  namespace svelteHTML {
    interface IntrinsicElements {
      'natter-comments': NatterCommentsAttributes;
      /** `<natter-count>` (natter/count): the thread to count and the server to ask. */
      'natter-count': HTMLAttributes<HTMLElement> & NatterCountAttributes;
    }
  }
}
