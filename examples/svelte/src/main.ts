import { mount } from 'svelte';
import 'natter'; // registers <natter-comments>
import type {} from 'natter/svelte'; // <natter-comments> in markup, with its properties and events
import App from './App.svelte';

export default mount(App, { target: document.getElementById('app')! });
