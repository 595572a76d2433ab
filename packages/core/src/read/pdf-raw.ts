import { fflate } from './inflate.js';
import type { Diagnostic } from '../report/diagnostic.js';
import type { Limits } from '../limits.js';
import { asciiBytes, indexOfBytes } from './sniff.js';
import { limitDiagnostic } from './diagnostics.js';

/** What a scan of the raw PDF bytes tells, for what pdf.js does not expose. */
export interface RawPdfScan {
  /** A `/Encrypt` entry is present (an empty user password still opens the file). */
  encrypted: boolean;
  /** Indirect objects found (`n g obj`). */
  objectCount: number;
  /** File specifications found outside object streams, keyed by file name. */
  fileSpecs: Map<string, { afRelationship: string | null; subtype: string | null }>;
  /**
   * Decodes the XMP packets found in metadata streams (uncompressed or Flate) and bare
   * `<?xpacket` packets, in file order. Images and embedded files carry their own: the document's is chosen by the
   * caller (pdf.js knows which stream the catalog points at).
   */
  xmp: () => string[];
  /** Limits reached (object count, decompressed stream size): the PDF is then not opened. */
  problems: Diagnostic[];
}

const OBJ = asciiBytes('obj');
const ENDOBJ = asciiBytes('endobj');
const STREAM = asciiBytes('stream');
const ENDSTREAM = asciiBytes('endstream');
const FILESPEC = asciiBytes('/Filespec');
const EMBEDDED_FILE = asciiBytes('/EmbeddedFile');
const OBJSTM = asciiBytes('/ObjStm');
const METADATA = asciiBytes('/Metadata');
const ENCRYPT = asciiBytes('/Encrypt');

function isWhite(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}
function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function latin1(b: Uint8Array, from: number, to: number): string {
  let s = '';
  const end = Math.min(to, b.length);
  for (let i = Math.max(0, from); i < end; i += 8192) {
    // `apply` reads the bytes as an array-like; a spread would go through the iterator.
    s += String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + 8192)) as unknown as number[]);
  }
  return s;
}

/** Decodes a PDF name's `#xx` escapes (ISO 32000-1 §7.3.5). */
function pdfName(raw: string): string {
  return raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** Decodes a PDF literal or hex string as written in a dictionary (UTF-16BE with BOM, else Latin-1). */
function pdfString(src: string, at: number): string | null {
  if (src[at] === '(') {
    let depth = 0;
    let out = '';
    for (let i = at; i < src.length; i++) {
      const c = src[i] as string;
      if (c === '\\') {
        const n = src[i + 1] ?? '';
        const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
        if (/[0-7]/.test(n)) {
          const m = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4)) as RegExpExecArray;
          out += String.fromCharCode(Number.parseInt(m[0], 8));
          i += m[0].length;
        } else {
          out += map[n] ?? n;
          i++;
        }
        continue;
      }
      if (c === '(') { depth++; if (depth === 1) continue; }
      if (c === ')') { depth--; if (depth === 0) return decodeTextString(out); }
      out += c;
    }
    return null;
  }
  if (src[at] === '<') {
    const end = src.indexOf('>', at);
    if (end < 0) return null;
    const hex = src.slice(at + 1, end).replace(/\s+/g, '');
    let out = '';
    for (let i = 0; i + 1 < hex.length; i += 2) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
    return decodeTextString(out);
  }
  return null;
}

function decodeTextString(s: string): string {
  if (s.charCodeAt(0) === 0xfe && s.charCodeAt(1) === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < s.length; i += 2) out += String.fromCharCode((s.charCodeAt(i) << 8) | s.charCodeAt(i + 1));
    return out;
  }
  return s;
}

/** The `/Name` keywords the scan looks for, each found in one pass over the bytes. */
interface Keywords {
  encrypt: boolean;
  embeddedFile: number[];
  objStm: number[];
  metadata: number[];
  fileSpec: number[];
}

/** Whether `b` holds `word` at `at`. */
function bytesAt(b: Uint8Array, word: Uint8Array, at: number): boolean {
  if (at + word.length > b.length) return false;
  for (let j = 0; j < word.length; j++) if (b[at + j] !== word[j]) return false;
  return true;
}

/**
 * Finds every `/Encrypt`, `/EmbeddedFile`, `/ObjStm`, `/Metadata` and `/Filespec` in one pass:
 * a pass of `indexOf` over a large file costs more than the checks made at each `/`.
 */
function findKeywords(b: Uint8Array): Keywords {
  const k: Keywords = { encrypt: false, embeddedFile: [], objStm: [], metadata: [], fileSpec: [] };
  for (let i = b.indexOf(0x2f); i >= 0; i = b.indexOf(0x2f, i + 1)) {
    switch (b[i + 1]) {
      case 0x45: // E
        if (bytesAt(b, EMBEDDED_FILE, i)) k.embeddedFile.push(i);
        else if (!k.encrypt && bytesAt(b, ENCRYPT, i)) k.encrypt = true;
        break;
      case 0x4f: // O
        if (bytesAt(b, OBJSTM, i)) k.objStm.push(i);
        break;
      case 0x4d: // M
        if (bytesAt(b, METADATA, i)) k.metadata.push(i);
        break;
      case 0x46: // F
        if (bytesAt(b, FILESPEC, i)) k.fileSpec.push(i);
        break;
    }
  }
  return k;
}

/** Reads the decimal digits `b[from, to)` as a number. */
function digits(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + ((b[i] as number) - 0x30);
  return n;
}

/**
 * Scans the raw bytes of a PDF: objects (count and offsets), file specifications with their
 * `/AFRelationship` and embedded-file `/Subtype` (pdf.js exposes neither), the XMP packet,
 * and the decompressed size of the streams pdf.js would inflate for us (embedded files,
 * object streams, metadata), so that a decompression bomb is refused before pdf.js opens it.
 * Objects inside compressed object streams are not seen: their fields stay null.
 */
export function scanPdf(b: Uint8Array, limits: Limits): RawPdfScan {
  const keywords = findKeywords(b);
  // XMP packets are decoded only when asked for: pdf.js usually gives the document's own.
  const packets: Array<() => string | null> = [];
  const scan: RawPdfScan = { encrypted: keywords.encrypt, objectCount: 0, fileSpecs: new Map(), xmp: () => packets.map((p) => p()).filter((p): p is string => p !== null), problems: [] };
  // Object offsets: `n g obj` keywords, not `endobj`. Searched by their `j`, rarer than `o`.
  const offsets = new Map<number, number>();
  const starts: number[] = [];
  for (let jAt = b.indexOf(0x6a, 2); jAt >= 0; jAt = b.indexOf(0x6a, jAt + 1)) {
    if (b[jAt - 1] !== 0x62 || b[jAt - 2] !== 0x6f) continue;
    const i = jAt - 2;
    if (!isWhite(b[i - 1]) || b[i - 4] === 0x65 /* e of endobj */) continue;
    let j = i - 1;
    while (j >= 0 && isWhite(b[j])) j--;
    let k = j;
    while (k >= 0 && isDigit(b[k])) k--;
    if (k === j || !isWhite(b[k])) continue;
    let m = k;
    while (m >= 0 && isWhite(b[m])) m--;
    let n = m;
    while (n >= 0 && isDigit(b[n])) n--;
    if (n === m) continue;
    const num = digits(b, n + 1, m + 1);
    offsets.set(num, n + 1);
    starts.push(n + 1);
    scan.objectCount++;
    if (scan.objectCount > limits.maxPdfObjects) {
      scan.problems.push(limitDiagnostic('maxPdfObjects', limits.maxPdfObjects, undefined, scan.objectCount));
      return scan;
    }
  }

  const objectAround = (pos: number): number => {
    // Largest object start before pos (starts are in file order).
    let lo = 0;
    let hi = starts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) <= pos) { best = starts[mid] as number; lo = mid + 1; } else hi = mid - 1;
    }
    return best;
  };
  const dictText = (start: number): string => {
    // The dictionary ends at the object's `stream` keyword, or at its `endobj` when it has no
    // stream. `stream` is looked for first: `endobj` comes after the stream's data, which
    // need not be searched through.
    const s = indexOfBytes(b, STREAM, start, start + 65536);
    if (s >= 0 && indexOfBytes(b, ENDOBJ, start, s) < 0) return latin1(b, start, s);
    const end = indexOfBytes(b, ENDOBJ, start, start + 65536);
    return latin1(b, start, end >= 0 ? end : start + 4096);
  };

  // The document's XMP is the stream the catalogue's /Metadata points at, whatever its
  // dictionary says (AIFE's official Factur-X samples give it no /Type /Metadata, which pdf.js
  // requires) and whatever its wrapper (bare rdf:RDF, x:xmpmeta, xpacket): taken first.
  for (const i of keywords.metadata) {
    const start = objectAround(i);
    if (start < 0) continue;
    const dict = dictText(start);
    if (!/\/Type\s*\/Catalog\b/.test(dict)) continue;
    const ref = /^\/Metadata\s+(\d+)\s+\d+\s+R/.exec(latin1(b, i, i + 40));
    const at = ref === null ? undefined : offsets.get(Number(ref[1]));
    if (at === undefined) continue;
    const packet = streamPacket(b, at, dictText(at), limits);
    if (packet !== null) packets.push(packet);
    break;
  }

  // Streams pdf.js would decompress for us.
  const guarded = new Set<number>();
  for (const [key, found] of [[EMBEDDED_FILE, keywords.embeddedFile], [OBJSTM, keywords.objStm], [METADATA, keywords.metadata]] as const) {
    for (const i of found) {
      if (key === EMBEDDED_FILE && b[i + key.length] === 0x73 /* /EmbeddedFiles */) continue;
      const start = objectAround(i);
      if (start < 0 || guarded.has(start)) continue;
      const dict = dictText(start);
      if (key === METADATA && !/\/Type\s*\/Metadata/.test(dict)) continue;
      const s = indexOfBytes(b, STREAM, start, start + dict.length + 16);
      if (s < 0) continue;
      guarded.add(start);
      let dataStart = s + STREAM.length;
      if (b[dataStart] === 0x0d) dataStart++;
      if (b[dataStart] === 0x0a) dataStart++;
      const lengthMatch = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
      let dataEnd = lengthMatch ? dataStart + Number(lengthMatch[1]) : -1;
      if (dataEnd < 0 || dataEnd > b.length) dataEnd = indexOfBytes(b, ENDSTREAM, dataStart);
      if (dataEnd < 0) continue;
      const data = b.subarray(dataStart, dataEnd);
      const flate = /\/Filter\s*(\[\s*)?\/FlateDecode\s*\]?/.test(dict) && !/\/Filter\s*\[[^\]]*\/\w+[^\]]*\/\w+/.test(dict);
      if (!/\/Filter/.test(dict)) {
        if (key === METADATA && packets.length < 16) packets.push(() => new TextDecoder('utf-8').decode(data));
        continue;
      }
      if (!flate) continue;
      // Deflate expands at most 1032:1 (RFC 1951 §3.2.5 lengths): a stream too small to reach
      // the limit need not be inflated twice (pdf.js inflates it anyway), and a small metadata
      // stream only if its packet is asked for.
      if (data.length * 1032 <= limits.maxPdfStreamBytes) {
        if (key === METADATA && packets.length < 16) {
          packets.push(() => {
            const out = inflateBounded(data, limits.maxPdfStreamBytes, true).out;
            return out === null ? null : new TextDecoder('utf-8').decode(out);
          });
        }
        continue;
      }
      const r = inflateBounded(data, limits.maxPdfStreamBytes, key === METADATA);
      if (r.exceeded) {
        scan.problems.push(limitDiagnostic('maxPdfStreamBytes', limits.maxPdfStreamBytes, undefined, limits.maxPdfStreamBytes + 1));
        return scan;
      }
      const out = r.out;
      if (key === METADATA && packets.length < 16 && out !== null) packets.push(() => new TextDecoder('utf-8').decode(out));
    }
  }

  // File specifications: name, /AFRelationship, and the /Subtype of the embedded stream.
  for (const i of keywords.fileSpec) {
    const start = objectAround(i);
    if (start < 0) continue;
    const dict = dictText(start);
    const name = fileSpecName(dict);
    if (name === null) continue;
    const af = /\/AFRelationship\s*\/([^\s/<>[\]()]+)/.exec(dict);
    let subtype: string | null = null;
    const ef = /\/EF\s*<<[^>]*?\/(?:UF|F)\s+(\d+)\s+\d+\s+R/.exec(dict);
    if (ef) {
      const at = offsets.get(Number(ef[1]));
      if (at !== undefined) {
        const st = /\/Subtype\s*\/([^\s/<>[\]()]+)/.exec(dictText(at));
        if (st) subtype = pdfName(st[1] as string);
      }
    }
    scan.fileSpecs.set(name, { afRelationship: af ? pdfName(af[1] as string) : null, subtype });
  }
  if (packets.length === 0) {
    packets.push(() => findXpacket(b));
  }
  return scan;
}

/** A lazy decoder of the stream of the object at `start` (unfiltered or Flate), read as UTF-8 text. */
function streamPacket(b: Uint8Array, start: number, dict: string, limits: Limits): (() => string | null) | null {
  const s = indexOfBytes(b, STREAM, start, start + dict.length + 16);
  if (s < 0) return null;
  let dataStart = s + STREAM.length;
  if (b[dataStart] === 0x0d) dataStart++;
  if (b[dataStart] === 0x0a) dataStart++;
  const lengthMatch = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
  let dataEnd = lengthMatch ? dataStart + Number(lengthMatch[1]) : -1;
  if (dataEnd < 0 || dataEnd > b.length) dataEnd = indexOfBytes(b, ENDSTREAM, dataStart);
  if (dataEnd < 0) return null;
  const data = b.subarray(dataStart, dataEnd);
  const filter = /\/Filter\s*(\[\s*)?\/([A-Za-z0-9#]+)\s*(\])?/.exec(dict);
  if (filter === null) return () => new TextDecoder('utf-8').decode(data);
  if (filter[2] !== 'FlateDecode' || /\/Filter\s*\[[^\]]*\/\w+[^\]]*\/\w+/.test(dict)) return null;
  return () => {
    const out = inflateBounded(data, limits.maxPdfStreamBytes, true).out;
    return out === null ? null : new TextDecoder('utf-8').decode(out);
  };
}

function fileSpecName(dict: string): string | null {
  for (const key of ['/UF', '/F']) {
    const re = new RegExp(`${key}\\s*([(<])`, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(dict)) !== null) {
      // Skip `<<` dictionaries (the /EF entry also has an /F key).
      if (m[1] === '<' && dict[m.index + m[0].length] === '<') continue;
      const v = pdfString(dict, m.index + m[0].length - 1);
      if (v !== null) return v.replace(/^.*[\\/]/, '');
    }
  }
  return null;
}

/** Finds an uncompressed `<?xpacket begin` … `<?xpacket end …?>` packet in the raw bytes. */
function findXpacket(b: Uint8Array): string | null {
  const begin = indexOfBytes(b, asciiBytes('<?xpacket begin'));
  if (begin < 0) return null;
  const endMark = indexOfBytes(b, asciiBytes('<?xpacket end'), begin);
  if (endMark < 0) return null;
  const close = indexOfBytes(b, asciiBytes('?>'), endMark);
  if (close < 0) return null;
  return new TextDecoder('utf-8').decode(b.subarray(begin, close + 2));
}

/** Inflates a zlib stream, stopping as soon as the output passes `max` bytes. */
export function inflateBounded(data: Uint8Array, max: number, keep: boolean): { out: Uint8Array | null; exceeded: boolean } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let exceeded = false;
  // PDF Flate streams are zlib-wrapped (ISO 32000-1 §7.4.4); skip the 2-byte header when present.
  const zlib = data.length >= 2 && ((data[0] as number) & 0x0f) === 8 && (((data[0] as number) << 8) | (data[1] as number)) % 31 === 0;
  const inf = new (fflate().Inflate)((chunk) => {
    if (exceeded) return;
    size += chunk.length;
    if (size > max) { exceeded = true; return; }
    if (keep) chunks.push(chunk);
  });
  const body = zlib ? data.subarray(2) : data;
  try {
    const STEP = 16 * 1024;
    for (let off = 0; off < body.length && !exceeded; off += STEP) {
      const end = Math.min(body.length, off + STEP);
      inf.push(body.subarray(off, end), end === body.length);
    }
  } catch {
    // A damaged stream: pdf.js reports what it can read of it.
  }
  if (!keep || exceeded) return { out: null, exceeded };
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return { out, exceeded };
}
