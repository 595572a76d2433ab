/**
 * Differential test of the structural check against `xmllint --schema` (Debian
 * libxml2-utils): over every XML file of fixtures/ and the invoice XML of every fixture PDF,
 * the schema the product picks gives the same valid/invalid verdict as xmllint with the same
 * schema files (packages/core/xsd), and the first error on the same line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readDeposit } from '../../../packages/core/src/node.js';
import type { Facts } from '../../../packages/core/src/facts/facts.js';
import { compiledSchema, schemaFor, SCHEMA_SETS, shortenPayloads } from '../../../packages/core/src/schema/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures');
const XSD = join(ROOT, 'packages/core/xsd');
const XMLLINT = '/usr/bin/xmllint';
const hasXmllint = existsSync(XMLLINT);

/** The folder of each schema set under packages/core/xsd. */
const FOLDER: Record<string, string> = {
  'ubl-2.1': 'ubl-2.1',
  'cii-d16b': 'cii-d16b',
  'factur-x-minimum': 'factur-x/MINIMUM',
  'factur-x-basic-wl': 'factur-x/BASIC-WL',
  'factur-x-basic': 'factur-x/BASIC',
  'factur-x-en16931': 'factur-x/EN16931',
  'factur-x-extended': 'factur-x/EXTENDED',
  'zugferd-1.0': 'zugferd-1.0',
};

function walk(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

/** One invoice XML to compare: its bytes, its facts and the schema the product picks. */
interface Case {
  name: string;
  bytes: Uint8Array;
  facts: Facts;
}

/** The invoice XMLs of the fixtures: XML files, and the XML embedded in PDFs (captured through the reader's validator hook). */
async function cases(): Promise<Case[]> {
  const out: Case[] = [];
  for (const file of walk(FIXTURES, /\.(xml|pdf)$/i)) {
    const name = relative(FIXTURES, file);
    await readDeposit(
      { name, bytes: new Uint8Array(readFileSync(file)) },
      {
        structure: async (bytes, facts, xmlFile) => {
          out.push({ name: xmlFile, bytes, facts });
          return null;
        },
      },
    );
  }
  return out.filter((c) => schemaFor(c.facts) !== null);
}

/** xmllint's verdict and first error line for one file against one schema. */
function xmllint(file: string, schema: string): { valid: boolean; firstLine: number | null; output: string } {
  const r = spawnSync(XMLLINT, ['--noout', '--nonet', '--schema', schema, file], { encoding: 'utf8' });
  const line = /^.*?:(\d+): .*(?:Schemas validity error|parser error)/m.exec(r.stderr);
  return { valid: r.status === 0, firstLine: line ? Number(line[1]) : null, output: r.stderr };
}

describe.skipIf(!hasXmllint)(
  `structure: same verdict as xmllint --schema${hasXmllint ? '' : ' (skipped: /usr/bin/xmllint not found; apt-get install libxml2-utils)'}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'xsd-diff-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('every fixture invoice XML: same valid/invalid verdict, first error on the same line', async () => {
      const all = await cases();
      // The fixtures hold valid and invalid documents of several schemas: the comparison means something.
      expect(new Set(all.map((c) => schemaFor(c.facts))).size).toBeGreaterThanOrEqual(4);
      const verdicts = { valid: 0, invalid: 0 };
      const mismatches: string[] = [];
      for (const [i, c] of all.entries()) {
        const name = schemaFor(c.facts)!;
        const root = c.facts.document!;
        const entry = SCHEMA_SETS[name].entries[root]!;
        const ours = (await compiledSchema(name, root)!).validate(shortenPayloads(c.bytes), c.name);
        const file = join(dir, `${i}.xml`);
        writeFileSync(file, c.bytes);
        const theirs = xmllint(file, join(XSD, FOLDER[name]!, entry));
        verdicts[theirs.valid ? 'valid' : 'invalid']++;
        const ourLine = ours[0]?.line ?? null;
        if ((ours.length === 0) !== theirs.valid || ourLine !== theirs.firstLine) {
          mismatches.push(
            `${c.name} (${name}): ours ${ours.length === 0 ? 'valid' : `invalid, first error line ${ourLine}: ${ours[0]!.message}`}; xmllint ${theirs.valid ? 'valid' : `invalid, first error line ${theirs.firstLine}: ${theirs.output.split('\n')[0]}`}`,
          );
        }
      }
      console.info(
        `xmllint differential: ${all.length} invoice XMLs, ${verdicts.valid} valid, ${verdicts.invalid} invalid, ${mismatches.length} disagreements`,
      );
      expect(mismatches).toEqual([]);
      expect(verdicts.valid).toBeGreaterThan(0);
      expect(verdicts.invalid).toBeGreaterThan(0);
    });
  },
);
