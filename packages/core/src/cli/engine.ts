import type { DepositContext } from '../context.js';
import type { DepositInput } from '../read/input.js';
import type { Report } from '../report/report.js';
import type { LoadedConfig } from '../config/config.js';
import { precheck, type PrecheckOptions } from '../precheck.js';
import type { CatalogueOverlay } from '../catalogue/types.js';
import { formatJsonDocument } from '../report/format-json.js';
import { formatTextDocument } from '../report/format-text.js';

/** What every check of a CLI run shares: passed as-is to the worker threads. */
export interface CheckSettings {
  context: DepositContext;
  lang: 'fr' | 'en';
  config: Pick<LoadedConfig, 'severity' | 'catalogue' | 'limits'> | null;
  /** Every XML schema finding an error (`--strict`, or `strict: true` in the configuration). */
  strict?: boolean;
  /**
   * Drops the rules' condition traces from the reports: only the JSON format with `--explain`
   * prints them, and they are most of what worker threads would send back.
   */
  dropExplanations?: boolean;
  /**
   * Formats each document where it is checked, for the outputs made of one block per document
   * (text, JSON): a worker thread then sends back text, not the objects the main thread would
   * copy, rebuild and format.
   */
  preformat?: Preformat | null;
}

/** The output a {@link CheckSettings.preformat} formats documents for, with its options. */
export interface Preformat {
  format: 'text' | 'json';
  quiet: boolean;
  color: boolean;
  /** JSON: each document's rule outcomes and explanations too (`--explain`). */
  explain?: boolean;
}

/**
 * A checked input: its report, or, when `preformat` asked so, its documents already formatted
 * (`formatted`, one block per document) and `documents` left empty.
 */
export type CheckedReport = Report & { formatted?: string[] };

/**
 * Loads the pdf.js legacy build (the one that runs in Node) only when a PDF arrives: importing
 * it costs more than checking an XML invoice.
 */
const pdfjs = async (): Promise<unknown> => (await import('../node.js')).nodePdfjsLoader();

/**
 * Checks one input file, as its own deposit: a file given to the CLI is what would be sent to
 * Chorus Pro in one go (a batch is one zip or tar.gz file).
 */
export async function checkInput(input: DepositInput, settings: CheckSettings): Promise<CheckedReport> {
  const options: PrecheckOptions = { lang: settings.lang, pdfjs, ...(settings.strict === true ? { strict: true } : {}) };
  if (settings.config) {
    options.overrides = { catalogue: settings.config.catalogue as CatalogueOverlay | null, severity: settings.config.severity };
    options.limits = settings.config.limits;
  }
  const report = await precheck(input, settings.context, options);
  if (settings.dropExplanations) {
    for (const document of report.documents) {
      for (const rule of document.rules) rule.explanation = { when: null, assert: null };
    }
  }
  const preformat = settings.preformat;
  if (preformat) {
    const formatted = report.documents
      .map((document) =>
        preformat.format === 'json' ? formatJsonDocument(document, preformat) : formatTextDocument(document, report.lang, preformat),
      )
      .filter((block) => block !== '');
    return { ...report, documents: [], formatted };
  }
  return report;
}
