/**
 * The official Chorus Pro samples (fixtures/aife-chorus-pro, published by AIFE as deposits
 * Chorus Pro accepts): each one accepted on its own flow, on every channel the flow allows,
 * with no error; the works ones also on the works-only flow of their format where one
 * exists; their facts as AIFE's index says. These files are the ground truth: a change that
 * rejects one of them is wrong.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { precheck } from '../../packages/core/src/node.js';
import type { DepositContext } from '../../packages/core/src/index.js';

const DIR = new URL('../../fixtures/aife-chorus-pro/', import.meta.url);
const lines = readFileSync(new URL('EXPECTED.tsv', DIR), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const header = (lines.shift() as string).split('\t');
const rows = lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l.split('\t')[i] ?? ''])) as Record<string, string>);

/** AIFE published the FSO1116A samples for IN_DP_E2_CII_16B and the FSO1117A ones for IN_DP_E2_CII_FACTURX. */
const OWN: Record<string, { syntaxe: string; works?: { syntaxe: string; interfaceCode: string } }> = {
  FSO1116A: { syntaxe: 'IN_DP_E2_CII_16B' },
  FSO1117A: { syntaxe: 'IN_DP_E2_CII_FACTURX', works: { syntaxe: 'IN_DP_E5_CII_FACTURX', interfaceCode: 'FSO1137A' } },
};
// After every sample's issue date (the latest is in 2018).
const depositDate = '2024-03-01';

async function check(path: string, context: DepositContext) {
  const bytes = new Uint8Array(readFileSync(new URL(path, DIR)));
  const report = await precheck({ name: path.split('/').pop() as string, bytes }, { depositDate, ...context }, { lang: 'en' });
  expect(report.documents).toHaveLength(1);
  return report.documents[0]!;
}

function expectAccepted(doc: Awaited<ReturnType<typeof check>>): void {
  expect(doc.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
  expect(doc.verdict).toBe('accepted');
}

describe('official Chorus Pro samples (AIFE)', () => {
  it('are all here: 12 FSO1116A and 8 FSO1117A', () => {
    expect(rows.filter((r) => r['file']!.startsWith('FSO1116A/'))).toHaveLength(12);
    expect(rows.filter((r) => r['file']!.startsWith('FSO1117A/'))).toHaveLength(8);
  });

  for (const row of rows) {
    const path = row['file'] as string;
    const flow = path.split('/')[0] as string;
    const own = OWN[flow]!;
    describe(path, () => {
      it(`reads as AIFE's index says`, async () => {
        const { facts } = await check(path, {});
        expect({
          syntax: facts.syntax,
          formatFamily: facts.formatFamily,
          cadre: facts.cadre,
          cadreSource: facts.cadreSource,
          isWorks: String(facts.isWorks),
          profile: facts.profile ?? '',
          typeCode: facts.typeCode,
        }).toEqual({
          syntax: row['syntax'],
          formatFamily: row['formatFamily'],
          cadre: row['cadre'],
          cadreSource: row['cadreSource'],
          isWorks: row['isWorks'],
          profile: row['profile'],
          typeCode: row['typeCode'],
        });
        // The issue date is read as a calendar day, with its text as written beside it.
        expect(facts.issueDate).toMatch(/^2018-\d{2}-\d{2}$/);
        expect(facts.issueDateRaw?.replaceAll('-', '')).toBe(facts.issueDate?.replaceAll('-', ''));
        // The Factur-X samples keep their XMP as a bare rdf:RDF stream without /Type /Metadata.
        if (facts.container === 'pdf') expect(facts.pdf?.xmp).toMatchObject({ pdfaPart: 3, pdfaConformance: 'B', documentFileName: 'factur-x.xml' });
      });

      for (const channel of ['API', 'PORTAIL'] as const) {
        it(`is accepted on ${flow} with ${own.syntaxe} (${channel})`, async () => expectAccepted(await check(path, { channel, syntaxe: own.syntaxe })));
      }
      it(`is accepted on ${flow} in EDI`, async () => expectAccepted(await check(path, { channel: 'EDI', interfaceCode: flow })));

      if (row['isWorks'] === 'true' && own.works !== undefined) {
        const works = own.works;
        it(`is accepted on the works-only flow ${works.interfaceCode}`, async () => {
          expectAccepted(await check(path, { channel: 'API', syntaxe: works.syntaxe }));
          expectAccepted(await check(path, { channel: 'PORTAIL', space: 'factures-de-travaux', syntaxe: works.syntaxe }));
          expectAccepted(await check(path, { channel: 'EDI', interfaceCode: works.interfaceCode }));
        });
      }
      if (row['isWorks'] === 'false' && own.works !== undefined) {
        it(`is refused on the works-only flow ${own.works.interfaceCode}: a simple invoice`, async () => {
          const doc = await check(path, { channel: 'API', syntaxe: own.works!.syntaxe });
          expect(doc.verdict).toBe('rejected');
          expect(doc.diagnostics.map((d) => d.ruleId)).toContain('deposit/works-flow-requires-works-cadre');
        });
      }
    });
  }
});
