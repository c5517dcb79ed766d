// <natter-comments> in Vue 3 templates, for vue-tsc and Volar: `import type {} from 'natter/vue'` once in your
// app (and tell the compiler that natter-* tags are custom elements: see docs/frameworks.md).
//
// Vue sets a binding as a property when the element has a property of that name (`:lazy="false"`) and listens to
// `@natter-posted` as the `natter-posted` event; vue-tsc checks both against these declarations.
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { NatterComments, NatterCommentsProperties, NatterEventMap } from './natter-comments.js';
import type { NatterCountAttributes } from './natter-count.js';

/**
 * The element as a Vue component type: its properties as props and its events as emits, as the Vue guide
 * declares custom elements for TypeScript.
 */
export type NatterCommentsComponent = new () => NatterComments & {
  /** @deprecated For template type checking only; not a property of the element. */
  $props: HTMLAttributes & NatterCommentsProperties & PublicProps;
  /** @deprecated For template type checking only; not a method of the element. */
  $emit: EmitFn<{ [Name in keyof NatterEventMap]: (event: NatterEventMap[Name]) => void }>;
};

/** `<natter-count>` (natter/count) as a Vue component type: the thread to count and the server to ask. */
export type NatterCountComponent = new () => HTMLElement & {
  /** @deprecated For template type checking only; not a property of the element. */
  $props: HTMLAttributes & NatterCountAttributes & PublicProps;
};

declare module 'vue' {
  interface GlobalComponents {
    'natter-comments': NatterCommentsComponent;
    'natter-count': NatterCountComponent;
  }
}
