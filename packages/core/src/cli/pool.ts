import { Worker } from 'node:worker_threads';
import type { Report } from '../report/report.js';
import type { CheckSettings } from './engine.js';
import { UsageError } from './usage-error.js';
import type { WorkerAnswer, WorkerTask } from './worker.js';

/** An unexpected exception in a worker thread: a bug, reported as an internal error. */
export class WorkerCrash extends Error {
  constructor(message: string, stack?: string) {
    super(message);
    this.name = 'WorkerCrash';
    if (stack) this.stack = stack;
  }
}

/**
 * Checks files on `jobs` worker threads. Each worker takes the next file as soon as it is free
 * (large and small files balance out); reports come back in input order whatever the finishing
 * order.
 */
export async function checkOnWorkers(
  tasks: readonly Omit<WorkerTask, 'index'>[],
  jobs: number,
  settings: CheckSettings,
  onDone: () => void,
): Promise<Report[]> {
  const results: Report[] = new Array(tasks.length);
  const workerUrl = new URL('./worker.js', import.meta.url);
  const count = Math.min(jobs, tasks.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const feed = (worker: Worker): void => {
        if (next < tasks.length) {
          const index = next++;
          worker.postMessage({ index, ...tasks[index]! } satisfies WorkerTask);
        }
      };
      for (let i = 0; i < count; i++) {
        const worker = new Worker(workerUrl, { workerData: settings });
        workers.push(worker);
        worker.on('message', (answer: WorkerAnswer) => {
          if ('unreadable' in answer) {
            reject(new UsageError(answer.unreadable));
            return;
          }
          if ('error' in answer) {
            reject(new WorkerCrash(`while checking ${tasks[answer.index]?.name}: ${answer.error.message}`, answer.error.stack));
            return;
          }
          results[answer.index] = answer.report;
          onDone();
          if (++finished === tasks.length) resolve();
          else feed(worker);
        });
        worker.on('error', (error) => reject(error));
        worker.on('exit', (code) => {
          if (finished < tasks.length) reject(new WorkerCrash(`a worker thread stopped (exit code ${code}) before the end of the batch`));
        });
        // Two tasks in flight per worker: the next file is already queued while a report
        // travels back, so a worker never waits for the main thread.
        feed(worker);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
