/**
 * Bundles the CLI (`dist/cli/bin.js` and its worker) with its dependencies into a few ESM
 * files, after `tsc` has built the library. Resolving and loading ~100 modules (and lexing the
 * CommonJS ones) was a third of the CLI's start-up. pdf.js stays external: it is loaded only
 * when a PDF arrives.
 *
 * The library entries get the same treatment for Node (`dist/bundle/`, the `node` condition of
 * the package's exports): `import { precheck }` then loads a few files instead of ~80 (import
 * and first check 140 → 90 ms wall, `node -e 0` 50 ms). Bundlers and browsers keep tsc's
 * one-file-per-module build, which they tree-shake; what is loaded only on demand there (ajv,
 * fflate, pdf.js) stays external here too.
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = here('./dist/cli');

// tsc's one-file-per-module output of the CLI is replaced by the bundle.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
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
  metafile: true,
});

writeLicences(result.metafile, join(out, 'THIRD-PARTY-LICENSES.txt'), 'The CLI bundle (bin.js, worker.js, chunk-*.js)');

const library = here('./dist/bundle');
rmSync(library, { recursive: true, force: true });
const libraryResult = await build({
  entryPoints: { index: here('./src/index.ts'), node: here('./src/node.ts') },
  outdir: library,
  // Beside each other two levels under the package root, as tsc's modules are: the
  // `new URL('../../schema/…', import.meta.url)` of the bundled modules still resolve.
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['pdfjs-dist', 'pdfjs-dist/*', 'ajv', 'ajv/*', 'fflate'],
  banner: { js: "import { createRequire as __cpCreateRequire } from 'node:module'; const require = __cpCreateRequire(import.meta.url);" },
  keepNames: true,
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
});
writeLicences(libraryResult.metafile, join(library, 'THIRD-PARTY-LICENSES.txt'), 'The Node bundle of the library (index.js, node.js, chunk-*.js)');

/** A bundle holds copies of its dependencies' code: ship their licences beside it. */
function writeLicences(metafile, path, what) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match) continue;
    const dir = join(process.cwd(), match[1]);
    if (packages.has(dir) || !existsSync(join(dir, 'package.json'))) continue;
    packages.set(dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
  }
  const notices = [...packages]
    .sort(([, a], [, b]) => (a.name < b.name ? -1 : 1))
    .map(([dir, pkg]) => {
      // Every licence file: a package may ship the licence of code it embeds too (libxml2-wasm: LICENSE.libxml2).
      const files = readdirSync(dir)
        .filter((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name))
        .sort();
      const text =
        files.length > 0 ? files.map((f) => readFileSync(join(dir, f), 'utf8').trim()).join('\n\n') : `(no licence file; package.json says ${pkg.license})`;
      return `${pkg.name} ${pkg.version} (${pkg.license})\n\n${text}\n`;
    });
  writeFileSync(path, `${what} includes code of these packages.\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}`);
}

// The rules documentation travels with the package: SARIF rule descriptors link to it (helpUri).
copyFileSync(here('../../rules/README.md'), here('./dist/rules.md'));
