/**
 * Bounds what pdf.js may decode, for every stream of a PDF, before pdf.js sees the file.
 *
 * Every `stream` keyword of the file is found, whatever the dictionary before it says (no
 * `/Type` is needed, names are read with their `#xx` escapes decoded, `/F` is read as pdf.js
 * reads it, as a filter), and the stream's data is run through its whole filter chain with
 * decoders of our own, each stage stopping as soon as its output passes
 * `maxPdfStreamBytes`: a chain of two Flate filters, or an ASCII-hex wrapped Flate bomb, is
 * measured as pdf.js would decode it. Filters whose output cannot be bounded here (Brotli,
 * an image codec without dimensions, a filter that cannot be resolved) make the stream
 * refused, never handed to pdf.js unmeasured. A stream whose worst-case expansion (the
 * product of its filters' maximal ratios) stays under the limit is not decoded at all.
 */
import { fflate } from './inflate.js';
import { asciiBytes, indexOfBytes } from './sniff.js';

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
/** Tokens kept between two object boundaries: a dictionary longer than this is refused. */
const MAX_TOKENS = 1 << 18;
const ENDSTREAM = asciiBytes('endstream');

/** Maximal output/input ratio of each filter pdf.js applies, by its name and abbreviation. */
const RATIO: Record<string, number> = {
  // RFC 1951: a length-258 match in one bit-pair: 1032:1 at most.
  FlateDecode: 1032, Fl: 1032,
  // 12-bit codes naming strings of up to 4096 bytes.
  LZWDecode: 4096 * 8 / 9, LZW: 4096 * 8 / 9,
  // 2 bytes give 128.
  RunLengthDecode: 64, RL: 64,
  ASCIIHexDecode: 0.5, AHx: 0.5,
  // `z` gives four zero bytes.
  ASCII85Decode: 4, A85: 4,
};
const IMAGE = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'JPX', 'JBIG2Decode', 'CCITTFaxDecode', 'CCF']);
const BROTLI = new Set(['BrotliDecode']);

const enum C {
  LF = 0x0a, CR = 0x0d, SP = 0x20, SLASH = 0x2f, LT = 0x3c, GT = 0x3e, LB = 0x5b, RB = 0x5d, LP = 0x28, RP = 0x29, PCT = 0x25, BS = 0x5c, HASH = 0x23,
}

function isWhite(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}
function isDelim(c: number | undefined): boolean {
  return c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
}
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** A token of a dictionary, as far as filters, parameters and lengths need. */
type Token =
  | { t: 'name'; v: string }
  | { t: 'num'; v: number }
  | { t: 'R' }
  | { t: '<<' } | { t: '>>' } | { t: '[' } | { t: ']' }
  | { t: 'other' };

/**
 * Tokenizes `b[from, to)` leniently (ISO 32000-1 §7.2–7.3): names with `#xx` decoded,
 * numbers, `R`, brackets; strings and comments skipped. One pass, linear.
 */
function tokens(b: Uint8Array, from: number, to: number, onKeyword?: (word: string, start: number, end: number, out: Token[]) => number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    // Past the cap, only the count matters (see MAX_TOKENS): memory stays bounded.
    if (out.length > MAX_TOKENS + 1) out.length = MAX_TOKENS + 1;
    const c = b[i] as number;
    if (isWhite(c)) { i++; continue; }
    if (c === C.PCT) { while (i < to && b[i] !== C.LF && b[i] !== C.CR) i++; continue; }
    if (c === C.SLASH) {
      let name = '';
      i++;
      while (i < to && !isWhite(b[i]) && !isDelim(b[i])) {
        const d = b[i] as number;
        if (d === C.HASH && i + 2 < to && hexValue(b[i + 1] as number) >= 0 && hexValue(b[i + 2] as number) >= 0) {
          name += String.fromCharCode(hexValue(b[i + 1] as number) * 16 + hexValue(b[i + 2] as number));
          i += 3;
        } else {
          name += String.fromCharCode(d);
          i++;
        }
        if (name.length > 127) { while (i < to && !isWhite(b[i]) && !isDelim(b[i])) i++; break; }
      }
      out.push({ t: 'name', v: name });
      continue;
    }
    if (c === C.LT) {
      if (b[i + 1] === C.LT) { out.push({ t: '<<' }); i += 2; continue; }
      while (i < to && b[i] !== C.GT) i++;
      i++;
      out.push({ t: 'other' });
      continue;
    }
    if (c === C.GT) {
      if (b[i + 1] === C.GT) { out.push({ t: '>>' }); i += 2; continue; }
      i++;
      continue;
    }
    if (c === C.LB) { out.push({ t: '[' }); i++; continue; }
    if (c === C.RB) { out.push({ t: ']' }); i++; continue; }
    if (c === C.LP) {
      let depth = 0;
      for (; i < to; i++) {
        const d = b[i] as number;
        if (d === C.BS) { i++; continue; }
        if (d === C.LP) depth++;
        else if (d === C.RP && --depth === 0) { i++; break; }
      }
      out.push({ t: 'other' });
      continue;
    }
    const start = i;
    while (i < to && !isWhite(b[i]) && !isDelim(b[i])) i++;
    if (i === start) { i++; continue; }
    if (i - start === 1 && c === 0x52 /* R */) { out.push({ t: 'R' }); continue; }
    if (onKeyword !== undefined && c >= 0x61 && c <= 0x7a && i - start <= 9) {
      let word = '';
      for (let k = start; k < i; k++) word += String.fromCharCode(b[k] as number);
      i = onKeyword(word, start, i, out);
      continue;
    }
    let n = 0;
    let digits = true;
    for (let k = start; k < i; k++) {
      const d = b[k] as number;
      if (d >= 0x30 && d <= 0x39) n = n * 10 + (d - 0x30);
      else { digits = false; break; }
    }
    out.push(digits && i - start <= 15 ? { t: 'num', v: n } : { t: 'other' });
  }
  return out;
}

/** A value read from the tokens: a name, a number, an indirect reference, an array, a dictionary. */
export type Value =
  | { k: 'name'; v: string }
  | { k: 'num'; v: number }
  | { k: 'ref'; v: number }
  | { k: 'array'; v: Value[] }
  | { k: 'dict'; v: Map<string, Value> }
  | { k: 'other' };

/** Reads one value at `tokens[i]`; returns it and the index after it. Depth-bounded. */
function readValue(ts: Token[], i: number, depth = 0): [Value, number] {
  const t = ts[i];
  if (t === undefined) return [{ k: 'other' }, i + 1];
  if (t.t === 'name') return [{ k: 'name', v: t.v }, i + 1];
  if (t.t === 'num') {
    const g = ts[i + 1];
    if (g?.t === 'num' && ts[i + 2]?.t === 'R') return [{ k: 'ref', v: t.v }, i + 3];
    return [{ k: 'num', v: t.v }, i + 1];
  }
  if (t.t === '[' && depth < 16) {
    const items: Value[] = [];
    let j = i + 1;
    while (j < ts.length && ts[j]!.t !== ']') {
      const [v, next] = readValue(ts, j, depth + 1);
      items.push(v);
      j = next;
    }
    return [{ k: 'array', v: items }, j + 1];
  }
  if (t.t === '<<' && depth < 16) {
    const map = new Map<string, Value>();
    let j = i + 1;
    while (j < ts.length && ts[j]!.t !== '>>') {
      const key = ts[j]!;
      if (key.t !== 'name') { j++; continue; }
      const [v, next] = readValue(ts, j + 1, depth + 1);
      map.set(key.v, v);
      j = next;
    }
    return [{ k: 'dict', v: map }, j + 1];
  }
  return [{ k: 'other' }, i + 1];
}

/** The dictionary the tokens end with (the one before a `stream` keyword), or null. */
function lastDictionary(ts: Token[]): Map<string, Value> | null {
  // The dictionary closes on the last token; find where it opens by walking back its nesting.
  let k = ts.length - 1;
  if (k < 0 || ts[k]!.t !== '>>') return null;
  let depth = 0;
  for (; k >= 0; k--) {
    const t = ts[k]!.t;
    if (t === '>>') depth++;
    else if (t === '<<' && --depth === 0) break;
  }
  if (k < 0) return null;
  const [v] = readValue(ts, k);
  return v.k === 'dict' ? v.v : null;
}

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

/** The dictionary of the object whose header starts at `start`, read up to `end`; null if none. */
export function objectDictionary(b: Uint8Array, start: number, end: number): Map<string, Value> | null {
  const ts = tokens(b, start, Math.min(end, b.length));
  const open = ts.findIndex((t) => t.t === '<<');
  if (open < 0) return null;
  const [v] = readValue(ts, open);
  return v.k === 'dict' ? v.v : null;
}

/** The name a dictionary gives a key (`#xx` decoded), or null. */
export function nameOf(v: Value | null | undefined): string | null {
  return v?.k === 'name' ? v.v : null;
}

/** The object number an indirect reference names, or null. */
export function refOf(v: Value | null | undefined): number | null {
  return v?.k === 'ref' ? v.v : null;
}

function numberOf(v: Value | null | undefined): number | null {
  return v?.k === 'num' ? v.v : null;
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
    if (b[dataStart] === C.CR) dataStart++;
    if (b[dataStart] === C.LF) dataStart++;
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
    if (seen.has(s) || (s >= 3 && b[s - 1] === 0x64 && b[s - 2] === 0x6e && b[s - 3] === 0x65) || b[s - 1] === C.SLASH) continue;
    const after = b[s + STREAM.length];
    if (after !== undefined && !isWhite(after) && !isDelim(after)) continue;
    const dict = lastDictionary(tokens(b, from, s));
    if (dict !== null) measure(s, dict);
  }
  return result;
}

/** Decodes one stream's chain within `max` bytes per stage; adds its size to `result`. */
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
  // The worst case: the product of the ratios (image codecs measured below).
  let worst = data.length;
  for (const n of names) worst *= IMAGE.has(n) ? Infinity : (RATIO[n] ?? 1);
  if (worst <= max) {
    result.decodedBytes += data.length;
    return null;
  }
  // Encrypted data cannot be decoded here (pdf.js decrypts it first): only its worst case counts.
  if (encrypted) return { kind: 'unbounded', offset, filters: names, reason: 'encrypted' };
  let current = data;
  for (const [i, name] of names.entries()) {
    const last = i === names.length - 1;
    if (IMAGE.has(name)) {
      const size = imageSize(name, current, dict, chain.params[i] ?? null, resolve);
      if (size === null) return { kind: 'unbounded', offset, filters: names, reason: 'image-size' };
      if (size > max) return { kind: 'too-large', offset, filters: names };
      // An image codec decodes pixels: nothing after it is a compression pdf.js would expand.
      result.decodedBytes += size;
      return null;
    }
    const decoder = DECODERS[name];
    if (decoder === undefined) continue; // pdf.js passes unknown filters through
    const r = decoder(current, max, !last, chain.params[i] ?? null);
    if (r.exceeded) return { kind: 'too-large', offset, filters: names };
    if (last) {
      result.decodedBytes += r.size;
      return null;
    }
    current = r.out ?? new Uint8Array(0);
  }
  result.decodedBytes += current.length;
  return null;
}

/** A decoded stage: its bytes when kept, its size, and whether it passed `max`. */
interface Decoded {
  out: Uint8Array | null;
  size: number;
  exceeded: boolean;
}

/** Collects output chunks up to `max` bytes. */
class Sink {
  private readonly chunks: Uint8Array[] = [];
  size = 0;
  exceeded = false;
  constructor(private readonly max: number, private readonly keep: boolean) {}
  push(chunk: Uint8Array): void {
    if (this.exceeded) return;
    this.size += chunk.length;
    if (this.size > this.max) { this.exceeded = true; this.chunks.length = 0; return; }
    if (this.keep) this.chunks.push(chunk);
  }
  result(): Decoded {
    if (!this.keep || this.exceeded) return { out: null, size: this.size, exceeded: this.exceeded };
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const c of this.chunks) { out.set(c, o); o += c.length; }
    return { out, size: this.size, exceeded: false };
  }
}

type Decoder = (data: Uint8Array, max: number, keep: boolean, params: Map<string, Value> | null) => Decoded;

/** Flate (zlib-wrapped, or raw deflate: counting more than pdf.js would is the safe side). */
function flateDecode(data: Uint8Array, max: number, keep: boolean): Decoded {
  const sink = new Sink(max, keep);
  const zlib = data.length >= 2 && ((data[0] as number) & 0x0f) === 8 && ((((data[0] as number) << 8) | (data[1] as number)) % 31) === 0;
  const inf = new (fflate().Inflate)((chunk) => sink.push(chunk));
  const body = zlib ? data.subarray(2) : data;
  try {
    // 1 KB in gives at most about 1 MB out: the limit is checked without ever holding more.
    const STEP = 1024;
    for (let off = 0; off < body.length && !sink.exceeded; off += STEP) {
      const end = Math.min(body.length, off + STEP);
      inf.push(body.subarray(off, end), end === body.length);
    }
  } catch {
    // Damaged data: what was decoded up to the damage is what pdf.js gets too.
  }
  return sink.result();
}

/** LZW (ISO 32000-1 §7.4.4.2), bounded; `EarlyChange` as pdf.js reads it. */
function lzwDecode(data: Uint8Array, max: number, keep: boolean, params: Map<string, Value> | null): Decoded {
  const sink = new Sink(max, keep);
  const early = numberOf(params?.get('EarlyChange')) ?? 1;
  const prefix = new Int32Array(4097);
  const suffix = new Uint8Array(4097);
  const lengths = new Uint16Array(4097);
  for (let i = 0; i < 256; i++) { prefix[i] = -1; suffix[i] = i; lengths[i] = 1; }
  let next = 258;
  let codeLength = 9;
  let prev = -1;
  let acc = 0;
  let bits = 0;
  const block = new Uint8Array(65536);
  let fill = 0;
  const flush = () => { if (fill > 0) { sink.push(block.slice(0, fill)); fill = 0; } };
  const seq = new Uint8Array(4097);
  for (let i = 0; i < data.length && !sink.exceeded; i++) {
    acc = ((acc << 8) | (data[i] as number)) & 0xffffff;
    bits += 8;
    while (bits >= codeLength && !sink.exceeded) {
      bits -= codeLength;
      const code = (acc >>> bits) & ((1 << codeLength) - 1);
      if (code === 256) { next = 258; codeLength = 9; prev = -1; continue; }
      if (code === 257) { flush(); return sink.result(); }
      let first: number;
      let len: number;
      if (code < next && (code < 256 || code >= 258)) {
        len = lengths[code] as number;
        for (let c = code, k = len - 1; k >= 0; k--) { seq[k] = suffix[c] as number; c = prefix[c] as number; }
        first = seq[0] as number;
      } else if (code === next && prev >= 0) {
        len = (lengths[prev] as number) + 1;
        for (let c = prev, k = len - 2; k >= 0; k--) { seq[k] = suffix[c] as number; c = prefix[c] as number; }
        first = seq[0] as number;
        seq[len - 1] = first;
      } else {
        flush();
        return sink.result(); // a code pdf.js would also stop on
      }
      if (prev >= 0 && next < 4096) {
        prefix[next] = prev;
        suffix[next] = first;
        lengths[next] = (lengths[prev] as number) + 1;
        next++;
      }
      prev = code;
      if (next + early >= 1 << codeLength && codeLength < 12) codeLength++;
      if (fill + len > block.length) flush();
      block.set(seq.subarray(0, len), fill);
      fill += len;
    }
  }
  flush();
  return sink.result();
}

/** RunLength (§7.4.5). */
function runLengthDecode(data: Uint8Array, max: number, keep: boolean): Decoded {
  const sink = new Sink(max, keep);
  const block = new Uint8Array(65536);
  let fill = 0;
  for (let i = 0; i < data.length && !sink.exceeded; ) {
    const n = data[i++] as number;
    if (n === 128) break;
    if (fill + 128 > block.length) { sink.push(block.slice(0, fill)); fill = 0; }
    // Plain loops, not `set(subarray)` / `fill`: runs are at most 128 bytes, where the builtins'
    // per-call cost dominates. Buys 1 553 → 720 ms CPU on a RunLength-first chain of 4 filters refused at 120 MB.
    if (n < 128) {
      const end = Math.min(i + n + 1, data.length);
      while (i < end) block[fill++] = data[i++] as number;
    } else {
      if (i >= data.length) break;
      const byte = data[i++] as number;
      for (let end = fill + 257 - n; fill < end; ) block[fill++] = byte;
    }
  }
  if (fill > 0) sink.push(block.slice(0, fill));
  return sink.result();
}

/** ASCIIHex (§7.4.2). */
function asciiHexDecode(data: Uint8Array, max: number, keep: boolean): Decoded {
  const out = new Uint8Array((data.length >> 1) + 1);
  let o = 0;
  let high = -1;
  for (let i = 0; i < data.length; i++) {
    const c = data[i] as number;
    if (c === C.GT) break;
    const v = hexValue(c);
    if (v < 0) continue;
    if (high < 0) high = v;
    else { out[o++] = high * 16 + v; high = -1; }
  }
  if (high >= 0) out[o++] = high * 16;
  return o > max ? { out: null, size: o, exceeded: true } : { out: keep ? out.subarray(0, o) : null, size: o, exceeded: false };
}

/** ASCII85 (§7.4.3). */
function ascii85Decode(data: Uint8Array, max: number, keep: boolean): Decoded {
  const sink = new Sink(max, keep);
  const block = new Uint8Array(65536);
  let fill = 0;
  // The group is a number and a count, not an array: 415 → 318 ms in this function on an ASCII85-first chain refused at 120 MB.
  let value = 0;
  let digits = 0;
  const emit = (bytes: number) => {
    for (let k = 0; k < bytes; k++) block[fill++] = (value >>> (24 - 8 * k)) & 0xff;
  };
  for (let i = 0; i < data.length && !sink.exceeded; i++) {
    const c = data[i] as number;
    if (c === 0x7e) break; // ~>
    if (isWhite(c)) continue;
    if (fill + 8 > block.length) { sink.push(block.slice(0, fill)); fill = 0; }
    if (c === 0x7a && digits === 0) { block.fill(0, fill, fill + 4); fill += 4; continue; }
    if (c < 0x21 || c > 0x75) continue;
    value = value * 85 + (c - 0x21);
    if (++digits === 5) { emit(4); value = 0; digits = 0; }
  }
  if (digits > 1) {
    const bytes = digits - 1;
    for (; digits < 5; digits++) value = value * 85 + 84;
    emit(bytes);
  }
  if (fill > 0) sink.push(block.slice(0, fill));
  return sink.result();
}

const DECODERS: Record<string, Decoder> = {
  FlateDecode: flateDecode, Fl: flateDecode,
  LZWDecode: lzwDecode, LZW: lzwDecode,
  RunLengthDecode: runLengthDecode, RL: runLengthDecode,
  ASCIIHexDecode: asciiHexDecode, AHx: asciiHexDecode,
  ASCII85Decode: ascii85Decode, A85: ascii85Decode,
};

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
    if (b[i] !== 0xff) { i++; continue; }
    const m = b[i + 1] as number;
    if (m === 0xff) { i++; continue; }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) { i += 2; continue; }
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
