/** The admin page's script (`dist/admin.js`): registers its elements; `admin.html` holds `<natter-admin>`. */
import './define.js';
