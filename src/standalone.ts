/** Entry of dist/natter.js, the script-tag bundle: registers the element and exports its class, nothing else. */
import './define.js';

export { NatterComments } from './elements/natter-comments/natter-comments.js';
