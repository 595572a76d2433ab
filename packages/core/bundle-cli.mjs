/**
 * Bundles the CLI (`dist/cli/bin.js` and its worker) with its dependencies into a few ESM
 * files, after `tsc` has built the library. Resolving and loading ~100 modules (and lexing the
 * CommonJS ones) was a third of the CLI's start-up; the library entries stay unbundled.
 * pdf.js stays external: it is loaded only when a PDF arrives.
 */
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = here('./dist/cli');

// tsc's one-file-per-module output of the CLI is replaced by the bundle.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { bin: here('./src/cli/bin.ts'), worker: here('./src/cli/worker.ts') },
  outdir: out,
  // Chunks sit beside bin.js, so that the `new URL('../../…', import.meta.url)` of the bundled
  // modules (package.json, schema/) still point at the package root.
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['pdfjs-dist', 'pdfjs-dist/*'],
  // The bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __cpCreateRequire } from 'node:module'; const require = __cpCreateRequire(import.meta.url);" },
  minify: true,
  keepNames: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
