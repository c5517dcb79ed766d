import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    // natter-* tags are custom elements, not Vue components to resolve.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('natter-') } } }),
  ],
});
