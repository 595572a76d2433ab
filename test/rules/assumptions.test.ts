// What a verdict rests on: inferred or provisional catalogue entries, third-party locations and
// the user's own overlay, listed per document and marked on the verdict where it is a guess.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { precheck as precheckNode } from '../../packages/core/src/node.js';
import { precheck } from '../../packages/core/src/precheck.js';
import { formatJunit, formatSarif, formatText, toSarif } from '../../packages/core/src/index.js';
import { doc, facts, fakeReader, xmlInput } from '../helpers/facts.js';

const worksFacturx = new Uint8Array(readFileSync(new URL('../../fixtures/aife-chorus-pro/FSO1117A/FSO1117A_EN16931_P57.pdf', import.meta.url)));
const official = (context: Parameters<typeof precheck>[1], options: Parameters<typeof precheck>[2] = {}) =>
  precheckNode({ name: 'P57.pdf', bytes: worksFacturx }, { depositDate: '2024-03-01', ...context }, { lang: 'en', ...options });

describe('assumptions and verdictProvisional', () => {
  it('mark a verdict on an inferred works syntaxe as provisional, naming the value', async () => {
    const d = (await official({ channel: 'API', syntaxe: 'IN_DP_E5_CII_FACTURX' })).documents[0]!;
    expect(d.verdict).toBe('accepted');
    expect(d.verdictProvisional).toBe(true);
    expect(d.assumptions).toContainEqual(expect.objectContaining({ kind: 'syntaxe', value: 'IN_DP_E5_CII_FACTURX', provenance: 'inferred', scope: 'verdict' }));
  });

  it('leave a verdict on an official flow certain, while the flow table still names its guesses', async () => {
    const d = (await official({ channel: 'API', syntaxe: 'IN_DP_E2_CII_FACTURX' })).documents[0]!;
    expect(d.verdict).toBe('accepted');
    expect(d.verdictProvisional).toBe(false);
    expect(d.assumptions.filter((a) => a.scope === 'verdict')).toEqual([]);
    // FSO1137A applies to this works invoice: its syntaxe is a guess, for the flow table only.
    expect(d.assumptions).toContainEqual(expect.objectContaining({ kind: 'syntaxe', value: 'IN_DP_E5_CII_FACTURX', scope: 'flows' }));
  });

  it('do not hold an EDI deposit named by its interface code to the inferred syntaxe', async () => {
    const d = (await official({ channel: 'EDI', interfaceCode: 'FSO1137A' })).documents[0]!;
    expect(d.verdict).toBe('accepted');
    expect(d.verdictProvisional).toBe(false);
  });

  it('record a value the user declares in a catalogue overlay as provenance user, not a guess', async () => {
    const overlay = { flows: [{ code: 'FSO1137A', syntaxe: 'IN_DP_E5_CII_FACTURX_TRAVAUX' }] };
    const d = (await official({ channel: 'API', syntaxe: 'IN_DP_E5_CII_FACTURX_TRAVAUX' }, { catalogueOverlay: overlay })).documents[0]!;
    expect(d.verdict).toBe('accepted');
    expect(d.assumptions).toContainEqual(
      expect.objectContaining({ kind: 'syntaxe', value: 'IN_DP_E5_CII_FACTURX_TRAVAUX', provenance: 'user', scope: 'verdict' }),
    );
    expect(d.verdictProvisional).toBe(false);
  });

  it('name an inferred works flag and the third-party UBL cadre location a works-only verdict rests on', async () => {
    const a5 = facts({ cadre: 'A5', cadreRaw: 'A5', cadreSource: 'BT-23', isWorks: true });
    const report = await precheck(xmlInput(), { channel: 'API', syntaxe: 'IN_DP_E4_UBL_INVOICE' }, { reader: fakeReader(doc('a5.xml', a5)) });
    const d = report.documents[0]!;
    expect(d.verdict).toBe('accepted');
    expect(d.verdictProvisional).toBe(true);
    expect(d.assumptions.filter((a) => a.scope === 'verdict').map((a) => `${a.kind} ${a.value} ${a.provenance}`)).toEqual([
      'syntaxe IN_DP_E4_UBL_INVOICE inferred',
      'works-flag A5 inferred',
      'cadre-location aife:FactureExtension/aife:CategoryCode third-party',
    ]);
    for (const a of d.assumptions) expect(a.note.fr.length * a.note.en.length).toBeGreaterThan(0);
  });

  it('are shown wherever the verdict is: text, SARIF, JUnit', async () => {
    const report = await official({ channel: 'API', syntaxe: 'IN_DP_E5_CII_FACTURX' });
    expect(formatText(report)).toContain('verdict accepted (provisional: syntaxe IN_DP_E5_CII_FACTURX, inferred)');
    expect(formatText({ ...report, lang: 'fr' })).toContain('verdict accepted (provisoire: syntaxe IN_DP_E5_CII_FACTURX, déduit)');
    const run = toSarif(report).runs[0]!;
    expect(run.properties.documents).toEqual([expect.objectContaining({ verdict: 'accepted', verdictProvisional: true })]);
    expect(formatSarif(report)).toContain('"assumptions"');
    const junit = formatJunit(report);
    expect(junit).toContain('<property name="verdictProvisional" value="true"/>');
    expect(junit).toContain('<property name="assumption" value="syntaxe IN_DP_E5_CII_FACTURX (inferred, verdict)"/>');
  });
});
