import type { Report } from '@chorus-precheck/core';

type Formatter = (report: Report) => string;

/**
 * Formats a report for download with the core's own formatters (the same bytes the command
 * line writes), loaded on demand since most visits never download.
 */
export async function reportFile(report: Report, format: 'json' | 'sarif'): Promise<File> {
  const core = (await import('@chorus-precheck/core')) as unknown as Record<string, Formatter | undefined>;
  const formatter = core[format === 'json' ? 'formatJson' : 'formatSarif'];
  if (!formatter) throw new Error(`${format === 'json' ? 'formatJson' : 'formatSarif'} is not available in this build`);
  const base = report.documents.length === 1 ? report.documents[0]!.file.replace(/[!/\\]+/g, '_') : 'deposit';
  const name = format === 'json' ? `${base}.precheck.json` : `${base}.precheck.sarif`;
  const type = format === 'json' ? 'application/json' : 'application/sarif+json';
  return new File([formatter(report)], name, { type });
}
