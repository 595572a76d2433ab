import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const core = fileURLToPath(new URL('../core/src/index.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// The policy is written once, in index.html's <meta>. A <meta> policy does not reach Web
// Workers (they take the policy of their own response), so the dev and preview servers also
// send it as a header: the check worker then runs under the same rules as the page.
const CSP = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(fileURLToPath(new URL('index.html', import.meta.url)), 'utf8'))?.[1];
if (!CSP) throw new Error('index.html must declare its Content-Security-Policy');
const headers = { 'Content-Security-Policy': CSP };

/**
 * The playground builds the core from its TypeScript sources rather than from
 * packages/core/dist: the dev server then follows core edits without a rebuild, the
 * production bundle tree-shakes the same ES modules, and a stale or half-built dist can
 * never be shipped. The package dependency stays declared for the workspace graph.
 */
export default defineConfig({
  // Relative URLs: the built files work from any folder of any static host.
  base: './',
  plugins: [svelte()],
  resolve: {
    alias: [{ find: /^@chorus-precheck\/core$/, replacement: core }],
  },
  server: {
    port: 5173,
    headers,
    // The sample gallery imports files from the repository's fixtures/ folder.
    fs: { allow: [repoRoot] },
  },
  preview: { headers },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // pdf.js and its worker are large, but they are loaded only when a PDF arrives.
    chunkSizeWarningLimit: 2500,
    assetsInlineLimit: 0,
  },
});
