/**
 * Hostile inputs that combine parts to get around per-part limits: nested archives, PDF
 * filter chains that hide a decompression bomb, very long names, and inputs on which a
 * quadratic scan would take minutes. Every input is built here, in code.
 */
import { gzipSync, strToU8, zipSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { precheck, readDeposit } from '../../../packages/core/src/node.js';
import { evaluatePortal } from '../../../packages/core/src/portal.js';
import { defaultPortalState, mergeState } from '../../../packages/core/src/portal/state.js';
import { PDF_FILTER_ENCODERS, TINY_UBL, buildPdf, buildZip, concat, crc32, runLengthZlib, tarWithPaxPath, zipMember } from '../../helpers/build/index.js';

const ubl = strToU8(TINY_UBL);
const ids = (docs: { diagnostics: { ruleId: string }[] }[]): string[] => docs.flatMap((d) => d.diagnostics.map((x) => x.ruleId));
const MB = 1024 * 1024;

/** A zip holding `width` copies of `inner` under numbered names. */
function zipOf(inner: Uint8Array, width: number, ext: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < width; i++) files[`m${i}.${ext}`] = inner;
  return zipSync(files, { level: 6 });
}

/** A Factur-X-like PDF whose embedded file's dictionary and data are given. */
function pdfEmbedding(dict: string, data: Uint8Array): Uint8Array {
  return buildPdf([
    { num: 1, body: '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(factur-x.xml) 4 0 R] >> >> /AF [4 0 R] >>' },
    { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { num: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>' },
    { num: 4, body: '<< /Type /Filespec /F (factur-x.xml) /UF (factur-x.xml) /AFRelationship /Data /EF << /F 5 0 R >> >>' },
    { num: 5, body: `<< ${dict} /Length ${data.length} >>`, stream: data },
  ]);
}

describe('the whole input is bounded, whatever the nesting', () => {
  it('a zip of zips of zips gives at most maxInputDocuments documents, then says it stopped', async () => {
    // 30 × 30 × 30 = 27 000 invoices in a few kB; maxArchiveNesting = 2 lets all three levels be read.
    const bomb = zipOf(zipOf(zipOf(ubl, 30, 'xml'), 30, 'zip'), 30, 'zip');
    const docs = await readDeposit({ name: 'nest.zip', bytes: bomb }, { limits: { maxArchiveNesting: 2 } });
    expect(docs.length).toBeLessThanOrEqual(1000 + 1);
    expect(docs.filter((d) => !d.unreadable).length).toBe(1000);
    const last = docs[docs.length - 1]!;
    expect(last.file).toBe('nest.zip');
    expect(last.diagnostics[0]!.ruleId).toBe('limit/maxInputDocuments');
    expect(last.diagnostics[0]!.messages!.fr).toContain('limits.maxInputDocuments');
  });

  it('a two-level zip gives a report bounded by maxReportChars, what was read still reported', async () => {
    const two = zipOf(zipOf(ubl, 40, 'xml'), 40, 'zip');
    const report = await precheck({ name: 'two.zip', bytes: two }, {}, { limits: { maxReportChars: 2 * MB }, structure: false });
    const size = JSON.stringify(report).length;
    expect(size).toBeLessThan(3 * MB);
    const cut = report.documents[report.documents.length - 1]!;
    expect(cut.diagnostics.map((d) => d.ruleId)).toContain('limit/maxReportChars');
    expect(report.documents.length).toBeGreaterThan(10);
  });

  it('decompressed bytes add up across levels: 20 gzips of 1 MB each count against one maxBatchBytes', async () => {
    const member = gzipSync(new Uint8Array(MB).fill(0x20));
    const docs = await readDeposit({ name: 'many.zip', bytes: zipOf(member, 20, 'xml.gz') }, { limits: { maxBatchBytes: 5 * MB } });
    expect(ids(docs)).toContain('limit/maxBatchBytes');
  });
});

describe('every PDF stream is bounded through its whole filter chain, by construction', () => {
  // 300 MB of "A" behind one Flate (about 2 MB), then wrapped again.
  const bomb = runLengthZlib([strToU8('<Invoice>'), { byte: 0x41, count: 300 * MB }]).bytes;
  const cases: Array<[string, string, Uint8Array]> = [
    ['[/FlateDecode /FlateDecode]', '/Type /EmbeddedFile /Filter [/FlateDecode /FlateDecode]', zlibSync(bomb)],
    ['no /Type', '/Filter /FlateDecode', bomb],
    ['a #-escaped type and filter', '/Type /EmbeddedFil#65 /Filt#65r /Fl#61teDecode', bomb],
    ['the /F abbreviation pdf.js reads', '/F /Fl', bomb],
    ['ASCII-hex around Flate', '/Filter [/AHx /Fl]', PDF_FILTER_ENCODERS.ASCIIHexDecode!(bomb)],
  ];
  for (const [what, dict, data] of cases) {
    it(`${what}: refused before pdf.js opens it`, async () => {
      const docs = await readDeposit({ name: 'chain.pdf', bytes: pdfEmbedding(dict, data) });
      expect(ids(docs)).toEqual(['limit/maxPdfStreamBytes']);
    });
  }

  it('Brotli, whose output cannot be bounded before decoding, is refused with its own diagnostic', async () => {
    const docs = await readDeposit({ name: 'b.pdf', bytes: pdfEmbedding('/Filter /BrotliDecode', new Uint8Array(100)) });
    expect(ids(docs)).toEqual(['read/pdf-stream-unbounded']);
    expect(docs[0]!.diagnostics[0]!.messages!.fr).toContain('BrotliDecode');
  });

  it('a chain that decodes within the limit is read as before', async () => {
    const docs = await readDeposit({
      name: 'ok.pdf',
      bytes: pdfEmbedding('/Type /EmbeddedFile /Subtype /text#2Fxml /Filter [/FlateDecode /FlateDecode]', zlibSync(zlibSync(ubl))),
    });
    expect(docs[0]!.facts.pdf?.invoiceXmlName).toBe('factur-x.xml');
    expect(docs[0]!.unreadable).toBe(false);
    expect(docs[0]!.facts.syntax).toBe('UBL');
  });
});

describe('very long names are cut in reports, and refused in XML', () => {
  it('a 60 kB zip member name stays short in the report', async () => {
    const long = 'n'.repeat(60_000);
    const zip = zipSync({ [`${long}.xml`]: ubl, [`./${long}.xml`]: ubl });
    const report = await precheck({ name: 'z.zip', bytes: zip }, {}, { structure: false });
    expect(JSON.stringify(report).length).toBeLessThan(300_000);
    expect(report.documents[0]!.file).toMatch(/…\[\+\d+\]$/);
    // `./a.xml` and `a.xml` are one file once extracted.
    expect(report.documents.flatMap((d) => d.diagnostics.map((x) => x.ruleId))).toContain('read/archive-duplicate-name');
  });

  it('a 1 MB element name is a limit diagnostic, not a crash', async () => {
    const long = 'e'.repeat(MB);
    const xml = TINY_UBL.replace('</Invoice>', `<${long}>x</${long}></Invoice>`);
    const docs = await readDeposit({ name: 'long.xml', bytes: strToU8(xml) });
    expect(ids(docs)).toContain('limit/maxNameLength');
    expect(JSON.stringify(docs).length).toBeLessThan(50_000);
  });

  it('XPaths of deep long names are cut with a visible mark', async () => {
    const name = 'cac:' + 'x'.repeat(1000);
    const xml = TINY_UBL.replace('</Invoice>', `${`<${name}>`.repeat(200)}${`</${name}>`.repeat(200)}<cbc:Note>${'a'.repeat(100)}</cbc:Note></Invoice>`);
    const docs = await readDeposit({ name: 'deep.xml', bytes: strToU8(xml) }, { limits: { maxTextLength: 50 } });
    const xpath = docs[0]!.diagnostics.find((d) => d.location?.xpath)?.location?.xpath;
    if (xpath !== undefined) expect(xpath.length).toBeLessThan(2100);
  });
});

describe('scans over user input are linear', () => {
  it('100 000 distinct sibling element names: positions right, read in linear time', async () => {
    const kids = Array.from({ length: 100_000 }, (_, i) => `<cbc:N${i}>x</cbc:N${i}>`).join('');
    const xml = TINY_UBL.replace('</Invoice>', `<cac:X>${kids}<cbc:N5>y</cbc:N5></cac:X></Invoice>`);
    // Quadratic, the search of the sibling names took 100 000² / 2 comparisons (minutes).
    const docs = await readDeposit({ name: 'wide.xml', bytes: strToU8(xml) });
    expect(docs[0]!.diagnostics.filter((d) => d.fatal)).toEqual([]);
  });

  it('a 4 MB dictionary holding 60 000 /Filespec keys is scanned once, not once per key', async () => {
    const spec = '/Type /Filespec '.repeat(60_000);
    const pdf = buildPdf([
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { num: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>' },
      { num: 4, body: `<< ${spec} /F (a.xml >>` },
    ]);
    const docs = await readDeposit({ name: 'specs.pdf', bytes: pdf });
    expect(docs[0]!.facts.pdf?.pageCount).toBe(1);
  });

  it('an 800 000-character e-mail address is checked (the pattern no longer backtracks)', async () => {
    // With `^[^\s@]+@[^\s@]+\.[^\s@]+$`, 80 000 characters took 3.8 s, growing as the square.
    const loginEmail = `a@${'.'.repeat(800_000)}@`;
    const report = await evaluatePortal(mergeState(defaultPortalState(), { account: { ...defaultPortalState().account, loginEmail } }));
    expect(report.diagnostics.map((d) => d.ruleId)).toContain('portal/login-email-valid');
  });
});

describe('zip integrity and sniffing', () => {
  const stored = (name: string, data: Uint8Array, crc: number) => ({ ...zipMember(name, data, { level: 0 }), crc });

  it('a member whose CRC-32 does not match is an error, and not read', async () => {
    const docs = await readDeposit({ name: 'crc.zip', bytes: buildZip([stored('a.xml', ubl, crc32(ubl) ^ 1), stored('b.xml', ubl, crc32(ubl))]) });
    expect(docs.find((d) => d.file === 'crc.zip!/a.xml')!.diagnostics[0]!.ruleId).toBe('read/archive-crc-mismatch');
    expect(docs.find((d) => d.file === 'crc.zip!/b.xml')!.unreadable).toBe(false);
  });

  it('a local header naming another file than the central directory is an error', async () => {
    const zip = buildZip([stored('a.xml', ubl, crc32(ubl))]);
    // The local header's name starts at byte 30: rename it to b.xml.
    zip[30] = 0x62;
    const docs = await readDeposit({ name: 'names.zip', bytes: zip });
    expect(ids(docs)).toContain('read/archive-name-mismatch');
  });

  it('%PDF- inside an XML comment of the first KB leaves the XML an XML', async () => {
    const xml = TINY_UBL.replace('<Invoice', '<!-- %PDF-1.7 --><Invoice');
    const docs = await readDeposit({ name: 'x.xml', bytes: strToU8(xml) });
    expect(docs[0]!.facts.container).toBe('xml');
    expect(docs[0]!.unreadable).toBe(false);
  });

  it('a tar member name of 512 kB (pax) is cut in the report', async () => {
    const long = 'p'.repeat(MB / 2);
    const docs = await readDeposit({ name: 't.tar.gz', bytes: gzipSync(tarWithPaxPath(`${long}.xml`, ubl)) });
    expect(docs[0]!.file.length).toBeLessThan(400);
    expect(docs[0]!.file).toContain('…[+');
  });

  it('a pax header over 1 MB is not read, and the report says the member keeps its short name', async () => {
    const long = 'q'.repeat(MB + 10);
    const docs = await readDeposit({ name: 't.tar.gz', bytes: gzipSync(tarWithPaxPath(`${long}.xml`, ubl, 'short.xml')) });
    expect(docs.map((d) => d.file)).toEqual(['t.tar.gz!/short.xml']);
    expect(ids(docs)).toContain('read/archive-long-header-skipped');
  });
});

describe('the stream measure decodes as pdf.js does', () => {
  it('sizes an ASCII85 → RunLength chain exactly (literal and repeated runs, a partial final group)', async () => {
    const { measureStreams } = await import('../../../packages/core/src/read/pdf-streams.js');
    // RunLength of "ABCCCCCDE": literal "AB", "C" five times, literal "DE", end; then ASCII85.
    const a85 = "!C9'M6NKSDJ,~>";
    const pdf = strToU8(`%PDF-1.7\n1 0 obj\n<< /Length ${a85.length} /Filter [/A85 /RunLengthDecode] >>\nstream\n${a85}\nendstream\nendobj\n%%EOF\n`);
    // A limit below the chain's worst case, so that the stream is decoded and its real size counted.
    const measured = measureStreams(pdf, new Map(), 20, false);
    expect(measured.problem).toBeNull();
    expect(measured.decodedBytes).toBe('ABCCCCCDE'.length);
    // One byte less of limit than the decoded size: refused as too large.
    expect(measureStreams(pdf, new Map(), 8, false).problem?.kind).toBe('too-large');
  });

  it('counts the outputs of every stage of a chain against one budget', async () => {
    const { measureStreams } = await import('../../../packages/core/src/read/pdf-streams.js');
    // 1,000 bytes that do not compress, deflated twice: each stage outputs about 1,000 bytes.
    let x = 7;
    const noise = Uint8Array.from({ length: 1000 }, () => (x = (x * 1103515245 + 12345) >>> 0) >>> 24);
    const data = zlibSync(zlibSync(noise));
    const pdf = concat([
      strToU8(`%PDF-1.7\n1 0 obj\n<< /Length ${data.length} /Filter [/FlateDecode /FlateDecode] >>\nstream\n`),
      data,
      strToU8('\nendstream\nendobj\n%%EOF\n'),
    ]);
    // Each stage fits in 1,500 bytes, the two together do not.
    expect(measureStreams(pdf, new Map(), 1500, false).problem?.kind).toBe('too-large');
    const within = measureStreams(pdf, new Map(), 2100, false);
    expect(within.problem).toBeNull();
    expect(within.decodedBytes).toBe(1000);
  });
});
