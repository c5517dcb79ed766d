// <natter-comments> and <natter-count> in React 19's JSX: `import type {} from 'natter/react'` once in your app.
//
// React 19 sets a prop as a property when the element has one (`lazy={false}`, `pageSize={20}`) and as an
// attribute otherwise, and turns `on<event-name>` props into listeners for that exact event name
// (`onnatter-posted`), so the element's own property names and event names are the props.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { NatterComments, NatterCommentsProperties, NatterEventListeners } from './natter-comments.js';
import type { NatterCountAttributes } from './natter-count.js';

export type { NatterCountAttributes };

/** The props of `<natter-comments>` in JSX: React's HTML props, the element's properties and its events. */
export type NatterCommentsProps = DetailedHTMLProps<HTMLAttributes<NatterComments>, NatterComments> &
  NatterCommentsProperties &
  NatterEventListeners;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'natter-comments': NatterCommentsProps;
      'natter-count': DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & NatterCountAttributes;
    }
  }
}
