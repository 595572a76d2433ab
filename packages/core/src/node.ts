/**
 * Node-only entry: everything of the browser-safe entry, with the pdf.js legacy build (the one
 * that runs in Node) passed to the reader by default.
 */
import type { DepositInput, PdfjsLoader, ReadOptions } from './read/input.js';
import type { ReadDocument } from './read/facts.js';
import { readDeposit as readDepositWith } from './read/index.js';

export * from './index.js';

/** Loads the pdf.js legacy build, the one that runs in Node. */
export const nodePdfjsLoader: PdfjsLoader = () => import('pdfjs-dist/legacy/build/pdf.mjs');

/** Reads one deposit file, with the Node pdf.js loader unless another one is given. */
export function readDeposit(input: DepositInput, options: ReadOptions = {}): Promise<ReadDocument[]> {
  return readDepositWith(input, { ...options, pdfjs: options.pdfjs ?? nodePdfjsLoader });
}
export { lintRuleDirectory, readRuleDirectory, type RuleDirectory } from './rules/lint.node.js';
import { precheck as precheckWith, type PrecheckOptions } from './precheck.js';
import type { DepositContext } from './context.js';
import type { Report } from './report/report.js';

/** Pre-checks a deposit, with the Node pdf.js loader unless another one is given. */
export function precheck(input: DepositInput | DepositInput[], context: DepositContext = {}, options: PrecheckOptions = {}): Promise<Report> {
  return precheckWith(input, context, { ...options, pdfjs: options.pdfjs ?? nodePdfjsLoader });
}
export { loadConfig } from './config/load.node.js';
