/**
 * The invariants every answer to any input must keep, whatever the bytes: a report (or a list
 * of read documents) of the right shape, at least one document, every fatal diagnostic
 * located in a file, no unreadable document without an error, bilingual messages, JSON-safe.
 * Returns the violations as sentences; an empty list means the answer is sound.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../packages/core/src/diagnostics/diagnostic.js';

/** The SHA-256 of some bytes, hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

function checkDiagnostic(d: Diagnostic, where: string, out: string[]): void {
  if (typeof d !== 'object' || d === null) {
    out.push(`${where}: diagnostic is not an object`);
    return;
  }
  if (typeof d.ruleId !== 'string' || d.ruleId === '') out.push(`${where}: diagnostic without ruleId`);
  if (!SEVERITIES.has(d.severity)) out.push(`${where}: ${d.ruleId} has severity ${String(d.severity)}`);
  if (typeof d.message !== 'string' || d.message.trim() === '') out.push(`${where}: ${d.ruleId} has no message`);
  if (d.messages !== undefined && (typeof d.messages.fr !== 'string' || typeof d.messages.en !== 'string' || !d.messages.fr || !d.messages.en)) {
    out.push(`${where}: ${d.ruleId} lacks a French or English message`);
  }
  // The reader's safety net turns exceptions into a diagnostic: for a fuzzer that is a crash.
  if (typeof d.ruleId === 'string' && d.ruleId.endsWith('internal-error')) out.push(`${where}: ${d.ruleId} (a caught crash): ${d.message}`);
  if (d.fatal === true && (typeof d.location?.file !== 'string' || d.location.file === '')) {
    out.push(`${where}: fatal ${d.ruleId} has no location with a file`);
  }
  if (d.location !== undefined) {
    const { line, column } = d.location;
    if (line !== undefined && !(Number.isInteger(line) && line >= 1)) out.push(`${where}: ${d.ruleId} line ${String(line)} is not 1-based`);
    if (column !== undefined && !(Number.isInteger(column) && column >= 1)) out.push(`${where}: ${d.ruleId} column ${String(column)} is not 1-based`);
  }
}

/** A document as either API returns it: `ReadDocument` (readDeposit) or `DocumentReport` (precheck). */
interface AnyDocument {
  file: string;
  facts: { container?: unknown } | null | undefined;
  diagnostics: Diagnostic[];
  unreadable?: boolean;
  verdict?: string | null;
}

/** Checks a list of documents answering the inputs named `inputNames`. */
export function checkDocuments(docs: unknown, inputNames: string[]): string[] {
  const out: string[] = [];
  if (!Array.isArray(docs)) return ['documents is not an array'];
  if (docs.length === 0) out.push('no document reported: a silent pass');
  for (const name of inputNames) {
    if (!docs.some((d: AnyDocument) => typeof d?.file === 'string' && (d.file === name || d.file.startsWith(`${name}!/`)))) {
      out.push(`input ${name} is missing from the report`);
    }
  }
  docs.forEach((doc: AnyDocument, i) => {
    const where = `document ${i} (${String(doc?.file)})`;
    if (typeof doc?.file !== 'string' || doc.file === '') out.push(`${where}: no file name`);
    if (typeof doc?.facts !== 'object' || doc.facts === null) out.push(`${where}: no facts`);
    else if (typeof doc.facts.container !== 'string') out.push(`${where}: facts without container`);
    if (!Array.isArray(doc?.diagnostics)) {
      out.push(`${where}: diagnostics is not an array`);
      return;
    }
    for (const d of doc.diagnostics) checkDiagnostic(d, where, out);
    const hasError = doc.diagnostics.some((d) => d.severity === 'error');
    const hasFatal = doc.diagnostics.some((d) => d.fatal === true);
    const unreadable = doc.unreadable === true || doc.verdict === 'unreadable';
    // A top-level input that cannot be read is an error; an unreadable archive member may be a
    // warning (a stray non-invoice file in a batch), but never without any diagnostic.
    const topLevel = inputNames.includes(doc.file);
    if (unreadable && topLevel && !hasError) out.push(`${where}: unreadable input without any error: a silent pass`);
    // precheck's documents carry no `unreadable` flag and, without a syntaxe, no verdict: an
    // input in which no invoice was found (other than a plain PDF, sent to OCR) must still err.
    const facts = doc?.facts as { syntax?: string; formatFamily?: string } | null | undefined;
    if (doc.unreadable === undefined && topLevel && facts?.syntax === 'unknown' && facts.formatFamily !== 'plain-pdf' && !hasError) {
      out.push(`${where}: no invoice found and no error: a silent pass`);
    }
    if (unreadable && doc.diagnostics.length === 0) out.push(`${where}: unreadable without any diagnostic: a silent pass`);
    if (hasFatal && doc.unreadable === false) out.push(`${where}: fatal diagnostic on a document marked readable`);
    if (doc.verdict === 'accepted' && (hasFatal || hasError)) out.push(`${where}: accepted despite an error`);
  });
  return out;
}

/** Checks a `precheck` report answering the inputs named `inputNames`. */
export function checkReport(report: unknown, inputNames: string[]): string[] {
  if (typeof report !== 'object' || report === null) return ['report is not an object'];
  const r = report as { documents?: unknown; summary?: { documents?: unknown } };
  const out = checkDocuments(r.documents, inputNames);
  if (Array.isArray(r.documents) && r.summary?.documents !== r.documents.length) out.push('summary.documents differs from documents.length');
  try {
    // Document by document: a 1 000-member batch makes a 20 MB report, which the fuzz child
    // (heap capped to catch leaks) must not have to hold as one string on top of the report.
    const { documents, ...rest } = report as { documents?: unknown[] };
    JSON.stringify(rest);
    for (const d of Array.isArray(documents) ? documents : []) JSON.stringify(d);
  } catch (e) {
    out.push(`report is not JSON-serialisable: ${(e as Error).message}`);
  }
  return out;
}

/** The diagnostic ids of a list of documents, each once, sorted. */
export function ruleIdsOf(docs: unknown): string[] {
  if (!Array.isArray(docs)) return [];
  const ids = new Set<string>();
  for (const doc of docs as AnyDocument[]) for (const d of doc?.diagnostics ?? []) ids.add(d.ruleId);
  return [...ids].sort();
}

/** The `limit/*` diagnostics of a list of documents, with their file and value seen. */
export function limitHitsOf(docs: unknown): { ruleId: string; file: string | null; actual: unknown }[] {
  if (!Array.isArray(docs)) return [];
  const out: { ruleId: string; file: string | null; actual: unknown }[] = [];
  for (const doc of docs as AnyDocument[]) {
    for (const d of doc?.diagnostics ?? [])
      if (d.ruleId.startsWith('limit/')) out.push({ ruleId: d.ruleId, file: d.location?.file ?? null, actual: d.actual ?? null });
  }
  return out.slice(0, 20);
}

/** The messages of the `limit/*` diagnostics of a list of documents (first 20). */
export function limitMessagesOf(docs: unknown): { ruleId: string; fr: string; en: string }[] {
  if (!Array.isArray(docs)) return [];
  const out: { ruleId: string; fr: string; en: string }[] = [];
  for (const doc of docs as AnyDocument[]) {
    for (const d of doc?.diagnostics ?? [])
      if (d.ruleId.startsWith('limit/')) out.push({ ruleId: d.ruleId, fr: d.messages?.fr ?? '', en: d.messages?.en ?? d.message });
  }
  return out.slice(0, 20);
}
