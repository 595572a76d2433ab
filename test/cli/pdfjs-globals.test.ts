/**
 * pdf.js's legacy build (the one Node needs) carries core-js polyfills that replace built-ins for
 * the whole process; after a PDF is read through the Node entry, the built-ins must be the ones
 * the process had (a fresh process, so that nothing else loaded pdf.js before).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// tsc's build, and the bundle Node resolves `@chorus-precheck/core/node` to.
const NODE_ENTRIES = ['dist/node.js', 'dist/bundle/node.js'].map((path) => fileURLToPath(new URL(`../../packages/core/${path}`, import.meta.url)));
const PDF = fileURLToPath(new URL('../../fixtures/corpus/akretion-factur-x/invoice_EN16931.pdf', import.meta.url));

const SCRIPT = `
const natives = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse, toString: Function.prototype.toString };
const { readDeposit } = await import(process.argv[1]);
const { readFileSync } = await import('node:fs');
const [doc] = await readDeposit({ name: 'invoice.pdf', bytes: new Uint8Array(readFileSync(process.argv[2])) });
const now = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse, toString: Function.prototype.toString };
console.log(JSON.stringify({
  formatFamily: doc.facts.formatFamily,
  replaced: Object.keys(natives).filter((k) => natives[k] !== now[k]),
  withResolvers: typeof Promise.withResolvers,
}));
`;

describe('reading a PDF in Node', () => {
  it.each(NODE_ENTRIES)('leaves the built-ins pdf.js polyfills would replace as they were (JSON.stringify stays native): %s', (entry) => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT, entry, PDF], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { formatFamily: string; replaced: string[]; withResolvers: string };
    expect(out.formatFamily).toBe('facturx-pdf');
    expect(out.replaced).toEqual([]);
    // What the polyfills add, and pdf.js uses, stays.
    expect(out.withResolvers).toBe('function');
  });
});
