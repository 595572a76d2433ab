/**
 * Generates the fixtures the sample corpus lacks (fixtures/generated/) and their expected facts
 * (fixtures/generated/expected.json), both from the same construction parameters: works
 * cadres A4/A13/A22 in UBL, CII and Factur-X PDF; mixed XML whose attachment is a base64 ZIP
 * holding a PDF; tar.gz and zip batches; truncated, mis-encoded, UTF-16 and ISO-8859-1 files;
 * hostile XML; a PDF with two invoice XMLs; a password-protected PDF. PDFs are written byte by
 * byte (PDF 1.7 / PDF/A-3 structure with an embedded factur-x.xml and its XMP), no PDF library,
 * by the builders of test/helpers/build/.
 * Deterministic: running it twice gives the same bytes.
 *
 *   npm run fixtures
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUYER_SIRET, SELLER_SIRET, buildTar, cii, facturX, gzipAt, latin1, pdfDocument, ubl, utf16, zipFiles } from '../test/helpers/build/index.js';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/generated');
const enc = new TextEncoder();

// Archives: every timestamp fixed, so that the bytes are reproducible in every time zone. Zip
// writes local date fields (a date built from local fields), gzip seconds since 1970 (UTC).
const ZIP_TIME = new Date(2024, 1, 15, 12, 0, 0);
const GZIP_TIME = new Date(Date.UTC(2024, 1, 15, 12, 0, 0));
const TAR_MTIME = 0o14611127400;
const tar = (members: Array<[string, Uint8Array]>): Uint8Array => buildTar(members.map(([name, data]) => ({ name, data, mtime: TAR_MTIME })));
const zip = (members: Array<[string, Uint8Array]>): Uint8Array => zipFiles(members, { mtime: ZIP_TIME });
const zipNamed = (members: Record<string, Uint8Array>): Uint8Array => zip(Object.entries(members));
const gzip = (b: Uint8Array): Uint8Array => gzipAt(b, GZIP_TIME);

function base64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

// ---------------------------------------------------------------------------------------------
// The fixtures and what they must read as

interface ExpectedDoc {
  file: string;
  unreadable: boolean;
  facts: Record<string, unknown>;
  /** Rule ids of the diagnostics, in any order. */
  diagnostics: string[];
}
const expected: Record<string, { description: string; documents: ExpectedDoc[] }> = {};

function write(name: string, bytes: Uint8Array | string, description: string, documents: ExpectedDoc[]): void {
  writeFileSync(join(OUT, name), typeof bytes === 'string' ? enc.encode(bytes) : bytes);
  expected[name] = { description, documents };
}

const invoiceFacts = (syntax: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  syntax,
  typeCode: '380',
  currency: 'EUR',
  issueDate: '2024-02-15',
  buyerReference: 'SERVICE-01',
  purchaseOrder: 'EJ-2024-0001',
  buyerId: { value: BUYER_SIRET, scheme: '0009' },
  sellerId: { value: SELLER_SIRET, scheme: '0009' },
  maxAmountDecimals: 2,
  paymentMeansCodes: ['30'],
  profile: 'EN 16931',
  ...over,
});

// A minimal PDF standing for the invoice image (no invoice XML inside: a plain PDF).
const imagePdf = pdfDocument({ embedded: [], xmp: null });

function main(): void {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  // Works cadres in the three formats (domain notes §3: A4, A13, A22 are works, official samples).
  for (const cadre of ['A4', 'A13', 'A22']) {
    const number = `TRAV-${cadre}-001`;
    const works = { cadre, cadreRaw: cadre, cadreSource: 'BT-23', isWorks: true, number };
    write(`works-${cadre.toLowerCase()}-ubl.xml`, ubl({ number, cadre }), `UBL 2.1 invoice, cadre ${cadre} in AIFE's extension`, [
      {
        file: `works-${cadre.toLowerCase()}-ubl.xml`,
        unreadable: false,
        facts: invoiceFacts('UBL', { ...works, container: 'xml', document: 'Invoice', formatFamily: 'structured-xml', buyerName: 'Ministère des Travaux' }),
        diagnostics: [],
      },
    ]);
    write(`works-${cadre.toLowerCase()}-cii.xml`, cii({ number, cadre }), `CII D16B invoice, cadre ${cadre} in BT-23`, [
      {
        file: `works-${cadre.toLowerCase()}-cii.xml`,
        unreadable: false,
        facts: invoiceFacts('CII', { ...works, container: 'xml', document: 'CrossIndustryInvoice', formatFamily: 'structured-xml', hasValideur: false }),
        diagnostics: [],
      },
    ]);
    write(`works-${cadre.toLowerCase()}-facturx.pdf`, facturX(cii({ number, cadre })), `Factur-X EN 16931 PDF, cadre ${cadre}`, [
      {
        file: `works-${cadre.toLowerCase()}-facturx.pdf`,
        unreadable: false,
        facts: invoiceFacts('CII', {
          ...works,
          container: 'pdf',
          formatFamily: 'facturx-pdf',
          pdf: {
            encrypted: false,
            pageCount: 1,
            invoiceXmlName: 'factur-x.xml',
            invoiceXmlCandidates: ['factur-x.xml'],
            embeddedFiles: [{ name: 'factur-x.xml', afRelationship: 'Data', subtype: 'text/xml' }],
            xmp: { pdfaPart: 3, pdfaConformance: 'B', documentType: 'INVOICE', documentFileName: 'factur-x.xml', version: '1.0', conformanceLevel: 'EN 16931' },
          },
        }),
        diagnostics: [],
      },
    ]);
  }

  // UBL: cbc:ProfileID is BT-23 in EN 16931 terms, a profile identifier, never the cadre.
  write(
    'peppol-profile-ubl.xml',
    ubl({ number: 'F-PEPPOL', profileId: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0' }),
    'UBL with a Peppol cbc:ProfileID and no AIFE extension: cadre A1 by default',
    [
      {
        file: 'peppol-profile-ubl.xml',
        unreadable: false,
        facts: invoiceFacts('UBL', {
          number: 'F-PEPPOL',
          cadre: 'A1',
          cadreRaw: null,
          cadreSource: 'default',
          isWorks: false,
          businessProcess: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
        }),
        diagnostics: [],
      },
    ],
  );
  write(
    'reform-billing-mode-ubl.xml',
    ubl({ number: 'F-S1', profileId: 'S1' }),
    'UBL made for the 2026 reform: billing mode S1 in cbc:ProfileID, no AIFE extension',
    [
      {
        file: 'reform-billing-mode-ubl.xml',
        unreadable: false,
        facts: invoiceFacts('UBL', { number: 'F-S1', cadre: 'A1', cadreSource: 'default', businessProcess: 'S1' }),
        diagnostics: ['read/reform-billing-mode'],
      },
    ],
  );
  // BT-2 as AIFE's official samples write it (no format attribute), and a date naming no day.
  write(
    'date-without-format-cii.xml',
    cii({ number: 'F-DATE', issueDate: '<udt:DateTimeString>20240215</udt:DateTimeString>' }),
    'CII whose BT-2 has no format attribute (as in the official samples)',
    [
      {
        file: 'date-without-format-cii.xml',
        unreadable: false,
        facts: invoiceFacts('CII', { number: 'F-DATE', issueDate: '2024-02-15', issueDateRaw: '20240215' }),
        diagnostics: [],
      },
    ],
  );
  write(
    'date-unreadable-cii.xml',
    cii({ number: 'F-BADDATE', issueDate: '<udt:DateTimeString format="102">20241345</udt:DateTimeString>' }),
    'CII whose BT-2 names no calendar day (month 13)',
    [
      {
        file: 'date-unreadable-cii.xml',
        unreadable: false,
        facts: invoiceFacts('CII', { number: 'F-BADDATE', issueDate: null, issueDateRaw: '20241345' }),
        diagnostics: ['read/unreadable-date'],
      },
    ],
  );
  write('cadre-absent-cii.xml', cii({ number: 'F-ABSENT' }), 'CII without BT-23: cadre A1 by default', [
    {
      file: 'cadre-absent-cii.xml',
      unreadable: false,
      facts: invoiceFacts('CII', { number: 'F-ABSENT', cadre: 'A1', cadreRaw: null, cadreSource: 'default', isWorks: false }),
      diagnostics: [],
    },
  ]);
  write('cadre-empty-cii.xml', cii({ number: 'F-EMPTY', cadre: '' }), 'CII with an empty BT-23: cadre A1 by default', [
    {
      file: 'cadre-empty-cii.xml',
      unreadable: false,
      facts: invoiceFacts('CII', { number: 'F-EMPTY', cadre: 'A1', cadreRaw: '', cadreSource: 'default', isWorks: false }),
      diagnostics: [],
    },
  ]);
  write('cadre-in-bt24-cii.xml', cii({ number: 'F-BT24', guideline: 'A10' }), 'CII with the cadre A10 written in BT-24 (one exporter does this)', [
    {
      file: 'cadre-in-bt24-cii.xml',
      unreadable: false,
      facts: invoiceFacts('CII', { number: 'F-BT24', cadre: 'A10', cadreRaw: null, cadreSource: 'BT-24', isWorks: true, guideline: 'A10', profile: null }),
      diagnostics: ['read/cadre-in-bt24'],
    },
  ]);
  write('valideur-a9-cii.xml', cii({ number: 'F-A9', cadre: 'A9', valideur: true }), 'CII subcontractor invoice (A9) with a valideur (InvoiceeTradeParty)', [
    {
      file: 'valideur-a9-cii.xml',
      unreadable: false,
      facts: invoiceFacts('CII', { number: 'F-A9', cadre: 'A9', isWorks: false, hasValideur: true }),
      diagnostics: [],
    },
  ]);
  write('decimals-3-cii.xml', cii({ number: 'F-DEC', amountDecimals: 3 }), 'CII with amounts written with 3 decimals (unit prices with 4 are not amounts)', [
    { file: 'decimals-3-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'F-DEC', maxAmountDecimals: 3 }), diagnostics: [] },
  ]);

  // Mixed XML: the invoice image attached in base64 (domain notes §4: a ZIP holding the PDF).
  const zipped = zipNamed({ 'facture.pdf': imagePdf });
  write(
    'mixed-cii-zip-attachment.xml',
    cii({ number: 'MIX-001', attachment: { name: 'facture.pdf', mime: 'application/pdf', base64: base64(zipped) } }),
    'Mixed CII: AttachmentBinaryObject declared application/pdf holding a base64 ZIP of the PDF',
    [
      {
        file: 'mixed-cii-zip-attachment.xml',
        unreadable: false,
        facts: invoiceFacts('CII', {
          number: 'MIX-001',
          formatFamily: 'mixed-xml',
          attachments: [{ name: 'facture.pdf', declaredMime: 'application/pdf', size: zipped.length, sniffed: 'zip' }],
        }),
        diagnostics: [],
      },
    ],
  );
  write(
    'mixed-ubl-pdf-attachment.xml',
    ubl({ number: 'MIX-002', attachment: { name: 'facture.pdf', mime: 'application/pdf', base64: base64(imagePdf).replace(/(.{76})/g, '$1\n') } }),
    'Mixed UBL: EmbeddedDocumentBinaryObject with the PDF in base64, wrapped at 76 columns',
    [
      {
        file: 'mixed-ubl-pdf-attachment.xml',
        unreadable: false,
        facts: invoiceFacts('UBL', {
          number: 'MIX-002',
          formatFamily: 'mixed-xml',
          attachments: [{ name: 'facture.pdf', declaredMime: 'application/pdf', size: imagePdf.length, sniffed: 'pdf' }],
        }),
        diagnostics: [],
      },
    ],
  );
  write(
    'bad-base64-cii.xml',
    cii({ number: 'B64', attachment: { name: 'x.pdf', mime: 'application/pdf', base64: 'JVBERi0x*LjQK' } }),
    'Attachment with a character outside the base64 alphabet',
    [{ file: 'bad-base64-cii.xml', unreadable: false, facts: { syntax: 'CII', number: 'B64' }, diagnostics: ['read/attachment-bad-base64'] }],
  );

  // Encodings.
  write('iso-8859-1-cii.xml', latin1(cii({ number: 'ENC-LATIN1', buyerName: 'Société Générale' }, 'ISO-8859-1')), 'CII declared and encoded ISO-8859-1', [
    { file: 'iso-8859-1-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'ENC-LATIN1', buyerName: 'Société Générale' }), diagnostics: [] },
  ]);
  write('utf-16le-bom-cii.xml', utf16(cii({ number: 'ENC-16LE', buyerName: 'Société Générale' }, 'UTF-16'), true, true), 'CII in UTF-16LE with BOM', [
    { file: 'utf-16le-bom-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'ENC-16LE', buyerName: 'Société Générale' }), diagnostics: [] },
  ]);
  write(
    'utf-16be-bom-ubl.xml',
    utf16(ubl({ number: 'ENC-16BE', buyerName: 'Société Générale' }).replace('encoding="UTF-8"', 'encoding="UTF-16"'), false, true),
    'UBL in UTF-16BE with BOM',
    [{ file: 'utf-16be-bom-ubl.xml', unreadable: false, facts: invoiceFacts('UBL', { number: 'ENC-16BE', buyerName: 'Société Générale' }), diagnostics: [] }],
  );
  write('utf-16le-nobom-cii.xml', utf16(cii({ number: 'ENC-16NB' }, 'UTF-16'), true, false), 'CII in UTF-16LE without BOM (detected from the <? pattern)', [
    { file: 'utf-16le-nobom-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'ENC-16NB' }), diagnostics: [] },
  ]);
  write('utf-8-bom-ubl.xml', new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(ubl({ number: 'ENC-BOM' }))]), 'UBL in UTF-8 with BOM', [
    { file: 'utf-8-bom-ubl.xml', unreadable: false, facts: invoiceFacts('UBL', { number: 'ENC-BOM' }), diagnostics: [] },
  ]);
  write(
    'mis-encoded-latin1-as-utf8.xml',
    latin1(cii({ number: 'ENC-BAD', buyerName: 'Société Générale' })),
    'Declared UTF-8 but written in ISO-8859-1 (é as byte E9)',
    [{ file: 'mis-encoded-latin1-as-utf8.xml', unreadable: true, facts: { container: 'xml' }, diagnostics: ['read/xml-bad-encoding'] }],
  );
  write('unsupported-encoding.xml', enc.encode(cii({ number: 'ENC-EBCDIC' }, 'EBCDIC-CP-FR')), 'Declares an encoding the reader does not support', [
    { file: 'unsupported-encoding.xml', unreadable: true, facts: { container: 'xml' }, diagnostics: ['read/xml-unsupported-encoding'] },
  ]);

  // Truncated files.
  const full = cii({ number: 'TRUNC' });
  write('truncated-cii.xml', full.slice(0, Math.floor(full.length / 2)), 'CII cut in the middle (an interrupted upload)', [
    { file: 'truncated-cii.xml', unreadable: true, facts: { syntax: 'CII', number: 'TRUNC' }, diagnostics: ['read/xml-truncated'] },
  ]);
  const pdf = facturX(cii({ number: 'TRUNC-PDF' }));
  write('truncated-facturx.pdf', pdf.subarray(0, 600), 'Factur-X PDF cut after 600 bytes', [
    { file: 'truncated-facturx.pdf', unreadable: true, facts: { container: 'pdf' }, diagnostics: ['read/pdf-broken'] },
  ]);

  // Hostile XML.
  write(
    'doctype-entities.xml',
    `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"><rsm:ExchangedDocument>&lol2;&xxe;</rsm:ExchangedDocument></rsm:CrossIndustryInvoice>
`,
    'Entity expansion and external entity declared in a DTD: never expanded',
    [{ file: 'doctype-entities.xml', unreadable: true, facts: { syntax: 'CII' }, diagnostics: ['read/xml-doctype', 'read/xml-not-well-formed'] }],
  );
  write(
    'xinclude.xml',
    cii({ number: 'XI' }).replace(
      '<ram:ApplicableHeaderTradeDelivery/>',
      '<ram:ApplicableHeaderTradeDelivery><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="http://example.invalid/x.xml"/></ram:ApplicableHeaderTradeDelivery>',
    ),
    'CII with an XInclude element: never resolved',
    [{ file: 'xinclude.xml', unreadable: false, facts: { syntax: 'CII', number: 'XI' }, diagnostics: ['read/xml-xinclude'] }],
  );

  // Non-invoice inputs.
  write('empty.xml', '', 'An empty file', [
    { file: 'empty.xml', unreadable: true, facts: { container: 'unknown' }, diagnostics: ['read/unrecognised-content'] },
  ]);
  write('not-xml.json', '{"invoice": 1}\n', 'JSON text with an invoice-like name', [
    { file: 'not-xml.json', unreadable: true, facts: { container: 'unknown' }, diagnostics: ['read/unrecognised-content'] },
  ]);
  write('image.png.xml', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'PNG bytes behind an .xml name', [
    { file: 'image.png.xml', unreadable: true, facts: { container: 'unknown' }, diagnostics: ['read/unrecognised-content'] },
  ]);

  // PDFs.
  write(
    'facturx-xmp-attributes.pdf',
    facturX(cii({ number: 'XMP-ATTR' }), { attributeForm: true, compressXmp: true }),
    'Factur-X with the XMP extension fields in attribute form, XMP stream Flate-compressed',
    [
      {
        file: 'facturx-xmp-attributes.pdf',
        unreadable: false,
        facts: {
          number: 'XMP-ATTR',
          formatFamily: 'facturx-pdf',
          pdf: {
            xmp: {
              pdfaPart: 3,
              documentType: 'INVOICE',
              documentFileName: 'factur-x.xml',
              conformanceLevel: 'EN 16931',
              extensionNamespace: 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#',
            },
          },
        },
        diagnostics: [],
      },
    ],
  );
  write(
    'facturx-two-invoice-xml.pdf',
    facturX(cii({ number: 'TWO-FX' }), {
      extra: [{ name: 'zugferd-invoice.xml', bytes: enc.encode(cii({ number: 'TWO-ZF' })), subtype: 'text/xml', afRelationship: 'Alternative' }],
    }),
    'PDF holding both factur-x.xml and zugferd-invoice.xml: factur-x.xml is read, with a warning',
    [
      {
        file: 'facturx-two-invoice-xml.pdf',
        unreadable: false,
        facts: {
          number: 'TWO-FX',
          formatFamily: 'facturx-pdf',
          pdf: { invoiceXmlName: 'factur-x.xml', invoiceXmlCandidates: ['factur-x.xml', 'zugferd-invoice.xml'] },
        },
        diagnostics: ['read/pdf-several-invoice-xml'],
      },
    ],
  );
  write(
    'facturx-with-attachment.pdf',
    facturX(cii({ number: 'FX-ATT' }), {
      extra: [{ name: 'bon-de-livraison.pdf', bytes: imagePdf, subtype: 'application/pdf', afRelationship: 'Supplement' }],
    }),
    'Factur-X with a supplementary PDF attached',
    [
      {
        file: 'facturx-with-attachment.pdf',
        unreadable: false,
        facts: {
          number: 'FX-ATT',
          formatFamily: 'facturx-pdf',
          attachments: [{ name: 'bon-de-livraison.pdf', declaredMime: 'application/pdf', size: imagePdf.length, sniffed: 'pdf' }],
        },
        diagnostics: [],
      },
    ],
  );
  write('plain.pdf', imagePdf, 'A PDF without invoice XML (plain PDF, Chorus OCR route)', [
    {
      file: 'plain.pdf',
      unreadable: false,
      facts: { container: 'pdf', syntax: 'unknown', formatFamily: 'plain-pdf', pdf: { embeddedFiles: [], invoiceXmlName: null, xmp: null } },
      diagnostics: ['read/pdf-no-invoice-xml'],
    },
  ]);
  write('password.pdf', facturX(cii({ number: 'PWD' }), { userPassword: 'secret' }), 'Factur-X PDF protected by a user password', [
    { file: 'password.pdf', unreadable: true, facts: { container: 'pdf', pdf: { encrypted: true } }, diagnostics: ['read/pdf-encrypted'] },
  ]);

  // Batches.
  const members: Array<[string, Uint8Array]> = [
    ['FSO1100A_XXX999_XXX9991100000000000000001.xml', enc.encode(ubl({ number: 'LOT-1', cadre: 'A1' }))],
    ['FSO1100A_XXX999_XXX9991100000000000000002.xml', enc.encode(cii({ number: 'LOT-2', cadre: 'A4' }))],
    ['notes.txt', enc.encode('not an invoice\n')],
    ['FSO1100A_XXX999_XXX9991100000000000000003.xml', enc.encode(cii({ number: 'LOT-3' }).slice(0, 700))],
  ];
  write('batch.tar.gz', gzip(tar(members)), 'tar.gz of two invoices, a text file and a truncated invoice (EDI batch)', [
    {
      file: `batch.tar.gz!/${members[0]![0]}`,
      unreadable: false,
      facts: { container: 'tar.gz', syntax: 'UBL', number: 'LOT-1', cadre: 'A1' },
      diagnostics: [],
    },
    {
      file: `batch.tar.gz!/${members[1]![0]}`,
      unreadable: false,
      facts: { container: 'tar.gz', syntax: 'CII', number: 'LOT-2', cadre: 'A4', isWorks: true },
      diagnostics: [],
    },
    { file: 'batch.tar.gz!/notes.txt', unreadable: true, facts: { container: 'tar.gz' }, diagnostics: ['read/unrecognised-content'] },
    { file: `batch.tar.gz!/${members[3]![0]}`, unreadable: true, facts: { container: 'tar.gz', syntax: 'CII' }, diagnostics: ['read/xml-truncated'] },
  ]);
  write(
    'batch.zip',
    zipNamed({
      'a/invoice-ubl.xml': enc.encode(ubl({ number: 'ZIP-1', cadre: 'A13' })),
      'b/facturx.pdf': facturX(cii({ number: 'ZIP-2', cadre: 'A22' })),
      'inner.zip': zipNamed({ 'nested.xml': enc.encode(cii({ number: 'ZIP-3' })) }),
      'logo.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    }),
    'zip batch: UBL, Factur-X PDF, a nested zip and an image',
    [
      {
        file: 'batch.zip!/a/invoice-ubl.xml',
        unreadable: false,
        facts: { container: 'zip', syntax: 'UBL', number: 'ZIP-1', cadre: 'A13', isWorks: true },
        diagnostics: [],
      },
      {
        file: 'batch.zip!/b/facturx.pdf',
        unreadable: false,
        facts: { container: 'zip', syntax: 'CII', number: 'ZIP-2', cadre: 'A22', formatFamily: 'facturx-pdf' },
        diagnostics: [],
      },
      { file: 'batch.zip!/inner.zip!/nested.xml', unreadable: false, facts: { container: 'zip', syntax: 'CII', number: 'ZIP-3' }, diagnostics: [] },
      { file: 'batch.zip!/logo.png', unreadable: true, facts: { container: 'zip' }, diagnostics: ['read/unrecognised-content'] },
    ],
  );
  write(
    'batch-unsafe-names.zip',
    zip([
      ['../x1', enc.encode(ubl({ number: 'U-1' }))],
      ['/abs1', enc.encode(ubl({ number: 'U-2' }))],
      ['dup01', enc.encode(ubl({ number: 'U-3' }))],
      ['dup01', enc.encode(ubl({ number: 'U-4' }))],
    ]),
    'zip whose members have a parent path, an absolute path and a duplicate name',
    [
      {
        file: 'batch-unsafe-names.zip!/../x1',
        unreadable: false,
        facts: { number: 'U-1' },
        diagnostics: ['read/archive-unsafe-name', 'read/archive-unsafe-name', 'read/archive-duplicate-name'],
      },
      { file: 'batch-unsafe-names.zip!//abs1', unreadable: false, facts: { number: 'U-2' }, diagnostics: [] },
      { file: 'batch-unsafe-names.zip!/dup01', unreadable: false, facts: { number: 'U-3' }, diagnostics: [] },
      { file: 'batch-unsafe-names.zip!/dup01', unreadable: false, facts: { number: 'U-4' }, diagnostics: [] },
    ],
  );
  write('empty.zip', zipNamed({}), 'A zip with no member', [
    { file: 'empty.zip', unreadable: true, facts: { container: 'zip' }, diagnostics: ['read/archive-empty'] },
  ]);
  write('invoice.xml.gz', gzip(enc.encode(cii({ number: 'GZ-1' }))), 'One gzip-compressed CII invoice', [
    { file: 'invoice.xml.gz!/invoice.xml', unreadable: false, facts: { container: 'gzip', syntax: 'CII', number: 'GZ-1' }, diagnostics: [] },
  ]);
  const tgz = gzip(tar(members.slice(0, 2)));
  write('truncated-batch.tar.gz', tgz.subarray(0, Math.floor(tgz.length * 0.6)), 'tar.gz cut short: the complete first member is still read', [
    { file: 'truncated-batch.tar.gz', unreadable: true, facts: { container: 'tar.gz' }, diagnostics: ['read/archive-corrupt'] },
    { file: `truncated-batch.tar.gz!/${members[0]![0]}`, unreadable: false, facts: { container: 'tar.gz', syntax: 'UBL', number: 'LOT-1' }, diagnostics: [] },
  ]);

  writeFileSync(
    join(OUT, 'expected.json'),
    JSON.stringify(
      { $comment: 'Written by scripts/make-fixtures.ts from the parameters each fixture was built with: do not edit by hand.', files: expected },
      null,
      2,
    ) + '\n',
  );
  process.stdout.write(`${Object.keys(expected).length} fixtures written to ${OUT}\n`);
}

main();
