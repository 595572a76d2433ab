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
