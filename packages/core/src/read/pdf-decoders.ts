/**
 * The bounded decoders of the PDF stream measure (pdf-streams.ts), one per filter pdf.js
 * applies, each stopping as soon as its output passes the limit, and the most each filter can
 * expand its input.
 */
import { fflate } from './inflate.js';
import { hexValue, isWhite, numberOf, type Value } from './pdf-lex.js';

/** Maximal output/input ratio of each filter pdf.js applies, by its name and abbreviation. */
export const RATIO: Record<string, number> = {
  // RFC 1951: a length-258 match in one bit-pair: 1032:1 at most.
  FlateDecode: 1032,
  Fl: 1032,
  // 12-bit codes naming strings of up to 4096 bytes.
  LZWDecode: (4096 * 8) / 9,
  LZW: (4096 * 8) / 9,
  // 2 bytes give 128.
  RunLengthDecode: 64,
  RL: 64,
  ASCIIHexDecode: 0.5,
  AHx: 0.5,
  // `z` gives four zero bytes.
  ASCII85Decode: 4,
  A85: 4,
};

/** A decoded stage: its bytes when kept, its size, and whether it passed `max`. */
export interface Decoded {
  out: Uint8Array | null;
  size: number;
  exceeded: boolean;
}

/** Collects output chunks up to `max` bytes. */
class Sink {
  private readonly chunks: Uint8Array[] = [];
  size = 0;
  exceeded = false;
  constructor(
    private readonly max: number,
    private readonly keep: boolean,
  ) {}
  push(chunk: Uint8Array): void {
    if (this.exceeded) return;
    this.size += chunk.length;
    if (this.size > this.max) {
      this.exceeded = true;
      this.chunks.length = 0;
      return;
    }
    if (this.keep) this.chunks.push(chunk);
  }
  result(): Decoded {
    if (!this.keep || this.exceeded) return { out: null, size: this.size, exceeded: this.exceeded };
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return { out, size: this.size, exceeded: false };
  }
}

/** A bounded decoder: `keep` false when only the size matters (the last stage). */
export type Decoder = (data: Uint8Array, max: number, keep: boolean, params: Map<string, Value> | null) => Decoded;

/** Flate (zlib-wrapped, or raw deflate: counting more than pdf.js would is the safe side). */
function flateDecode(data: Uint8Array, max: number, keep: boolean): Decoded {
  const sink = new Sink(max, keep);
  const zlib = data.length >= 2 && ((data[0] as number) & 0x0f) === 8 && (((data[0] as number) << 8) | (data[1] as number)) % 31 === 0;
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
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    lengths[i] = 1;
  }
  let next = 258;
  let codeLength = 9;
  let prev = -1;
  let acc = 0;
  let bits = 0;
  const block = new Uint8Array(65536);
  let fill = 0;
  const flush = () => {
    if (fill > 0) {
      sink.push(block.slice(0, fill));
      fill = 0;
    }
  };
  const seq = new Uint8Array(4097);
  for (let i = 0; i < data.length && !sink.exceeded; i++) {
    acc = ((acc << 8) | (data[i] as number)) & 0xffffff;
    bits += 8;
    while (bits >= codeLength && !sink.exceeded) {
      bits -= codeLength;
      const code = (acc >>> bits) & ((1 << codeLength) - 1);
      if (code === 256) {
        next = 258;
        codeLength = 9;
        prev = -1;
        continue;
      }
      if (code === 257) {
        flush();
        return sink.result();
      }
      let first: number;
      let len: number;
      if (code < next && (code < 256 || code >= 258)) {
        len = lengths[code] as number;
        for (let c = code, k = len - 1; k >= 0; k--) {
          seq[k] = suffix[c] as number;
          c = prefix[c] as number;
        }
        first = seq[0] as number;
      } else if (code === next && prev >= 0) {
        len = (lengths[prev] as number) + 1;
        for (let c = prev, k = len - 2; k >= 0; k--) {
          seq[k] = suffix[c] as number;
          c = prefix[c] as number;
        }
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
  for (let i = 0; i < data.length && !sink.exceeded;) {
    const n = data[i++] as number;
    if (n === 128) break;
    if (fill + 128 > block.length) {
      sink.push(block.slice(0, fill));
      fill = 0;
    }
    // Plain loops, not `set(subarray)` / `fill`: runs are at most 128 bytes, where the builtins'
    // per-call cost dominates. Buys 1 553 → 720 ms CPU on a RunLength-first chain of 4 filters refused at 120 MB.
    if (n < 128) {
      const end = Math.min(i + n + 1, data.length);
      while (i < end) block[fill++] = data[i++] as number;
    } else {
      if (i >= data.length) break;
      const byte = data[i++] as number;
      for (let end = fill + 257 - n; fill < end;) block[fill++] = byte;
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
    if (c === 0x3e /* > */) break;
    const v = hexValue(c);
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out[o++] = high * 16 + v;
      high = -1;
    }
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
    if (fill + 8 > block.length) {
      sink.push(block.slice(0, fill));
      fill = 0;
    }
    if (c === 0x7a && digits === 0) {
      block.fill(0, fill, fill + 4);
      fill += 4;
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    value = value * 85 + (c - 0x21);
    if (++digits === 5) {
      emit(4);
      value = 0;
      digits = 0;
    }
  }
  if (digits > 1) {
    const bytes = digits - 1;
    for (; digits < 5; digits++) value = value * 85 + 84;
    emit(bytes);
  }
  if (fill > 0) sink.push(block.slice(0, fill));
  return sink.result();
}

/** The decoders by filter name and abbreviation. A filter not here is passed through, as pdf.js does. */
export const DECODERS: Record<string, Decoder> = {
  FlateDecode: flateDecode,
  Fl: flateDecode,
  LZWDecode: lzwDecode,
  LZW: lzwDecode,
  RunLengthDecode: runLengthDecode,
  RL: runLengthDecode,
  ASCIIHexDecode: asciiHexDecode,
  AHx: asciiHexDecode,
  ASCII85Decode: ascii85Decode,
  A85: ascii85Decode,
};
