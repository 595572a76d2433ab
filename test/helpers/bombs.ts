/**
 * Generators of hostile inputs, built in memory and deterministic: XML entity-expansion and
 * external-resolution attempts, deep nesting, huge attributes and text, zip / gzip / tar
 * bombs and path tricks, PDF decompression bombs, looping cross-reference tables, truncated
 * and encrypted-looking PDFs.
 *
 * GB-scale payloads are never materialised: `runLengthDeflate` writes a raw deflate stream
 * that inflates to any number of repeated bytes (fixed Huffman, length-258 matches at
 * distance 1: 13 bits per 258 bytes, a ratio of about 1:159), so a 1 GB member costs 6.8 MB
 * and is written in a fraction of a second instead of compressing a gigabyte.
 */
import { gzipSync, strToU8, zipSync, zlibSync } from 'fflate';
import type { Limits } from '../../packages/core/src/limits.js';

// ---------------------------------------------------------------------------------------------
// Checksums

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Updates a CRC-32 (zip, gzip) with the given bytes; start with `crc32(bytes)`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

// GF(2) matrix helpers, as in zlib's crc32_combine: they give the CRC of `count` repeated
// bytes in O(log count) instead of hashing a gigabyte.
function gf2Times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  let i = 0;
  while (vec) {
    if (vec & 1) sum ^= mat[i]!;
    vec >>>= 1;
    i++;
  }
  return sum >>> 0;
}
function gf2Square(mat: Uint32Array): Uint32Array {
  const sq = new Uint32Array(32);
  for (let n = 0; n < 32; n++) sq[n] = gf2Times(mat, mat[n]!);
  return sq;
}
/** Combines CRC-32 `crcA` of a first part with `crcB` of a second part of `lenB` bytes. */
export function crc32Combine(crcA: number, crcB: number, lenB: number): number {
  if (lenB <= 0) return crcA;
  let odd: Uint32Array = new Uint32Array(32);
  odd[0] = 0xedb88320;
  let row = 1;
  for (let n = 1; n < 32; n++) {
    odd[n] = row;
    row <<= 1;
  }
  let even: Uint32Array = gf2Square(odd);
  odd = gf2Square(even);
  let len = lenB;
  let crc = crcA >>> 0;
  do {
    even = gf2Square(odd);
    if (len & 1) crc = gf2Times(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    odd = gf2Square(even);
    if (len & 1) crc = gf2Times(odd, crc);
    len = Math.floor(len / 2);
  } while (len !== 0);
  return (crc ^ crcB) >>> 0;
}

/** The CRC-32 of `count` copies of `byte`, without building them. */
export function crc32OfRun(byte: number, count: number): number {
  // Doubling: crc(2n) = combine(crc(n), crc(n), n).
  let result = 0;
  let resultLen = 0;
  let chunk = crc32(Uint8Array.of(byte));
  let chunkLen = 1;
  let n = count;
  while (n > 0) {
    if (n % 2 === 1) {
      result = resultLen === 0 ? chunk : crc32Combine(result, chunk, chunkLen);
      resultLen += chunkLen;
    }
    n = Math.floor(n / 2);
    if (n > 0) {
      chunk = crc32Combine(chunk, chunk, chunkLen);
      chunkLen *= 2;
    }
  }
  return result >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Raw deflate writer (RFC 1951, one fixed-Huffman block)

class BitWriter {
  private buf = new Uint8Array(1 << 16);
  private pos = 0;
  private acc = 0;
  private nbits = 0;
  write(value: number, bits: number): void {
    for (let i = 0; i < bits; i++) {
      this.acc |= ((value >>> i) & 1) << this.nbits;
      if (++this.nbits === 8) this.flushByte();
    }
  }
  /** Huffman codes go most significant bit first (RFC 1951 §3.1.1). */
  writeCode(code: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.acc |= ((code >>> i) & 1) << this.nbits;
      if (++this.nbits === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    if (this.pos === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.pos++] = this.acc;
    this.acc = 0;
    this.nbits = 0;
  }
  finish(): Uint8Array {
    if (this.nbits > 0) this.flushByte();
    return this.buf.slice(0, this.pos);
  }
}

function writeLitLen(w: BitWriter, sym: number): void {
  if (sym <= 143) w.writeCode(0x30 + sym, 8);
  else if (sym <= 255) w.writeCode(0x190 + sym - 144, 9);
  else if (sym <= 279) w.writeCode(sym - 256, 7);
  else w.writeCode(0xc0 + sym - 280, 8);
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

function writeMatchDist1(w: BitWriter, length: number): void {
  let i = LENGTH_BASE.length - 1;
  while (LENGTH_BASE[i]! > length) i--;
  writeLitLen(w, 257 + i);
  w.write(length - LENGTH_BASE[i]!, LENGTH_EXTRA[i]!);
  w.writeCode(0, 5); // distance code 0 = distance 1
}

/** A part of a run-length deflate stream: literal bytes, or `count` copies of `byte`. */
export type DeflatePart = Uint8Array | { byte: number; count: number };

/**
 * Writes a raw deflate stream of the given parts; runs cost 13 bits per 258 bytes. Returns the stream and the inflated size and CRC-32.
 */
export function runLengthDeflate(parts: DeflatePart[]): { deflated: Uint8Array; size: number; crc: number } {
  const w = new BitWriter();
  w.write(1, 1); // BFINAL
  w.write(1, 2); // BTYPE = fixed Huffman
  let size = 0;
  let crc = 0;
  for (const part of parts) {
    if (part instanceof Uint8Array) {
      for (const b of part) writeLitLen(w, b);
      crc = size === 0 ? crc32(part) : crc32(part, crc);
      size += part.length;
      continue;
    }
    if (part.count <= 0) continue;
    writeLitLen(w, part.byte);
    let left = part.count - 1;
    while (left >= 3) {
      const len = Math.min(258, left);
      // A tail of 259 or 260 would leave 1 or 2 bytes, too short for a match: split evenly.
      const take = left - len > 0 && left - len < 3 ? len - 3 : len;
      writeMatchDist1(w, take);
      left -= take;
    }
    for (; left > 0; left--) writeLitLen(w, part.byte);
    const runCrc = crc32OfRun(part.byte, part.count);
    crc = size === 0 ? runCrc : crc32Combine(crc, runCrc, part.count);
    size += part.count;
  }
  writeLitLen(w, 256);
  return { deflated: w.finish(), size, crc };
}

function adler32OfParts(parts: DeflatePart[]): number {
  // Adler-32 by arithmetic on runs: a += byte per byte, b += a per byte.
  const MOD = 65521;
  let a = 1;
  let b = 0;
  for (const part of parts) {
    if (part instanceof Uint8Array) {
      for (const x of part) {
        a = (a + x) % MOD;
        b = (b + a) % MOD;
      }
      continue;
    }
    const n = part.count % MOD;
    const c = part.byte;
    // b += n*a + c*n(n+1)/2 ; a += n*c  (all mod MOD, with the full count folded in)
    const N = BigInt(part.count);
    const bigB = BigInt(b) + N * BigInt(a) + BigInt(c) * ((N * (N + 1n)) / 2n);
    b = Number(bigB % BigInt(MOD));
    a = (a + n * c) % MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/** Wraps run-length deflate in a zlib stream (PDF `/FlateDecode`). */
export function runLengthZlib(parts: DeflatePart[]): { bytes: Uint8Array; size: number } {
  const { deflated, size } = runLengthDeflate(parts);
  const out = new Uint8Array(2 + deflated.length + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  out.set(deflated, 2);
  new DataView(out.buffer).setUint32(out.length - 4, adler32OfParts(parts));
  return { bytes: out, size };
}

/** Wraps run-length deflate in a gzip member; `declaredSize` overrides the ISIZE trailer. */
export function runLengthGzip(parts: DeflatePart[], opts: { name?: string; declaredSize?: number } = {}): Uint8Array {
  const { deflated, size, crc } = runLengthDeflate(parts);
  const name = opts.name ? strToU8(opts.name + '\0') : new Uint8Array(0);
  const header = Uint8Array.of(0x1f, 0x8b, 8, opts.name ? 8 : 0, 0, 0, 0, 0, 0, 255);
  const out = new Uint8Array(header.length + name.length + deflated.length + 8);
  out.set(header);
  out.set(name, header.length);
  out.set(deflated, header.length + name.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(out.length - 8, crc, true);
  dv.setUint32(out.length - 4, (opts.declaredSize ?? size) >>> 0, true);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Zip writer (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16), able to lie about sizes

/** One member of a hand-built zip. */
export interface ZipMember {
  name: string;
  /** The member's stored bytes (already deflated when `method` is 8). */
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  size: number;
  /** Central-directory entries pointing at this same local header (overlapping-file bomb). */
  aliases?: number;
}

/** Builds a zip from members whose sizes and CRCs are given, true or not. */
export function buildZip(members: ZipMember[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  let entries = 0;
  for (const m of members) {
    const name = strToU8(m.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, m.method, true);
    lv.setUint32(14, m.crc, true);
    lv.setUint32(18, m.data.length, true);
    lv.setUint32(22, m.size >>> 0, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const localOffset = offset;
    chunks.push(local, m.data);
    offset += local.length + m.data.length;
    const copies = 1 + (m.aliases ?? 0);
    for (let k = 0; k < copies; k++) {
      const cname = k === 0 ? name : strToU8(`${m.name}.${k}`);
      const cd = new Uint8Array(46 + cname.length);
      const cv = new DataView(cd.buffer);
      cv.setUint32(0, 0x02014b50, true);
      cv.setUint16(4, 20, true);
      cv.setUint16(6, 20, true);
      cv.setUint16(10, m.method, true);
      cv.setUint32(16, m.crc, true);
      cv.setUint32(20, m.data.length, true);
      cv.setUint32(24, m.size >>> 0, true);
      cv.setUint16(28, cname.length, true);
      cv.setUint32(42, localOffset, true);
      cd.set(cname, 46);
      central.push(cd);
      entries++;
    }
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(entries, 0xffff), true);
  ev.setUint16(10, Math.min(entries, 0xffff), true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return concat([...chunks, ...central, eocd]);
}

// ---------------------------------------------------------------------------------------------
// Tar writer (POSIX ustar)

/** One member of a hand-built tar. */
export interface TarMember {
  name: string;
  data?: Uint8Array;
  /** `0` file, `2` symlink, `5` directory. */
  type?: '0' | '2' | '5';
  linkname?: string;
  /** The size written in the header, when it must differ from the data's. */
  declaredSize?: number;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** Builds an uncompressed ustar archive, names written verbatim (even `../x`, `/etc/x`). */
export function buildTar(members: TarMember[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const m of members) {
    const data = m.data ?? new Uint8Array(0);
    const h = new Uint8Array(512);
    const put = (s: string, off: number, len: number) => h.set(strToU8(s).subarray(0, len), off);
    put(m.name, 0, 100);
    put(octal(0o644, 8), 100, 8);
    put(octal(0, 8), 108, 8);
    put(octal(0, 8), 116, 8);
    put(octal(m.declaredSize ?? data.length, 12), 124, 12);
    put(octal(0, 12), 136, 12);
    put('        ', 148, 8);
    put(m.type ?? '0', 156, 1);
    put(m.linkname ?? '', 157, 100);
    put('ustar\0', 257, 6);
    put('00', 263, 2);
    let sum = 0;
    for (const b of h) sum += b;
    put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
    parts.push(h, data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(1024));
  return concat(parts);
}

// ---------------------------------------------------------------------------------------------
// PDF writer (ISO 32000-1 §7.5): objects, classic xref table, trailer

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
}

/** Builds a PDF with a classic cross-reference table whose offsets are exact. */
export function buildPdf(objects: PdfObject[], opts: PdfOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [strToU8('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
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
function pdfSkeleton(catalogExtra = ''): PdfObject[] {
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
export function pdfWithEmbedded(file: { name: string; stream: Uint8Array; filter?: string; declaredSize?: number }, xmp?: { stream: Uint8Array; filter?: string }): Uint8Array {
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

// ---------------------------------------------------------------------------------------------
// Small building blocks

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A tiny well-formed UBL invoice, the payload most generated containers carry. */
export const TINY_UBL = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>F-0001</cbc:ID>
  <cbc:IssueDate>2026-01-15</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>SERVICE1</cbc:BuyerReference>
</Invoice>
`;

const UBL_OPEN = '<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">\n<cbc:ID>F-0001</cbc:ID>\n';

// ---------------------------------------------------------------------------------------------
// The bombs

/** What a bomb must be answered with. */
export interface BombExpectation {
  /** Limits any one of which may stop it; its diagnostic is `limit/<name>`. */
  limits?: (keyof Limits)[];
  /** Other acceptable diagnostic ids (reader ids), as patterns. */
  ruleIds?: RegExp[];
}

/** A hostile input, built on demand (some are tens of MB), and what must answer it. */
export interface Bomb {
  id: string;
  /** The display name given to the reader (its extension is a hint, not the truth). */
  name: string;
  description: string;
  build(): Uint8Array;
  expect: BombExpectation;
  /** Large inputs: the fast test slice may scale them down through `build` options. */
  heavy?: boolean;
}

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;

function billionLaughs(levels: number): string {
  let dtd = '<!ENTITY lol0 "lol">\n';
  for (let i = 1; i <= levels; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">\n`;
  return `<?xml version="1.0"?>\n<!DOCTYPE Invoice [\n${dtd}]>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>&lol${levels};</cbc:ID></Invoice>\n`;
}

function deepNesting(depth: number): Uint8Array {
  const open = strToU8('<cac:X>');
  const close = strToU8('</cac:X>');
  const head = strToU8(UBL_OPEN);
  const tail = strToU8('</Invoice>\n');
  const out = new Uint8Array(head.length + depth * (open.length + close.length) + tail.length);
  let o = 0;
  out.set(head, o);
  o += head.length;
  for (let i = 0; i < depth; i++, o += open.length) out.set(open, o);
  for (let i = 0; i < depth; i++, o += close.length) out.set(close, o);
  out.set(tail, o);
  return out;
}

/** An UBL invoice carrying `count` copies of `byte` in an attribute or a text node. */
export function hugeXml(kind: 'attribute' | 'text' | 'attachment', count: number, byte = 0x41): Uint8Array {
  let open: string;
  let close: string;
  if (kind === 'attribute') {
    open = `${UBL_OPEN}<cbc:Note cbc:x="`;
    close = '">n</cbc:Note>\n</Invoice>\n';
  } else if (kind === 'text') {
    open = `${UBL_OPEN}<cbc:Note>`;
    close = '</cbc:Note>\n</Invoice>\n';
  } else {
    open = `${UBL_OPEN}<cac:AdditionalDocumentReference><cbc:ID>A1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">`;
    close = '</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>\n</Invoice>\n';
  }
  const a = strToU8(open);
  const b = strToU8(close);
  const out = new Uint8Array(a.length + count + b.length);
  out.set(a);
  out.fill(byte, a.length, a.length + count);
  out.set(b, a.length + count);
  return out;
}

function xmlBomb(): Bomb[] {
  return [
    {
      id: 'xml-billion-laughs',
      name: 'billion-laughs.xml',
      description: 'internal DTD, 10 levels of 10 entity references (10^10 "lol")',
      build: () => strToU8(billionLaughs(10)),
      expect: { ruleIds: [/dtd|doctype|entity|not-well-formed/i] },
    },
    {
      id: 'xml-quadratic-blowup',
      name: 'quadratic.xml',
      description: 'one 50 kB entity referenced 50 000 times',
      build: () =>
        strToU8(
          `<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY a "${'a'.repeat(50_000)}">]>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">${'&a;'.repeat(50_000)}</Invoice>\n`,
        ),
      expect: { ruleIds: [/dtd|doctype|entity|not-well-formed/i] },
    },
    {
      id: 'xml-external-entity',
      name: 'xxe.xml',
      description: 'external entities: file:///etc/passwd and a network SYSTEM id',
      build: () => strToU8(externalEntityXml('http://127.0.0.1:9/xxe')),
      expect: { ruleIds: [/dtd|doctype|entity|not-well-formed/i] },
    },
    {
      id: 'xml-external-dtd',
      name: 'external-dtd.xml',
      description: 'DOCTYPE with a network SYSTEM id and a parameter entity',
      build: () => strToU8(externalDtdXml('http://127.0.0.1:9/evil.dtd')),
      expect: { ruleIds: [/dtd|doctype|entity|not-well-formed/i] },
    },
    {
      id: 'xml-deep-nesting',
      name: 'deep.xml',
      description: '100 000 nested elements',
      build: () => deepNesting(100_000),
      expect: { limits: ['maxXmlDepth'] },
    },
    {
      id: 'xml-huge-attribute',
      name: 'huge-attribute.xml',
      description: 'one 50 MB attribute value',
      build: () => hugeXml('attribute', 50 * MB),
      expect: { limits: ['maxAttributeLength'] },
      heavy: true,
    },
    {
      id: 'xml-huge-text',
      name: 'huge-text.xml',
      description: 'one 20 MB text node (not an attachment)',
      build: () => hugeXml('text', 20 * MB),
      expect: { limits: ['maxTextLength'] },
      heavy: true,
    },
  ];
}

/** An XML invoice with external entities, an XInclude and a schema location pointing at `url`. */
export function externalEntityXml(url: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE Invoice [
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "${url}">
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:xi="http://www.w3.org/2001/XInclude" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 ${url}.xsd">
  <cbc:ID>&passwd;</cbc:ID>
  <cbc:Note>&remote;</cbc:Note>
  <xi:include href="${url}/include.xml" parse="text"/>
</Invoice>
`;
}

/** An XML invoice whose DOCTYPE loads an external DTD and a parameter entity from `url`. */
export function externalDtdXml(url: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE Invoice SYSTEM "${url}" [
  <!ENTITY % ext SYSTEM "${url}/param.dtd">
  %ext;
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>F-1</cbc:ID></Invoice>
`;
}

/** An XInclude-only document (no DTD), so that a reader rejecting DTDs alone does not mask it. */
export function xincludeXml(url: string): string {
  return `<?xml version="1.0"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:xi="http://www.w3.org/2001/XInclude" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 ${url}/schema.xsd">
  <cbc:ID>F-1</cbc:ID>
  <xi:include href="${url}/include.xml"/>
  <xi:include href="file:///etc/passwd" parse="text"/>
</Invoice>
`;
}

/** A gzip whose payload is `size` zero bytes after an XML prologue (real, not only declared). */
export function gzipBomb(size: number = GB): Uint8Array {
  const head = strToU8(`${UBL_OPEN}<cbc:Note>`);
  return runLengthGzip([head, { byte: 0x41, count: size - head.length }], { name: 'invoice.xml' });
}

function archiveBombs(): Bomb[] {
  return [
    {
      id: 'gzip-1gb',
      name: 'bomb.xml.gz',
      description: 'gzip inflating to 1 GB (6.8 MB on disk)',
      build: () => gzipBomb(GB),
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes', 'maxTextLength', 'maxInputBytes'] },
    },
    {
      id: 'gzip-1gb-lying',
      name: 'lying.xml.gz',
      description: 'gzip inflating to 1 GB whose trailer declares 1 kB',
      build: () => {
        const bomb = gzipBomb(GB);
        new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength).setUint32(bomb.length - 4, 1024, true);
        return bomb;
      },
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes', 'maxTextLength'] },
    },
    {
      id: 'gzip-declared-1gb',
      name: 'declared.xml.gz',
      description: 'gzip of a tiny invoice whose trailer declares 1 GB',
      build: () => runLengthGzip([strToU8(TINY_UBL)], { name: 'invoice.xml', declaredSize: GB }),
      // A trailer that disagrees with the data is a corrupt gzip (RFC 1952 §2.3.1): refused on
      // the declared size, or reported as corrupt, never read as if nothing were wrong.
      expect: { limits: ['maxDocumentBytes', 'maxBatchBytes'], ruleIds: [/archive-corrupt|gzip/] },
    },
    {
      id: 'zip-1gb-member',
      name: 'bomb.zip',
      description: 'zip whose one member inflates to 1 GB',
      build: () => {
        const { deflated, size, crc } = runLengthDeflate([strToU8(`${UBL_OPEN}<cbc:Note>`), { byte: 0x41, count: GB }]);
        return buildZip([{ name: 'invoice.xml', data: deflated, method: 8, crc, size }]);
      },
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes', 'maxTextLength'] },
    },
    {
      id: 'zip-lying-size',
      name: 'lying.zip',
      description: 'zip member declaring 10 bytes, inflating to 200 MB',
      build: () => {
        const { deflated, crc } = runLengthDeflate([strToU8(`${UBL_OPEN}<cbc:Note>`), { byte: 0x41, count: 200 * MB }]);
        return buildZip([{ name: 'invoice.xml', data: deflated, method: 8, crc, size: 10 }]);
      },
      // fflate sizes the output from the declared size: the member is cut to 10 bytes, hence malformed.
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes', 'maxTextLength'], ruleIds: [/zip|archive|size|corrupt|not-well-formed/i] },
    },
    {
      id: 'zip-overlapping',
      name: 'overlap.zip',
      description: '2 000 central-directory entries sharing one 100 MB member (200 GB in all)',
      build: () => {
        const { deflated, size, crc } = runLengthDeflate([{ byte: 0x20, count: 100 * MB }]);
        return buildZip([{ name: 'a.xml', data: deflated, method: 8, crc, size, aliases: 1999 }]);
      },
      expect: { ruleIds: [/overlap/] },
    },
    {
      id: 'zip-nested',
      name: 'nested.zip',
      description: 'zip in zip in zip in zip around a tiny invoice',
      build: () => {
        let inner = zipSync({ 'invoice.xml': strToU8(TINY_UBL) });
        for (let i = 3; i >= 1; i--) inner = zipSync({ [`level${i}.zip`]: inner });
        return inner;
      },
      expect: { limits: ['maxArchiveNesting'] },
    },
    {
      id: 'zip-nested-bomb',
      name: 'nested-bomb.zip',
      description: 'zip of 10 zips, each holding a member inflating to 200 MB',
      build: () => {
        const { deflated, size, crc } = runLengthDeflate([{ byte: 0x41, count: 200 * MB }]);
        const inner = buildZip([{ name: 'inner.xml', data: deflated, method: 8, crc, size }]);
        const files: Record<string, Uint8Array> = {};
        for (let i = 0; i < 10; i++) files[`part${i}.zip`] = inner;
        return zipSync(files, { level: 0 });
      },
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes', 'maxArchiveNesting', 'maxTextLength'] },
    },
    {
      id: 'zip-10000-empty',
      name: 'many.zip',
      description: '10 000 empty members',
      build: () => {
        const files: Record<string, Uint8Array> = {};
        for (let i = 0; i < 10_000; i++) files[`m${String(i).padStart(5, '0')}.xml`] = new Uint8Array(0);
        return zipSync(files, { level: 0 });
      },
      expect: { limits: ['maxBatchMembers'] },
    },
    {
      id: 'zip-65535-empty',
      name: 'many-more.zip',
      description: '65 535 empty members (the most without ZIP64)',
      build: () => {
        const files: Record<string, Uint8Array> = {};
        for (let i = 0; i < 65_535; i++) files[`m${String(i).padStart(5, '0')}.xml`] = new Uint8Array(0);
        return zipSync(files, { level: 0 });
      },
      expect: { limits: ['maxBatchMembers'] },
    },
    {
      id: 'zip-garbage-entry-count',
      name: 'garbage-count.zip',
      description: 'an end record declaring 65 535 entries in a 200-byte file',
      build: () => {
        const out = buildZip([{ name: 'a.xml', data: strToU8(TINY_UBL.slice(0, 100)), method: 0, crc: 0, size: 100 }]);
        new DataView(out.buffer).setUint16(out.length - 22 + 8, 0xffff, true);
        new DataView(out.buffer).setUint16(out.length - 22 + 10, 0xffff, true);
        return out;
      },
      expect: { ruleIds: [/archive-corrupt/] },
    },
    {
      id: 'tar-10000-empty',
      name: 'many.tar.gz',
      description: 'tar.gz of 10 000 empty members',
      build: () => gzipSync(buildTar(Array.from({ length: 10_000 }, (_, i) => ({ name: `m${String(i).padStart(5, '0')}.xml` })))),
      expect: { limits: ['maxBatchMembers'] },
    },
    {
      id: 'tar-paths',
      name: 'paths.tar.gz',
      description: 'tar.gz with ../, absolute, duplicate and symlink members',
      build: () => gzipSync(tarWithPathTricks()),
      expect: { ruleIds: [/path|travers|absolute|duplicate|unsafe|member|link/i] },
    },
    {
      id: 'zip-paths',
      name: 'paths.zip',
      description: 'zip with ../, absolute and duplicate member names',
      build: () => {
        const x = strToU8(TINY_UBL);
        const crc = crc32(x);
        return buildZip(
          ['../../evil.xml', '/etc/cron.d/evil.xml', 'C:\\evil.xml', 'ok.xml', 'ok.xml'].map((name) => ({ name, data: x, method: 0 as const, crc, size: x.length })),
        );
      },
      expect: { ruleIds: [/path|travers|absolute|duplicate|unsafe|member/i] },
    },
    {
      id: 'tar-truncated-member',
      name: 'truncated.tar.gz',
      description: 'tar member declaring 1 GB with 10 bytes of data',
      build: () => gzipSync(buildTar([{ name: 'invoice.xml', data: strToU8('<Invoice/>'), declaredSize: GB }])),
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes'], ruleIds: [/tar|archive|truncat|corrupt|unreadable/i] },
    },
  ];
}

/** A tar holding `../` and absolute member names, a duplicate and a symlink, plus a good invoice. */
export function tarWithPathTricks(): Uint8Array {
  const x = strToU8(TINY_UBL);
  return buildTar([
    { name: '../../../tmp/evil.xml', data: x },
    { name: '/etc/evil.xml', data: x },
    { name: 'dup.xml', data: x },
    { name: 'dup.xml', data: x },
    { name: 'link.xml', type: '2', linkname: '/etc/passwd' },
    { name: 'good.xml', data: x },
  ]);
}

/** A minimal PDF with no attachment. */
export function plainPdf(): Uint8Array {
  return buildPdf([...pdfSkeleton(), { num: 4, body: '<< /Producer (chorus-precheck fixtures) >>' }], { trailerExtra: '/Info 4 0 R' });
}

/** A minimal Factur-X-like PDF embedding the tiny UBL invoice, uncompressed. */
export function facturxPdf(xml: Uint8Array = strToU8(TINY_UBL)): Uint8Array {
  return pdfWithEmbedded({ name: 'factur-x.xml', stream: xml });
}

function pdfBombs(): Bomb[] {
  return [
    {
      id: 'pdf-embedded-bomb',
      name: 'embedded-bomb.pdf',
      description: 'embedded factur-x.xml FlateDecode stream inflating to 2 GB, /Size says 1 kB',
      build: () => {
        const z = runLengthZlib([strToU8(`${UBL_OPEN}<cbc:Note>`), { byte: 0x41, count: 2 * GB }]);
        return pdfWithEmbedded({ name: 'factur-x.xml', stream: z.bytes, filter: 'FlateDecode', declaredSize: 1024 });
      },
      expect: { limits: ['maxPdfStreamBytes', 'maxAttachmentBytes', 'maxDocumentBytes', 'maxTextLength'] },
    },
    {
      id: 'pdf-xmp-bomb',
      name: 'xmp-bomb.pdf',
      description: 'XMP metadata FlateDecode stream inflating to 1 GB',
      build: () => {
        const z = runLengthZlib([strToU8('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'), { byte: 0x20, count: GB }]);
        return pdfWithEmbedded({ name: 'factur-x.xml', stream: strToU8(TINY_UBL) }, { stream: z.bytes, filter: 'FlateDecode' });
      },
      expect: { limits: ['maxPdfStreamBytes', 'maxTextLength'] },
    },
    {
      id: 'pdf-xref-loop',
      name: 'xref-loop.pdf',
      description: 'trailer /Prev pointing at its own cross-reference table',
      build: () => buildPdf(pdfSkeleton(), { selfPrev: true }),
      expect: { ruleIds: [/.*/] },
    },
    {
      id: 'pdf-huge-size',
      name: 'huge-size.pdf',
      description: 'trailer /Size declaring 2^31 objects',
      build: () => buildPdf(pdfSkeleton(), { size: 2 ** 31 - 1 }),
      expect: { limits: ['maxPdfObjects'], ruleIds: [/pdf/i] },
    },
    {
      id: 'pdf-encrypted',
      name: 'encrypted.pdf',
      description: 'standard security handler with a user password',
      build: () => encryptedLookingPdf(),
      expect: { ruleIds: [/encrypt|password|pdf/i] },
    },
    {
      id: 'pdf-truncated-header',
      name: 'truncated.pdf',
      description: 'a PDF cut right after its header',
      build: () => facturxPdf().subarray(0, 20),
      expect: { ruleIds: [/pdf|unreadable|truncat|corrupt/i] },
    },
  ];
}

/** A PDF with an `/Encrypt` dictionary (RC4 40-bit, R2) whose user password is not empty. */
export function encryptedLookingPdf(): Uint8Array {
  const o = '<' + '7a'.repeat(32) + '>';
  const u = '<' + '3c'.repeat(32) + '>';
  return buildPdf([...pdfSkeleton(), { num: 9, body: `<< /Filter /Standard /V 1 /R 2 /O ${o} /U ${u} /P -44 >>` }], {
    trailerExtra: '/Encrypt 9 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]',
  });
}

/** Every bomb, in a stable order. */
export function allBombs(): Bomb[] {
  return [...xmlBomb(), ...archiveBombs(), ...pdfBombs()];
}

/** Zlib-compresses a PDF stream with fflate (for moderately compressible real payloads). */
export function flate(bytes: Uint8Array): Uint8Array {
  return zlibSync(bytes, { level: 9 });
}
