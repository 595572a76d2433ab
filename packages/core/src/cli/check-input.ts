/**
 * Checks one input of a CLI run (a file, standard input, or one that could not be read) as its
 * own deposit, in the main thread or a worker thread: `taskInput` gets its bytes, `checkInput`
 * runs `precheck` on them and, when asked, formats its documents where they were checked.
 */
import type { DepositContext } from '../context.js';
import type { DepositInput } from '../read/input.js';
import type { Report } from '../report/report.js';
import type { LoadedConfig } from '../config/config.js';
import { precheck, type PrecheckOptions } from '../precheck.js';
import type { CatalogueOverlay } from '../catalogue/types.js';
import { formatJsonDocument } from '../report/format-json.js';
import { formatTextDocument } from '../report/format-text.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { blankFacts } from '../facts/derive.js';
import { inputLimit, readInputFile } from './read-input.js';
import type { WorkerTask } from './worker-protocol.js';

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
export type CheckedReport = Report & {
  formatted?: string[];
  /**
   * The inputs in which no document is an invoice (a batch of images, an encrypted PDF, a file
   * that cannot be read): the run fails even when nothing in them is an error on its own.
   */
  withoutInvoice?: string[];
};

/** An input that could not be read, with the fatal diagnostic it is reported with. */
export interface UnreadableInput {
  name: string;
  problem: Diagnostic;
}

/**
 * What to check for a task: its bytes, read within `maxInputBytes` (a synchronous read: files
 * are checked one after the other in a thread, nothing else waits), or why it cannot be read.
 */
export function taskInput(task: WorkerTask, settings: CheckSettings): DepositInput | UnreadableInput {
  if (task.problem) return { name: task.name, problem: task.problem };
  if (task.bytes) return { name: task.name, bytes: task.bytes };
  const read = readInputFile(task.path ?? '', task.name, inputLimit(settings));
  return 'problem' in read ? { name: task.name, problem: read.problem } : { name: task.name, bytes: read.bytes };
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
export async function checkInput(input: DepositInput | UnreadableInput, settings: CheckSettings): Promise<CheckedReport> {
  const options: PrecheckOptions = { lang: settings.lang, pdfjs, ...(settings.strict === true ? { strict: true } : {}) };
  if (settings.config) {
    options.overrides = { catalogue: settings.config.catalogue as CatalogueOverlay | null, severity: settings.config.severity };
    options.limits = settings.config.limits;
  }
  let deposit: DepositInput;
  if ('problem' in input) {
    // Reported as a document of its own, with its fatal diagnostic, like a file the reader cannot read.
    const problem = input.problem;
    deposit = { name: input.name, bytes: new Uint8Array(0) };
    options.reader = async () => [{ file: input.name, facts: blankFacts('unknown'), diagnostics: [problem], unreadable: true }];
  } else {
    deposit = input;
  }
  const report = await precheck(deposit, settings.context, options);
  if (settings.dropExplanations) {
    for (const document of report.documents) {
      for (const rule of document.rules) rule.explanation = { when: null, assert: null };
    }
  }
  const holdsNoInvoice = report.documents.every((d) => d.facts.syntax === 'unknown' && d.facts.formatFamily === 'unknown');
  const withoutInvoice = holdsNoInvoice ? [input.name] : [];
  const preformat = settings.preformat;
  if (preformat) {
    const formatted = report.documents
      .map((document) => (preformat.format === 'json' ? formatJsonDocument(document, preformat) : formatTextDocument(document, report.lang, preformat)))
      .filter((block) => block !== '');
    return { ...report, documents: [], formatted, withoutInvoice };
  }
  return { ...report, withoutInvoice };
}
