/**
 * PDF names and strings as written in the raw bytes (ISO 32000-1 §7.3.4–7.3.5), for the raw
 * scan of what pdf.js does not expose (pdf-raw.ts).
 */
/** The bytes `b[from, to)` as a Latin-1 string. */
export function latin1(b: Uint8Array, from: number, to: number): string {
  let s = '';
  const end = Math.min(to, b.length);
  for (let i = Math.max(0, from); i < end; i += 8192) {
    // `apply` reads the bytes as an array-like; a spread would go through the iterator.
    s += String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + 8192)) as unknown as number[]);
  }
  return s;
}

/** Decodes a PDF name's `#xx` escapes (ISO 32000-1 §7.3.5). */
export function pdfName(raw: string): string {
  return raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** Decodes a PDF literal or hex string as written in a dictionary (UTF-16BE with BOM, else Latin-1). */
export function pdfString(src: string, at: number): string | null {
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
      if (c === '(') {
        depth++;
        if (depth === 1) continue;
      }
      if (c === ')') {
        depth--;
        if (depth === 0) return decodeTextString(out);
      }
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

/** A PDF text string: UTF-16BE after its byte-order mark, else as written. */
function decodeTextString(s: string): string {
  if (s.charCodeAt(0) === 0xfe && s.charCodeAt(1) === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < s.length; i += 2) out += String.fromCharCode((s.charCodeAt(i) << 8) | s.charCodeAt(i + 1));
    return out;
  }
  return s;
}
