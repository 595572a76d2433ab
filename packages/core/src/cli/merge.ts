import type { Report } from '../report/report.js';
import type { CheckedReport, CheckSettings } from './check-input.js';

/**
 * Merges the reports of several inputs into one, documents in input order: the report of the
 * whole run, whatever the number of worker threads that produced its parts.
 */
export function mergeReports(reports: readonly CheckedReport[], settings: CheckSettings): CheckedReport {
  const first = reports[0];
  const documents = reports.flatMap((r) => r.documents);
  const summary = { documents: 0, errors: 0, warnings: 0, infos: 0 };
  const formatted: string[] = [];
  const withoutInvoice: string[] = [];
  for (const report of reports) {
    if (report.withoutInvoice) withoutInvoice.push(...report.withoutInvoice);
    summary.documents += report.summary.documents;
    if (report.formatted) formatted.push(...report.formatted);
    summary.errors += report.summary.errors;
    summary.warnings += report.summary.warnings;
    summary.infos += report.summary.infos;
  }
  return {
    release: first?.release ?? settings.context.release ?? '',
    lang: first?.lang ?? settings.lang,
    context: first?.context ?? settings.context,
    documents,
    overrides: first?.overrides ?? {
      catalogue: settings.config?.catalogue ?? null,
      severity: settings.config?.severity ?? {},
    },
    summary,
    ...(settings.preformat ? { formatted } : {}),
    withoutInvoice,
  };
}
