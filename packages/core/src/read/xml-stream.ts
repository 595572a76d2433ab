/**
 * The streaming half of the XML reader: a document's bytes decoded (whole, or 64 KB at a time)
 * and written to saxes in bounded chunks, with line and column bookkeeping, limits on the text
 * saxes holds between writes, and an attachment's base64 streamed past saxes. What the elements
 * mean is `XmlFactReader`'s (xml.ts), which extends this class: one object, so that the hot
 * path reads its fields without an indirection.
 */
import { SaxesParser, type SaxesTag } from 'saxes';
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import type { Limits } from '../limits.js';
import { detectXmlEncoding, makeDecoder } from './encoding.js';
import { limitDiagnostic, readDiagnostic } from '../diagnostics/reader.js';
import { S_ATTRIB_VALUE_QUOTED, S_ATTRIB_VALUE_UNQUOTED, S_CDATA, S_TEXT, saxesInternals, type SaxesInternals } from './xml-saxes.js';
import { XML_MESSAGES as M } from './xml-messages.js';

/** What the XML reader is told about the document it reads. */
export interface XmlReadContext {
  /** Display name used in locations (`invoice.pdf!/factur-x.xml`). */
  file: string;
  limits: Limits;
  /** True inside a batch or a PDF: a non-invoice root is then a warning, not an error. */
  nested: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * The UTF-8 decoder for whole documents, shared: a one-shot decode keeps no state. Never used
 * to stream (a streaming call would turn its one-shot fast path off for good). With `readWhole`
 * and the Map scopes, it cut the fixed cost per minimal CII invoice 12.0 → 6.7 µs (commit 5c08ada).
 */
const UTF8_WHOLE = makeDecoder('utf-8') as TextDecoder;

/** Characters handed to saxes per write: bounds the work done between limit checks. */
const CHUNK_CHARS = 64 * 1024;
/** Bytes decoded per step (UTF-16 needs an even count). */
const CHUNK_BYTES = 64 * 1024;

/** Thrown from saxes handlers to stop parsing at once; never escapes the XML reader (xml.ts). */
export class StopParse {}
export const STOP = new StopParse();

/** Bytes to saxes events, positions and stream-level diagnostics; the events' meaning is the subclass's. */
export abstract class XmlStream {
  protected readonly ctx: XmlReadContext;
  protected readonly diagnostics: Diagnostic[] = [];
  protected readonly parser: SaxesParser<{ position: true }>;
  private readonly internals: SaxesInternals;
  /** Elements open. */
  protected depth = 0;
  protected fatal = false;
  protected stopped = false;
  protected tagLine = 1;
  protected tagColumn = 1;
  /** saxes `position` when the open tag's name ended: what follows it up to `>` is attributes. */
  protected tagPos = 0;
  /**
   * Depth of the open attachment element (-1: none): its base64 text goes to `feedAttachment`,
   * past saxes where it can (see `write`).
   */
  protected attDepth = -1;
  private sawDoctype = false;
  /** Lines and columns of attachment text skipped past saxes (see `write`). */
  private lineOffset = 0;
  private colDelta = 0;
  private colDeltaLine = -1;
  /**
   * Whether saxes hands over every text node. Otherwise (the first pass) it hands over only
   * the text of elements whose text is read (facts, amounts, attachments): saxes then builds
   * no string for the rest (mostly indentation), which saves about a fifth of the parse. The
   * `maxTextLength` check of the rest is made on the characters between two tags instead,
   * which can only count more than the text; when that count exceeds the limit, the pass
   * stops and the document is read again with every text node, so that diagnostics are those
   * of a reader that sees all text. Ours ÷ raw saxes 0.661/0.666/0.674 → 0.681/0.682/0.691 (commit da3297c).
   */
  protected readonly allText: boolean;
  protected textOn: boolean;
  protected readonly textHandler = (t: string): void => this.onText(t);
  /** Position (saxes `position`) of the last tag event: where the current run of text began. */
  protected spanStart = 0;
  /** Set when the first pass stopped because text outside the elements read may be too long. */
  wantsAllText = false;

  constructor(ctx: XmlReadContext, allText: boolean) {
    this.ctx = ctx;
    this.allText = allText;
    this.textOn = allText;
    // Namespaces are resolved by the reader (xml-scope.ts), not by saxes' xmlns mode.
    const parser = new SaxesParser({ position: true });
    this.parser = parser;
    this.internals = saxesInternals(parser);
    parser.on('opentagstart', () => {
      this.tagPos = parser.position;
      this.tagLine = this.line();
      this.tagColumn = this.column();
    });
    parser.on('opentag', (tag) => this.onOpen(tag));
    parser.on('closetag', () => this.onClose());
    // Registered, then unset when off: every parser then has the same shape, which keeps
    // saxes' property accesses monomorphic (part of the text-off figure above, commit da3297c).
    parser.on('text', this.textHandler);
    if (!allText) parser.off('text');
    parser.on('cdata', (t) => this.onText(t));
    parser.on('doctype', (d) => this.onDoctype(d));
    parser.on('error', (e) => this.onError(e));
  }

  /** An element opened (saxes `opentag`). */
  protected abstract onOpen(tag: SaxesTag): void;
  /** The innermost open element closed. */
  protected abstract onClose(): void;
  /** Text or CDATA of the innermost open element. */
  protected abstract onText(text: string): void;
  /** Base64 text of the open attachment (`attDepth`). */
  protected abstract feedAttachment(text: string): void;

  /** Reads the document's bytes; may throw `STOP` from a handler (see `readXmlBytes`). */
  run(bytes: Uint8Array): void {
    const { limits } = this.ctx;
    if (bytes.length > limits.maxDocumentBytes) {
      this.limit('maxDocumentBytes', limits.maxDocumentBytes, bytes.length);
      return;
    }
    const enc = detectXmlEncoding(bytes);
    if (enc.conflict) {
      this.diagnostics.push(
        readDiagnostic('xml-encoding-conflict', 'warning', M.encodingConflict(enc.declared, enc.label), {
          location: { file: this.ctx.file, line: 1, column: 1 },
          actual: enc.declared,
          expected: enc.label,
        }),
      );
    }
    // UTF-8 (most invoices) needs no decoder of its own: see `UTF8_WHOLE`.
    const decoder = enc.label === 'utf-8' ? UTF8_WHOLE : makeDecoder(enc.label);
    if (decoder === null) {
      this.fail(
        readDiagnostic('xml-unsupported-encoding', 'error', M.unsupportedEncoding(enc.declared), {
          location: { file: this.ctx.file, line: 1, column: 1 },
          fatal: true,
          actual: enc.declared,
        }),
      );
      return;
    }
    if (bytes.length - enc.bomLength <= CHUNK_BYTES && this.readWhole(bytes, enc.bomLength, decoder)) return;
    this.readChunks(bytes, enc.bomLength, enc.label);
  }

  /**
   * Reads a document that fits in one chunk with one decode call: TextDecoder's one-shot
   * decode of UTF-8 skips the converter a streaming decode sets up, a fixed cost that shows on
   * small invoices. Returns false, having read nothing, when the bytes do not decode: the
   * chunked path then says where.
   */
  private readWhole(bytes: Uint8Array, start: number, decoder: TextDecoder): boolean {
    let text: string;
    try {
      text = decoder.decode(start === 0 ? bytes : bytes.subarray(start));
    } catch {
      return false;
    }
    // As the chunked path: cancellation is looked at before the first (and only) chunk.
    if (bytes.length > start && this.ctx.signal?.aborted === true) {
      this.fail(readDiagnostic('aborted', 'error', M.aborted(), { fatal: true }));
      return true;
    }
    this.write(text);
    if (this.stopped) return true;
    this.checkSpan(1);
    this.parser.close();
    return true;
  }

  /** Decodes and parses chunk by chunk, so that a large document is never held decoded whole. */
  private readChunks(bytes: Uint8Array, start: number, label: string): void {
    // A decoder of its own: a streaming decode keeps state between calls.
    const decoder = makeDecoder(label) as TextDecoder;
    const chunkBytes = CHUNK_BYTES;
    for (let off = start; off < bytes.length; off += chunkBytes) {
      if (this.ctx.signal?.aborted === true) {
        this.fail(readDiagnostic('aborted', 'error', M.aborted(), { fatal: true }));
        return;
      }
      let text: string;
      try {
        text = decoder.decode(bytes.subarray(off, Math.min(bytes.length, off + chunkBytes)), { stream: true });
      } catch {
        this.badEncoding(label, off);
        return;
      }
      this.write(text);
      if (this.stopped) return;
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      this.badEncoding(label, bytes.length);
      return;
    }
    if (tail.length > 0) this.write(tail);
    if (this.stopped) return;
    this.checkSpan(1);
    this.parser.close();
  }

  private write(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.attDepth >= 0 && this.attDepth === this.depth - 1 && this.internals.state === S_TEXT) {
        // Inside an attachment: its base64 text goes straight to the meter, up to the next
        // markup or entity, instead of through saxes character by character (commit da4dfba;
        // bench `read`: a 100 MiB attachment read in 0.4–0.7 s, peak RSS 165 MiB).
        if (this.internals.text.length > 0) {
          this.feedAttachment(this.internals.text);
          this.internals.text = '';
        }
        let end = text.indexOf('<', i);
        if (end < 0) end = n;
        const amp = text.indexOf('&', i);
        if (amp >= 0 && amp < end) end = amp;
        if (end > i) {
          const piece = text.slice(i, end);
          this.skipped(piece);
          this.feedAttachment(piece);
          i = end;
          continue;
        }
      }
      const end = Math.min(n, i + CHUNK_CHARS);
      this.parser.write(i === 0 && end === n ? text : text.slice(i, end));
      if (this.stopped) return;
      this.afterWrite();
      i = end;
    }
  }

  /** Accounts for text given to the meter instead of saxes, so that positions stay right. */
  private skipped(piece: string): void {
    let lines = 0;
    let last = -1;
    for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) {
      lines++;
      last = k;
    }
    const line = this.parser.line;
    if (lines > 0) {
      this.lineOffset += lines;
      this.colDelta = piece.length - last - 1 - this.parser.column;
    } else {
      this.colDelta = (this.colDeltaLine === line ? this.colDelta : 0) + piece.length;
    }
    this.colDeltaLine = line;
  }

  /** The current 1-based line, counting the attachment text saxes did not see. */
  protected line(): number {
    return this.parser.line + this.lineOffset;
  }

  /** saxes' column (0-based, past the last character), corrected for skipped attachment text. */
  private column(): number {
    return this.parser.line === this.colDeltaLine ? this.parser.column + this.colDelta : this.parser.column;
  }

  /** Between writes: drains attachment text into its meter, and bounds pending text. */
  private afterWrite(): void {
    this.checkSpan(0);
    const st = this.internals;
    const pending = st.text.length;
    if (pending === 0) return;
    if (this.attDepth >= 0 && this.attDepth === this.depth - 1 && (st.state === S_TEXT || st.state === S_CDATA)) {
      this.feedAttachment(st.text);
      st.text = '';
      return;
    }
    const inAttribute = st.state === S_ATTRIB_VALUE_QUOTED || st.state === S_ATTRIB_VALUE_UNQUOTED;
    const { limits } = this.ctx;
    if (inAttribute && pending > limits.maxAttributeLength) {
      this.limit('maxAttributeLength', limits.maxAttributeLength, pending, this.here());
    } else if (!inAttribute && pending > limits.maxTextLength) {
      this.limit('maxTextLength', limits.maxTextLength, pending, this.here());
    }
  }

  protected here(): Location {
    // saxes counts columns from 0 and points past the last character read: that is the 1-based
    // column of that character, except at the start of a line (0), which is column 1.
    return { file: this.ctx.file, line: this.line(), column: Math.max(1, this.column()) };
  }

  /**
   * With text off (first pass), stops for a second pass with all text when the characters
   * since the last tag event may hold a text node longer than `maxTextLength`. `extra` counts
   * characters saxes holds back (a final CR).
   */
  protected checkSpan(extra: number): void {
    if (!this.textOn && this.parser.position + extra - this.spanStart > this.ctx.limits.maxTextLength) {
      this.wantsAllText = true;
      this.stopped = true;
      throw STOP;
    }
  }

  private onDoctype(doctype: string): void {
    if (this.sawDoctype) return;
    this.sawDoctype = true;
    const internalSubset = doctype.includes('[');
    const declaresEntities = /<!ENTITY/i.test(doctype);
    const external = /\b(SYSTEM|PUBLIC)\b/.test(doctype);
    this.diagnostics.push(
      readDiagnostic('xml-doctype', 'error', M.doctype(declaresEntities, external), {
        location: this.here(),
        actual: internalSubset ? 'internal subset' : external ? 'external DTD' : 'doctype',
      }),
    );
  }

  private onError(e: Error): void {
    if (this.stopped) throw STOP;
    this.checkSpan(0);
    // saxes prefixes "line:column: " to its messages.
    const message = e.message.replace(/^\d+:\d+: /, '');
    const truncated = /unclosed tag|unexpected end/i.test(message);
    const entity = /undefined entity/i.test(message);
    this.fail(
      readDiagnostic(
        truncated ? 'xml-truncated' : 'xml-not-well-formed',
        'error',
        truncated ? M.truncated(message) : M.notWellFormed(this.line(), this.column(), message, entity),
        { location: this.here(), fatal: true },
      ),
    );
    throw STOP;
  }

  private badEncoding(label: string, offset: number): void {
    this.fail(readDiagnostic('xml-bad-encoding', 'error', M.badEncoding(label, offset, this.line()), { location: this.here(), fatal: true, actual: offset }));
  }

  protected limit(name: keyof Limits, value: number, actual: number, location?: Location): void {
    this.fail(limitDiagnostic(name, value, location ?? { file: this.ctx.file }, actual));
    throw STOP;
  }

  protected fail(d: Diagnostic): void {
    this.diagnostics.push(d);
    this.fatal = true;
    this.stopped = true;
  }

  internalError(e: unknown): void {
    this.fail(readDiagnostic('internal-error', 'error', M.internalError(e), { location: { file: this.ctx.file }, fatal: true }));
  }
}
