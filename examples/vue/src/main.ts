import { createApp } from 'vue';
import 'natter'; // registers <natter-comments>
import type {} from 'natter/vue'; // <natter-comments> in templates, with its properties and events
import App from './App.vue';

createApp(App).mount('#app');
