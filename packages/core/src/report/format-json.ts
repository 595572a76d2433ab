import { sortDiagnostics } from './order.js';
import type { DocumentReport, Report } from './report.js';

/** Options of the JSON format. */
export interface JsonFormatOptions {
  /** Spaces of indentation; 0 prints one line. Default 2. */
  indent?: number;
  /** Keeps only errors in each document's diagnostics. */
  quiet?: boolean;
}

/**
 * Formats a report as the CLI's JSON output: an array with one entry per invoice document
 * (`file`, `facts`, `flows`, `verdict`, `release`, `diagnostics`, `rules`), diagnostics in
 * report order. Its JSON Schema is published as `@chorus-precheck/core/schema/report.schema.json`.
 */
export function formatJson(report: Report, options: JsonFormatOptions = {}): string {
  return `${JSON.stringify(toJsonDocuments(report, options.quiet === true), null, options.indent ?? 2)}\n`;
}

/** Returns the documents of a report as the JSON output lists them (a new array; the report is untouched). */
export function toJsonDocuments(report: Report, quiet = false): DocumentReport[] {
  return report.documents.map((document) => ({
    ...document,
    diagnostics: sortDiagnostics(quiet ? document.diagnostics.filter((d) => d.severity === 'error') : document.diagnostics),
  }));
}
