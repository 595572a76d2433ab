import { detectXmlEncoding } from '@chorus-precheck/core';

/**
 * Decodes XML bytes for display with the encoding the reader reads them with (the core's
 * `detectXmlEncoding`: a byte-order mark first, then the XML declaration's `encoding`, UTF-8
 * otherwise; XML 1.0 §4.3.3, Appendix F).
 */
export function decodeXml(bytes: Uint8Array): string {
  try {
    return new TextDecoder(detectXmlEncoding(bytes).label).decode(bytes);
  } catch {
    // An encoding name the browser does not know: show the bytes as UTF-8 rather than nothing.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Splits text into lines the way XML parsers count them (CRLF, CR and LF all end a line). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
