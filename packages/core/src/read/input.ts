import type { Limits } from '../limits.js';

/** One file given by the user: its display name and its bytes (never modified). */
export interface DepositInput {
  name: string;
  bytes: Uint8Array;
}

/**
 * Loads the pdf.js module. Injected so that Node (legacy build) and the browser (with its
 * worker) each pass the right build; called only when a PDF arrives.
 */
export type PdfjsLoader = () => Promise<unknown>;

/** Options of the reader. */
export interface ReadOptions {
  limits?: Partial<Limits>;
  pdfjs?: PdfjsLoader;
  signal?: AbortSignal;
}
