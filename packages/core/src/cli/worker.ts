/**
 * The worker thread of `--jobs`: checks the files the main thread sends, one at a time, and
 * posts each report back with the index that keeps the output order stable.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { checkInput, type CheckSettings } from './engine.js';

/** A file to check, sent by the main thread. */
export interface WorkerTask {
  index: number;
  name: string;
  /** The file to read, or the bytes themselves (standard input). */
  path?: string;
  bytes?: Uint8Array;
}

/** The answer for one task: a report, or the internal error that prevented it. */
export type WorkerAnswer =
  | { index: number; report: import('../report/report.js').Report }
  | { index: number; unreadable: string }
  | { index: number; error: { message: string; stack?: string } };

const settings = workerData as CheckSettings;
const port = parentPort;
if (!port) throw new Error('worker.js runs only as a worker thread');

port.on('message', (task: WorkerTask) => {
  (task.bytes ? Promise.resolve(task.bytes) : readFile(task.path ?? ''))
    .then(
      (bytes) => checkInput({ name: task.name, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, settings),
      // A file that cannot be opened is the caller's problem (exit 2), not a bug.
      (error: unknown) => {
        port.postMessage({ index: task.index, unreadable: `cannot read ${task.name}: ${(error as Error).message}` } satisfies WorkerAnswer);
        return null;
      },
    )
    .then(
      (report) => {
        if (report) port.postMessage({ index: task.index, report } satisfies WorkerAnswer);
      },
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        port.postMessage({ index: task.index, error: { message: e.message, ...(e.stack ? { stack: e.stack } : {}) } } satisfies WorkerAnswer);
      },
    );
});
