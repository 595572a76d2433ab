/**
 * Bounds what pdf.js may decode, for every stream of a PDF, before pdf.js sees the file.
 *
 * Every `stream` keyword of the file is found, whatever the dictionary before it says (no
 * `/Type` is needed, names are read with their `#xx` escapes decoded, `/F` is read as pdf.js
 * reads it, as a filter), and the stream's data is run through its whole filter chain with
 * decoders of our own (pdf-decoders.ts). The stages of a chain share one budget of
 * `maxPdfStreamBytes` (the bytes every stage outputs, added up), and decoding stops as soon as
 * it is spent: a chain of two Flate filters, or an ASCII-hex wrapped Flate bomb, is measured as
 * pdf.js would decode it, and a chain of expanding stages holds and decodes at most the limit
 * in all (the two slowest fuzz inputs, four-stage chains refused at 120 MB: 997 → 889 and
 * 875 → 822 ms of CPU, the last Flate stage being most of it). Filters whose output cannot be bounded here (Brotli,
 * an image codec without dimensions, a filter that cannot be resolved) make the stream
 * refused, never handed to pdf.js unmeasured. A stream whose worst-case expansion (the
 * product of its filters' maximal ratios) stays under the limit is not decoded at all.
 */
import { asciiBytes, indexOfBytes } from './sniff.js';
import { isDelim, isWhite, lastDictionary, MAX_TOKENS, numberOf, readValue, tokens, type Value } from './pdf-lex.js';
import { DECODERS, RATIO } from './pdf-decoders.js';

/** What the measure of a PDF's streams found. */
export interface StreamsMeasure {
  /** Streams found. */
  streams: number;
  /** Bytes decoded (exact for the streams decoded, the raw size for the others). */
  decodedBytes: number;
  /** The first stream whose decoded size passes the limit, or that cannot be bounded. */
  problem: StreamProblem | null;
  /** Each stream measured: where its keyword and data are, and its dictionary. */
  found: FoundStream[];
}

/** One stream of the file. */
export interface FoundStream {
  /** Offset of its `stream` keyword. */
  at: number;
  dataStart: number;
  dataEnd: number;
  dict: Map<string, Value>;
  /** Its filter names (`#xx` decoded, indirect ones resolved); null when they cannot be resolved. */
  filters: string[] | null;
}

/** Why a stream is refused. */
export type StreamProblem =
  | { kind: 'too-large'; offset: number; filters: string[] }
  | { kind: 'unbounded'; offset: number; filters: string[]; reason: 'encrypted' | 'brotli' | 'image-size' | 'filter-unresolved' };

const STREAM = asciiBytes('stream');
const ENDSTREAM = asciiBytes('endstream');
const IMAGE = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'JPX', 'JBIG2Decode', 'CCITTFaxDecode', 'CCF']);
const BROTLI = new Set(['BrotliDecode']);

/** Resolves indirect objects from the raw object offsets (top-level objects only). */
type Resolver = (num: number) => Value | null;

function makeResolver(b: Uint8Array, offsets: ReadonlyMap<number, number>): Resolver {
  const OBJ = asciiBytes('obj');
  const cache = new Map<number, Value | null>();
  return (num) => {
    if (cache.has(num)) return cache.get(num) ?? null;
    const at = offsets.get(num);
    let value: Value | null = null;
    if (at !== undefined) {
      const o = indexOfBytes(b, OBJ, at, at + 64);
      if (o >= 0) {
        const ts = tokens(b, o + 3, Math.min(b.length, o + 3 + 4096));
        value = readValue(ts, 0)[0];
      }
    }
    cache.set(num, value);
    return value;
  };
}

function deref(v: Value | undefined, resolve: Resolver): Value | null {
  if (v === undefined) return null;
  return v.k === 'ref' ? resolve(v.v) : v;
}

/** The filter chain and parameters of a stream dictionary, as pdf.js reads them; null: unresolvable. */
function filterChain(dict: Map<string, Value>, resolve: Resolver): { names: string[]; params: Array<Map<string, Value> | null> } | null {
  // pdf.js: `dict.get("F", "Filter")`: the abbreviation first.
  const raw = dict.has('F') ? dict.get('F') : dict.get('Filter');
  const filter = deref(raw, resolve);
  const rawParams = deref(dict.has('DP') ? dict.get('DP') : dict.get('DecodeParms'), resolve);
  if (raw === undefined) return { names: [], params: [] };
  if (filter === null) return null;
  if (filter.k === 'name') return { names: [filter.v], params: [rawParams?.k === 'dict' ? rawParams.v : null] };
  if (filter.k !== 'array') return { names: [], params: [] };
  const names: string[] = [];
  const params: Array<Map<string, Value> | null> = [];
  for (const [i, item] of filter.v.entries()) {
    const f = deref(item, resolve);
    if (f === null) return null;
    if (f.k !== 'name') break; // pdf.js stops on a bad filter name
    names.push(f.v);
    const p = rawParams?.k === 'array' ? deref(rawParams.v[i], resolve) : null;
    params.push(p?.k === 'dict' ? p.v : null);
  }
  return { names, params };
}

/**
 * Measures every stream of a PDF. `offsets` are the offsets of the `n g obj` headers found,
 * by object number, to resolve indirect `/Length` and `/Filter` values.
 *
 * The file is read once as pdf.js's lexer reads it (strings, comments and stream data
 * skipped), each `stream` keyword measured with the dictionary just before it. A `stream`
 * keyword that this pass did not see as one (inside a string, a comment or another stream's
 * data, where a cross-reference offset could still make pdf.js parse it) is measured with
 * the dictionary found between it and the previous one: each byte is read a bounded number
 * of times, whatever the file holds.
 */
export function measureStreams(b: Uint8Array, offsets: ReadonlyMap<number, number>, max: number, encrypted: boolean): StreamsMeasure {
  const result: StreamsMeasure = { streams: 0, decodedBytes: 0, problem: null, found: [] };
  const resolve = makeResolver(b, offsets);
  const seen = new Set<number>();
  const measure = (s: number, dict: Map<string, Value>): number => {
    result.streams++;
    seen.add(s);
    let dataStart = s + STREAM.length;
    if (b[dataStart] === 0x0d /* CR */) dataStart++;
    if (b[dataStart] === 0x0a /* LF */) dataStart++;
    const length = numberOf(deref(dict.get('Length'), resolve));
    let dataEnd = -1;
    if (length !== null && length >= 0 && dataStart + length <= b.length) {
      let e = dataStart + length;
      while (e < b.length && e < dataStart + length + 8 && isWhite(b[e])) e++;
      if (indexOfBytes(b, ENDSTREAM, e, e + ENDSTREAM.length) === e) dataEnd = dataStart + length;
    }
    if (dataEnd < 0) {
      const e = indexOfBytes(b, ENDSTREAM, dataStart);
      dataEnd = e < 0 ? b.length : e;
    }
    const chain = filterChain(dict, resolve);
    result.found.push({ at: s, dataStart, dataEnd, dict, filters: chain?.names ?? null });
    if (result.problem === null) {
      if (chain === null) result.problem = { kind: 'unbounded', offset: s, filters: [], reason: 'filter-unresolved' };
      else result.problem = measureOne(b.subarray(dataStart, dataEnd), chain, dict, max, encrypted, s, resolve, result);
    }
    return dataEnd;
  };
  // The lexer's pass: tokens since the last object boundary, a stream after its dictionary.
  tokens(b, 0, b.length, (word, start, end, out) => {
    if (result.problem !== null) return b.length;
    if (word === 'stream') {
      const overflow = out.length > MAX_TOKENS;
      const dict = overflow ? null : lastDictionary(out);
      out.length = 0;
      // A dictionary too large to read here is no real PDF's: its stream is not handed over unmeasured.
      if (overflow) result.problem = { kind: 'unbounded', offset: start, filters: [], reason: 'filter-unresolved' };
      return dict === null ? end : measure(start, dict);
    }
    if (word === 'obj' || word === 'endobj' || word === 'endstream' || word === 'trailer' || word === 'xref') out.length = 0;
    return end;
  });
  if (result.problem !== null) return result;
  // Every other `stream` keyword, with the dictionary between it and the previous one.
  let floor = 0;
  for (let s = indexOfBytes(b, STREAM, 0); s >= 0 && result.problem === null; s = indexOfBytes(b, STREAM, s + 1)) {
    const from = Math.max(floor, s - 65536);
    floor = s;
    if (seen.has(s) || (s >= 3 && b[s - 1] === 0x64 && b[s - 2] === 0x6e && b[s - 3] === 0x65) || b[s - 1] === 0x2f /* / */) continue;
    const after = b[s + STREAM.length];
    if (after !== undefined && !isWhite(after) && !isDelim(after)) continue;
    const dict = lastDictionary(tokens(b, from, s));
    if (dict !== null) measure(s, dict);
  }
  return result;
}

/** Decodes one stream's chain within `max` bytes for all its stages; adds its size to `result`. */
function measureOne(
  data: Uint8Array,
  chain: { names: string[]; params: Array<Map<string, Value> | null> },
  dict: Map<string, Value>,
  max: number,
  encrypted: boolean,
  offset: number,
  resolve: Resolver,
  result: StreamsMeasure,
): StreamProblem | null {
  const names = chain.names;
  if (names.some((n) => BROTLI.has(n))) return { kind: 'unbounded', offset, filters: names, reason: 'brotli' };
  // The worst case: each stage's output at the product of the ratios so far, added up (image
  // codecs measured below). A stream whose worst case fits is not decoded at all (commit
  // 7c5c2ea): ~98 % of the 3,316 fixture and corpus PDF streams.
  let stage = data.length;
  let worst = 0;
  for (const n of names) {
    stage *= IMAGE.has(n) ? Infinity : (RATIO[n] ?? 1);
    worst += stage;
  }
  if (worst <= max) {
    result.decodedBytes += data.length;
    return null;
  }
  // Encrypted data cannot be decoded here (pdf.js decrypts it first): only its worst case counts.
  if (encrypted) return { kind: 'unbounded', offset, filters: names, reason: 'encrypted' };
  let current = data;
  let budget = max;
  for (const [i, name] of names.entries()) {
    const last = i === names.length - 1;
    if (IMAGE.has(name)) {
      const size = imageSize(name, current, dict, chain.params[i] ?? null, resolve);
      if (size === null) return { kind: 'unbounded', offset, filters: names, reason: 'image-size' };
      if (size > budget) return { kind: 'too-large', offset, filters: names };
      // An image codec decodes pixels: nothing after it is a compression pdf.js would expand.
      result.decodedBytes += size;
      return null;
    }
    const decoder = DECODERS[name];
    if (decoder === undefined) continue; // pdf.js passes unknown filters through
    const r = decoder(current, budget, !last, chain.params[i] ?? null);
    if (r.exceeded) return { kind: 'too-large', offset, filters: names };
    if (last) {
      result.decodedBytes += r.size;
      return null;
    }
    budget -= r.size;
    current = r.out ?? new Uint8Array(0);
  }
  result.decodedBytes += current.length;
  return null;
}

/**
 * The bytes an image codec would decode to (4 per pixel: RGBA or CMYK at 8 bits, the most
 * pdf.js produces), from the largest of the dimensions the dictionary, the parameters and the
 * codestream declare; null when none is declared.
 */
function imageSize(name: string, data: Uint8Array, dict: Map<string, Value>, params: Map<string, Value> | null, resolve: Resolver): number | null {
  const sizes: number[] = [];
  const w = numberOf(deref(dict.get('Width') ?? dict.get('W'), resolve));
  const h = numberOf(deref(dict.get('Height') ?? dict.get('H'), resolve));
  if (w !== null && h !== null) sizes.push(w * h * 4);
  if (name === 'DCTDecode' || name === 'DCT') {
    const d = jpegDimensions(data);
    if (d !== null) sizes.push(d.width * d.height * Math.max(4, d.components));
  } else if (name === 'JPXDecode' || name === 'JPX') {
    const d = jpxDimensions(data);
    if (d !== null) sizes.push(d.width * d.height * Math.max(4, d.components));
  } else if (name === 'CCITTFaxDecode' || name === 'CCF') {
    const columns = numberOf(params?.get('Columns')) ?? 1728;
    const rows = numberOf(params?.get('Rows'));
    if (rows !== null && rows > 0) sizes.push(Math.ceil(columns / 8) * rows);
  }
  return sizes.length === 0 ? null : Math.max(...sizes);
}

/** Width, height and components of a JPEG's frame (its SOFn marker), or null. */
function jpegDimensions(b: Uint8Array): { width: number; height: number; components: number } | null {
  let i = 2;
  let best: { width: number; height: number; components: number } | null = null;
  // Markers are walked segment by segment (each names its length): linear, bounded by the data.
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const m = b[i + 1] as number;
    if (m === 0xff) {
      i++;
      continue;
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = ((b[i + 2] as number) << 8) | (b[i + 3] as number);
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      const height = ((b[i + 5] as number) << 8) | (b[i + 6] as number);
      const width = ((b[i + 7] as number) << 8) | (b[i + 8] as number);
      const components = b[i + 9] as number;
      const size = width * height * components;
      if (best === null || size > best.width * best.height * best.components) best = { width, height, components };
    }
    if (len < 2) break;
    i += 2 + len;
  }
  return best;
}

/** Width, height and components of a JPEG 2000 codestream (its SIZ marker), or null. */
function jpxDimensions(b: Uint8Array): { width: number; height: number; components: number } | null {
  const at = indexOfBytes(b, [0xff, 0x51], 0, Math.min(b.length, 1 << 20));
  if (at < 0 || at + 40 > b.length) return null;
  const u32 = (o: number) => (((b[o] as number) << 24) >>> 0) + (((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number));
  const width = u32(at + 6) - u32(at + 14);
  const height = u32(at + 10) - u32(at + 18);
  const components = ((b[at + 38] as number) << 8) | (b[at + 39] as number);
  return width > 0 && height > 0 ? { width, height, components: Math.max(1, components) } : null;
}
