/** Base64 alphabet value of each char code (RFC 4648 §4), -1 for others, -2 for blanks. */
const VALUE = new Int8Array(128).fill(-1);
{
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) VALUE[alphabet.charCodeAt(i)] = i;
  for (const c of [0x20, 0x09, 0x0a, 0x0d]) VALUE[c] = -2;
}

/** A character that is neither in the base64 alphabet, nor padding, nor a blank. */
const NOT_BASE64 = /[^A-Za-z0-9+/=\t\n\r ]/;
/** A base64 data character. */
const DATA = /[A-Za-z0-9+/]/;

/** How many times `char` occurs in `text`. */
function occurrences(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** Number of decoded bytes kept for sniffing. */
const HEAD_BYTES = 16;

/**
 * Decodes base64 text as it arrives, keeping only the first decoded bytes (for sniffing) and a
 * running size: an attachment of any size is measured without ever being held decoded.
 */
export class Base64Meter {
  /** The first decoded bytes. */
  readonly head = new Uint8Array(HEAD_BYTES);
  headLength = 0;
  /** Base64 data characters seen (padding excluded). */
  private chars = 0;
  private padding = 0;
  /** Quad being decoded while the head is still filling. */
  private quad = 0;
  private quadLen = 0;
  /** First invalid character, if any. */
  invalidChar: string | null = null;
  /** Data after padding, which base64 forbids. */
  dataAfterPadding = false;

  /**
   * Feeds one piece of the attachment's text. The head's first characters are decoded one by
   * one; the rest, megabytes for a PDF image, is only validated and counted, with the native
   * string scans (a regular expression, indexOf), about three times faster than a character
   * loop over the same text.
   */
  push(text: string): void {
    let i = 0;
    while (this.headLength < HEAD_BYTES && i < text.length) this.pushChar(text, i++);
    if (i < text.length) this.count(i === 0 ? text : text.slice(i));
  }

  /** Counts base64 text whose decoded bytes are not kept. */
  private count(text: string): void {
    if (NOT_BASE64.test(text)) {
      // A character outside base64 (rare, and reported): the character loop says which comes first.
      for (let i = 0; i < text.length; i++) this.pushChar(text, i);
      return;
    }
    const firstPad = text.indexOf('=');
    if ((this.padding > 0 || firstPad >= 0) && DATA.test(this.padding > 0 ? text : text.slice(firstPad))) this.dataAfterPadding = true;
    const pads = occurrences(text, '=');
    this.padding += pads;
    this.chars += text.length - pads - occurrences(text, '\n') - occurrences(text, ' ') - occurrences(text, '\r') - occurrences(text, '\t');
  }

  private pushChar(text: string, i: number): void {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (VALUE[c] as number) : -1;
    if (v >= 0) {
      if (this.padding > 0) this.dataAfterPadding = true;
      this.chars++;
      if (this.headLength < HEAD_BYTES) this.feedHead(v);
    } else if (v === -2) {
      return;
    } else if (c === 0x3d /* = */) {
      this.padding++;
    } else if (this.invalidChar === null) {
      this.invalidChar = text[i] as string;
    }
  }

  private feedHead(v: number): void {
    this.quad = (this.quad << 6) | v;
    this.quadLen++;
    if (this.quadLen === 4) {
      const q = this.quad;
      for (const byte of [(q >> 16) & 0xff, (q >> 8) & 0xff, q & 0xff]) {
        if (this.headLength < HEAD_BYTES) this.head[this.headLength++] = byte;
      }
      this.quad = 0;
      this.quadLen = 0;
    }
  }

  /** The decoded size so far (exact once all text is pushed). */
  get size(): number {
    return Math.floor((this.chars * 3) / 4);
  }

  /** The decoded head, including a final partial quad once all text is pushed. */
  headBytes(): Uint8Array {
    if (this.quadLen >= 2 && this.headLength < HEAD_BYTES) {
      const q = this.quad << (6 * (4 - this.quadLen));
      const extra = [(q >> 16) & 0xff, (q >> 8) & 0xff, q & 0xff].slice(0, this.quadLen - 1);
      return Uint8Array.from([...this.head.subarray(0, this.headLength), ...extra].slice(0, HEAD_BYTES));
    }
    return this.head.subarray(0, this.headLength);
  }

  /** Whether the data length is a valid base64 length (no dangling single character). */
  get wellFormedLength(): boolean {
    return this.chars % 4 !== 1 && (this.chars + this.padding) % 4 === 0;
  }
}
