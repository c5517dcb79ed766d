// What every framework's bindings need to know about <natter-comments>, derived from the element itself so that
// they cannot drift from it: the properties a template may set, and the `natter-*` events it may listen to.
import type { NatterComments } from '../dist/lib/index.js';

export type { NatterComments };

/** The element's public properties, all optional (each is also an attribute: `pageSize` is `page-size`). */
export type NatterCommentsProperties = Partial<
  Pick<NatterComments, 'endpoint' | 'thread' | 'locale' | 'pageSize' | 'sort' | 'theme' | 'lazy'>
>;

/** The names of the events the element fires: every `natter-*` event declared in `GlobalEventHandlersEventMap`. */
export type NatterEventName = Extract<keyof GlobalEventHandlersEventMap, `natter-${string}`>;

/** Each `natter-*` event name with its typed `CustomEvent`. */
export type NatterEventMap = { [Name in NatterEventName]: GlobalEventHandlersEventMap[Name] };

/** Listener properties named `on` + the event name (`onnatter-posted`), as React 19 and Svelte 5 bind them. */
export type NatterEventListeners = {
  [Name in NatterEventName as `on${Name}`]?: (event: NatterEventMap[Name]) => void;
};
