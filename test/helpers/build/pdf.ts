/**
 * PDF writer (ISO 32000-1 §7.5): numbered objects, a classic cross-reference table whose
 * offsets are exact, a trailer that may lie; and the documents built on it (a Factur-X
 * document with its XMP and encryption, minimal PDFs with an embedded file).
 */
import { createHash } from 'node:crypto';
import { strToU8, zlibSync } from 'fflate';
import { concat } from './bytes.js';
import { TINY_UBL } from './invoice.js';

/** One indirect object: its dictionary / value text, and an optional stream body. */
export interface PdfObject {
  num: number;
  body: string;
  stream?: Uint8Array;
}

/** Options of `buildPdf`. */
export interface PdfOptions {
  /** Extra trailer entries, e.g. `/Encrypt 9 0 R`. */
  trailerExtra?: string;
  /** Make the trailer's `/Prev` point at this very xref table. */
  selfPrev?: boolean;
  /** Overrides the trailer's `/Size`. */
  size?: number;
  /**
   * Writes the binary-marker comment (ISO 32000-1 §7.5.2) as four bytes above 127, as the
   * fixtures do; by default its four characters are UTF-8-encoded (eight bytes above 127).
   */
  byteMarker?: boolean;
}

/** Builds a PDF with a classic cross-reference table whose offsets are exact. */
export function buildPdf(objects: PdfObject[], opts: PdfOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [strToU8('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', opts.byteMarker === true)];
  let offset = parts[0]!.length;
  const offsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, offset);
    const head = o.stream ? `${o.num} 0 obj\n${o.body}\nstream\n` : `${o.num} 0 obj\n${o.body}\nendobj\n`;
    const bytes: Uint8Array[] = [strToU8(head, true)];
    if (o.stream) bytes.push(o.stream, strToU8('\nendstream\nendobj\n'));
    for (const b of bytes) {
      parts.push(b);
      offset += b.length;
    }
  }
  const maxNum = Math.max(0, ...objects.map((o) => o.num));
  let xref = `xref\n0 ${maxNum + 1}\n0000000000 65535 f \n`;
  for (let n = 1; n <= maxNum; n++) {
    const off = offsets.get(n);
    xref += off === undefined ? '0000000000 65535 f \n' : `${String(off).padStart(10, '0')} 00000 n \n`;
  }
  const xrefOffset = offset;
  const prev = opts.selfPrev ? ` /Prev ${xrefOffset}` : '';
  xref += `trailer\n<< /Size ${opts.size ?? maxNum + 1} /Root 1 0 R${prev}${opts.trailerExtra ? ' ' + opts.trailerExtra : ''} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  parts.push(strToU8(xref, true));
  return concat(parts);
}

/** The catalog, page tree and one empty page every generated PDF starts with (objects 1–3). */
export function pdfSkeleton(catalogExtra = ''): PdfObject[] {
  return [
    { num: 1, body: `<< /Type /Catalog /Pages 2 0 R${catalogExtra} >>` },
    { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { num: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>' },
  ];
}

/**
 * Builds a Factur-X-like PDF embedding `xml` as `factur-x.xml` (objects 4–5), optionally
 * with an XMP metadata stream (object 6).
 */
export function pdfWithEmbedded(
  file: { name: string; stream: Uint8Array; filter?: string; declaredSize?: number },
  xmp?: { stream: Uint8Array; filter?: string },
): Uint8Array {
  const catalogExtra = ` /Names << /EmbeddedFiles << /Names [(${file.name}) 4 0 R] >> >> /AF [4 0 R]${xmp ? ' /Metadata 6 0 R' : ''}`;
  const filter = file.filter ? ` /Filter /${file.filter}` : '';
  const objects = [
    ...pdfSkeleton(catalogExtra),
    { num: 4, body: `<< /Type /Filespec /F (${file.name}) /UF (${file.name}) /AFRelationship /Data /EF << /F 5 0 R /UF 5 0 R >> >>` },
    {
      num: 5,
      body: `<< /Type /EmbeddedFile /Subtype /text#2Fxml${filter} /Length ${file.stream.length} /Params << /Size ${file.declaredSize ?? file.stream.length} >> >>`,
      stream: file.stream,
    },
  ];
  if (xmp) {
    objects.push({
      num: 6,
      body: `<< /Type /Metadata /Subtype /XML${xmp.filter ? ` /Filter /${xmp.filter}` : ''} /Length ${xmp.stream.length} >>`,
      stream: xmp.stream,
    });
  }
  return buildPdf(objects);
}

/** Encoders of the stream filters pdf.js decodes (ISO 32000-1 §7.4), by filter name. */
export const PDF_FILTER_ENCODERS: Record<string, (b: Uint8Array) => Uint8Array> = {
  FlateDecode: (b) => zlibSync(b, { level: 9 }),
  ASCIIHexDecode: (b) => {
    const out = new Uint8Array(b.length * 2 + 1);
    const hex = strToU8('0123456789abcdef');
    for (let i = 0; i < b.length; i++) {
      out[2 * i] = hex[b[i]! >> 4]!;
      out[2 * i + 1] = hex[b[i]! & 15]!;
    }
    out[out.length - 1] = 0x3e;
    return out;
  },
  RunLengthDecode: (b) => {
    const out: number[] = [];
    for (let i = 0; i < b.length;) {
      let run = 1;
      while (i + run < b.length && run < 128 && b[i + run] === b[i]) run++;
      if (run > 1) {
        out.push(257 - run, b[i]!);
        i += run;
      } else {
        out.push(0, b[i]!);
        i++;
      }
    }
    out.push(128);
    return Uint8Array.from(out);
  },
  ASCII85Decode: (b) => {
    let s = '';
    for (let i = 0; i < b.length; i += 4) {
      const n = Math.min(4, b.length - i);
      let v = 0;
      for (let k = 0; k < 4; k++) v = v * 256 + (b[i + k] ?? 0);
      if (v === 0 && n === 4) {
        s += 'z';
        continue;
      }
      const d: string[] = [];
      for (let k = 0; k < 5; k++) {
        d.unshift(String.fromCharCode(33 + (v % 85)));
        v = Math.floor(v / 85);
      }
      s += d.slice(0, n + 1).join('');
    }
    return strToU8(`${s}~>`);
  },
};
/** The abbreviated filter names of inline images, which pdf.js also accepts on streams. */
export const PDF_FILTER_ABBREVIATIONS: Record<string, string> = { FlateDecode: 'Fl', ASCIIHexDecode: 'AHx', RunLengthDecode: 'RL', ASCII85Decode: 'A85' };

/** A minimal PDF with no attachment. */
export function plainPdf(): Uint8Array {
  return buildPdf([...pdfSkeleton(), { num: 4, body: '<< /Producer (chorus-precheck fixtures) >>' }], { trailerExtra: '/Info 4 0 R' });
}

/** A minimal Factur-X-like PDF embedding the tiny UBL invoice, uncompressed. */
export function facturxPdf(xml: Uint8Array = strToU8(TINY_UBL)): Uint8Array {
  return pdfWithEmbedded({ name: 'factur-x.xml', stream: xml });
}

/** A PDF with an `/Encrypt` dictionary (RC4 40-bit, R2) whose user password is not empty. */
export function encryptedLookingPdf(): Uint8Array {
  const o = '<' + '7a'.repeat(32) + '>';
  const u = '<' + '3c'.repeat(32) + '>';
  return buildPdf([...pdfSkeleton(), { num: 9, body: `<< /Filter /Standard /V 1 /R 2 /O ${o} /U ${u} /P -44 >>` }], {
    trailerExtra: '/Encrypt 9 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]',
  });
}

// ---------------------------------------------------------------------------------------------
// A one-page PDF/A-3-like document: embedded files, XMP, the /AF array, the standard security handler

/** A file embedded in a document. */
export interface EmbeddedSpec {
  name: string;
  bytes: Uint8Array;
  subtype: string;
  afRelationship: string;
}

/** What `pdfDocument` writes. */
export interface PdfSpec {
  embedded: EmbeddedSpec[];
  /** XMP packet; omitted when null. */
  xmp: string | null;
  compressXmp?: boolean;
  /** Standard security handler with this user password (RC4 40-bit, R2). */
  userPassword?: string;
}

/** A Factur-X XMP packet (PDF/A-3B), the extension fields in element or attribute form. */
export function xmpPacket(conformance: string, attributeForm: boolean, fileName = 'factur-x.xml'): string {
  const fx = attributeForm
    ? `<rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#" fx:DocumentType="INVOICE" fx:DocumentFileName="${fileName}" fx:Version="1.0" fx:ConformanceLevel="${conformance}"/>`
    : `<rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
   <fx:DocumentType>INVOICE</fx:DocumentType>
   <fx:DocumentFileName>${fileName}</fx:DocumentFileName>
   <fx:Version>1.0</fx:Version>
   <fx:ConformanceLevel>${conformance}</fx:ConformanceLevel>
  </rdf:Description>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  ${fx}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** PDF name with `#xx` escapes for delimiters (ISO 32000-1 §7.3.5). */
export function pdfName(s: string): string {
  return '/' + s.replace(/[^A-Za-z0-9._-]/g, (c) => `#${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

const PASSWORD_PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c,
  0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[n] = (data[n] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 0xff] as number);
  }
  return out;
}

function padPassword(p: string): Uint8Array {
  const b = strToU8(p).subarray(0, 32);
  const out = new Uint8Array(32);
  out.set(b);
  out.set(PASSWORD_PAD.subarray(0, 32 - b.length), b.length);
  return out;
}

function md5(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

/** Writes a one-page PDF with embedded files (Flate-compressed), XMP and the PDF/A-3 /AF array. */
export function pdfDocument(spec: PdfSpec): Uint8Array {
  const objects: PdfObject[] = [];
  const add = (body: string, stream?: Uint8Array): number => {
    const num = objects.length + 1;
    objects.push(stream === undefined ? { num, body } : { num, body: `<< ${body} /Length ${stream.length} >>`, stream });
    return num;
  };
  // 1 catalog (written last, once its references are known), 2 pages, 3 page, 4 contents.
  add('');
  add('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  add('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>');
  add('', strToU8('0 0 m 100 100 l S'));
  let metadataRef = '';
  if (spec.xmp !== null) {
    const data = strToU8(spec.xmp);
    const n =
      spec.compressXmp === true ? add('/Type /Metadata /Subtype /XML /Filter /FlateDecode', zlibSync(data)) : add('/Type /Metadata /Subtype /XML', data);
    metadataRef = ` /Metadata ${n} 0 R`;
  }
  const specs: number[] = [];
  for (const e of spec.embedded) {
    const ef = add(`/Type /EmbeddedFile /Subtype ${pdfName(e.subtype)} /Params << /Size ${e.bytes.length} >> /Filter /FlateDecode`, zlibSync(e.bytes));
    specs.push(
      add(`<< /Type /Filespec /F (${e.name}) /UF (${e.name}) /AFRelationship /${e.afRelationship} /Desc (${e.name}) /EF << /F ${ef} 0 R /UF ${ef} 0 R >> >>`),
    );
  }
  const names =
    specs.length === 0
      ? ''
      : ` /Names << /EmbeddedFiles << /Names [${spec.embedded.map((e, i) => `(${e.name}) ${specs[i]} 0 R`).join(' ')}] >> >> /AF [${specs.map((n) => `${n} 0 R`).join(' ')}]`;
  objects[0] = { num: 1, body: `<< /Type /Catalog /Pages 2 0 R${metadataRef}${names} >>` };
  const id = md5(strToU8(JSON.stringify(spec.embedded.map((e) => e.name)) + (spec.xmp ?? '')));
  let encrypt = '';
  if (spec.userPassword !== undefined) {
    // ISO 32000-1 §7.6.3.4, algorithms 3 and 4 (revision 2, 40-bit key).
    const ownerKey = md5(padPassword('owner')).subarray(0, 5);
    const O = rc4(ownerKey, padPassword(spec.userPassword));
    const P = -44;
    const p = new Uint8Array(4);
    new DataView(p.buffer).setInt32(0, P, true);
    const key = md5(padPassword(spec.userPassword), O, p, id).subarray(0, 5);
    const U = rc4(key, PASSWORD_PAD);
    const n = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex(O)}> /U <${hex(U)}> /P ${P} >>`);
    encrypt = `/Encrypt ${n} 0 R `;
  }
  return buildPdf(objects, { trailerExtra: `${encrypt}/ID [<${hex(id)}> <${hex(id)}>]`, byteMarker: true });
}

/** A Factur-X PDF: `xml` embedded as factur-x.xml (Data), its XMP, and any further files. */
export function facturX(xml: string, opts: Partial<PdfSpec> & { conformance?: string; attributeForm?: boolean; extra?: EmbeddedSpec[] } = {}): Uint8Array {
  return pdfDocument({
    embedded: [{ name: 'factur-x.xml', bytes: strToU8(xml), subtype: 'text/xml', afRelationship: 'Data' }, ...(opts.extra ?? [])],
    xmp: xmpPacket(opts.conformance ?? 'EN 16931', opts.attributeForm ?? false),
    ...(opts.compressXmp === undefined ? {} : { compressXmp: opts.compressXmp }),
    ...(opts.userPassword === undefined ? {} : { userPassword: opts.userPassword }),
  });
}
