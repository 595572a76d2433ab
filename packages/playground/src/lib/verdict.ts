import type { DocumentReport } from '@chorus-precheck/core';

/** The verdict as the page shows it: `none` when no syntaxe or interface code was chosen. */
export type DisplayVerdict = 'accepted' | 'rejected' | 'unreadable' | 'none';

/**
 * The verdict shown for a document. A document that could not be read is unreadable whatever
 * the chosen flow, so it says so even when the report gives no verdict for lack of a syntaxe.
 */
export function displayVerdict(doc: DocumentReport): DisplayVerdict {
  if (doc.verdict) return doc.verdict;
  return doc.diagnostics.some((d) => d.fatal) ? 'unreadable' : 'none';
}
