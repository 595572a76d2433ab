/**
 * The structural check through the API: schema findings as located diagnostics of their own
 * rules, severity as the evidence says (UBL errors, CII D16B warnings), `strict`, grouping,
 * and a schema error that hides nothing else.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { precheck, readDeposit } from '../../../packages/core/src/node.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const input = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(FIXTURES + path)) });
const UBL = { channel: 'PORTAIL', syntaxe: 'IN_DP_E1_UBL_INVOICE', depositDate: '2024-03-01' } as const;
const CII = { channel: 'PORTAIL', syntaxe: 'IN_DP_E1_CII_16B', depositDate: '2024-03-01' } as const;

describe('structure: the skeleton UBL invoice', () => {
  it('is rejected with a located UBL 2.1 schema error, FR and EN messages of our own', async () => {
    const report = await precheck(input('structure/skeleton-ubl.xml'), UBL, { lang: 'en' });
    const doc = report.documents[0]!;
    expect(doc.verdict).toBe('rejected');
    expect(doc.facts.schema).toEqual({ name: 'ubl-2.1', valid: false, errorCount: 1 });
    const d = doc.diagnostics.filter((x) => x.ruleId === 'structure/ubl-2-1');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      severity: 'error',
      location: { file: 'skeleton-ubl.xml', line: 8, column: 3, xpath: '/ubl:Invoice[1]/cac:AccountingCustomerParty[1]', businessTerm: 'BG-7' },
      source: { file: 'rules/structure/ubl-2-1.json', pointer: '/assert' },
      count: 1,
    });
    expect(d[0]!.messages!.en).toMatch(
      /^The XML is not valid against the published UBL 2\.1 schema \(OASIS\)\. Element cac:AccountingCustomerParty is not expected here/,
    );
    expect(d[0]!.messages!.fr).toMatch(
      /^Le XML n'est pas valide selon le schéma UBL 2\.1 publié \(OASIS\)\. L’élément cac:AccountingCustomerParty n’est pas attendu/,
    );
    // libxml2's own text is the detail, never the message.
    expect(d[0]!.detail).toMatch(
      /^Element '\{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\}AccountingCustomerParty': This element is not expected/,
    );
    expect(d[0]!.message).not.toContain('{urn:');
  });

  it('keeps its facts, its flow table and its other diagnostics', async () => {
    const withSchema = await precheck(input('structure/skeleton-ubl.xml'), UBL, { lang: 'en' });
    const without = await precheck(input('structure/skeleton-ubl.xml'), UBL, { lang: 'en', structure: false });
    const a = withSchema.documents[0]!;
    const b = without.documents[0]!;
    expect(b.facts.schema).toBeNull();
    expect(b.verdict).toBe('accepted');
    expect({ ...a.facts, schema: null }).toEqual(b.facts);
    expect(a.flows).toEqual(b.flows);
    expect(a.diagnostics.filter((x) => !x.ruleId.startsWith('structure/'))).toEqual(b.diagnostics);
  });
});

describe('structure: severity follows the evidence', () => {
  it('a CII D16B schema finding is a warning that does not change the verdict', async () => {
    const report = await precheck(input('structure/cii-no-delivery.xml'), CII, { lang: 'en' });
    const without = await precheck(input('structure/cii-no-delivery.xml'), CII, { lang: 'en', structure: false });
    const doc = report.documents[0]!;
    const d = doc.diagnostics.filter((x) => x.ruleId === 'structure/cii-d16b');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      severity: 'warning',
      location: {
        line: 32,
        column: 5,
        xpath: '/rsm:CrossIndustryInvoice[1]/rsm:SupplyChainTradeTransaction[1]/ram:ApplicableHeaderTradeSettlement[1]',
        businessTerm: 'BG-13',
      },
      expected: ['ram:ApplicableHeaderTradeDelivery'],
    });
    expect(doc.verdict).toBe(without.documents[0]!.verdict);
  });

  it('strict makes every schema finding an error, and says so in the report overrides', async () => {
    const report = await precheck(input('structure/cii-no-delivery.xml'), CII, { lang: 'en', strict: true });
    const doc = report.documents[0]!;
    expect(doc.diagnostics.find((x) => x.ruleId === 'structure/cii-d16b')?.severity).toBe('error');
    expect(doc.verdict).toBe('rejected');
    expect(report.overrides.severity['structure/cii-d16b']).toBe('error');
    // An explicit override wins over strict.
    const off = await precheck(input('structure/cii-no-delivery.xml'), CII, { lang: 'en', strict: true, severity: { 'structure/cii-d16b': 'off' } });
    expect(off.documents[0]!.diagnostics.some((x) => x.ruleId === 'structure/cii-d16b')).toBe(false);
  });
});

describe('structure: many errors of one kind', () => {
  it('are one diagnostic with their count, located at the first', async () => {
    const base = readFileSync(FIXTURES + 'generated/works-a13-ubl.xml', 'utf8');
    const line =
      '  <cac:InvoiceLine>\n    <cbc:ID>1</cbc:ID>\n    <cbc:LineExtensionAmount currencyID="EUR">cent</cbc:LineExtensionAmount>\n    <cac:Item><cbc:Name>x</cbc:Name></cac:Item>\n    <cac:Price><cbc:PriceAmount currencyID="EUR">1</cbc:PriceAmount></cac:Price>\n  </cac:InvoiceLine>\n';
    const xml = base.replace('</Invoice>', `${line.repeat(2000)}</Invoice>`);
    const report = await precheck({ name: 'many.xml', bytes: new TextEncoder().encode(xml) }, UBL, { lang: 'fr' });
    const d = report.documents[0]!.diagnostics.filter((x) => x.ruleId === 'structure/ubl-2-1');
    expect(report.documents[0]!.facts.schema).toMatchObject({ valid: false, errorCount: 2000 });
    expect(d).toHaveLength(1);
    expect(d[0]!.count).toBe(2000);
    expect(d[0]!.message).toMatch(/La valeur « cent » de cbc:LineExtensionAmount n’est pas permise par son type \(2000 fois dans le document\)\.$/);
    // The first added line's amount: two lines below where `</Invoice>` stood.
    const first = base.slice(0, base.indexOf('</Invoice>')).split('\n').length + 2;
    expect(d[0]!.location).toMatchObject({ line: first, xpath: '/ubl:Invoice[1]/cac:InvoiceLine[2]/cbc:LineExtensionAmount[1]' });
  });
});

describe('structure: the reader alone', () => {
  it('does not validate without a validator (facts.schema is null)', async () => {
    const [doc] = await readDeposit(input('structure/skeleton-ubl.xml'));
    expect(doc!.facts.schema).toBeNull();
  });

  it('validates the invoice XML of a Factur-X PDF against the profile BT-24 names', async () => {
    const report = await precheck(input('generated/works-a13-facturx.pdf'), { depositDate: '2024-03-01' });
    expect(report.documents[0]!.facts.schema).toEqual({ name: 'factur-x-en16931', valid: true, errorCount: 0 });
  });
});

describe('structure: hostile input', () => {
  it('follows no entity, no xsi:schemaLocation, no XInclude: nothing is fetched or read from disk', async () => {
    const { createServer } = await import('node:http');
    const { externalEntityXml } = await import('../../helpers/bombs.js');
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('<x/>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const url = `http://127.0.0.1:${port}/leak`;
      // With its entities, the reader refuses the document (undeclared for it: not well-formed),
      // so nothing reaches the schema engine.
      const withEntities = await precheck({ name: 'entities.xml', bytes: new TextEncoder().encode(externalEntityXml(url)) }, UBL, { lang: 'en' });
      expect(withEntities.documents[0]!.facts.schema).toBeNull();
      // Without them, it is validated: its xsi:schemaLocation and XInclude are not followed.
      const xml = externalEntityXml(url)
        .replace(/<!DOCTYPE[\s\S]*?\]>\n/, '')
        .replace(/&passwd;|&remote;/g, 'x');
      const report = await precheck({ name: 'remote.xml', bytes: new TextEncoder().encode(xml) }, UBL, { lang: 'en' });
      const doc = report.documents[0]!;
      expect(doc.facts.schema).toMatchObject({ name: 'ubl-2.1', valid: false });
      expect(doc.diagnostics.some((d) => d.ruleId === 'structure/ubl-2-1' && d.severity === 'error')).toBe(true);
      expect(requests).toEqual([]);
      expect(JSON.stringify([withEntities, report])).not.toMatch(/root:x?:0:0/);
    } finally {
      server.close();
    }
  });

  it('an engine that cannot run says so (info), and the structure rule does not apply', async () => {
    const report = await precheck(input('structure/skeleton-ubl.xml'), UBL, {
      lang: 'en',
      structure: async () => ({ schema: { name: 'ubl-2.1', valid: null, errorCount: 0 }, findings: [], problem: 'WebAssembly is not allowed here' }),
    });
    const doc = report.documents[0]!;
    const info = doc.diagnostics.find((d) => d.ruleId === 'read/schema-unavailable');
    expect(info).toMatchObject({ severity: 'info' });
    expect(info!.messages!.en).toBe('Validation against the ubl-2.1 schema could not be done here: WebAssembly is not allowed here');
    expect(doc.rules.find((r) => r.ruleId === 'structure/ubl-2-1')?.status).toBe('not-applicable');
    expect(doc.verdict).toBe('accepted');
  });
});
