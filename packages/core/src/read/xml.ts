/**
 * The XML reader: one document's bytes to located facts. Here, what elements mean (root, facts,
 * amounts, attachments); streaming in xml-stream.ts, namespaces xml-scope.ts, XPaths xml-frames.ts.
 */
import type { SaxesTag } from 'saxes';
import type { Attachment, Facts, PartyId } from '../facts/facts.js';
import type { Diagnostic, LocalizedText, Location } from '../diagnostics/diagnostic.js';
import { NS, rootInfo, type FactSpec, type RootInfo, type TrieNode } from './syntaxes.js';
import { Base64Meter } from './base64.js';
import { sniffAttachment } from './sniff.js';
import { readDiagnostic } from '../diagnostics/reader.js';
import { readCefactDate, readXsdDate } from './dates.js';
import { blankFacts, deriveCadre } from '../facts/derive.js';
import { NamespaceScope } from './xml-scope.js';
import { childPosition, elementLocation, frameAt, type Frame } from './xml-frames.js';
import { XML_MESSAGES as M } from './xml-messages.js';
import { STOP, StopParse, XmlStream, type XmlReadContext } from './xml-stream.js';

export type { XmlReadContext } from './xml-stream.js';

/** The outcome of reading one XML document. */
export interface XmlReadResult {
  facts: Facts;
  diagnostics: Diagnostic[];
  unreadable: boolean;
  /** Whether the root is an invoice syntax (UBL Invoice/CreditNote, CII, ZUGFeRD 1, CPP). */
  isInvoice: boolean;
}

/** Local names of the elements that hold an embedded attachment (UBL, CII). */
const ATTACHMENT_LOCALS = ['AttachmentBinaryObject', 'EmbeddedDocumentBinaryObject'];

/**
 * The last two letters of `…Price`, `…Amount`, `…Object`, as `onOpen` computes them: with the
 * other per-name work of commit e361102, ours ÷ raw saxes 0.723/0.673/0.686 → 0.735/0.713/0.732.
 */
const CE = 0x63 * 128 + 0x65;
const NT = 0x6e * 128 + 0x74;
const CT = 0x63 * 128 + 0x74;

/** Whether the qualified `name`, with its colon at `colon` (-1: none), has this local name (length first: commit e361102). */
function hasLocal(name: string, colon: number, local: string): boolean {
  return name.length - colon - 1 === local.length && name.endsWith(local);
}

/**
 * Reads one XML document's bytes into facts, in one saxes pass (two for a document whose text
 * outside the elements read may exceed `maxTextLength`: see `XmlStream.allText`). Never
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

/** Saxes events to facts: the streaming is `XmlStream`'s. */
class XmlFactReader extends XmlStream {
  private readonly facts: Facts = blankFacts('xml');
  private readonly frames: Frame[] = [];
  private root: RootInfo | null = null;
  private capDepth = -1;
  private capText = '';
  private capSpec: FactSpec | null = null;
  private capScheme: string | null = null;
  private capFormat: string | null = null;
  private capLocation: Location | null = null;
  private amountDepth = -1;
  private priceDepth = -1;
  private amountText = '';
  private attMeter: Base64Meter | null = null;
  private attRecord: Attachment | null = null;
  private attBytes = 0;
  private maxDecimalsFound = -1;
  private readonly ns = new NamespaceScope();

  /** Asks saxes for text only while an element whose text is read is open (see `allText`). */
  private updateText(): void {
    const on = this.allText || this.capDepth >= 0 || this.amountDepth >= 0 || this.attDepth >= 0;
    if (on === this.textOn) return;
    this.textOn = on;
    if (on) this.parser.on('text', this.textHandler);
    else this.parser.off('text');
  }

  protected onOpen(tag: SaxesTag): void {
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
    // dictionary object, slow to enumerate) is skipped, as it is for most elements (commit e361102).
    const attributeChars = this.parser.position - this.tagPos;
    const ns = this.ns;
    const outer = attributeChars >= 4 ? ns.declare(attributes) : null;
    const uri = ns.resolve(name) ?? this.unboundPrefix(ns.unbound);
    const colon = ns.colon;
    const frame = frameAt(this.frames, depth);
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
    frame.pos = childPosition(parent, name);

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

  private onRoot(local: string, uri: string, frame: Frame): void {
    const info = rootInfo(local, uri);
    this.root = info;
    frame.trie = info.trie;
    this.facts.syntax = info.syntax;
    this.facts.document = local;
    this.facts.rootNamespace = uri === '' ? null : uri;
    this.facts.locations['document'] = this.locationOf(0, undefined);
    if (info.syntax === 'ZUGFeRD1') {
      this.diagnostics.push(readDiagnostic('zugferd1-not-chorus', 'warning', M.zugferd1(), { location: this.locationOf(0, undefined), actual: uri }));
    }
    if (!info.invoice) {
      const label = info.label ?? M.anXmlDocument();
      const nested = this.ctx.nested;
      this.diagnostics.push(
        readDiagnostic('not-an-invoice', nested ? 'warning' : 'error', M.notAnInvoice(label), {
          location: this.locationOf(0, undefined),
          fatal: !nested,
          actual: uri === '' ? local : `{${uri}}${local}`,
        }),
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

  protected feedAttachment(text: string): void {
    const meter = this.attMeter;
    if (meter === null) return;
    meter.push(text);
    const size = meter.size;
    if (size > this.ctx.limits.maxAttachmentBytes) {
      this.limit('maxAttachmentBytes', this.ctx.limits.maxAttachmentBytes, size, this.attRecord?.location);
    }
  }

  protected onText(text: string): void {
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

  protected onClose(): void {
    if (this.stopped) return;
    this.checkSpan(0);
    this.spanStart = this.parser.position;
    const d = --this.depth;
    const outer = (this.frames[d] as Frame).outerScope;
    if (outer !== null) this.ns.restore(outer);
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
    this.diagnostics.push(readDiagnostic('unreadable-date', 'warning', M.unreadableDate(term, problem), location === null ? {} : { location }));
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
        readDiagnostic('attachment-bad-base64', 'error', M.attachmentBadBase64(record.name, meter.invalidChar), where === undefined ? {} : { location: where }),
      );
    }
    if (this.attBytes > this.ctx.limits.maxDocumentBytes) {
      this.limit('maxDocumentBytes', this.ctx.limits.maxDocumentBytes, this.attBytes, record.location);
    }
  }

  private checkAttributes(attributes: Record<string, string>): void {
    const max = this.ctx.limits.maxAttributeLength;
    for (const name in attributes) {
      if (name.length > this.ctx.limits.maxNameLength)
        this.limit('maxNameLength', this.ctx.limits.maxNameLength, name.length, this.locationOf(this.depth, undefined));
      const v = attributes[name];
      if (v !== undefined && v.length > max) this.limit('maxAttributeLength', max, v.length, this.locationOf(this.depth, undefined));
    }
  }

  private unboundPrefix(prefix: string): never {
    this.fail(readDiagnostic('xml-not-well-formed', 'error', M.unboundPrefix(this.line(), prefix), { location: this.here(), fatal: true, actual: prefix }));
    throw STOP;
  }

  /** The location of the element open at `depth` (0 = root), XPath built from the frame pool. */
  private locationOf(depth: number, businessTerm: string | undefined): Location {
    return elementLocation(this.frames, depth, this.ctx.file, businessTerm);
  }

  private onXInclude(frame: Frame): void {
    this.diagnostics.push(
      readDiagnostic('xml-xinclude', 'error', M.xinclude(), {
        location: { file: this.ctx.file, line: frame.line, ...(frame.column > 0 ? { column: frame.column } : {}) },
      }),
    );
  }

  result(): XmlReadResult {
    const facts = this.facts;
    const isInvoice = this.root?.invoice === true;
    if (this.root === null && !this.fatal) {
      this.fail(readDiagnostic('xml-no-root', 'error', M.noRoot(), { location: { file: this.ctx.file, line: 1, column: 1 }, fatal: true }));
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
