import { Worker } from 'node:worker_threads';
import type { CheckedReport, CheckSettings } from './check-input.js';
import { LIMIT, SHARED_CELLS, STOP, type WorkerAnswer, type WorkerInit, type WorkerTask } from './worker-protocol.js';

/** An unexpected exception in a worker thread: a bug, reported as an internal error. */
export class WorkerCrash extends Error {
  constructor(message: string, stack?: string) {
    super(message);
    this.name = 'WorkerCrash';
    if (stack) this.stack = stack;
  }
}

/**
 * Checks files on `jobs` worker threads. Each worker takes the next file from a shared counter as
 * soon as it is free (large and small files balance out, and no worker waits for this thread to
 * hand out work). Each report is handed to `onReport` with its input index as it arrives.
 *
 * Workers never take a file more than `window` files past the first one whose report has not
 * arrived yet, nor while the promise `onReport` last returned (a pipe's reader being behind) is
 * pending: what waits in memory for its turn stays bounded whatever the batch size.
 */
export async function checkOnWorkers(
  tasks: readonly WorkerTask[],
  jobs: number,
  settings: CheckSettings,
  onReport: (index: number, report: CheckedReport) => Promise<void> | undefined,
  window = Infinity,
): Promise<void> {
  const shared = new Int32Array(new SharedArrayBuffer(4 * SHARED_CELLS));
  shared[LIMIT] = Math.min(tasks.length, window);
  const init: WorkerInit = { settings, tasks, next: shared.buffer as SharedArrayBuffer };
  const arrived = new Uint8Array(tasks.length);
  // Reports arrived without a gap from the first input: those are written.
  let written = 0;
  let waiting: Promise<void> | null = null;
  const raiseLimit = (): void => {
    const limit = Math.min(tasks.length, written + window);
    if (limit <= Atomics.load(shared, LIMIT)) return;
    Atomics.store(shared, LIMIT, limit);
    Atomics.notify(shared, LIMIT);
  };
  const workerUrl = new URL('./worker.js', import.meta.url);
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      let finished = 0;
      // After a failure, answers still in flight are dropped: nothing more is written.
      let failed = false;
      const reject = (error: unknown): void => {
        failed = true;
        rejectAll(error);
      };
      for (let i = 0; i < Math.min(jobs, tasks.length); i++) {
        const worker = new Worker(workerUrl, { workerData: init });
        workers.push(worker);
        worker.on('message', (answers: WorkerAnswer[]) => {
          for (const answer of answers) {
            if (failed) return;
            if ('error' in answer) {
              reject(new WorkerCrash(`while checking ${tasks[answer.index]?.name}: ${answer.error.message}`, answer.error.stack));
            } else {
              let wait: Promise<void> | undefined;
              try {
                wait = onReport(answer.index, answer.report);
              } catch (error) {
                // Writing the report failed (a full disk): the run stops there.
                reject(error);
                return;
              }
              arrived[answer.index] = 1;
              while (written < tasks.length && arrived[written] === 1) written++;
              if (wait) {
                const mine = wait;
                waiting = mine;
                mine.then(() => {
                  if (waiting !== mine) return;
                  waiting = null;
                  raiseLimit();
                }, reject);
              } else if (waiting === null) {
                raiseLimit();
              }
              if (++finished === tasks.length) resolveAll();
            }
          }
        });
        worker.on('error', (error) => reject(error));
        // A worker ends with 0 once no task is left; its answers have all arrived by then.
        worker.on('exit', (code) => {
          if (code !== 0 && finished < tasks.length) reject(new WorkerCrash(`a worker thread stopped (exit code ${code}) before the end of the batch`));
        });
      }
    });
  } finally {
    // Workers waiting for the limit wake up and stop.
    Atomics.store(shared, STOP, 1);
    Atomics.notify(shared, LIMIT);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
