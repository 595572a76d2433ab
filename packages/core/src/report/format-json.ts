import { sortDiagnostics } from './order.js';
import type { DocumentReport, Report } from './report.js';

/** Options of the JSON format. */
export interface JsonFormatOptions {
  /** Spaces of indentation; 0 prints one line. Default 2. */
  indent?: number;
  /** Keeps only errors in each document's diagnostics. */
  quiet?: boolean;
  /**
   * Adds each document's `rules`: every rule's outcome with its explanation tree (the values
   * seen, the conditions evaluated). Without it the entry is what a pipeline reads (facts, flows,
   * verdict, diagnostics), about a third of the size.
   */
  explain?: boolean;
}

/** One entry of the JSON output: a document report, without `rules` unless `explain` asked for them. */
export type JsonDocument = Omit<DocumentReport, 'rules'> & { rules?: DocumentReport['rules'] };

/**
 * Formats a report as the CLI's JSON output: an array with one entry per invoice document
 * (`file`, `facts`, `flows`, `verdict`, `release`, `diagnostics`, and `rules` with `explain`),
 * diagnostics in report order. Its JSON Schema (both shapes) is published as
 * `@chorus-precheck/core/schema/report.schema.json`.
 */
export function formatJson(report: Report, options: JsonFormatOptions = {}): string {
  return `${JSON.stringify(toJsonDocuments(report, options.quiet === true, options.explain === true), null, options.indent ?? 2)}\n`;
}

/**
 * Formats one document as it appears in the JSON output, for callers that format documents
 * where they are checked (worker threads) and join them later with {@link joinJsonDocuments}:
 * the result is byte for byte the output of {@link formatJson}.
 */
export function formatJsonDocument(document: DocumentReport, options: JsonFormatOptions = {}): string {
  const [entry] = toJsonDocuments({ documents: [document] }, options.quiet === true, options.explain === true);
  const indent = options.indent ?? 2;
  // JSON escapes line breaks inside strings, so every line break here is layout: indent it one level.
  return JSON.stringify(entry, null, indent).replace(/\n/g, `\n${' '.repeat(indent)}`);
}

/** Joins documents formatted by {@link formatJsonDocument} (same options) into the JSON output. */
export function joinJsonDocuments(parts: readonly string[], options: Pick<JsonFormatOptions, 'indent'> = {}): string {
  const indent = options.indent ?? 2;
  if (parts.length === 0) return '[]\n';
  if (indent === 0) return `[${parts.join(',')}]\n`;
  const pad = ' '.repeat(indent);
  return `[\n${pad}${parts.join(`,\n${pad}`)}\n]\n`;
}

/**
 * Returns the documents of a report as the JSON output lists them (a new array; the report is
 * untouched): every field of the document report but `rules`, which only `explain` keeps.
 */
export function toJsonDocuments(report: Pick<Report, 'documents'>, quiet = false, explain = false): JsonDocument[] {
  return report.documents.map((document) => {
    const diagnostics = sortDiagnostics(quiet ? document.diagnostics.filter((d) => d.severity === 'error') : document.diagnostics);
    if (explain) return { ...document, diagnostics };
    // Whatever else a document report carries stays: only the rules' outcomes are left out.
    const { rules: _rules, ...lean } = document;
    return { ...lean, diagnostics };
  });
}
