// Releases (what 3.8.1 replaced) and user overrides (catalogue overlay, severities), both
// recorded in the report.
import { describe, expect, it } from 'vitest';
import { precheck } from '../../packages/core/src/precheck.js';
import { diffReleases, listRules } from '../../packages/core/src/rules/registry.js';
import { getCatalogue, CatalogueError } from '../../packages/core/src/catalogue/catalogue.js';
import { doc, facts, fakeReader, xmlInput } from '../helpers/facts.js';

const works = facts({ cadre: 'A4', isWorks: true });

describe('releases', () => {
  it('diffs 3.8.0 and 3.8.1: new flows, syntaxe values, portal rules; the replaced rule retired', () => {
    const d = diffReleases('3.8.0', '3.8.1');
    expect(d.addedFlows).toEqual(['FSO1130A', 'FSO1131A', 'FSO1137A']);
    expect(d.removedFlows).toEqual([]);
    expect(d.addedSyntaxes).toEqual(expect.arrayContaining(['IN_DP_E4_UBL_INVOICE', 'IN_DP_E5_CII_FACTURX', 'IN_DP_E1_UBL_INVOICE_B2B']));
    expect(d.addedRules).toEqual(
      expect.arrayContaining(['portal/approbation-menu-needs-pending-approvals', 'deposit/syntaxe-b2b-defect', 'deposit/works-flow-requires-works-cadre']),
    );
    expect(d.removedRules).toEqual(['portal/structure-at-account-creation']);
    expect(diffReleases('3.8.1', '3.8.0').addedRules).toEqual(['portal/structure-at-account-creation']);
  });

  it('lists rules per release', () => {
    const ids380 = listRules({ release: '3.8.0' }).map((r) => r.id);
    expect(ids380).toContain('portal/structure-at-account-creation');
    expect(ids380).not.toContain('deposit/syntaxe-b2b-defect');
    expect(listRules().length).toBeGreaterThan(ids380.length);
  });

  it('checks against 3.8.0 when asked, and says so', async () => {
    const report = await precheck(
      xmlInput(),
      { release: '3.8.0', channel: 'API', syntaxe: 'IN_DP_E4_UBL_INVOICE' },
      { reader: fakeReader(doc('w.xml', works)), lang: 'en' },
    );
    const d = report.documents[0]!;
    expect(report.release).toBe('3.8.0');
    expect(d.release).toBe('3.8.0');
    expect(d.flows.map((f) => f.code)).not.toContain('FSO1130A');
    expect(d.verdict).toBe('rejected');
    expect(d.diagnostics.map((x) => x.ruleId)).toEqual(['deposit/syntaxe-exists']);
    expect(d.diagnostics[0]!.message).toContain('does not exist in Chorus Pro 3.8.0');
    expect(d.rules.map((r) => r.ruleId)).not.toContain('deposit/syntaxe-b2b-defect');
  });

  it('refuses an unknown release with a typed error', async () => {
    await expect(precheck(xmlInput(), { release: '9.9.9' }, { reader: fakeReader(doc('a.xml')) })).rejects.toMatchObject({ code: 'UNKNOWN_RELEASE' });
    expect(() => getCatalogue({ release: '3.7' })).toThrow(CatalogueError);
  });
});

describe('overrides', () => {
  it('a catalogue overlay sets the real syntaxe of a works flow, is recorded, and ends its provisional mark', async () => {
    const overlay = { flows: [{ code: 'FSO1130A', syntaxe: 'IN_DP_E4_UBL_INVOICE_TRAVAUX' }] };
    const ctx = { channel: 'API' as const, syntaxe: 'IN_DP_E4_UBL_INVOICE_TRAVAUX' };
    const report = await precheck(xmlInput(), ctx, { reader: fakeReader(doc('w.xml', works)), catalogueOverlay: overlay });
    const d = report.documents[0]!;
    expect(d.verdict).toBe('accepted');
    expect(d.flows.find((f) => f.code === 'FSO1130A')!.provisional).toBe(false);
    expect(d.flows.find((f) => f.code === 'FSO1131A')!.provisional).toBe(true);
    expect(report.overrides).toEqual({ catalogue: overlay, severity: {} });
    const old = await precheck(
      xmlInput(),
      { channel: 'API', syntaxe: 'IN_DP_E4_UBL_INVOICE' },
      { reader: fakeReader(doc('w.xml', works)), catalogueOverlay: overlay },
    );
    expect(old.documents[0]!.verdict).toBe('rejected');
    // Without the overlay the shipped catalogue is untouched.
    expect(getCatalogue().flow('FSO1130A')!.syntaxe).toBe('IN_DP_E4_UBL_INVOICE');
  });

  it('an overlay can flip an inferred works flag of a cadre', async () => {
    const a5 = facts({ cadre: 'A5', isWorks: true });
    const overlay = { cadres: [{ code: 'A5', works: false }] };
    const ctx = { channel: 'API' as const, syntaxe: 'IN_DP_E4_UBL_INVOICE' };
    const shipped = await precheck(xmlInput(), ctx, { reader: fakeReader(doc('a.xml', a5)) });
    expect(shipped.documents[0]!.verdict).toBe('accepted');
    const report = await precheck(xmlInput(), ctx, { reader: fakeReader(doc('a.xml', a5)), catalogueOverlay: overlay });
    expect(report.documents[0]!.verdict).toBe('rejected');
    expect(report.documents[0]!.diagnostics.map((x) => x.ruleId)).toEqual(['deposit/works-flow-requires-works-cadre']);
    // The reported facts say what the rules saw, not the shipped flag.
    expect(shipped.documents[0]!.facts.isWorks).toBe(true);
    expect(report.documents[0]!.facts.isWorks).toBe(false);
    expect(report.overrides.catalogue).toEqual(overlay);
  });

  it('severity overrides change diagnostics and verdicts, and are recorded; off removes the rule', async () => {
    const ctx = { channel: 'API' as const, syntaxe: 'IN_DP_E4_UBL_INVOICE' };
    const warn = await precheck(xmlInput(), ctx, { reader: fakeReader(doc('a.xml')), severity: { 'deposit/works-flow-requires-works-cadre': 'warning' } });
    const d = warn.documents[0]!;
    expect(d.verdict).toBe('accepted');
    expect(d.diagnostics.map((x) => [x.ruleId, x.severity])).toEqual([['deposit/works-flow-requires-works-cadre', 'warning']]);
    expect(d.rules.find((r) => r.ruleId === 'deposit/works-flow-requires-works-cadre')!.severity).toBe('warning');
    expect(d.flows.find((f) => f.code === 'FSO1130A')!.applicable).toBe(true);
    expect(warn.overrides.severity).toEqual({ 'deposit/works-flow-requires-works-cadre': 'warning' });
    const off = await precheck(xmlInput(), ctx, {
      reader: fakeReader(doc('a.xml')),
      overrides: { severity: { 'deposit/works-flow-requires-works-cadre': 'off' } },
    });
    expect(off.documents[0]!.rules.map((r) => r.ruleId)).not.toContain('deposit/works-flow-requires-works-cadre');
    expect(off.documents[0]!.diagnostics).toEqual([]);
    expect(off.overrides.severity).toEqual({ 'deposit/works-flow-requires-works-cadre': 'off' });
  });

  it('refuses a severity override naming no rule', async () => {
    await expect(precheck(xmlInput(), {}, { reader: fakeReader(doc('a.xml')), severity: { 'deposit/works-only': 'off' } })).rejects.toMatchObject({
      code: 'UNKNOWN_RULE',
    });
  });
});
