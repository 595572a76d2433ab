import { fflate } from './inflate.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Limits } from '../limits.js';
import { asciiBytes, indexOfBytes } from './sniff.js';
import { limitDiagnostic, readDiagnostic } from '../diagnostics/reader.js';
import { measureStreams, type FoundStream, type StreamProblem } from './pdf-streams.js';
import { nameOf, objectDictionary, refOf, type Value } from './pdf-lex.js';
import { clip } from './clip.js';
import { latin1, pdfName, pdfString } from './pdf-text.js';

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
  /** Bytes the streams decode to (measured, or their raw size when they cannot reach the limit). */
  decodedBytes: number;
}

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
    if (!k.encrypt && escapedName(b, i + 1) === 'Encrypt') k.encrypt = true;
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

/**
 * The name at `at` (after its `/`) with its `#xx` escapes decoded, when it has any and is
 * short; null otherwise. Names end at the next delimiter, itself a `/` at the latest: every
 * byte is read for one name only.
 */
function escapedName(b: Uint8Array, at: number): string | null {
  let end = at;
  let hash = false;
  while (end < b.length && end - at < 40) {
    const c = b[end] as number;
    if (isWhite(c) || c === 0x2f || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x28 || c === 0x29 || c === 0x7b || c === 0x7d || c === 0x25)
      break;
    if (c === 0x23) hash = true;
    end++;
  }
  return hash ? pdfName(latin1(b, at, end)) : null;
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
  const scan: RawPdfScan = {
    encrypted: keywords.encrypt,
    objectCount: 0,
    fileSpecs: new Map(),
    xmp: () => packets.map((p) => p()).filter((p): p is string => p !== null),
    problems: [],
    decodedBytes: 0,
  };
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

  const objectIndex = (pos: number): number => {
    // Index of the largest object start at or before pos (starts are in file order).
    let lo = 0;
    let hi = starts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) <= pos) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  };
  // An object's text ends where the next one starts (64 KB at most): each byte of the file
  // belongs to one object's text, read once however many keywords it holds.
  const objectEnd = (index: number): number => Math.min(streamOf(index)?.at ?? b.length, starts[index + 1] ?? b.length, (starts[index] as number) + 65536);
  const dictionaries = new Map<number, Map<string, Value> | null>();
  const dictionaryOf = (index: number): Map<string, Value> | null => {
    let d = dictionaries.get(index);
    if (d === undefined) {
      d = objectDictionary(b, starts[index] as number, objectEnd(index));
      dictionaries.set(index, d);
    }
    return d;
  };

  // Every stream, whatever its dictionary says, measured through its whole filter chain
  // before pdf.js may decode it (see pdf-streams.ts).
  const measured = measureStreams(b, offsets, limits.maxPdfStreamBytes, scan.encrypted);
  scan.decodedBytes = measured.decodedBytes;
  if (measured.problem !== null) {
    scan.problems.push(streamProblem(measured.problem, limits));
    return scan;
  }
  const streamOf = (index: number): FoundStream | null => {
    // The stream of an object: the first one after its header, before the next object.
    const at = starts[index] as number;
    const end = starts[index + 1] ?? b.length;
    let lo = 0;
    let hi = measured.found.length - 1;
    let best: FoundStream | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = measured.found[mid] as FoundStream;
      if (f.at > at) {
        best = f;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return best !== null && best.at < end ? best : null;
  };

  // The document's XMP is the stream the catalogue's /Metadata points at, whatever its
  // dictionary says (AIFE's official Factur-X samples give it no /Type /Metadata, which pdf.js
  // requires) and whatever its wrapper (bare rdf:RDF, x:xmpmeta, xpacket): taken first.
  const visited = new Set<number>();
  for (const i of keywords.metadata) {
    const index = objectIndex(i);
    if (index < 0 || visited.has(index)) continue;
    visited.add(index);
    const dict = dictionaryOf(index);
    if (dict === null || nameOf(dict.get('Type')) !== 'Catalog') continue;
    const ref = refOf(dict.get('Metadata'));
    const at = ref === null ? undefined : offsets.get(ref);
    if (at === undefined) continue;
    const stream = streamOf(objectIndex(at));
    const packet = stream === null ? null : streamPacket(b, stream, limits);
    if (packet !== null) packets.push(packet);
    break;
  }
  // Other metadata streams (images and embedded files carry their own), in file order.
  for (const f of measured.found) {
    if (packets.length >= 16) break;
    if (nameOf(f.dict.get('Type')) !== 'Metadata') continue;
    const packet = streamPacket(b, f, limits);
    if (packet !== null) packets.push(packet);
  }

  // File specifications: name, /AFRelationship, and the /Subtype of the embedded stream.
  const specs = new Set<number>();
  for (const i of keywords.fileSpec) {
    const index = objectIndex(i);
    if (index < 0 || specs.has(index)) continue;
    specs.add(index);
    const dict = dictionaryOf(index);
    if (dict === null) continue;
    const name = fileSpecName(latin1(b, starts[index] as number, objectEnd(index)));
    if (name === null) continue;
    const af = nameOf(dict.get('AFRelationship'));
    let subtype: string | null = null;
    const ef = dict.get('EF');
    if (ef?.k === 'dict') {
      const ref = refOf(ef.v.get('UF')) ?? refOf(ef.v.get('F'));
      const at = ref === null ? undefined : offsets.get(ref);
      if (at !== undefined) {
        const index2 = objectIndex(at);
        subtype = index2 < 0 ? null : nameOf(dictionaryOf(index2)?.get('Subtype'));
      }
    }
    scan.fileSpecs.set(name, { afRelationship: af, subtype });
  }
  if (packets.length === 0) {
    packets.push(() => findXpacket(b));
  }
  return scan;
}

/** The diagnostic of a stream refused before pdf.js sees it. */
function streamProblem(p: StreamProblem, limits: Limits): Diagnostic {
  const chain = p.filters.length === 0 ? '' : ` (/Filter [${p.filters.map((f) => `/${clip(f, 32)}`).join(' ')}])`;
  if (p.kind === 'too-large') return limitDiagnostic('maxPdfStreamBytes', limits.maxPdfStreamBytes, undefined, limits.maxPdfStreamBytes + 1);
  const why: Record<typeof p.reason, { fr: string; en: string }> = {
    encrypted: {
      fr: 'le PDF est chiffré, et ce flux pourrait se décoder au-delà de la limite',
      en: 'the PDF is encrypted, and this stream could decode past the limit',
    },
    brotli: { fr: 'le filtre BrotliDecode ne peut pas être borné avant décodage', en: 'the BrotliDecode filter cannot be bounded before decoding' },
    'image-size': { fr: 'le flux d’image ne déclare pas ses dimensions', en: 'the image stream declares no dimensions' },
    'filter-unresolved': { fr: 'ses filtres ne peuvent pas être lus', en: 'its filters cannot be read' },
  };
  return readDiagnostic(
    'pdf-stream-unbounded',
    'error',
    {
      fr: `Le flux PDF à l’octet ${p.offset}${chain} n’est pas lu : ${why[p.reason].fr} (maxPdfStreamBytes = ${limits.maxPdfStreamBytes}). Le PDF n’est pas ouvert.`,
      en: `The PDF stream at byte ${p.offset}${chain} is not read: ${why[p.reason].en} (maxPdfStreamBytes = ${limits.maxPdfStreamBytes}). The PDF is not opened.`,
    },
    { fatal: true, actual: p.reason },
  );
}

/** A lazy decoder of a stream (unfiltered or Flate), read as UTF-8 text; null for other filters. */
function streamPacket(b: Uint8Array, stream: FoundStream, limits: Limits): (() => string | null) | null {
  const data = b.subarray(stream.dataStart, stream.dataEnd);
  const filters = stream.filters;
  if (filters === null) return null;
  if (filters.length === 0) return () => new TextDecoder('utf-8').decode(data);
  if (filters.length !== 1 || (filters[0] !== 'FlateDecode' && filters[0] !== 'Fl')) return null;
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
      // An unterminated string runs to the end: so would every later one (no rescan per key).
      if (v === null) return null;
      return v.replace(/^.*[\\/]/, '');
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
    if (size > max) {
      exceeded = true;
      return;
    }
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
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { out, exceeded };
}
