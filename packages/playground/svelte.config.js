import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** The Svelte configuration: TypeScript in components through Vite. */
export default {
  preprocess: vitePreprocess(),
};
