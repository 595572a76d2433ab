import type { DepositContext } from '../context.js';
import type { DepositInput } from '../read/input.js';
import type { Report } from '../report/report.js';
import type { LoadedConfig } from '../config/config.js';
import { precheck, type PrecheckOptions } from '../precheck.js';
import type { CatalogueOverlay } from '../catalogue/types.js';

/** What every check of a CLI run shares: passed as-is to the worker threads. */
export interface CheckSettings {
  context: DepositContext;
  lang: 'fr' | 'en';
  config: Pick<LoadedConfig, 'severity' | 'catalogue' | 'limits'> | null;
}

/**
 * Loads the pdf.js legacy build (the one that runs in Node) only when a PDF arrives: importing
 * it costs more than checking an XML invoice.
 */
const pdfjs = async (): Promise<unknown> => (await import('../node.js')).nodePdfjsLoader();

/**
 * Checks one input file, as its own deposit: a file given to the CLI is what would be sent to
 * Chorus Pro in one go (a batch is one zip or tar.gz file).
 */
export function checkInput(input: DepositInput, settings: CheckSettings): Promise<Report> {
  const options: PrecheckOptions = { lang: settings.lang, pdfjs };
  if (settings.config) {
    options.overrides = { catalogue: settings.config.catalogue as CatalogueOverlay | null, severity: settings.config.severity };
    options.limits = settings.config.limits;
  }
  return precheck(input, settings.context, options);
}

/**
 * Merges the reports of several inputs into one, documents in input order: the report of the
 * whole run, whatever the number of worker threads that produced its parts.
 */
export function mergeReports(reports: readonly Report[], settings: CheckSettings): Report {
  const first = reports[0];
  const documents = reports.flatMap((r) => r.documents);
  const summary = { documents: documents.length, errors: 0, warnings: 0, infos: 0 };
  for (const report of reports) {
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
  };
}
