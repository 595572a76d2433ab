// The report of precheck() on hand-built facts: flows, verdicts, diagnostics (order, language,
// location, source), deposit shape.
import { describe, expect, it } from 'vitest';
import { precheck } from '../../packages/core/src/precheck.js';
import { doc, facts, facturxFacts, fakeReader, unreadableDoc, xmlInput, zipInput } from '../helpers/facts.js';

const ids = (d: { diagnostics: { ruleId: string }[] }) => d.diagnostics.map((x) => x.ruleId);

describe('precheck', () => {
  it('gives no verdict without a syntaxe or interface code, and lists every catalogue flow', async () => {
    const report = await precheck(xmlInput(), {}, { reader: fakeReader(doc('invoice.xml')) });
    const d = report.documents[0]!;
    expect(d.verdict).toBeNull();
    expect(report.release).toBe('3.8.1');
    expect(d.release).toBe('3.8.1');
    expect(d.flows.map((f) => f.code)).toEqual([
      'FSO1100A',
      'FSO1101A',
      'FSO1106A',
      'FSO1110A',
      'FSO1111A',
      'FSO1113A',
      'FSO1116A',
      'FSO1117A',
      'FSO1120A',
      'FSO1130A',
      'FSO1131A',
      'FSO1137A',
    ]);
    const applicable = d.flows.filter((f) => f.applicable).map((f) => f.code);
    expect(applicable).toEqual(['FSO1100A']);
    expect(d.flows.find((f) => f.code === 'FSO1130A')).toEqual({
      code: 'FSO1130A',
      applicable: false,
      excludedBy: ['deposit/works-flow-requires-works-cadre'],
      provisional: true,
    });
    expect(d.flows.find((f) => f.code === 'FSO1117A')!.excludedBy).toEqual(['deposit/format-family-matches-flow', 'deposit/syntax-matches-flow']);
    expect(d.flows.find((f) => f.code === 'FSO1120A')!.excludedBy).toEqual(['deposit/justice-flow-requires-a3-cadre']);
  });

  it('accepts a works invoice on a works-only flow, and lists both works flows of its format', async () => {
    const works = facts({ cadre: 'A4', cadreRaw: 'A4', cadreSource: 'BT-23', isWorks: true });
    const report = await precheck(
      xmlInput(),
      { channel: 'PORTAIL', space: 'factures-de-travaux', syntaxe: 'IN_DP_E4_UBL_INVOICE' },
      { reader: fakeReader(doc('w.xml', works)) },
    );
    const d = report.documents[0]!;
    expect(d.verdict).toBe('accepted');
    expect(d.diagnostics).toEqual([]);
    expect(d.flows.filter((f) => f.applicable).map((f) => f.code)).toEqual(['FSO1100A', 'FSO1130A']);
  });

  it('rejects a simple invoice on FSO1130A with a located, bilingual diagnostic pointing at its rule file', async () => {
    const f = facts({ locations: { cadre: { file: 'a.xml', xpath: '/Invoice[1]/cbc:ProfileID[1]', line: 4, column: 3 } } });
    const report = await precheck(xmlInput('a.xml'), { channel: 'API', syntaxe: 'IN_DP_E4_UBL_INVOICE' }, { reader: fakeReader(doc('a.xml', f)), lang: 'en' });
    const d = report.documents[0]!;
    expect(d.verdict).toBe('rejected');
    const diag = d.diagnostics.find((x) => x.ruleId === 'deposit/works-flow-requires-works-cadre')!;
    expect(diag).toMatchObject({
      severity: 'error',
      message: 'Flow FSO1130A carries works invoices only: billing framework A1 is not a works framework.',
      location: { file: 'a.xml', xpath: '/Invoice[1]/cbc:ProfileID[1]', line: 4, column: 3, businessTerm: 'BT-23' },
      source: { file: 'rules/deposit/works-flow-requires-works-cadre.json', pointer: '/assert' },
      actual: 'A1',
      expected: true,
    });
    expect(diag.messages!.fr).toContain('Le flux FSO1130A est réservé aux factures de travaux');
    expect(report.lang).toBe('en');
  });

  it('rejects a known wrong syntaxe value with its nearest real value', async () => {
    const report = await precheck(xmlInput(), { channel: 'API', syntaxe: 'IN_DP_E2_UBL_INVOICE' }, { reader: fakeReader(doc('a.xml')), lang: 'en' });
    const d = report.documents[0]!;
    expect(d.verdict).toBe('rejected');
    expect(d.diagnostics.find((x) => x.ruleId === 'deposit/syntaxe-exists')!.message).toContain('nearest value: IN_DP_E2_UBL_INVOICE_MIN.');
  });

  it('warns, without refusing, on an unknown value that may be an unpublished works-flow value', async () => {
    const report = await precheck(xmlInput(), { channel: 'API', syntaxe: 'IN_DP_E4_UBL_TRAVAUX' }, { reader: fakeReader(doc('a.xml')), lang: 'en' });
    const d = report.documents[0]!;
    expect(ids(d)).not.toContain('deposit/syntaxe-exists');
    const warning = d.diagnostics.find((x) => x.ruleId === 'deposit/syntaxe-unconfirmed')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toContain('FSO1130A, FSO1131A, FSO1137A');
    expect(warning.message).toContain('"syntaxe": "IN_DP_E4_UBL_TRAVAUX"');
    expect(d.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    // Neither accepted (no flow is known for it) nor rejected (nothing says it is wrong).
    expect(d.verdict).toBeNull();
  });

  it('keeps refusing a typo of a confirmed value', async () => {
    const report = await precheck(xmlInput(), { channel: 'PORTAIL', syntaxe: 'IN_DP_E1_UBL_INVOCE' }, { reader: fakeReader(doc('a.xml')), lang: 'fr' });
    const d = report.documents[0]!;
    expect(d.diagnostics.find((x) => x.ruleId === 'deposit/syntaxe-exists')).toMatchObject({ severity: 'error' });
    expect(ids(d)).not.toContain('deposit/syntaxe-unconfirmed');
  });

  it('says when the value a B2B message suggests is itself inferred', async () => {
    const report = await precheck(xmlInput(), { channel: 'PORTAIL', syntaxe: 'IN_DP_E5_CII_FACTURX_B2B' }, { reader: fakeReader(doc('a.xml')), lang: 'en' });
    const message = report.documents[0]!.diagnostics.find((x) => x.ruleId === 'deposit/syntaxe-b2b-defect')!.messages!;
    expect(message.en).toContain('IN_DP_E5_CII_FACTURX (an inferred value, not published by AIFE: to be confirmed)');
    expect(message.fr).toContain("IN_DP_E5_CII_FACTURX (valeur déduite, non publiée par l'AIFE : à confirmer)");
  });

  it('gives the B2B defect its own error, not the unknown-value one', async () => {
    const report = await precheck(xmlInput(), { channel: 'PORTAIL', syntaxe: 'IN_DP_E1_UBL_INVOICE_B2B' }, { reader: fakeReader(doc('a.xml')), lang: 'en' });
    const d = report.documents[0]!;
    expect(ids(d)).toContain('deposit/syntaxe-b2b-defect');
    expect(ids(d)).not.toContain('deposit/syntaxe-exists');
    expect(d.diagnostics.find((x) => x.ruleId === 'deposit/syntaxe-b2b-defect')!.message).toContain('Choose IN_DP_E1_UBL_INVOICE');
    expect(d.verdict).toBe('rejected');
  });

  it('treats any value with the B2B mention as the defect, even one not in the catalogue', async () => {
    const report = await precheck(xmlInput(), { channel: 'API', syntaxe: 'IN_DP_E4_UBL_INVOICE_B2B' }, { reader: fakeReader(doc('a.xml')) });
    expect(ids(report.documents[0]!)).toContain('deposit/syntaxe-b2b-defect');
  });

  it('accepts the alias IN_DP_E2_CII_16B of the D16B mixed flow', async () => {
    const f = facts({
      syntax: 'CII',
      document: 'CrossIndustryInvoice',
      formatFamily: 'mixed-xml',
      attachments: [{ name: 'f.zip', declaredMime: 'application/pdf', size: 100, sniffed: 'zip' }],
    });
    const report = await precheck(xmlInput(), { channel: 'API', syntaxe: 'IN_DP_E2_CII_16B' }, { reader: fakeReader(doc('m.xml', f)) });
    expect(report.documents[0]!.verdict).toBe('accepted');
  });

  it('reads the flow of an EDI deposit from the file name and checks the naming convention', async () => {
    const pdf = facturxFacts({ cadre: 'A7', isWorks: true });
    const ok = await precheck(
      xmlInput(),
      { channel: 'EDI', ediFileName: 'FSO1137A_ABC123_ABC1231137000000000000001' },
      { reader: fakeReader(doc('x.pdf', pdf)) },
    );
    expect(ok.documents[0]!.verdict).toBe('accepted');
    const bad = await precheck(
      xmlInput(),
      { channel: 'EDI', ediFileName: 'FSO1137A_facture.pdf', syntaxe: 'IN_DP_E1_UBL_INVOICE' },
      { reader: fakeReader(doc('x.pdf', pdf)) },
    );
    expect(ids(bad.documents[0]!)).toEqual(['deposit/edi-file-name-convention', 'deposit/syntaxe-not-used-in-edi']);
    expect(bad.documents[0]!.verdict).toBe('rejected');
  });

  it('takes the EDI file name from the deposit file when none is given', async () => {
    const pdf = facturxFacts({ cadre: 'A7', isWorks: true });
    const named = await precheck(
      { ...xmlInput(), name: 'FSO1137A_ABC123_ABC1231137000000000000001' },
      { channel: 'EDI' },
      { reader: fakeReader(doc('x', pdf)) },
    );
    expect(named.documents[0]!.verdict).toBe('accepted');
    expect(named.context).toEqual({ channel: 'EDI' });
    const plain = await precheck(xmlInput('facture.pdf'), { channel: 'EDI' }, { reader: fakeReader(doc('facture.pdf', pdf)) });
    expect(ids(plain.documents[0]!)).toContain('deposit/edi-file-name-convention');
  });

  it('marks a works-only flow provisional when it applies through an inferred works flag', async () => {
    const a5 = await precheck(xmlInput(), {}, { reader: fakeReader(doc('a.xml', facts({ cadre: 'A5', isWorks: true }))) });
    expect(a5.documents[0]!.flows.find((f) => f.code === 'FSO1130A')).toMatchObject({ applicable: true, provisional: true });
    expect(a5.documents[0]!.flows.find((f) => f.code === 'FSO1100A')).toMatchObject({ applicable: true, provisional: false });
  });

  it('skips the content rules on a PDF without invoice XML, and says it goes to OCR', async () => {
    const plain = facts({ container: 'pdf', syntax: 'unknown', document: null, formatFamily: 'plain-pdf', number: null, buyerId: null, typeCode: null });
    const report = await precheck(xmlInput(), { channel: 'PORTAIL', syntaxe: 'IN_DP_E2_CII_FACTURX' }, { reader: fakeReader(doc('scan.pdf', plain)) });
    const d = report.documents[0]!;
    expect(d.rules.find((r) => r.ruleId === 'content/buyer-identifier-present')!.status).toBe('skipped');
    expect(ids(d)).toEqual(['deposit/format-family-matches-flow', 'facturx/invoice-xml-present', 'deposit/plain-pdf-goes-to-ocr']);
    expect(d.flows.every((f) => !f.applicable)).toBe(true);
  });

  it('does not count archive members that are not invoices', async () => {
    const png = { ...unreadableDoc('b.zip!/logo.png'), facts: facts({ container: 'unknown', syntax: 'unknown', formatFamily: 'unknown' }) };
    const report = await precheck(zipInput(), { channel: 'EDI', interfaceCode: 'FSO1100A' }, { reader: fakeReader(doc('b.zip!/1.xml'), png) });
    expect(ids(report.documents[0]!)).not.toContain('deposit/edi-several-invoices-tar-gz');
  });

  it('throws a typed error on an unusable context (misuse), never on bad input', async () => {
    await expect(precheck(xmlInput(), { channel: 'FTP' as never, depositDate: '01/02/2024' }, { reader: fakeReader(doc('a.xml')) })).rejects.toMatchObject({
      code: 'INVALID_CONTEXT',
      message: expect.stringContaining('channel must be PORTAIL, API or EDI'),
    });
  });

  it('suggests the nearest interface code', async () => {
    const report = await precheck(xmlInput(), { channel: 'EDI', interfaceCode: 'FSO1103A' }, { reader: fakeReader(doc('a.xml')), lang: 'en' });
    expect(report.documents[0]!.diagnostics.find((x) => x.ruleId === 'deposit/interface-code-exists')!.message).toContain('nearest code: FSO1100A');
  });

  it('counts the invoices of a batch and checks its container', async () => {
    const docs = [doc('b.zip!/1.xml'), doc('b.zip!/2.xml')];
    const zipped = await precheck(zipInput(), { channel: 'API', syntaxe: 'IN_DP_E1_UBL_INVOICE' }, { reader: fakeReader(...docs) });
    expect(zipped.documents.map((d) => d.verdict)).toEqual(['accepted', 'accepted']);
    const edi = await precheck(zipInput(), { channel: 'EDI', interfaceCode: 'FSO1100A' }, { reader: fakeReader(...docs) });
    expect(ids(edi.documents[0]!)).toContain('deposit/edi-several-invoices-tar-gz');
  });

  it('sorts diagnostics by severity, file, line, rule id and counts them', async () => {
    const f = facts({
      number: 'X'.repeat(25),
      paymentMeansCodes: ['59'],
      buyerId: { value: '123', scheme: null },
      locations: { number: { file: 'a.xml', line: 9, column: 1 }, buyerId: { file: 'a.xml', line: 2, column: 1 } },
    });
    const report = await precheck(xmlInput(), { channel: 'API' }, { reader: fakeReader(doc('a.xml', f)) });
    const d = report.documents[0]!;
    expect(d.diagnostics.map((x) => [x.severity, x.ruleId])).toEqual([
      ['error', 'content/buyer-siret-valid'],
      ['error', 'content/number-max-20-characters'],
      ['warning', 'content/payment-means-not-58-59'],
      ['info', 'deposit/syntaxe-chosen'],
    ]);
    expect(report.summary).toEqual({ documents: 1, errors: 2, warnings: 1, infos: 1 });
  });

  it('uses the directory snapshot for service code and EJ', async () => {
    const directory = { '11000201100044': { codeServiceDoitEtreRenseigne: true, numeroEJDoitEtreRenseigne: true } };
    const report = await precheck(xmlInput(), {}, { reader: fakeReader(doc('a.xml')), directory });
    expect(ids(report.documents[0]!)).toEqual(['content/engagement-required-by-buyer', 'content/service-code-required-by-buyer']);
  });

  it('checks Factur-X content', async () => {
    const f = facturxFacts({
      pdf: { ...facturxFacts().pdf!, invoiceXmlName: 'zugferd-invoice.xml', xmp: { ...facturxFacts().pdf!.xmp!, pdfaPart: 1, conformanceLevel: 'BASIC' } },
    });
    const report = await precheck(xmlInput(), { channel: 'PORTAIL', syntaxe: 'IN_DP_E2_CII_FACTURX' }, { reader: fakeReader(doc('f.pdf', f)) });
    expect(ids(report.documents[0]!)).toEqual(['facturx/invoice-xml-named-factur-x', 'facturx/pdfa3-declared', 'facturx/xmp-level-matches-bt24']);
  });
});

describe('the deposit context, normalised once', () => {
  // What precheck reports on a document, without the context echoed as given.
  const checked = async (context: Parameters<typeof precheck>[1]) =>
    (await precheck(xmlInput('a.xml'), context, { reader: fakeReader(doc('a.xml')), lang: 'en' })).documents;

  it.each([
    ['API', { interfaceCode: 'FSO1130A' }],
    ['PORTAIL', { interfaceCode: 'FSO1100A' }],
    ['API', { ediFileName: 'FSO1130A_XXX999_XXX9991130000000000000001' }],
    ['PORTAIL', {}],
  ] as const)('a blank syntaxe on %s with %j is no syntaxe: same flow, verdict and diagnostics', async (channel, rest) => {
    const without = await checked({ channel, ...rest });
    for (const syntaxe of ['', '  ', '\t']) expect(await checked({ channel, syntaxe, ...rest })).toEqual(without);
  });

  it('reads an interface code whatever its case and spaces, and a syntaxe whatever its spaces', async () => {
    expect(await checked({ channel: 'EDI', interfaceCode: ' fso1130a ' })).toEqual(await checked({ channel: 'EDI', interfaceCode: 'FSO1130A' }));
    expect(await checked({ channel: 'API', syntaxe: ' IN_DP_E1_UBL_INVOICE ' })).toEqual(await checked({ channel: 'API', syntaxe: 'IN_DP_E1_UBL_INVOICE' }));
  });
});
