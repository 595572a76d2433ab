/**
 * The corpus files copied into fixtures/corpus are classified (container, syntax, profile,
 * cadre, format family, readability) as the corpus manifest says, except where a reviewed
 * disagreement in manifest-disagreements.json says the reader is right. The whole corpus is
 * swept by `npm run corpus`; this test needs only the fixtures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDeposit } from '../../packages/core/src/node.js';
import { expectedFromManifest, type Expected, type ManifestRow } from './manifest.js';

const FIXTURES = new URL('../../fixtures/corpus/', import.meta.url);
const lines = readFileSync(new URL('MANIFEST.tsv', FIXTURES), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const header = (lines.shift() as string).split('\t');
const rows = lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l.split('\t')[i] ?? ''])) as unknown as ManifestRow & { fixture: string });
const reviewed = (
  JSON.parse(readFileSync(new URL('manifest-disagreements.json', import.meta.url), 'utf8')) as {
    disagreements: Array<{ repo: string; path: string; field: string; ours: unknown; reason: string }>;
  }
).disagreements;

describe('corpus fixtures agree with the corpus manifest', () => {
  it('covers every syntax, every Factur-X profile and the PDF families', () => {
    const expected = rows.map(expectedFromManifest);
    expect(new Set(expected.map((e) => e.syntax))).toEqual(new Set(['UBL', 'CII', 'ZUGFeRD1', 'unknown']));
    for (const p of ['MINIMUM', 'BASIC WL', 'BASIC', 'EN 16931', 'EXTENDED', 'XRECHNUNG']) expect(expected.map((e) => e.profile)).toContain(p);
    for (const f of ['structured-xml', 'mixed-xml', 'facturx-pdf', 'plain-pdf']) expect(expected.map((e) => e.formatFamily)).toContain(f);
  });

  it('has a reason for every reviewed disagreement', () => {
    for (const d of reviewed) expect(d.reason.length, `${d.repo}/${d.path}`).toBeGreaterThan(40);
  });

  for (const row of rows) {
    it(`${row.fixture} (${row.category})`, async () => {
      const bytes = new Uint8Array(readFileSync(new URL(row.fixture, FIXTURES)));
      const [doc, ...rest] = await readDeposit({ name: row.fixture.split('/').pop() as string, bytes });
      expect(rest).toEqual([]);
      const want = expectedFromManifest(row);
      const got: Expected = {
        container: doc!.facts.container,
        syntax: doc!.facts.syntax,
        profile: doc!.facts.profile,
        businessProcess: doc!.facts.businessProcess,
        formatFamily: doc!.facts.formatFamily,
        unreadable: doc!.unreadable,
        typeCode: doc!.facts.typeCode ?? '',
        xmpConformance: doc!.facts.pdf?.xmp?.conformanceLevel ?? '',
        embeddedNames: doc!.facts.pdf === null ? [] : doc!.facts.pdf.embeddedFiles.map((e) => e.name).sort(),
      };
      for (const field of Object.keys(want) as Array<keyof Expected>) {
        const r = reviewed.find((d) => d.repo === row.repo && d.path === row.path && d.field === field);
        expect(got[field], `${field}${r ? ' (reviewed)' : ''}`).toEqual(r ? r.ours : want[field]);
      }
    });
  }
});
