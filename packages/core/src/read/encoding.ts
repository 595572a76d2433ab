/** The character encoding an XML document is read with, and how it was determined. */
export interface XmlEncoding {
  /** WHATWG encoding label passed to TextDecoder. */
  label: string;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** `encoding` of the XML declaration as written, or null. */
  declared: string | null;
  /** How the label was chosen. */
  by: 'bom' | 'declaration' | 'default' | 'utf16-pattern';
  /** A declared encoding that disagrees with the BOM or the byte pattern. */
  conflict: boolean;
}

function readDeclaredEncoding(head: string): string | null {
  // XML 1.0 §4.3.3: the declaration is ASCII-compatible in every ASCII-compatible encoding.
  if (!head.startsWith('<?xml')) return null;
  const end = head.indexOf('?>');
  const decl = end < 0 ? head : head.slice(0, end);
  const m = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(decl);
  return m ? (m[2] as string) : null;
}

/** The bytes as Latin-1 text (every `step`-th from `from + offset`); single-byte text ends after its first `?>`. */
function latin1(b: Uint8Array, from: number, to: number, step = 1, offset = 0): string {
  if (step === 1) {
    // Every document's head goes through here. Only what precedes the declaration's `?>` is
    // read from it, so the text stops there (one call, no array).
    const start = from + offset;
    let end = Math.min(to, b.length);
    for (let i = start; i + 1 < end; i++) {
      if (b[i] === 0x3f && b[i + 1] === 0x3e) {
        end = i + 2;
        break;
      }
    }
    return String.fromCharCode.apply(null, b.subarray(start, Math.max(start, end)) as unknown as number[]);
  }
  const codes: number[] = [];
  for (let i = from + offset; i < Math.min(to, b.length); i += step) codes.push(b[i] as number);
  return String.fromCharCode(...codes);
}

/** Determines the encoding of XML bytes: BOM first, then the declaration, else UTF-8 (XML 1.0 Appendix F). */
export function detectXmlEncoding(b: Uint8Array): XmlEncoding {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const declared = readDeclaredEncoding(latin1(b, 3, 300));
    return { label: 'utf-8', bomLength: 3, declared, by: 'bom', conflict: declared !== null && !/^utf-?8$/i.test(declared) };
  }
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    const le = b[0] === 0xff;
    const declared = readDeclaredEncoding(latin1(b, 2, 600, 2, le ? 0 : 1));
    return { label: le ? 'utf-16le' : 'utf-16be', bomLength: 2, declared, by: 'bom', conflict: declared !== null && !/^utf-?16/i.test(declared) };
  }
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) {
    const declared = readDeclaredEncoding(latin1(b, 0, 600, 2, 0));
    return { label: 'utf-16le', bomLength: 0, declared, by: 'utf16-pattern', conflict: declared !== null && !/^utf-?16/i.test(declared) };
  }
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) {
    const declared = readDeclaredEncoding(latin1(b, 0, 600, 2, 1));
    return { label: 'utf-16be', bomLength: 0, declared, by: 'utf16-pattern', conflict: declared !== null && !/^utf-?16/i.test(declared) };
  }
  let start = 0;
  while (start < b.length && start < 4096 && (b[start] === 0x20 || b[start] === 0x0a || b[start] === 0x0d || b[start] === 0x09)) start++;
  const declared = readDeclaredEncoding(latin1(b, start, start + 300));
  if (declared === null) return { label: 'utf-8', bomLength: 0, declared: null, by: 'default', conflict: false };
  // A UTF-16 declaration on single-byte-looking bytes cannot be right: read them as UTF-8.
  const conflict = /^utf-?16/i.test(declared);
  return { label: conflict ? 'utf-8' : declared.toLowerCase(), bomLength: 0, declared, by: 'declaration', conflict };
}

/**
 * Makes a streaming decoder for the label; null when the platform does not know it (EBCDIC,
 * …). UTF-8 and UTF-16 are decoded strictly, so that mis-encoded bytes are reported.
 */
export function makeDecoder(label: string): TextDecoder | null {
  const strict = /^utf-?(8|16)/i.test(label);
  try {
    return new TextDecoder(label, { fatal: strict, ignoreBOM: false });
  } catch {
    return null;
  }
}
