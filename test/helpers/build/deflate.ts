/**
 * Checksums (CRC-32, Adler-32) and a raw deflate writer (RFC 1951) that writes runs of one
 * byte without materialising them.
 *
 * GB-scale payloads are never materialised: `runLengthDeflate` writes a raw deflate stream
 * that inflates to any number of repeated bytes (fixed Huffman, length-258 matches at
 * distance 1: 13 bits per 258 bytes, a ratio of about 1:159), so a 1 GB member costs 6.8 MB
 * and is written in a fraction of a second instead of compressing a gigabyte.
 */
import { gzipSync, strToU8, zlibSync } from 'fflate';

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

/** Zlib-compresses a PDF stream with fflate (for moderately compressible real payloads). */
export function flate(bytes: Uint8Array): Uint8Array {
  return zlibSync(bytes, { level: 9 });
}

/** Gzips with fflate, the header's modification time fixed so that the bytes are reproducible. */
export function gzipAt(bytes: Uint8Array, mtime: Date): Uint8Array {
  return gzipSync(bytes, { mtime: mtime.getTime() });
}
