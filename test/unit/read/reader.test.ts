/**
 * Table-driven unit tests of the reader: container detection, encodings and BOM, locations
 * (line, column, canonical XPath with positions), DTD and XInclude refusal, archive path
 * safety, one diagnostic per limit, and the browser-safe PDF path.
 */
import { readFileSync } from 'node:fs';
import { zipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  readDeposit as readBrowserSafe,
  sniffContainer,
  detectXmlEncoding,
  isWorksCadre,
  profileOf,
  DEFAULT_LIMITS,
  type Limits,
} from '../../../packages/core/src/index.js';
import { readDeposit } from '../../../packages/core/src/node.js';
import { Base64Meter } from '../../../packages/core/src/read/base64.js';

const enc = new TextEncoder();
const bytes = (s: string): Uint8Array => enc.encode(s);
const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../fixtures/${p}`, import.meta.url)));
const read = async (name: string, b: Uint8Array, limits: Partial<Limits> = {}) => readDeposit({ name, bytes: b }, { limits });
const ruleIds = (docs: Awaited<ReturnType<typeof read>>): string[] => docs.flatMap((d) => d.diagnostics.map((x) => x.ruleId));

const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const RAM_NS = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';

describe('container detection (from the bytes, never the name)', () => {
  const cases: Array<[string, number[] | string, string, string | null]> = [
    ['empty', [], 'unknown', 'an empty file'],
    ['PDF', '%PDF-1.7\n', 'pdf', null],
    ['PDF after junk (ISO 32000 allows 1024 bytes)', 'junk\n%PDF-1.4\n', 'pdf', null],
    ['zip', [0x50, 0x4b, 0x03, 0x04, 0, 0], 'zip', null],
    ['empty zip', [0x50, 0x4b, 0x05, 0x06, 0, 0], 'zip', null],
    ['gzip', [0x1f, 0x8b, 8, 0], 'gzip', null],
    ['XML', '<?xml version="1.0"?><a/>', 'xml', null],
    ['XML after blanks', '\n\n  <a/>', 'xml', null],
    ['XML with UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e], 'xml', null],
    ['UTF-16LE XML with BOM', [0xff, 0xfe, 0x3c, 0x00, 0x61, 0x00], 'xml', null],
    ['UTF-16BE XML without BOM', [0x00, 0x3c, 0x00, 0x3f, 0x00, 0x78], 'xml', null],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'unknown', 'a PNG image'],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0], 'unknown', 'a JPEG image'],
    ['JSON', ' {"a": 1}', 'unknown', 'JSON text'],
    ['plain text', 'hello world\n', 'unknown', 'plain text'],
    ['blanks only', '   \n', 'unknown', 'a file holding only blanks'],
    ['OLE2 (old Word/Excel)', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], 'unknown', 'a legacy Office (OLE2) document'],
    ['binary', [0x00, 0x01, 0x02, 0x03, 0xfe], 'unknown', 'binary data of unknown type'],
  ];
  it.each(cases)('%s', (_, input, container, found) => {
    const b = typeof input === 'string' ? bytes(input) : Uint8Array.from(input);
    const s = sniffContainer(b);
    expect(s.container).toBe(container);
    expect(s.found?.en ?? null).toBe(found);
  });

  it('names what was found in the fatal diagnostic of an unrecognised file', async () => {
    const [doc] = await read('photo.xml', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(doc!.unreadable).toBe(true);
    expect(doc!.facts.container).toBe('unknown');
    expect(doc!.diagnostics[0]).toMatchObject({ ruleId: 'read/unrecognised-content', severity: 'error', fatal: true });
    expect(doc!.diagnostics[0]!.message).toContain('PNG image');
    expect(doc!.diagnostics[0]!.messages!.fr).toContain('image PNG');
  });

  it('reports an uncompressed tar as such', async () => {
    const tar = fixture('generated/batch.tar.gz');
    const { gunzipSync } = await import('fflate');
    const [doc] = await read('batch.tar', gunzipSync(tar));
    expect(doc!.diagnostics[0]!.message).toContain('uncompressed tar');
  });
});

describe('XML encodings and BOM', () => {
  const cases: Array<[string, number[] | string, string, string]> = [
    ['no declaration: UTF-8', '<a/>', 'utf-8', 'default'],
    ['declared UTF-8', '<?xml version="1.0" encoding="UTF-8"?><a/>', 'utf-8', 'declaration'],
    ['declared ISO-8859-1', "<?xml version='1.0' encoding='ISO-8859-1'?><a/>", 'iso-8859-1', 'declaration'],
    ['declared windows-1252', '<?xml version="1.0" encoding="windows-1252"?><a/>', 'windows-1252', 'declaration'],
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e], 'utf-8', 'bom'],
    ['UTF-16LE BOM', [0xff, 0xfe, 0x3c, 0x00], 'utf-16le', 'bom'],
    ['UTF-16BE BOM', [0xfe, 0xff, 0x00, 0x3c], 'utf-16be', 'bom'],
    ['UTF-16LE pattern', [0x3c, 0x00, 0x3f, 0x00], 'utf-16le', 'utf16-pattern'],
    ['UTF-16BE pattern', [0x00, 0x3c, 0x00, 0x3f], 'utf-16be', 'utf16-pattern'],
  ];
  it.each(cases)('%s', (_, input, label, by) => {
    const b = typeof input === 'string' ? bytes(input) : Uint8Array.from(input);
    expect(detectXmlEncoding(b)).toMatchObject({ label, by });
  });

  it('flags a UTF-16 declaration on single-byte text and reads it as UTF-8', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?><rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}"/>`;
    const [doc] = await read('x.xml', bytes(xml));
    expect(ruleIds([doc!])).toContain('read/xml-encoding-conflict');
    expect(doc!.facts.syntax).toBe('CII');
  });

  it('locates the first invalid UTF-8 byte', async () => {
    const b = new Uint8Array([...bytes(`<?xml version="1.0"?>\n<a>caf`), 0xe9, ...bytes('</a>')]);
    const [doc] = await read('x.xml', b);
    expect(doc!.diagnostics[0]).toMatchObject({ ruleId: 'read/xml-bad-encoding', fatal: true });
  });
});

describe('locations: 1-based line and column, canonical XPath with positions', () => {
  // The document uses its own prefixes (x:, y:): the XPath uses the canonical rsm:, ram:.
  const xml = [
    '<?xml version="1.0"?>',
    `<x:CrossIndustryInvoice xmlns:x="${CII_NS}" xmlns:y="${RAM_NS}">`,
    '  <x:ExchangedDocumentContext>',
    '    <y:BusinessProcessSpecifiedDocumentContextParameter><y:ID>A1</y:ID></y:BusinessProcessSpecifiedDocumentContextParameter>',
    '    <y:BusinessProcessSpecifiedDocumentContextParameter><y:ID>A4</y:ID></y:BusinessProcessSpecifiedDocumentContextParameter>',
    '  </x:ExchangedDocumentContext>',
    '  <x:ExchangedDocument>',
    '      <y:ID>INV-1</y:ID>',
    '  </x:ExchangedDocument>',
    '</x:CrossIndustryInvoice>',
  ].join('\n');
  const cases: Array<[string, number, number, string, string | undefined]> = [
    ['document', 2, 1, '/rsm:CrossIndustryInvoice[1]', undefined],
    [
      'cadreRaw',
      4,
      57,
      '/rsm:CrossIndustryInvoice[1]/rsm:ExchangedDocumentContext[1]/ram:BusinessProcessSpecifiedDocumentContextParameter[1]/ram:ID[1]',
      'BT-23',
    ],
    ['number', 8, 7, '/rsm:CrossIndustryInvoice[1]/rsm:ExchangedDocument[1]/ram:ID[1]', 'BT-1'],
  ];
  it.each(cases)('%s', async (fact, line, column, xpath, businessTerm) => {
    const [doc] = await read('inv.xml', bytes(xml));
    const loc = doc!.facts.locations[fact];
    expect(loc).toEqual({ file: 'inv.xml', line, column, xpath, ...(businessTerm ? { businessTerm } : {}) });
  });

  it('takes the first occurrence of a single-valued fact and counts sibling positions', async () => {
    const [doc] = await read('inv.xml', bytes(xml));
    expect(doc!.facts.cadreRaw).toBe('A1');
    const xml2 = xml.replace('<y:ID>A1</y:ID>', '<y:Other/>').replace('<y:ID>A4</y:ID>', '<y:ID>A4</y:ID><y:ID>A5</y:ID>');
    const [doc2] = await read('inv.xml', bytes(xml2));
    expect(doc2!.facts.cadreRaw).toBe('A4');
    expect(doc2!.facts.locations['cadreRaw']!.xpath).toBe(
      '/rsm:CrossIndustryInvoice[1]/rsm:ExchangedDocumentContext[1]/ram:BusinessProcessSpecifiedDocumentContextParameter[2]/ram:ID[1]',
    );
  });

  it('keeps positions right after a multi-line base64 attachment read past saxes', async () => {
    for (const name of ['mixed-ubl-pdf-attachment.xml', 'mixed-cii-zip-attachment.xml']) {
      const b = fixture(`generated/${name}`);
      const text = new TextDecoder().decode(b);
      const [doc] = await read(name, b);
      for (const [fact, tag] of [
        ['sellerId', '<cbc:CompanyID'],
        ['currency', '<ram:InvoiceCurrencyCode'],
      ] as const) {
        const at = text.indexOf(tag);
        if (at < 0) continue;
        const before = text.slice(0, at).split('\n');
        expect(doc!.facts.locations[fact], `${name} ${fact}`).toMatchObject({ line: before.length, column: (before.at(-1) as string).length + 1 });
      }
    }
  });

  it('keeps positions right after an attachment larger than a parser chunk', async () => {
    const line = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n';
    const xml = [
      `<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}" xmlns:ram="${RAM_NS}">`,
      '<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement><ram:AdditionalReferencedDocument>',
      `<ram:AttachmentBinaryObject mimeCode="application/pdf" filename="a.pdf">JVBERi0x\n${line.repeat(4000)}QUJD</ram:AttachmentBinaryObject>  <ram:X/>`,
      '</ram:AdditionalReferencedDocument></ram:ApplicableHeaderTradeAgreement>',
      '   <ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode></ram:ApplicableHeaderTradeSettlement>',
      '</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>',
    ].join('\n');
    const [doc] = await read('big.xml', bytes(xml));
    const before = xml.slice(0, xml.indexOf('<ram:InvoiceCurrencyCode')).split('\n');
    expect(doc!.facts.currency).toBe('EUR');
    expect(doc!.facts.locations['currency']).toMatchObject({ line: before.length, column: (before.at(-1) as string).length + 1 });
    expect(doc!.facts.attachments[0]).toMatchObject({ sniffed: 'pdf', size: ((8 + 76 * 4000 + 4) * 3) / 4 });
    expect(doc!.diagnostics).toEqual([]);
  });

  it('locates a well-formedness error', async () => {
    const [doc] = await read('bad.xml', bytes(`<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}">\n  <b></c>\n</rsm:CrossIndustryInvoice>`));
    expect(doc!.diagnostics[0]).toMatchObject({ ruleId: 'read/xml-not-well-formed', fatal: true, location: { file: 'bad.xml', line: 2 } });
  });
});

describe('hostile XML is never resolved', () => {
  const cases: Array<[string, string, string[]]> = [
    ['external DTD', `<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd"><rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}"/>`, ['read/xml-doctype']],
    [
      'external entity (XXE)',
      `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}">&x;</rsm:CrossIndustryInvoice>`,
      ['read/xml-doctype', 'read/xml-not-well-formed'],
    ],
    [
      'billion laughs',
      `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}">&c;</rsm:CrossIndustryInvoice>`,
      ['read/xml-doctype', 'read/xml-not-well-formed'],
    ],
    [
      'XInclude',
      `<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}"><rsm:X><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/></rsm:X></rsm:CrossIndustryInvoice>`,
      ['read/xml-xinclude'],
    ],
  ];
  it.each(cases)('%s', async (_, xml, ids) => {
    const docs = await read('h.xml', bytes(xml));
    expect(ruleIds(docs)).toEqual(ids);
    expect(JSON.stringify(docs)).not.toContain('root:');
  });
});

describe('archive member names are reported, never written', () => {
  const inv = bytes(`<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}"/>`);
  const cases: Array<[string, string, boolean]> = [
    ['plain', 'a/b/invoice.xml', false],
    ['parent directory', '../invoice.xml', true],
    ['parent inside', 'a/../../invoice.xml', true],
    ['absolute', '/etc/invoice.xml', true],
    ['Windows drive', 'C:/invoice.xml', true],
  ];
  it.each(cases)('%s', async (_, name, unsafe) => {
    const docs = await read('lot.zip', zipSync({ [name]: inv }));
    expect(docs.map((d) => d.file)).toEqual([`lot.zip!/${name}`]);
    expect(ruleIds(docs).includes('read/archive-unsafe-name')).toBe(unsafe);
  });

  it('reports every member of a batch with a broken member', async () => {
    const docs = await read('lot.zip', zipSync({ 'a.xml': inv, 'b.xml': bytes('<rsm:Cross'), 'c.xml': inv }));
    expect(docs.map((d) => [d.file, d.unreadable])).toEqual([
      ['lot.zip!/a.xml', false],
      ['lot.zip!/b.xml', true],
      ['lot.zip!/c.xml', false],
    ]);
  });
});

describe('each limit reached gives its own diagnostic naming the limit', () => {
  const cii = (inner = ''): string => `<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}">${inner}</rsm:CrossIndustryInvoice>`;
  const cases: Array<[keyof Limits, Partial<Limits>, () => Uint8Array]> = [
    ['maxInputBytes', { maxInputBytes: 10 }, () => bytes(cii())],
    ['maxDocumentBytes', { maxDocumentBytes: 10 }, () => bytes(cii())],
    ['maxXmlDepth', { maxXmlDepth: 50 }, () => bytes(cii('<a>'.repeat(100) + '</a>'.repeat(100)))],
    ['maxAttributeLength', { maxAttributeLength: 1000 }, () => bytes(cii(`<a b="${'x'.repeat(200_000)}"/>`))],
    ['maxTextLength', { maxTextLength: 1000 }, () => bytes(cii(`<a>${'x'.repeat(200_000)}</a>`))],
    [
      'maxAttachmentBytes',
      { maxAttachmentBytes: 1000 },
      () => bytes(cii(`<ram:AttachmentBinaryObject xmlns:ram="${RAM_NS}">${'QUFB'.repeat(100_000)}</ram:AttachmentBinaryObject>`)),
    ],
    ['maxBatchMembers', { maxBatchMembers: 3 }, () => zipSync(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}.xml`, bytes(cii())])))],
    ['maxBatchBytes', { maxBatchBytes: 1000 }, () => zipSync({ 'a.xml': bytes(cii(' '.repeat(5000))) })],
    ['maxArchiveNesting', { maxArchiveNesting: 1 }, () => zipSync({ 'in.zip': zipSync({ 'in2.zip': zipSync({ 'a.xml': bytes(cii()) }) }) })],
    ['maxPdfObjects', { maxPdfObjects: 3 }, () => fixture('generated/works-a4-facturx.pdf')],
    ['maxPdfStreamBytes', { maxPdfStreamBytes: 100 }, () => fixture('generated/works-a4-facturx.pdf')],
  ];
  it.each(cases)('%s', async (name, limits, make) => {
    const docs = await read('in.bin', make(), limits);
    const hit = docs.flatMap((d) => d.diagnostics).find((d) => d.ruleId === `limit/${name}`);
    expect(hit, JSON.stringify(ruleIds(docs))).toBeDefined();
    expect(hit).toMatchObject({ severity: 'error', fatal: true, expected: limits[name] });
    expect(hit!.message).toContain(`limits.${name}`);
    expect(hit!.messages!.fr).toContain(`limits.${name}`);
  });

  it.each([
    [0, false, true],
    [1, true, true],
    [2, true, false],
  ] as const)('maxArchiveNesting %i: zip in zip read %s, zip in zip in zip refused %s', async (max, innerRead, deepRefused) => {
    const inv = bytes(cii());
    const docs = await read('lot.zip', zipSync({ 'a.xml': inv, 'in.zip': zipSync({ 'b.xml': inv, 'in2.zip': zipSync({ 'c.xml': inv }) }) }), {
      maxArchiveNesting: max,
    });
    const ok = (f: string) => docs.some((d) => d.file === f && !d.unreadable);
    expect(ok('lot.zip!/a.xml')).toBe(true);
    expect(ok('lot.zip!/in.zip!/b.xml')).toBe(innerRead);
    expect(ok('lot.zip!/in.zip!/in2.zip!/c.xml')).toBe(!deepRefused);
    expect(ruleIds(docs).includes('limit/maxArchiveNesting')).toBe(max < 2);
  });

  it('refuses a gzip bomb early, reading at most the document limit', async () => {
    const bomb = gzipSync(new Uint8Array(64 * 1024 * 1024).fill(0x3c));
    const start = performance.now();
    const docs = await read('bomb.xml.gz', bomb, { maxDocumentBytes: 1024 * 1024 });
    expect(ruleIds(docs)).toContain('limit/maxDocumentBytes');
    expect(performance.now() - start).toBeLessThan(30_000);
  });
});

describe('attachments are measured while streaming', () => {
  const cases: Array<[string, string, number, string]> = [
    ['PDF', 'JVBERi0xLjcK', 9, '%PDF-1.7\n'],
    ['with blanks and newlines', 'JVBE\nRi0x\r\n LjcK', 9, '%PDF-1.7\n'],
    ['padding 1', 'QUI=', 2, 'AB'],
    ['padding 2', 'QQ==', 1, 'A'],
    ['empty', '', 0, ''],
  ];
  it.each(cases)('%s', (_, text, size, head) => {
    const m = new Base64Meter();
    // Fed in pieces of 3 characters, as saxes may deliver text.
    for (let i = 0; i < text.length; i += 3) m.push(text.slice(i, i + 3));
    expect(m.size).toBe(size);
    expect(new TextDecoder('latin1').decode(m.headBytes())).toBe(head);
    expect(m.invalidChar).toBeNull();
  });
});

describe('cadre table and profiles', () => {
  it.each([
    ['A1', false],
    ['A2', false],
    ['A3', false],
    ['A4', true],
    ['A9', false],
    ['A12', false],
    ['A13', true],
    ['A21', false],
    ['A22', true],
    ['A25', true],
    ['S1', null],
    ['A26', null],
    ['B1', null],
  ] as const)('isWorksCadre(%s) = %s', (code, works) => expect(isWorksCadre(code)).toBe(works));
  it.each([
    ['urn:factur-x.eu:1p0:minimum', 'MINIMUM'],
    ['urn:factur-x.eu:1p0:basicwl', 'BASIC WL'],
    ['urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic', 'BASIC'],
    ['urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:basic', 'BASIC'],
    ['urn:cen.eu:en16931:2017', 'EN 16931'],
    ['urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended', 'EXTENDED'],
    ['urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0', 'XRECHNUNG'],
    ['urn:ferd:CrossIndustryDocument:invoice:1p0:comfort', 'EN 16931'],
    ['urn:fdc:peppol.eu:2017:poacc:billing:01:1.0', null],
    [null, null],
  ] as const)('profileOf(%s) = %s', (g, p) => expect(profileOf(g)).toBe(p));
});

describe('the browser-safe entry without a pdf.js loader', () => {
  it('reports that PDF support is missing instead of importing pdf.js', async () => {
    const [doc] = await readBrowserSafe({ name: 'f.pdf', bytes: fixture('generated/works-a4-facturx.pdf') });
    expect(doc!.diagnostics.map((d) => d.ruleId)).toEqual(['read/pdf-support-missing']);
    expect(doc!.unreadable).toBe(true);
  });

  it('never throws, whatever it is given', async () => {
    const weird = [
      { name: '', bytes: new Uint8Array(0) },
      { name: 'x', bytes: undefined as unknown as Uint8Array },
      null as unknown as { name: string; bytes: Uint8Array },
    ];
    for (const input of weird) await expect(readBrowserSafe(input)).resolves.toHaveLength(1);
  });

  it('stops when the signal is aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const docs = await readDeposit({ name: 'x.xml', bytes: bytes(`<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}"/>`) }, { signal: ac.signal });
    expect(docs[0]!.diagnostics.map((d) => d.ruleId)).toEqual(['read/aborted']);
  });
});

describe('defaults', () => {
  it('uses the default limits when none are given', () => {
    expect(DEFAULT_LIMITS.maxDocumentBytes).toBe(120 * 1024 * 1024);
  });
});

describe('XMP read by namespace URI, element or attribute form', () => {
  const wrap = (body: string): string =>
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${body}</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const cases: Array<[string, string, Record<string, unknown> | null]> = [
    [
      'elements, usual prefixes',
      '<rdf:Description xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance><fx:ConformanceLevel>EN 16931</fx:ConformanceLevel><fx:DocumentFileName>factur-x.xml</fx:DocumentFileName></rdf:Description>',
      { pdfaPart: 3, pdfaConformance: 'B', conformanceLevel: 'EN 16931', documentFileName: 'factur-x.xml' },
    ],
    [
      'attributes, unusual prefixes',
      '<rdf:Description xmlns:a="http://www.aiim.org/pdfa/ns/id/" xmlns:z="urn:zugferd:pdfa:CrossIndustryDocument:invoice:2p0#" a:part="3" a:conformance="A" z:DocumentType="INVOICE" z:ConformanceLevel="BASIC"/>',
      {
        pdfaPart: 3,
        pdfaConformance: 'A',
        documentType: 'INVOICE',
        conformanceLevel: 'BASIC',
        extensionNamespace: 'urn:zugferd:pdfa:CrossIndustryDocument:invoice:2p0#',
      },
    ],
    [
      'the right prefix on the wrong namespace is ignored',
      '<rdf:Description xmlns:pdfaid="urn:example:not-pdfa"><pdfaid:part>1</pdfaid:part></rdf:Description>',
      { pdfaPart: null, conformanceLevel: null },
    ],
    ['not well-formed', '<rdf:Description>', null],
  ];
  it.each(cases)('%s', async (_, body, expected) => {
    const { parseXmp } = await import('../../../packages/core/src/read/xmp.js');
    const x = parseXmp(wrap(body), 1 << 20);
    if (expected === null) expect(x).toBeNull();
    else expect(x).toMatchObject(expected);
  });
});
