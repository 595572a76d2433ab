import type { Attachment, EmbeddedFile, Facts, PdfFacts, XmpFacts } from '../facts/facts.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Limits } from '../limits.js';
import type { PdfjsLoader } from './input.js';
import { blankFacts } from '../facts/derive.js';
import { limitDiagnostic, readDiagnostic } from '../diagnostics/reader.js';
import { readXmlBytes } from './xml.js';
import { parseXmp } from './xmp.js';
import { scanPdf } from './pdf-raw.js';
import { loadFflate } from './inflate.js';
import { sniffAttachment } from './sniff.js';

/**
 * The embedded file names that carry the invoice XML, in order of preference (Factur-X 1.0.06
 * §6.2: factur-x.xml; ZUGFeRD 2.0: zugferd-invoice.xml; ZUGFeRD 1.0: ZUGFeRD-invoice.xml;
 * ZUGFeRD 2.1 XRechnung profile: xrechnung.xml).
 */
export const INVOICE_XML_NAMES: readonly string[] = ['factur-x.xml', 'zugferd-invoice.xml', 'ZUGFeRD-invoice.xml', 'xrechnung.xml'];

/** What the PDF reader is told. */
export interface PdfReadContext {
  file: string;
  limits: Limits;
  nested: boolean;
  signal?: AbortSignal | undefined;
  pdfjs: PdfjsLoader | undefined;
  /** What the whole input has cost so far: the streams' decoded bytes are added to it. */
  spent?: { bytes: number };
}

/** The outcome of reading one PDF. */
export interface PdfReadResult {
  facts: Facts;
  diagnostics: Diagnostic[];
  unreadable: boolean;
  /** The invoice XML read, with its display name: for the structural check. */
  invoiceXml?: { bytes: Uint8Array; file: string };
}

/** The part of the pdf.js API used here (5.x and 6.x). */
interface PdfjsModule {
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfjsDocument>; destroy(): Promise<void> };
}
interface PdfjsDocument {
  numPages: number;
  getAttachments(): Promise<unknown>;
  getMetadata(): Promise<{ metadata?: { getRaw?: () => unknown } | null } | null>;
  destroy(): Promise<void>;
}
interface PdfjsAttachment {
  filename?: string;
  rawFilename?: string;
  content?: Uint8Array | null;
}

/** pdf.js modules already loaded, by loader: a warm read does not import again. */
const loaded = new WeakMap<PdfjsLoader, Promise<PdfjsModule>>();

function loadPdfjs(loader: PdfjsLoader): Promise<PdfjsModule> {
  let p = loaded.get(loader);
  if (p === undefined) {
    p = loader().then((m) => {
      const mod = (m as { getDocument?: unknown; default?: { getDocument?: unknown } }) ?? {};
      if (typeof mod.getDocument === 'function') return mod as PdfjsModule;
      if (mod.default !== undefined && typeof mod.default.getDocument === 'function') return mod.default as PdfjsModule;
      throw new Error('the pdf.js loader returned a module without getDocument');
    });
    loaded.set(loader, p);
    // A failed import may be retried by a later call.
    p.catch(() => loaded.delete(loader));
  }
  return p;
}

function blankPdfFacts(): PdfFacts {
  return { encrypted: false, pageCount: null, embeddedFiles: [], invoiceXmlName: null, invoiceXmlCandidates: [], xmp: null };
}

/** The first raw XMP packet that says something about PDF/A or Factur-X, parsed; null if none. */
function pickRawXmp(packets: string[], limits: Limits): XmpFacts | null {
  for (const packet of packets) {
    const x = parseXmp(packet, limits.maxPdfStreamBytes);
    if (x !== null && (x.pdfaPart !== null || x.extensionNamespace !== null)) return x;
  }
  return null;
}

/** Normalises `getAttachments()`: a plain object in pdf.js 5.x, a Map in 6.x, null when none. */
function attachmentEntries(raw: unknown): Array<[string, PdfjsAttachment]> {
  if (raw === null || raw === undefined) return [];
  if (raw instanceof Map) return [...(raw as Map<string, PdfjsAttachment>).entries()];
  if (typeof raw === 'object') return Object.entries(raw as Record<string, PdfjsAttachment>);
  return [];
}

/**
 * Reads a PDF: embedded files (with `/AFRelationship` and subtype from the raw bytes where
 * they are not compressed), the invoice XML among them (read as any XML), and the raw XMP
 * packet. A PDF without invoice XML is a plain PDF (Chorus Pro's OCR route, not a flow).
 */
export async function readPdfBytes(bytes: Uint8Array, ctx: PdfReadContext): Promise<PdfReadResult> {
  const facts = blankFacts('pdf');
  const pdf = blankPdfFacts();
  facts.pdf = pdf;
  const diagnostics: Diagnostic[] = [];
  const at = { file: ctx.file };
  const fatal = (d: Diagnostic): PdfReadResult => {
    diagnostics.push(d);
    return { facts, diagnostics, unreadable: true };
  };

  if (bytes.length > ctx.limits.maxDocumentBytes) {
    return fatal(limitDiagnostic('maxDocumentBytes', ctx.limits.maxDocumentBytes, at, bytes.length));
  }
  // The raw scan inflates streams that could pass the size limit.
  await loadFflate();
  const raw = scanPdf(bytes, ctx.limits);
  pdf.encrypted = raw.encrypted;
  if (raw.problems.length > 0) {
    for (const d of raw.problems) d.location = at;
    diagnostics.push(...raw.problems);
    return { facts, diagnostics, unreadable: true };
  }
  // The streams' decoded bytes count in the whole input's (a zip of PDFs cannot multiply them).
  if (ctx.spent !== undefined) {
    ctx.spent.bytes += raw.decodedBytes;
    if (ctx.spent.bytes > ctx.limits.maxBatchBytes) return fatal(limitDiagnostic('maxBatchBytes', ctx.limits.maxBatchBytes, at, ctx.spent.bytes));
  }

  if (ctx.pdfjs === undefined) {
    pdf.xmp = pickRawXmp(raw.xmp(), ctx.limits);
    return fatal(
      readDiagnostic(
        'pdf-support-missing',
        'error',
        {
          fr: 'Ce fichier est un PDF, mais la lecture des PDF n’est pas disponible ici (aucun module pdf.js fourni) : ses fichiers joints ne peuvent pas être lus.',
          en: 'This file is a PDF, but PDF reading is not available here (no pdf.js module was given): its embedded files cannot be read.',
        },
        { location: at, fatal: true },
      ),
    );
  }

  let mod: PdfjsModule;
  try {
    mod = await loadPdfjs(ctx.pdfjs);
  } catch (e) {
    return fatal(
      readDiagnostic(
        'pdf-support-missing',
        'error',
        {
          fr: `La bibliothèque PDF n’a pas pu être chargée : ${String(e)}`,
          en: `The PDF library could not be loaded: ${String(e)}`,
        },
        { location: at, fatal: true },
      ),
    );
  }

  let task: ReturnType<PdfjsModule['getDocument']> | null = null;
  let doc: PdfjsDocument | null = null;
  try {
    task = mod.getDocument({
      // pdf.js may transfer (detach) the buffer it is given: the user's bytes are never handed over.
      data: bytes.slice(),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      isOffscreenCanvasSupported: false,
      enableXfa: false,
      stopAtErrors: false,
      disableAutoFetch: true,
      disableStream: true,
      verbosity: 0,
    });
    doc = await task.promise;
  } catch (e) {
    const name = (e as { name?: string } | null)?.name ?? '';
    await task?.destroy().catch(() => undefined);
    if (name === 'PasswordException') {
      pdf.encrypted = true;
      return fatal(
        readDiagnostic(
          'pdf-encrypted',
          'error',
          {
            fr: 'Le PDF est protégé par un mot de passe : Chorus Pro ne peut pas le lire.',
            en: 'The PDF is password-protected: Chorus Pro cannot read it.',
          },
          { location: at, fatal: true },
        ),
      );
    }
    return fatal(
      readDiagnostic(
        'pdf-broken',
        'error',
        {
          fr: `Le PDF est illisible : ${e instanceof Error ? e.message : String(e)}`,
          en: `The PDF is unreadable: ${e instanceof Error ? e.message : String(e)}`,
        },
        { location: at, fatal: true },
      ),
    );
  }

  try {
    pdf.pageCount = doc.numPages;
    // Both requests go to the pdf.js worker at once: one round trip instead of two.
    const [attached, metadata] = await Promise.allSettled([doc.getAttachments(), doc.getMetadata()]);
    let entries: Array<[string, PdfjsAttachment]> = [];
    if (attached.status === 'fulfilled') {
      entries = attachmentEntries(attached.value);
    } else {
      diagnostics.push(
        readDiagnostic(
          'pdf-attachments-unreadable',
          'error',
          {
            fr: `Les fichiers joints du PDF sont illisibles : ${String(attached.reason)}`,
            en: `The PDF's embedded files are unreadable: ${String(attached.reason)}`,
          },
          { location: at },
        ),
      );
    }
    // The document's XMP is the stream the catalog's /Metadata points at: pdf.js resolves it
    // (and decrypts it). Only when it gives none, a raw packet saying something about PDF/A or
    // Factur-X is taken (other packets belong to images and embedded files). Metadata is
    // optional: its absence is a fact (`xmp: null`), checked by the rules.
    if (metadata.status === 'fulfilled') {
      const packet = metadata.value?.metadata?.getRaw?.();
      if (typeof packet === 'string' && packet.length > 0) pdf.xmp = parseXmp(packet, ctx.limits.maxPdfStreamBytes);
    }
    pdf.xmp ??= pickRawXmp(raw.xmp(), ctx.limits);

    const contents = new Map<string, Uint8Array>();
    for (const [key, a] of entries) {
      const name = (a.filename && a.filename !== 'unnamed' ? a.filename : key.replace(/^.*[\\/]/, '')) || key;
      const content = a.content instanceof Uint8Array ? a.content : null;
      const rawInfo = raw.fileSpecs.get(name) ?? raw.fileSpecs.get(key) ?? null;
      const ef: EmbeddedFile = {
        name,
        size: content === null ? null : content.length,
        afRelationship: rawInfo?.afRelationship ?? null,
        subtype: rawInfo?.subtype ?? null,
      };
      pdf.embeddedFiles.push(ef);
      if (content !== null && content.length > ctx.limits.maxPdfStreamBytes) {
        diagnostics.push(limitDiagnostic('maxPdfStreamBytes', ctx.limits.maxPdfStreamBytes, { file: `${ctx.file}!/${name}` }, content.length));
        continue;
      }
      if (content !== null && !contents.has(name)) contents.set(name, content);
    }

    const lower = INVOICE_XML_NAMES.map((n) => n.toLowerCase());
    pdf.invoiceXmlCandidates = pdf.embeddedFiles.map((e) => e.name).filter((n) => lower.includes(n.toLowerCase()));
    const chosen =
      INVOICE_XML_NAMES.map((n) => pdf.invoiceXmlCandidates.find((c) => c === n)).find((c) => c !== undefined) ?? pdf.invoiceXmlCandidates[0] ?? null;
    pdf.invoiceXmlName = chosen;

    const attachments: Attachment[] = [];
    for (const ef of pdf.embeddedFiles) {
      if (ef.name === chosen) continue;
      const content = contents.get(ef.name);
      attachments.push({
        name: ef.name,
        declaredMime: ef.subtype,
        size: ef.size ?? 0,
        sniffed: content === undefined ? 'other' : sniffAttachment(content.subarray(0, 16)),
        location: { file: `${ctx.file}!/${ef.name}` },
      });
    }

    if (chosen === null) {
      facts.formatFamily = 'plain-pdf';
      facts.attachments = attachments;
      diagnostics.push(
        readDiagnostic(
          'pdf-no-invoice-xml',
          'info',
          {
            fr: 'Ce PDF ne contient pas de XML de facture (factur-x.xml, zugferd-invoice.xml, …) : c’est un PDF simple, traité par la reconnaissance de caractères de Chorus Pro, pas par un flux Factur-X.',
            en: 'This PDF holds no invoice XML (factur-x.xml, zugferd-invoice.xml, …): it is a plain PDF, handled by Chorus Pro’s character recognition, not by a Factur-X flow.',
          },
          { location: at },
        ),
      );
      return { facts, diagnostics, unreadable: false };
    }
    if (pdf.invoiceXmlCandidates.length > 1) {
      diagnostics.push(
        readDiagnostic(
          'pdf-several-invoice-xml',
          'warning',
          {
            fr: `Le PDF contient plusieurs XML de facture (${pdf.invoiceXmlCandidates.join(', ')}) : seul ${chosen} est lu.`,
            en: `The PDF holds several invoice XMLs (${pdf.invoiceXmlCandidates.join(', ')}): only ${chosen} is read.`,
          },
          { location: at, actual: pdf.invoiceXmlCandidates },
        ),
      );
    }
    const xmlBytes = contents.get(chosen);
    if (xmlBytes === undefined) {
      facts.formatFamily = 'facturx-pdf';
      return fatal(
        readDiagnostic(
          'pdf-invoice-xml-unreadable',
          'error',
          {
            fr: `Le fichier joint ${chosen} est vide ou illisible.`,
            en: `The embedded file ${chosen} is empty or unreadable.`,
          },
          { location: { file: `${ctx.file}!/${chosen}` }, fatal: true },
        ),
      );
    }
    // Not `nested` (a stray archive member, only warned about): the PDF names this file as its
    // invoice, so an XML that is not an invoice is an error, not a warning.
    const xmlFile = `${ctx.file}!/${chosen}`;
    const xml = readXmlBytes(xmlBytes, { file: xmlFile, limits: ctx.limits, nested: false, signal: ctx.signal });
    const merged: Facts = { ...xml.facts, container: 'pdf', pdf, formatFamily: 'facturx-pdf' };
    merged.attachments = [...xml.facts.attachments, ...attachments];
    diagnostics.push(...xml.diagnostics);
    return { facts: merged, diagnostics, unreadable: xml.unreadable, invoiceXml: { bytes: xmlBytes, file: xmlFile } };
  } finally {
    // Not awaited: releasing the document needs one more worker round trip, not the result.
    doc.destroy().catch(() => undefined);
  }
}
