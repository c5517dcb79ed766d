/**
 * References: the responses to the page from other websites (Webmentions and Pingbacks the server verified), and the
 * form that tells the server about the reader's own, with their styles and English words. One lazily loaded chunk,
 * requested by the interactive chunk once a thread has references to show or a reader opens the form: a thread
 * without references, whose readers send none, never downloads it.
 */
export { ReferenceList } from './reference-list.js';
export { ResponseForm } from './response-form.js';
export { referencesStyles } from './references.styles.js';
