import type { DepositContext } from '../context.js';
import type { DepositInput } from '../read/input.js';
import type { Report } from '../report/report.js';
import type { LoadedConfig } from '../config/config.js';

/** What every check of a CLI run shares: passed as-is to the worker threads. */
export interface CheckSettings {
  context: DepositContext;
  lang: 'fr' | 'en';
  config: Pick<LoadedConfig, 'severity' | 'catalogue' | 'limits'> | null;
}

type Precheck = (input: DepositInput, context: DepositContext, options: Record<string, unknown>) => Promise<Report>;

let precheckFn: Precheck | undefined;

/**
 * Checks one input file, as its own deposit: a file given to the CLI is what would be sent to
 * Chorus Pro in one go (a batch is one zip or tar.gz file).
 */
export async function checkInput(input: DepositInput, settings: CheckSettings): Promise<Report> {
  precheckFn ??= await loadPrecheck();
  return precheckFn(input, settings.context, {
    lang: settings.lang,
    ...(settings.config
      ? {
          overrides: { catalogue: settings.config.catalogue, severity: settings.config.severity },
          limits: settings.config.limits,
        }
      : {}),
  });
}

async function loadPrecheck(): Promise<Precheck> {
  const module = (await import('../precheck.js' as string)) as { precheck?: Precheck };
  if (typeof module.precheck !== 'function') throw new Error('precheck is missing from the core build');
  return module.precheck;
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
