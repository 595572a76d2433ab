/** What the main thread and the `--jobs` worker threads exchange. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CheckedReport, CheckSettings } from './check-input.js';

/** A file to check. */
export interface WorkerTask {
  name: string;
  /** The file to read, or the bytes themselves (standard input). */
  path?: string;
  bytes?: Uint8Array;
  /** Why the input cannot be read (a FIFO, standard input over the limit): reported as is. */
  problem?: Diagnostic;
}

/** What a worker is started with. */
export interface WorkerInit {
  settings: CheckSettings;
  tasks: readonly WorkerTask[];
  /** The buffer of an Int32Array of {@link SHARED_CELLS} cells: {@link NEXT}, {@link LIMIT}, {@link STOP}. */
  next: SharedArrayBuffer;
}

/** The answer for one task (posted in arrays of answers): a report, or the bug that stopped it. */
export type WorkerAnswer = { index: number; report: CheckedReport } | { index: number; error: { message: string; stack?: string } };

/** Shared cell: the index of the next task to take. */
export const NEXT = 0;
/** Shared cell: tasks from this index on wait until the main thread raises it (written output). */
export const LIMIT = 1;
/** Shared cell: 1 when the run is over (failed): workers waiting for the limit stop. */
export const STOP = 2;
/** The number of shared cells. */
export const SHARED_CELLS = 3;
