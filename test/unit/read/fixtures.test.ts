/**
 * One harness for every fixture folder with an `expected.json` (scheme in fixtures/README.md):
 * each fixture is read with the Node entry and its documents compared with the expected ones
 * (file names and order, `unreadable`, a subset of the facts, the diagnostics' rule ids).
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isWorksCadre, readDeposit } from '../../../packages/core/src/node.js';

interface ExpectedDoc {
  file: string;
  unreadable: boolean;
  facts: Record<string, unknown>;
  diagnostics: string[];
}
interface ExpectedFile {
  files: Record<string, { description: string; documents: ExpectedDoc[] }>;
}

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

function expectedFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...expectedFiles(p));
    else if (name === 'expected.json') out.push(p);
  }
  return out;
}

/** Deep partial match: arrays of objects compare element-wise as partial objects, same length. */
function partial(expected: unknown): unknown {
  if (Array.isArray(expected)) return expected.map(partial);
  if (expected !== null && typeof expected === 'object') {
    return expect.objectContaining(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, partial(v)])));
  }
  return expected;
}

const folders = expectedFiles(FIXTURES);

describe('fixtures', () => {
  it('has expected facts for fixture folders', () => {
    expect(folders.length).toBeGreaterThan(0);
  });
  for (const path of folders) {
    const dir = join(path, '..');
    const spec = JSON.parse(readFileSync(path, 'utf8')) as ExpectedFile;
    describe(relative(FIXTURES, dir), () => {
      it('lists every fixture file of the folder', () => {
        const files = readdirSync(dir).filter((f) => !['expected.json', 'README.md', 'NOTICE'].includes(f) && statSync(join(dir, f)).isFile());
        expect(Object.keys(spec.files).sort()).toEqual(files.sort());
      });
      for (const [name, { description, documents }] of Object.entries(spec.files)) {
        it(`${name}: ${description}`, async () => {
          const file = join(dir, name);
          expect(existsSync(file)).toBe(true);
          const bytes = new Uint8Array(readFileSync(file));
          const before = bytes.slice();
          const docs = await readDeposit({ name, bytes });
          expect(docs.map((d) => d.file)).toEqual(documents.map((d) => d.file));
          documents.forEach((want, i) => {
            const got = docs[i]!;
            expect(got.unreadable, `${want.file} unreadable`).toBe(want.unreadable);
            // The reader leaves the works flag to the check (the catalogue after the user's overlay);
            // the expected facts give it as a check with the shipped catalogue reads it.
            expect(got.facts.isWorks, `${want.file} works flag left to the check`).toBeNull();
            expect({ ...got.facts, isWorks: isWorksCadre(got.facts.cadre) }, `${want.file} facts`).toEqual(partial(want.facts));
            expect(got.diagnostics.map((d) => d.ruleId).sort(), `${want.file} diagnostics`).toEqual([...want.diagnostics].sort());
          });
          // The user's bytes are never modified.
          expect(bytes).toEqual(before);
        });
      }
    });
  }
});
