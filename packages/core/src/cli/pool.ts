import { Worker } from 'node:worker_threads';
import type { CheckedReport, CheckSettings } from './engine.js';
import { UsageError } from './usage-error.js';
import type { WorkerAnswer, WorkerInit, WorkerTask } from './worker.js';

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
 */
export async function checkOnWorkers(
  tasks: readonly WorkerTask[],
  jobs: number,
  settings: CheckSettings,
  onReport: (index: number, report: CheckedReport) => void,
): Promise<void> {
  const init: WorkerInit = { settings, tasks, next: new SharedArrayBuffer(4) };
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
            if ('unreadable' in answer) {
              reject(new UsageError(answer.unreadable));
            } else if ('error' in answer) {
              reject(new WorkerCrash(`while checking ${tasks[answer.index]?.name}: ${answer.error.message}`, answer.error.stack));
            } else {
              try {
                onReport(answer.index, answer.report);
              } catch (error) {
                // Writing the report failed (a full disk): the run stops there.
                reject(error);
                return;
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
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
