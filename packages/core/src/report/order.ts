import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The rank of a severity in reports: errors first, then warnings, then infos. */
export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

/**
 * Compares two diagnostics in report order (severity, file, line, column, ruleId), so that
 * every format lists the same findings in the same order and snapshots stay stable.
 */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.location?.file ?? '', b.location?.file ?? '') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

/** Returns the diagnostics sorted in report order, leaving the given array untouched. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

// Code-unit order, not localeCompare: the order must not depend on the machine's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
