/**
 * The reader: bytes of a deposit (XML, PDF, zip or tar.gz batch) to one `ReadDocument` per
 * invoice document found, with located facts and diagnostics. Browser-safe: no Node built-ins;
 * pdf.js is injected through `ReadOptions.pdfjs`.
 */
import type { DepositInput, ReadOptions, PdfjsLoader, StructureValidator } from './input.js';
import type { Container, ReadDocument } from '../facts/facts.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import { sniffContainer } from './sniff.js';
import { readXmlBytes } from './xml.js';
import { readPdfBytes } from './pdf.js';
import { listArchive, type ArchiveMember } from './archive.js';
import { loadFflate } from './inflate.js';
import { blankFacts } from '../facts/derive.js';
import { limitDiagnostic, readDiagnostic } from '../diagnostics/reader.js';
import { clip } from './clip.js';

export { sniffContainer } from './sniff.js';
export { detectXmlEncoding } from './encoding.js';
export { INVOICE_XML_NAMES } from './pdf.js';

/** What every step of one `readDeposit` call shares. */
interface Run {
  limits: Limits;
  pdfjs: PdfjsLoader | undefined;
  signal: AbortSignal | undefined;
  structure: StructureValidator | undefined;
  out: ReadDocument[];
  /**
   * What the whole input has cost so far, whatever the nesting: bytes decompressed (archive
   * members at every level, PDF streams), against `maxBatchBytes`.
   */
  spent: { bytes: number };
  /** Set when `maxInputDocuments` documents have been read: nothing more is. */
  cut: boolean;
}

/**
 * Reads one deposit file into the invoice documents it holds. Always resolves: bad bytes
 * give a document with a fatal diagnostic, never an exception. Batch members are named
 * `batch.tar.gz!/member.xml`; members that are not invoices are reported with a warning.
 */
export async function readDeposit(input: DepositInput, options: ReadOptions = {}): Promise<ReadDocument[]> {
  const run: Run = {
    limits: { ...DEFAULT_LIMITS, ...(options.limits ?? {}) },
    pdfjs: options.pdfjs,
    signal: options.signal,
    structure: options.structure,
    out: [],
    spent: { bytes: 0 },
    cut: false,
  };
  const name = typeof input?.name === 'string' && input.name !== '' ? input.name : 'input';
  const bytes = input?.bytes instanceof Uint8Array ? input.bytes : new Uint8Array(0);
  try {
    if (bytes.length > run.limits.maxInputBytes) {
      run.out.push(failed(name, 'unknown', limitDiagnostic('maxInputBytes', run.limits.maxInputBytes, { file: name }, bytes.length)));
    } else {
      await readOne(run, name, bytes, 0, null);
    }
  } catch (e) {
    run.out.push(failed(name, 'unknown', internalError(name, e)));
  }
  if (run.cut) {
    // What was read is reported; the rest of the input is said to be left unread.
    const container = run.out[0]?.facts.container ?? 'unknown';
    run.out.push(failed(name, container, limitDiagnostic('maxInputDocuments', run.limits.maxInputDocuments, { file: name }, run.limits.maxInputDocuments + 1)));
  }
  return run.out;
}

/** A document that could not be read, with its one fatal diagnostic. */
function failed(file: string, container: Container, d: Diagnostic): ReadDocument {
  return { file, facts: blankFacts(container), diagnostics: [d], unreadable: true };
}

function internalError(file: string, e: unknown): Diagnostic {
  return readDiagnostic(
    'internal-error',
    'error',
    {
      fr: `Erreur interne pendant la lecture : ${String(e)}`,
      en: `Internal error while reading: ${String(e)}`,
    },
    { location: { file }, fatal: true },
  );
}

/**
 * Reads one file or archive member. `level` counts the archives it is nested in; `batch` is
 * the outermost archive's container (a member's `facts.container` is that of the deposit).
 */
async function readOne(run: Run, file: string, bytes: Uint8Array, level: number, batch: Container | null): Promise<void> {
  // The whole input, whatever its nesting, gives at most maxInputDocuments documents.
  if (run.out.length >= run.limits.maxInputDocuments) {
    run.cut = true;
    return;
  }
  const sniffed = sniffContainer(bytes);
  const nested = batch !== null;
  switch (sniffed.container) {
    case 'xml': {
      const r = readXmlBytes(bytes, { file, limits: run.limits, nested, signal: run.signal });
      r.facts.container = batch ?? 'xml';
      const doc: ReadDocument = { file, facts: r.facts, diagnostics: r.diagnostics, unreadable: r.unreadable };
      await checkStructure(run, doc, bytes, file);
      run.out.push(doc);
      return;
    }
    case 'pdf': {
      const r = await readPdfBytes(bytes, { file, limits: run.limits, nested, signal: run.signal, pdfjs: run.pdfjs, spent: run.spent });
      r.facts.container = batch ?? 'pdf';
      const doc: ReadDocument = { file, facts: r.facts, diagnostics: r.diagnostics, unreadable: r.unreadable };
      if (r.invoiceXml) await checkStructure(run, doc, r.invoiceXml.bytes, r.invoiceXml.file);
      run.out.push(doc);
      return;
    }
    case 'zip':
    case 'gzip': {
      // `level` counts the archives around this one: maxArchiveNesting of them are allowed.
      if (level > run.limits.maxArchiveNesting) {
        run.out.push(failed(file, batch ?? sniffed.container, limitDiagnostic('maxArchiveNesting', run.limits.maxArchiveNesting, { file }, level)));
        return;
      }
      await loadFflate();
      const listing = listArchive(bytes, sniffed.container, file, run.limits, run.spent);
      // Problems of the archive as a whole (limits, unsafe names, duplicates) travel with the
      // first document so that nothing is lost, or on a document of their own.
      const before = run.out.length;
      let count = 0;
      // Members come lazily (a gzip is inflated as they are read): the container of a
      // tar.gz is known once its first member is.
      for (const member of listing.members) {
        if (run.cut || run.out.length >= run.limits.maxInputDocuments) {
          run.cut = true;
          break;
        }
        count++;
        if (run.signal?.aborted === true) {
          listing.diagnostics.push(
            readDiagnostic(
              'aborted',
              'error',
              {
                fr: 'Lecture annulée : les fichiers suivants de l’archive n’ont pas été lus.',
                en: 'Reading was cancelled: the next files of the archive were not read.',
              },
              { location: { file }, fatal: true },
            ),
          );
          break;
        }
        await readMember(run, file, member, level, batch ?? listing.container);
      }
      const container: Container = batch ?? listing.container;
      const archiveDiagnostics = listing.diagnostics;
      if (count === 0 && archiveDiagnostics.every((d) => d.fatal !== true)) {
        archiveDiagnostics.push(
          readDiagnostic(
            'archive-empty',
            'error',
            {
              fr: 'L’archive ne contient aucun fichier.',
              en: 'The archive contains no file.',
            },
            { location: { file }, fatal: true },
          ),
        );
      }
      if (archiveDiagnostics.length > 0) {
        const first = run.out[before];
        if (first !== undefined && archiveDiagnostics.every((d) => d.fatal !== true)) {
          first.diagnostics.unshift(...archiveDiagnostics);
        } else {
          run.out.splice(before, 0, {
            file,
            facts: blankFacts(container),
            diagnostics: archiveDiagnostics,
            unreadable: archiveDiagnostics.some((d) => d.fatal === true) || count === 0,
          });
        }
      }
      return;
    }
    case 'tar':
    case 'unknown': {
      const found = sniffed.found ?? { fr: 'un contenu inconnu', en: 'unknown content' };
      const d = readDiagnostic(
        'unrecognised-content',
        nested ? 'warning' : 'error',
        {
          fr: `Ce fichier n’est ni un XML, ni un PDF, ni une archive zip ou tar.gz : c’est ${found.fr}.`,
          en: `This file is neither XML, PDF, nor a zip or tar.gz archive: it is ${found.en}.`,
        },
        { location: { file }, fatal: !nested, actual: found.en },
      );
      run.out.push({ file, facts: blankFacts(batch ?? 'unknown'), diagnostics: [d], unreadable: true });
      return;
    }
  }
}

/**
 * Validates a readable invoice XML against its schema when a validator was given: the result
 * goes to `facts.schema` and `schemaFindings`. Documents that are not well-formed, or not read
 * far enough, are not validated (the reader has already said why).
 */
async function checkStructure(run: Run, doc: ReadDocument, bytes: Uint8Array, file: string): Promise<void> {
  if (run.structure === undefined || doc.unreadable || doc.facts.syntax === 'unknown') return;
  if (doc.diagnostics.some((d) => d.fatal === true)) return;
  const result = await run.structure(bytes, doc.facts, file);
  if (result === null) return;
  doc.facts.schema = result.schema;
  if (result.findings.length > 0) doc.schemaFindings = result.findings;
  if (result.problem !== undefined) {
    doc.diagnostics.push(
      readDiagnostic(
        'schema-unavailable',
        'info',
        {
          fr: `La validation par le schéma ${result.schema.name} n’a pas pu être faite ici : ${result.problem}`,
          en: `Validation against the ${result.schema.name} schema could not be done here: ${result.problem}`,
        },
        { location: { file } },
      ),
    );
  }
}

async function readMember(run: Run, archive: string, member: ArchiveMember, level: number, batch: Container): Promise<void> {
  const file = `${archive}!/${clip(member.name)}`;
  // Zip members are extracted only now, one at a time, so that a batch never sits whole in memory.
  const { bytes, diagnostic } = member.extract ? member.extract() : member;
  if (diagnostic !== null) {
    run.out.push({ file, facts: blankFacts(batch), diagnostics: [diagnostic], unreadable: true });
    return;
  }
  try {
    await readOne(run, file, bytes, level + 1, batch);
  } catch (e) {
    // One bad member never hides the others.
    run.out.push(failed(file, batch, internalError(file, e)));
  }
}
