import { NatterAdmin } from './natter-admin.js';
import { AdminCommentList } from './screens/comment-list.js';
import { AdminReferenceList } from './screens/reference-list.js';
import { AdminRules } from './screens/rules-screen.js';
import { AdminSearch } from './screens/search-screen.js';
import { AdminSettings } from './screens/settings-screen.js';
import { AdminSignIn } from './screens/sign-in.js';
import { AdminShortcuts } from './shortcuts-dialog.js';

/** The admin page's elements, registered once (a second copy of the script defines nothing). */
const elements = {
  'natter-admin': NatterAdmin,
  'admin-sign-in': AdminSignIn,
  'admin-comment-list': AdminCommentList,
  'admin-reference-list': AdminReferenceList,
  'admin-search': AdminSearch,
  'admin-rules': AdminRules,
  'admin-settings': AdminSettings,
  'admin-shortcuts': AdminShortcuts,
};

for (const [name, element] of Object.entries(elements)) {
  if (!customElements.get(name)) customElements.define(name, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'natter-admin': NatterAdmin;
    'admin-sign-in': AdminSignIn;
    'admin-comment-list': AdminCommentList;
    'admin-reference-list': AdminReferenceList;
    'admin-search': AdminSearch;
    'admin-rules': AdminRules;
    'admin-settings': AdminSettings;
    'admin-shortcuts': AdminShortcuts;
  }
}
