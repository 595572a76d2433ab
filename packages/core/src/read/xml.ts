import { SaxesParser, type SaxesTag } from 'saxes';
import type { Attachment, Facts, PartyId } from '../facts/facts.js';
import type { Diagnostic, LocalizedText, Location } from '../diagnostics/diagnostic.js';
import type { Limits } from '../limits.js';
import { CANONICAL_PREFIX, NS, rootInfo, type FactSpec, type RootInfo, type TrieNode } from './syntaxes.js';
import { detectXmlEncoding, makeDecoder } from './encoding.js';
import { Base64Meter } from './base64.js';
import { sniffAttachment } from './sniff.js';
import { limitDiagnostic, readDiagnostic } from '../diagnostics/reader.js';
import { readCefactDate, readXsdDate } from './dates.js';
import { blankFacts, deriveCadre } from '../facts/derive.js';
import { clip, XPATH_CHARS } from './clip.js';

/** What the XML reader is told about the document it reads. */
export interface XmlReadContext {
  /** Display name used in locations (`invoice.pdf!/factur-x.xml`). */
  file: string;
  limits: Limits;
  /** True inside a batch or a PDF: a non-invoice root is then a warning, not an error. */
  nested: boolean;
  signal?: AbortSignal | undefined;
}

/** The outcome of reading one XML document. */
export interface XmlReadResult {
  facts: Facts;
  diagnostics: Diagnostic[];
  unreadable: boolean;
  /** Whether the root is an invoice syntax (UBL Invoice/CreditNote, CII, ZUGFeRD 1, CPP). */
  isInvoice: boolean;
}

/**
 * The UTF-8 decoder for whole documents, shared: a one-shot decode keeps no state. Never used
 * to stream (a streaming call would turn its one-shot fast path off for good).
 */
const UTF8_WHOLE = makeDecoder('utf-8') as TextDecoder;

/** Characters handed to saxes per write: bounds the work done between limit checks. */
const CHUNK_CHARS = 64 * 1024;
/** Bytes decoded per step (UTF-16 needs an even count). */
const CHUNK_BYTES = 64 * 1024;

// saxes states (saxes 6 `S_*` constants) in which `parser.text` accumulates character data
// or an attribute value: read to stream attachments and to enforce length limits early.
const S_TEXT = 13;
const S_CDATA = 20;
const S_ATTRIB_VALUE_QUOTED = 40;
const S_ATTRIB_VALUE_UNQUOTED = 42;

/** The saxes internals read between writes (stable in saxes 6). */
interface SaxesInternals {
  text: string;
  state: number;
}

/** One open element. Frames are pooled by depth: no allocation per element in the hot path. */
interface Frame {
  name: string;
  uri: string;
  /** Index of the colon in `name`, -1 when unprefixed. */
  colon: number;
  pos: number;
  /** Counts of children by qualified name, for XPath positions. */
  /** Names of the children seen so far and how many of each (arrays reused: no Map per element). */
  kidNames: string[];
  kidCounts: number[];
  kidLen: number;
  /** `kidNames` by name, built once a parent has more than KID_SCAN_MAX of them. */
  kidIndex: Map<string, number> | null;
  trie: TrieNode | null;
  line: number;
  column: number;
  /** The in-scope namespace bindings before this element declared its own (restored on close). */
  outerScope: NsScope | null;
  /** This element's XPath once built: facts under one parent share their ancestors' steps. */
  xpath: string | null;
}

/** In-scope namespace bindings, prefix ('' for the default namespace) to URI. */
type NsScope = ReadonlyMap<string, string>;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const INITIAL_SCOPE: NsScope = new Map([['xml', XML_NS], ['', '']]);

/** Thrown from saxes handlers to stop parsing at once; never escapes this module. */
class StopParse {}
const STOP = new StopParse();

/** Local names of the elements that hold an embedded attachment (UBL, CII). */
const ATTACHMENT_LOCALS = ['AttachmentBinaryObject', 'EmbeddedDocumentBinaryObject'];

/** The last two letters of `…Price`, `…Amount` and `…Object`, as `onOpen` computes them. */
const CE = 0x63 * 128 + 0x65;
const NT = 0x6e * 128 + 0x74;
const CT = 0x63 * 128 + 0x74;

/** Distinct child names searched one by one before a parent's are indexed by a map. */
const KID_SCAN_MAX = 32;

/** Up to this many prefixes are remembered per namespace scope (documents use a handful). */
const PREFIX_CACHE_MAX = 16;

/** Whether the qualified `name`, with its colon at `colon` (-1: none), has this local name. */
function hasLocal(name: string, colon: number, local: string): boolean {
  return name.length - colon - 1 === local.length && name.endsWith(local);
}

/**
 * Reads one XML document's bytes into facts, in one saxes pass (two for a document whose text
 * outside the elements read may exceed `maxTextLength`: see `XmlFactReader.allText`). Never
 * throws on bad bytes.
 */
export function readXmlBytes(bytes: Uint8Array, ctx: XmlReadContext): XmlReadResult {
  let reader = new XmlFactReader(ctx, false);
  runReader(reader, bytes);
  if (reader.wantsAllText) {
    reader = new XmlFactReader(ctx, true);
    runReader(reader, bytes);
  }
  return reader.result();
}

function runReader(reader: XmlFactReader, bytes: Uint8Array): void {
  try {
    reader.run(bytes);
  } catch (e) {
    if (!(e instanceof StopParse)) reader.internalError(e);
  }
}

class XmlFactReader {
  private readonly ctx: XmlReadContext;
  private readonly facts: Facts = blankFacts('xml');
  private readonly diagnostics: Diagnostic[] = [];
  private readonly parser: SaxesParser<{ position: true }>;
  private readonly internals: SaxesInternals;
  private readonly frames: Frame[] = [];
  private depth = 0;
  private root: RootInfo | null = null;
  private fatal = false;
  private stopped = false;
  private tagLine = 1;
  private tagColumn = 1;
  /** saxes `position` when the open tag's name ended: what follows it up to `>` is attributes. */
  private tagPos = 0;
  private capDepth = -1;
  private capText = '';
  private capSpec: FactSpec | null = null;
  private capScheme: string | null = null;
  private capFormat: string | null = null;
  private capLocation: Location | null = null;
  private amountDepth = -1;
  private priceDepth = -1;
  private amountText = '';
  private attDepth = -1;
  private attMeter: Base64Meter | null = null;
  private attRecord: Attachment | null = null;
  private attBytes = 0;
  private maxDecimalsFound = -1;
  private sawDoctype = false;
  private scope: NsScope = INITIAL_SCOPE;
  /**
   * Prefixes already resolved in the current scope and their URIs. Element names are fresh
   * strings from saxes: matching them against these few prefixes costs a few character
   * comparisons, where a Map or object lookup would hash every name.
   */
  private readonly prefixes: string[] = [];
  private readonly prefixUris: string[] = [];
  /** The default namespace's URI once resolved in the current scope. */
  private defaultUri: string | undefined = undefined;
  /** Where `resolve` found the colon of the name it resolved (-1: none). */
  private nameColon = -1;
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
   * of a reader that sees all text.
   */
  private readonly allText: boolean;
  private textOn: boolean;
  private readonly textHandler = (t: string): void => this.onText(t);
  /** Position (saxes `position`) of the last tag event: where the current run of text began. */
  private spanStart = 0;
  /** Set when the first pass stopped because text outside the elements read may be too long. */
  wantsAllText = false;

  constructor(ctx: XmlReadContext, allText: boolean) {
    this.ctx = ctx;
    this.allText = allText;
    this.textOn = allText;
    // Namespaces are resolved here rather than by saxes (its xmlns mode costs ~40 % of the
    // parse): the reader needs them only for element names and a few attributes.
    const parser = new SaxesParser({ position: true });
    this.parser = parser;
    this.internals = parser as unknown as SaxesInternals;
    parser.on('opentagstart', () => {
      this.tagPos = parser.position;
      this.tagLine = this.line();
      this.tagColumn = this.column();
    });
    parser.on('opentag', (tag) => this.onOpen(tag));
    parser.on('closetag', () => this.onClose());
    // Registered, then unset when off: every parser then has the same shape, which keeps
    // saxes' property accesses monomorphic.
    parser.on('text', this.textHandler);
    if (!allText) parser.off('text');
    parser.on('cdata', (t) => this.onText(t));
    parser.on('doctype', (d) => this.onDoctype(d));
    parser.on('error', (e) => this.onError(e));
  }

  run(bytes: Uint8Array): void {
    const { limits } = this.ctx;
    if (bytes.length > limits.maxDocumentBytes) {
      this.limit('maxDocumentBytes', limits.maxDocumentBytes, bytes.length);
      return;
    }
    const enc = detectXmlEncoding(bytes);
    if (enc.conflict) {
      this.diagnostics.push(
        readDiagnostic('xml-encoding-conflict', 'warning', {
          fr: `L’encodage déclaré (${enc.declared}) ne correspond pas aux octets du fichier : lu en ${enc.label}.`,
          en: `The declared encoding (${enc.declared}) does not match the file's bytes: read as ${enc.label}.`,
        }, { location: { file: this.ctx.file, line: 1, column: 1 }, actual: enc.declared, expected: enc.label }),
      );
    }
    // UTF-8 (most invoices) needs no decoder of its own: see `UTF8_WHOLE`.
    const decoder = enc.label === 'utf-8' ? UTF8_WHOLE : makeDecoder(enc.label);
    if (decoder === null) {
      this.fail(
        readDiagnostic('xml-unsupported-encoding', 'error', {
          fr: `L’encodage déclaré « ${enc.declared} » n’est pas pris en charge (attendu : UTF-8, UTF-16 ou ISO-8859-1).`,
          en: `The declared encoding "${enc.declared}" is not supported (expected UTF-8, UTF-16 or ISO-8859-1).`,
        }, { location: { file: this.ctx.file, line: 1, column: 1 }, fatal: true, actual: enc.declared }),
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
      this.fail(readDiagnostic('aborted', 'error', { fr: 'Lecture annulée.', en: 'Reading was cancelled.' }, { fatal: true }));
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
        this.fail(readDiagnostic('aborted', 'error', { fr: 'Lecture annulée.', en: 'Reading was cancelled.' }, { fatal: true }));
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
        // markup or entity, instead of through saxes character by character.
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
  private line(): number {
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

  private here(): Location {
    // saxes counts columns from 0 and points past the last character read: that is the 1-based
    // column of that character, except at the start of a line (0), which is column 1.
    return { file: this.ctx.file, line: this.line(), column: Math.max(1, this.column()) };
  }

  /**
   * With text off (first pass), stops for a second pass with all text when the characters
   * since the last tag event may hold a text node longer than `maxTextLength`. `extra` counts
   * characters saxes holds back (a final CR).
   */
  private checkSpan(extra: number): void {
    if (!this.textOn && this.parser.position + extra - this.spanStart > this.ctx.limits.maxTextLength) {
      this.wantsAllText = true;
      this.stopped = true;
      throw STOP;
    }
  }

  /** Asks saxes for text only while an element whose text is read is open (see `allText`). */
  private updateText(): void {
    const on = this.allText || this.capDepth >= 0 || this.amountDepth >= 0 || this.attDepth >= 0;
    if (on === this.textOn) return;
    this.textOn = on;
    if (on) this.parser.on('text', this.textHandler);
    else this.parser.off('text');
  }

  private onOpen(tag: SaxesTag): void {
    this.checkSpan(0);
    this.spanStart = this.parser.position;
    const depth = this.depth;
    const { limits } = this.ctx;
    if (depth >= limits.maxXmlDepth) {
      this.limit('maxXmlDepth', limits.maxXmlDepth, depth + 1, this.here());
    }
    const name = tag.name;
    if (name.length > limits.maxNameLength) this.limit('maxNameLength', limits.maxNameLength, name.length, this.here());
    const attributes = tag.attributes as Record<string, string>;
    // Characters between the end of the name and the end of the tag. An attribute takes at
    // least five (`b="">`): below four there is none, and the walk over the attributes (a
    // dictionary object, slow to enumerate) is skipped, as it is for most elements.
    const attributeChars = this.parser.position - this.tagPos;
    // Namespace declarations (Namespaces in XML 1.0 §3): copy the scope only when one is made.
    let outer: NsScope | null = null;
    if (attributeChars >= 4) for (const key in attributes) {
      if (key.charCodeAt(0) === 120 /* x */ && key.startsWith('xmlns') && (key.length === 5 || key.charCodeAt(5) === 58)) {
        if (outer === null) {
          outer = this.scope;
          // A Map: adding the prefix, a fresh string, to an object would intern it first.
          this.scope = new Map(outer);
          this.forgetPrefixes();
        }
        (this.scope as Map<string, string>).set(key.length === 5 ? '' : key.slice(6), attributes[key] as string);
      }
    }
    const uri = this.resolve(name);
    const colon = this.nameColon;
    let frame = this.frames[depth];
    if (frame === undefined) {
      frame = { name: '', uri: '', colon: -1, pos: 1, kidNames: [], kidCounts: [], kidLen: 0, kidIndex: null, trie: null, line: 0, column: 0, outerScope: null, xpath: null };
      this.frames[depth] = frame;
    } else {
      frame.kidLen = 0;
      frame.kidIndex = null;
      frame.xpath = null;
    }
    frame.outerScope = outer;
    frame.name = name;
    frame.uri = uri;
    frame.colon = colon;
    // saxes reports the position past the character that ended the name: step back to '<'.
    const col = this.tagColumn - name.length - 1;
    if (col >= 1) {
      frame.line = this.tagLine;
      frame.column = col;
    } else {
      frame.line = this.tagLine - 1;
      frame.column = 0;
    }
    // A value longer than the limit needs at least as many characters in the tag.
    if (attributeChars > this.ctx.limits.maxAttributeLength || attributeChars > this.ctx.limits.maxNameLength) {
      this.checkAttributes(attributes);
    }
    this.depth = depth + 1;

    if (depth === 0) {
      frame.pos = 1;
      this.onRoot(name.slice(colon + 1), uri, frame);
      return;
    }
    const parent = this.frames[depth - 1] as Frame;
    // XPath position among same-named siblings. Linear search: parents have few distinct child
    // names; scanning from the last one makes runs of siblings (line items) cheap.
    const names = parent.kidNames;
    let k = parent.kidLen - 1;
    // Past a few dozen distinct names, a map: a parent of n distinct children stays linear.
    if (k >= KID_SCAN_MAX) {
      parent.kidIndex ??= new Map(names.slice(0, parent.kidLen).map((n, i) => [n, i]));
      k = parent.kidIndex.get(name) ?? -1;
    } else while (k >= 0 && names[k] !== name) k--;
    let pos: number;
    if (k >= 0) {
      pos = (parent.kidCounts[k] as number) + 1;
      parent.kidCounts[k] = pos;
    } else {
      pos = 1;
      names[parent.kidLen] = name;
      parent.kidCounts[parent.kidLen] = 1;
      parent.kidIndex?.set(name, parent.kidLen);
      parent.kidLen++;
    }
    frame.pos = pos;

    if (uri === NS.xinclude) this.onXInclude(frame);

    const ptrie = parent.trie;
    let node: TrieNode | null = null;
    if (ptrie !== null && ptrie.children !== null) {
      for (const child of ptrie.children) {
        if (hasLocal(name, colon, child.local) && child.uri === uri) {
          node = child;
          break;
        }
      }
    }
    frame.trie = node;
    if (node !== null && node.spec !== null) this.startFact(node.spec, attributes);

    // The last two letters tell most names apart from …Price, …Amount and …Object at the
    // cost of two character reads, before any suffix comparison.
    const end = name.charCodeAt(name.length - 2) * 128 + name.charCodeAt(name.length - 1);
    // Unit prices (BT-146 to BT-148) may carry more decimals than amounts: not counted.
    if (end === CE && this.priceDepth < 0 && name.endsWith('Price')) this.priceDepth = depth;
    if (end === NT) {
      // An amount whose decimals count: `…Amount`, but not a `Price…Amount`.
      if (this.priceDepth < 0 && this.amountDepth < 0 && name.endsWith('Amount') && !name.startsWith('Price', colon + 1)) {
        this.amountDepth = depth;
        this.amountText = '';
      }
    } else if (end === CT && (hasLocal(name, colon, ATTACHMENT_LOCALS[0] as string) || hasLocal(name, colon, ATTACHMENT_LOCALS[1] as string))) {
      this.startAttachment(attributes);
    }
    this.updateText();
  }

  /**
   * The namespace URI of an element name's prefix, its colon's index left in `nameColon`; an
   * undeclared prefix is fatal. Prefixes already resolved are matched first, which also finds
   * the colon without searching the name for it.
   */
  private resolve(name: string): string {
    const prefixes = this.prefixes;
    for (let k = 0; k < prefixes.length; k++) {
      const p = prefixes[k] as string;
      if (name.charCodeAt(p.length) === 58 /* : */ && name.startsWith(p)) {
        this.nameColon = p.length;
        return this.prefixUris[k] as string;
      }
    }
    const colon = name.indexOf(':');
    this.nameColon = colon;
    if (colon < 0) {
      this.defaultUri ??= this.scope.get('');
      if (this.defaultUri === undefined) return this.unboundPrefix('');
      return this.defaultUri;
    }
    const prefix = name.slice(0, colon);
    const uri = this.scope.get(prefix);
    if (uri === undefined) return this.unboundPrefix(prefix);
    if (prefixes.length < PREFIX_CACHE_MAX) {
      prefixes.push(prefix);
      this.prefixUris.push(uri);
    }
    return uri;
  }

  /** The scope changed: prefixes resolved before may now mean something else. */
  private forgetPrefixes(): void {
    this.prefixes.length = 0;
    this.prefixUris.length = 0;
    this.defaultUri = undefined;
  }

  private onRoot(local: string, uri: string, frame: Frame): void {
    const info = rootInfo(local, uri);
    this.root = info;
    frame.trie = info.trie;
    this.facts.syntax = info.syntax;
    this.facts.document = local;
    this.facts.rootNamespace = uri === '' ? null : uri;
    this.facts.locations['document'] = this.locationOf(0, undefined);
    if (info.syntax === 'ZUGFeRD1') {
      this.diagnostics.push(
        readDiagnostic('zugferd1-not-chorus', 'warning', {
          fr: 'ZUGFeRD 1.0 (CrossIndustryDocument) est reconnu mais n’est pas une syntaxe Chorus Pro : utilisez CII D16B (Factur-X) ou UBL 2.1.',
          en: 'ZUGFeRD 1.0 (CrossIndustryDocument) is recognised but is not a Chorus Pro syntax: use CII D16B (Factur-X) or UBL 2.1.',
        }, { location: this.locationOf(0, undefined), actual: uri }),
      );
    }
    if (!info.invoice) {
      const label = info.label ?? { fr: 'un document XML', en: 'an XML document' };
      const nested = this.ctx.nested;
      this.diagnostics.push(
        readDiagnostic('not-an-invoice', nested ? 'warning' : 'error', {
          fr: `Ce fichier est ${label.fr}, pas une facture UBL, CII ou CPP.`,
          en: `This file is ${label.en}, not a UBL, CII or CPP invoice.`,
        }, { location: this.locationOf(0, undefined), fatal: !nested, actual: uri === '' ? local : `{${uri}}${local}` }),
      );
      if (!nested) this.fatal = true;
      // Nothing more to read from a document that is not an invoice.
      this.stopped = true;
      throw STOP;
    }
  }

  private startFact(spec: FactSpec, attributes: Record<string, string>): void {
    if (spec.kind === 'presence') {
      if (this.facts.locations[spec.fact] === undefined) {
        (this.facts as unknown as Record<string, unknown>)[spec.fact] = true;
        this.facts.locations[spec.fact] = this.locationOf(this.depth - 1, spec.businessTerm);
      }
      return;
    }
    // First occurrence wins for single-valued facts.
    if (spec.kind !== 'list' && this.facts.locations[spec.fact] !== undefined) return;
    this.capDepth = this.depth - 1;
    this.capText = '';
    this.capSpec = spec;
    this.capScheme = spec.kind === 'party' ? (attributes['schemeID'] ?? null) : null;
    this.capFormat = spec.kind === 'date' ? (attributes['format'] ?? null) : null;
    this.capLocation = spec.kind === 'list' && this.facts.locations[spec.fact] !== undefined ? null : this.locationOf(this.depth - 1, spec.businessTerm);
  }

  private startAttachment(attributes: Record<string, string>): void {
    if (this.attDepth >= 0) return;
    this.attDepth = this.depth - 1;
    this.attMeter = new Base64Meter();
    const location = this.locationOf(this.depth - 1, undefined);
    this.attRecord = {
      name: attributes['filename'] ?? null,
      declaredMime: attributes['mimeCode'] ?? null,
      size: 0,
      sniffed: 'other',
      location,
    };
  }

  private feedAttachment(text: string): void {
    const meter = this.attMeter;
    if (meter === null) return;
    meter.push(text);
    const size = meter.size;
    if (size > this.ctx.limits.maxAttachmentBytes) {
      this.limit('maxAttachmentBytes', this.ctx.limits.maxAttachmentBytes, size, this.attRecord?.location);
    }
  }

  private onText(text: string): void {
    if (this.stopped) return;
    const d = this.depth - 1;
    if (d === this.attDepth) {
      this.feedAttachment(text);
      return;
    }
    if (text.length > this.ctx.limits.maxTextLength) {
      this.limit('maxTextLength', this.ctx.limits.maxTextLength, text.length, this.here());
    }
    if (d === this.capDepth) this.capText += text;
    if (d === this.amountDepth) this.amountText += text;
  }

  private onClose(): void {
    if (this.stopped) return;
    this.checkSpan(0);
    this.spanStart = this.parser.position;
    const d = --this.depth;
    const outer = (this.frames[d] as Frame).outerScope;
    if (outer !== null) {
      this.scope = outer;
      this.forgetPrefixes();
    }
    if (d === this.capDepth) this.endFact();
    if (d === this.amountDepth) this.endAmount();
    if (d === this.attDepth) this.endAttachment();
    if (d === this.priceDepth) this.priceDepth = -1;
    this.updateText();
  }

  private endFact(): void {
    const spec = this.capSpec as FactSpec;
    const raw = this.capText;
    const f = this.facts as unknown as Record<string, unknown>;
    const location = this.capLocation;
    this.capDepth = -1;
    this.capSpec = null;
    switch (spec.kind) {
      case 'raw':
        f[spec.fact] = raw;
        break;
      case 'text':
        f[spec.fact] = raw.trim();
        break;
      case 'date': {
        // The calendar day, ISO; the text as written beside it (`issueDate` → `issueDateRaw`).
        const read = this.facts.syntax === 'UBL' ? readXsdDate(raw) : readCefactDate(raw, this.capFormat);
        f[spec.fact] = read.iso;
        f[`${spec.fact}Raw`] = raw.trim();
        if (read.problem !== null) this.unreadableDate(spec, read.problem, location);
        break;
      }
      case 'party': {
        const id: PartyId = { value: raw.trim(), scheme: this.capScheme };
        f[spec.fact] = id;
        break;
      }
      case 'list':
        (f[spec.fact] as string[]).push(raw.trim());
        break;
      case 'presence':
        break;
    }
    if (location !== null) this.facts.locations[spec.fact] = location;
  }

  /** A date that is there but names no calendar day: said, and left unchecked (null), never taken as wrong. */
  private unreadableDate(spec: FactSpec, problem: LocalizedText, location: Location | null): void {
    const term = spec.businessTerm === undefined ? '' : ` (${spec.businessTerm})`;
    this.diagnostics.push(
      readDiagnostic('unreadable-date', 'warning', {
        fr: `La date${term} ${problem.fr} : les règles qui portent sur elle ne l’ont pas vérifiée.`,
        en: `The date${term} ${problem.en}: the rules on it did not check it.`,
      }, location === null ? {} : { location }),
    );
  }

  private endAmount(): void {
    const d = this.amountDepth;
    this.amountDepth = -1;
    const v = this.amountText.trim();
    const dot = v.indexOf('.');
    const decimals = dot < 0 ? 0 : v.length - dot - 1;
    if (decimals > this.maxDecimalsFound) {
      this.maxDecimalsFound = decimals;
      this.facts.maxAmountDecimals = decimals;
      // The closed element's frame stays in the pool until a sibling opens.
      this.facts.locations['maxAmountDecimals'] = this.locationOf(d, undefined);
    }
  }

  private endAttachment(): void {
    const meter = this.attMeter as Base64Meter;
    const record = this.attRecord as Attachment;
    this.attDepth = -1;
    this.attMeter = null;
    this.attRecord = null;
    record.size = meter.size;
    record.sniffed = sniffAttachment(meter.headBytes());
    this.attBytes += meter.size;
    this.facts.attachments.push(record);
    if (meter.invalidChar !== null || meter.dataAfterPadding) {
      const where = record.location;
      this.diagnostics.push(
        readDiagnostic('attachment-bad-base64', 'error', {
          fr: `La pièce jointe${record.name === null ? '' : ` « ${record.name} »`} n’est pas du base64 valide${meter.invalidChar === null ? '' : ` (caractère « ${meter.invalidChar} »)`}.`,
          en: `The attachment${record.name === null ? '' : ` "${record.name}"`} is not valid base64${meter.invalidChar === null ? '' : ` (character "${meter.invalidChar}")`}.`,
        }, where === undefined ? {} : { location: where }),
      );
    }
    if (this.attBytes > this.ctx.limits.maxDocumentBytes) {
      this.limit('maxDocumentBytes', this.ctx.limits.maxDocumentBytes, this.attBytes, record.location);
    }
  }

  private checkAttributes(attributes: Record<string, string>): void {
    const max = this.ctx.limits.maxAttributeLength;
    for (const name in attributes) {
      if (name.length > this.ctx.limits.maxNameLength) this.limit('maxNameLength', this.ctx.limits.maxNameLength, name.length, this.locationOf(this.depth, undefined));
      const v = attributes[name];
      if (v !== undefined && v.length > max) this.limit('maxAttributeLength', max, v.length, this.locationOf(this.depth, undefined));
    }
  }

  private unboundPrefix(prefix: string): never {
    this.fail(
      readDiagnostic('xml-not-well-formed', 'error', {
        fr: `Le XML est mal formé ligne ${this.line()} : le préfixe d’espace de noms « ${prefix} » n’est pas déclaré.`,
        en: `The XML is not well-formed at line ${this.line()}: the namespace prefix "${prefix}" is not declared.`,
      }, { location: this.here(), fatal: true, actual: prefix }),
    );
    throw STOP;
  }

  /** The location of the element open at `depth` (0 = root), XPath built from the frame pool. */
  private locationOf(depth: number, businessTerm: string | undefined): Location {
    const frames = this.frames;
    // From the deepest ancestor whose XPath is known (it stays valid while the element is open).
    let i = depth;
    while (i >= 0 && (frames[i] as Frame).xpath === null) i--;
    let xpath = i < 0 ? '' : ((frames[i] as Frame).xpath as string);
    for (i++; i <= depth; i++) {
      const f = frames[i] as Frame;
      const prefix = CANONICAL_PREFIX.get(f.uri) ?? (f.colon < 0 ? '' : f.name.slice(0, f.colon));
      xpath += `/${prefix === '' ? '' : `${prefix}:`}${f.colon < 0 ? f.name : f.name.slice(f.colon + 1)}[${f.pos}]`;
      f.xpath = xpath;
    }
    const frame = frames[depth] as Frame;
    // A path of long names is cut in what is reported, not in the frames (see clip.ts).
    const loc: Location = { file: this.ctx.file, xpath: clip(xpath, XPATH_CHARS), line: frame.line };
    if (frame.column > 0) loc.column = frame.column;
    if (businessTerm !== undefined) loc.businessTerm = businessTerm;
    return loc;
  }

  private onDoctype(doctype: string): void {
    if (this.sawDoctype) return;
    this.sawDoctype = true;
    const internalSubset = doctype.includes('[');
    const declaresEntities = /<!ENTITY/i.test(doctype);
    const external = /\b(SYSTEM|PUBLIC)\b/.test(doctype);
    this.diagnostics.push(
      readDiagnostic('xml-doctype', 'error', {
        fr: `Le document contient une déclaration DOCTYPE${declaresEntities ? ' qui déclare des entités' : external ? ' qui référence une DTD externe' : ''} : elle n’est jamais traitée (ni DTD, ni entité externe, ni accès réseau). Une facture UBL ou CII n’en contient pas.`,
        en: `The document has a DOCTYPE declaration${declaresEntities ? ' declaring entities' : external ? ' referencing an external DTD' : ''}: it is never processed (no DTD, no external entity, no network access). UBL and CII invoices have none.`,
      }, { location: this.here(), actual: internalSubset ? 'internal subset' : external ? 'external DTD' : 'doctype' }),
    );
  }

  private onXInclude(frame: Frame): void {
    this.diagnostics.push(
      readDiagnostic('xml-xinclude', 'error', {
        fr: 'Le document contient un élément XInclude : il n’est jamais résolu.',
        en: 'The document contains an XInclude element: it is never resolved.',
      }, { location: { file: this.ctx.file, line: frame.line, ...(frame.column > 0 ? { column: frame.column } : {}) } }),
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
      readDiagnostic(truncated ? 'xml-truncated' : 'xml-not-well-formed', 'error', {
        fr: truncated
          ? `Le XML s’arrête avant la fin du document (fichier tronqué ?) : ${message}`
          : `Le XML est mal formé ligne ${this.line()}, colonne ${this.column()} : ${message}${entity ? ' (les entités déclarées par une DTD ne sont jamais développées)' : ''}`,
        en: truncated
          ? `The XML ends before the document does (truncated file?): ${message}`
          : `The XML is not well-formed at line ${this.line()}, column ${this.column()}: ${message}${entity ? ' (entities declared in a DTD are never expanded)' : ''}`,
      }, { location: this.here(), fatal: true }),
    );
    throw STOP;
  }

  private badEncoding(label: string, offset: number): void {
    this.fail(
      readDiagnostic('xml-bad-encoding', 'error', {
        fr: `Octets invalides pour l’encodage ${label.toUpperCase()} vers l’octet ${offset} (après la ligne ${this.line()}) : le fichier est mal encodé.`,
        en: `Invalid bytes for the ${label.toUpperCase()} encoding near byte ${offset} (after line ${this.line()}): the file is mis-encoded.`,
      }, { location: this.here(), fatal: true, actual: offset }),
    );
  }

  private limit(name: keyof Limits, value: number, actual: number, location?: Location): void {
    this.fail(limitDiagnostic(name, value, location ?? { file: this.ctx.file }, actual));
    throw STOP;
  }

  private fail(d: Diagnostic): void {
    this.diagnostics.push(d);
    this.fatal = true;
    this.stopped = true;
  }

  internalError(e: unknown): void {
    this.fail(
      readDiagnostic('internal-error', 'error', {
        fr: `Erreur interne pendant la lecture du XML : ${String(e)}`,
        en: `Internal error while reading the XML: ${String(e)}`,
      }, { location: { file: this.ctx.file }, fatal: true }),
    );
  }

  result(): XmlReadResult {
    const facts = this.facts;
    const isInvoice = this.root?.invoice === true;
    if (this.root === null && !this.fatal) {
      this.fail(
        readDiagnostic('xml-no-root', 'error', {
          fr: 'Le fichier XML ne contient aucun élément.',
          en: 'The XML file contains no element.',
        }, { location: { file: this.ctx.file, line: 1, column: 1 }, fatal: true }),
      );
    }
    if (isInvoice) {
      deriveCadre(facts, this.diagnostics);
      if (facts.syntax === 'CPP') {
        // AIFE's CPP formats are mixed (CPPFactureMixte) or structured (CPPFacturePivot) by definition.
        facts.formatFamily = facts.document === 'CPPFactureMixte' ? 'mixed-xml' : 'structured-xml';
      } else {
        facts.formatFamily = facts.attachments.some((a) => a.sniffed !== 'other') ? 'mixed-xml' : 'structured-xml';
      }
    }
    return { facts, diagnostics: this.diagnostics, unreadable: this.fatal || !isInvoice, isInvoice };
  }
}
