/** Byte-level building blocks shared by every builder: concatenation and text encodings. */

const enc = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return enc.encode(s);
}

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

/** One byte per UTF-16 code unit, its low 8 bits (ISO-8859-1 for text in that range). */
export function latin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** UTF-16 code units of a string, little- or big-endian, with or without a BOM. */
export function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  const dv = new DataView(out.buffer);
  let o = 0;
  if (bom) {
    dv.setUint16(0, 0xfeff, littleEndian);
    o = 2;
  }
  for (let i = 0; i < text.length; i++, o += 2) dv.setUint16(o, text.charCodeAt(i), littleEndian);
  return out;
}
