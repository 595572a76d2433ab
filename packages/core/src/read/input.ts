import type { Limits } from '../limits.js';
import type { Facts, SchemaFacts, SchemaFinding } from '../facts/facts.js';

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
  /** Validates each invoice XML against its schema (see {@link StructureValidator}); none by default. */
  structure?: StructureValidator;
}

/** What a structural check found on one invoice XML. */
export interface StructureResult {
  schema: SchemaFacts;
  findings: SchemaFinding[];
  /** Why the check could not run, when `schema.valid` is null. */
  problem?: string;
}

/**
 * Validates one invoice XML against the schema of its syntax, from its bytes and the facts
 * read from them; null when no schema applies. Injected, like pdf.js: the reader loads no
 * schema engine itself.
 */
export type StructureValidator = (bytes: Uint8Array, facts: Facts, file: string) => Promise<StructureResult | null>;
