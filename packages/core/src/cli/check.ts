import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { Command } from './args.js';
import type { CheckedReport, CheckSettings } from './check-input.js';
import { mergeReports } from './merge.js';
import { limitDiagnostic } from '../diagnostics/reader.js';
import { inputLimit } from './read-input.js';
import { expandInputs, type InputRef } from './inputs.js';
import { createProgress } from './progress.js';
import type { Io } from './io.js';
import type { WorkerTask } from './worker-protocol.js';

/**
 * Runs the checks of a `chorus-precheck <files…>` command line and returns the merged report.
 * One input runs in this thread (no worker start-up); a batch is spread over `jobs` workers.
 * With `onBlocks`, the documents formatted where they were checked (`settings.preformat`) are
 * handed over in input order as soon as they and every earlier input are done, and left out of
 * the returned report. `inputs` are the command's, when already expanded.
 */
export async function runChecks(
  command: Extract<Command, { kind: 'check' }>,
  settings: CheckSettings,
  io: Io,
  onBlocks?: (blocks: readonly string[]) => Promise<void> | undefined,
  inputs?: readonly InputRef[],
): Promise<CheckedReport> {
  const tasks = await Promise.all((inputs ?? (await expandInputs(command.inputs, io.cwd))).map((input) => toTask(input, io, inputLimit(settings))));
  const jobs = command.jobs ?? (tasks.length > 1 ? defaultJobs(batchSize(tasks)) : 1);
  const progress = createProgress(io.stderr, tasks.length, !command.quiet);
  const reports: CheckedReport[] = new Array(tasks.length);
  let next = 0;
  // Returns the promise of the last write that asked to wait for the reader, if any.
  const done = (index: number, report: CheckedReport): Promise<void> | undefined => {
    reports[index] = report;
    progress.tick();
    let wait: Promise<void> | undefined;
    for (; next < reports.length && reports[next] !== undefined; next++) {
      const ready = reports[next]!;
      if (onBlocks && ready.formatted) {
        wait = onBlocks(ready.formatted) ?? wait;
        reports[next] = { ...ready, formatted: [] };
      }
    }
    return wait;
  };
  try {
    if (jobs <= 1 || tasks.length <= 1) {
      // The rules and the reader are loaded here only: with worker threads, the main thread
      // never needs them, and starts the workers sooner.
      const { checkInput, taskInput } = await import('./check-input.js');
      for (const [index, task] of tasks.entries()) {
        await done(index, await checkInput(taskInput(task, settings), settings));
      }
    } else {
      // worker_threads is loaded only for a batch that uses it.
      const { checkOnWorkers } = await import('./pool.js');
      // Written as they come, the workers stay at most WINDOW files ahead of the output.
      await checkOnWorkers(tasks, jobs, settings, done, onBlocks ? WINDOW : Infinity);
    }
  } finally {
    progress.done();
  }
  return mergeReports(reports, settings);
}

async function toTask(input: InputRef, io: Io, limit: number): Promise<WorkerTask> {
  if (input.kind === 'file') return { name: input.name, path: input.path, ...(input.problem ? { problem: input.problem } : {}) };
  const bytes = await io.readStdin(limit);
  return bytes === null ? { name: input.name, problem: limitDiagnostic('maxInputBytes', limit, { file: input.name }) } : { name: input.name, bytes };
}

// How many files the workers may check beyond the last one written: enough to keep them busy
// (a few packets each), few enough that the documents waiting for their turn stay small.
const WINDOW = 256;

// What a batch costs, measured on a 2-vCPU machine (`npm run bench -- cli`): one checking thread
// already keeps about 1.2 cores busy (V8 compiles and collects garbage on background threads),
// and each worker thread spends about 0.4 s of CPU before it checks at full speed (its start, the
// code loaded and optimised again). Checking takes about 0.6 ms per file plus 2 ms per MB.
const MS_PER_FILE = 0.6;
const MS_PER_MB = 2;
const THREAD_COST_MS = 400;
// A thread is started only when its share of the batch is this many times what it costs.
const PAYBACK = 4;

/** The number of files of a batch and their total size in bytes (files that cannot be read count as empty). */
export function batchSize(tasks: readonly WorkerTask[]): { files: number; bytes: number } {
  let bytes = 0;
  for (const task of tasks) {
    if (task.bytes) bytes += task.bytes.byteLength;
    else if (!task.problem) bytes += sizeOf(task.path ?? '');
  }
  return { files: tasks.length, bytes };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * The default of --jobs, decided at start from the batch and the machine: one thread, unless the
 * batch is large enough for each thread's share to repay its start four times over, and no more
 * threads than the cores left free by V8's own background work and the machine's load (the
 * one-minute load average). On 2 cores that is one thread: there a second one never reaches
 * 1.6× (measured 0.7–1.1× on 1,200–1,732 files, 1.5× the CPU time).
 */
export function defaultJobs(
  batch: { files: number; bytes: number },
  machine: { cores: number; load: number } = { cores: availableParallelism(), load: loadavg()[0] ?? 0 },
): number {
  const free = Math.floor(machine.cores - 1 - machine.load);
  const work = batch.files * MS_PER_FILE + (batch.bytes / 1e6) * MS_PER_MB;
  return Math.max(1, Math.min(free, Math.floor(work / (PAYBACK * THREAD_COST_MS))));
}
