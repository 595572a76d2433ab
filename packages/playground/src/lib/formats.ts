import { formatJson, formatSarif, type Report } from '@chorus-precheck/core';
import { ruleDescriptors } from './registry';

/**
 * Formats a report for download with the core's own formatters, so that the file is the one
 * the command line would write for the same deposit (JSON: with `--explain`, the rules'
 * explanations included, as the page shows them). Loaded on the first download: the SARIF
 * rule metadata comes from the rule registry.
 */
export function reportFile(report: Report, format: 'json' | 'sarif'): File {
  const base = report.documents.length === 1 ? report.documents[0]!.file.replace(/[!/\\]+/g, '_') : 'deposit';
  if (format === 'json') {
    return new File([formatJson(report, { explain: true })], `${base}.precheck.json`, { type: 'application/json' });
  }
  return new File([formatSarif(report, { rules: ruleDescriptors() })], `${base}.precheck.sarif`, {
    type: 'application/sarif+json',
  });
}
