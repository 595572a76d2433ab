/**
 * Decodes XML bytes for display with the encoding the document declares: a byte-order mark
 * first, then the XML declaration's `encoding`, UTF-8 otherwise (XML 1.0 §4.3.3, Appendix F).
 */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    // An encoding name the browser does not know: show the bytes as UTF-8 rather than nothing.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Splits text into lines the way XML parsers count them (CRLF, CR and LF all end a line). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
