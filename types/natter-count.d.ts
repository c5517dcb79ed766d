// What every framework's bindings need to know about <natter-count>, derived from the element itself so that they
// cannot drift from it: the attributes it observes.
import type { NatterCount } from '../dist/lib/count.js';

export type { NatterCount };

/** The element's attributes, all optional: `thread` (the thread to count) and `endpoint` (the server to ask). */
export type NatterCountAttributes = Partial<Record<(typeof NatterCount.observedAttributes)[number], string>>;
