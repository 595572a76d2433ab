/**
 * The package as users get it: `npm pack` the core, install the tarball in a temporary
 * project, run its bin, import its entries from Node, and bundle the main entry for the
 * browser with Vite to prove no Node built-in leaks into it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, reportValidator } from './validate.js';

const core = fileURLToPath(new URL('../../packages/core/', import.meta.url));
const input = fileURLToPath(new URL('./data/inputs/ubl-simple.xml', import.meta.url));
let project: string;
let files: string[];

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'chorus-pack-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: core, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed[0]!.files.map((f) => f.path);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-test', private: true, type: 'module' }));
  // The dependencies are in npm's cache since the workspace install: no network needed.
  execFileSync('npm', ['install', join(project, packed[0]!.filename), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  copyFileSync(input, join(project, 'invoice.xml'));
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships the build, the published schemas and nothing else', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'bin/chorus-precheck.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/node.js',
        'dist/cli/bin.js',
        'dist/cli/worker.js',
        'dist/cli/THIRD-PARTY-LICENSES.txt',
        'dist/bundle/index.js',
        'dist/bundle/node.js',
        'dist/bundle/THIRD-PARTY-LICENSES.txt',
        'dist/rules.md',
        'schema/report.schema.json',
        'schema/config.schema.json',
        'schema/portal-state.schema.json',
      ]),
    );
    expect(files.filter((f) => f.startsWith('src/') || f.endsWith('.map') || f.includes('.test.') || f.startsWith('rules/'))).toEqual([]);
  });

  it('publishes the account-state schema the portal rules validate against, and the rules documentation SARIF links to', () => {
    const shipped = (path: string) => readFileSync(join(project, 'node_modules/@chorus-precheck/core', path), 'utf8');
    expect(JSON.parse(shipped('schema/portal-state.schema.json'))).toEqual(
      JSON.parse(readFileSync(join(core, '../../rules/schema/portal-state.json'), 'utf8')),
    );
    expect(shipped('dist/rules.md')).toBe(readFileSync(join(core, '../../rules/README.md'), 'utf8'));
  });

  it('declares ESM, types first, no side effects and its Node engines', () => {
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules/@chorus-precheck/core/package.json'), 'utf8')) as Record<string, any>;
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines.node).toMatch(/^>=20/);
    for (const entry of Object.values(pkg.exports as Record<string, unknown>)) {
      if (typeof entry === 'object' && entry !== null) expect(Object.keys(entry)[0]).toBe('types');
    }
  });

  it('runs its bin on an invoice and prints JSON valid against its own schema', () => {
    const run = spawnSync(join(project, 'node_modules/.bin/chorus-precheck'), ['invoice.xml', '--format', 'json'], { cwd: project, encoding: 'utf8' });
    expect([0, 1], run.stderr).toContain(run.status);
    const output = JSON.parse(run.stdout) as Array<{ file: string }>;
    expect(output.map((d) => d.file)).toEqual(['invoice.xml']);
    const validate = reportValidator();
    expect(validate(output), errorsOf(validate)).toBe(true);
    const shipped = JSON.parse(readFileSync(join(project, 'node_modules/@chorus-precheck/core/schema/report.schema.json'), 'utf8')) as unknown;
    expect(shipped).toEqual(JSON.parse(readFileSync(join(core, 'schema/report.schema.json'), 'utf8')));
  });

  it('imports the API from Node, through both entries', () => {
    const script = `
      import * as core from '@chorus-precheck/core';
      import * as node from '@chorus-precheck/core/node';
      import { readFile } from 'node:fs/promises';
      const report = await core.precheck({ name: 'invoice.xml', bytes: new Uint8Array(await readFile('invoice.xml')) }, { channel: 'PORTAIL' });
      const entries = ['@chorus-precheck/core', '@chorus-precheck/core/node'].map((name) => import.meta.resolve(name).split('/core/').pop());
      console.log(JSON.stringify({ core: Object.keys(core).sort(), node: Object.keys(node).sort(), documents: report.documents.length, text: core.formatText(report).length > 0, entries }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { core: string[]; node: string[]; documents: number; text: boolean; entries: string[] };
    // Node loads the bundled entries (a few files instead of ~80 modules); bundlers get tsc's build.
    expect(result.entries).toEqual(['dist/bundle/index.js', 'dist/bundle/node.js']);
    expect(result.core).toEqual(expect.arrayContaining(['precheck', 'formatText', 'formatJson', 'formatSarif', 'formatJunit', 'DEFAULT_LIMITS']));
    expect(result.documents).toBe(1);
    expect(result.text).toBe(true);
  });

  it('bundles its main entry for the browser with no Node built-in', async () => {
    const { build } = await import('vite');
    writeFileSync(join(project, 'entry.js'), `import * as core from '@chorus-precheck/core';\nexport const names = Object.keys(core);\n`);
    const leaked: string[] = [];
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    await build({
      root: project,
      configFile: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'no-node-builtins',
          enforce: 'pre',
          resolveId(id, importer) {
            if (id.startsWith('node:') || builtins.has(id)) leaked.push(`${id} (from ${importer})`);
            return null;
          },
        },
      ],
      build: {
        outDir: join(project, 'browser-dist'),
        lib: { entry: join(project, 'entry.js'), formats: ['es'], fileName: 'bundle' },
        minify: false,
      },
    });
    expect(leaked).toEqual([]);
    const bundle = readFileSync(join(project, 'browser-dist/bundle.js'), 'utf8');
    expect(bundle).not.toContain('__vite-browser-external');
    expect(bundle).toContain('formatSarif');
  });
});
