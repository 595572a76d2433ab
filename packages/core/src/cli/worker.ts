/**
 * The worker thread of `--jobs`: takes the next file of the batch from a counter it shares with
 * the other workers, checks it, posts its report back with the index that keeps the output order
 * stable, and stops when the batch is done.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { checkInput, type CheckedReport, type CheckSettings } from './engine.js';

/** A file to check. */
export interface WorkerTask {
  name: string;
  /** The file to read, or the bytes themselves (standard input). */
  path?: string;
  bytes?: Uint8Array;
}

/** What a worker is started with. */
export interface WorkerInit {
  settings: CheckSettings;
  tasks: readonly WorkerTask[];
  /** An Int32Array's buffer whose first element is the index of the next task to take. */
  next: SharedArrayBuffer;
}

/** The answer for one task (posted in arrays of answers): a report, or the reason there is none. */
export type WorkerAnswer =
  | { index: number; report: CheckedReport }
  | { index: number; unreadable: string }
  | { index: number; error: { message: string; stack?: string } };

const port = parentPort;
if (!port) throw new Error('worker.js runs only as a worker thread');
const { settings, tasks, next } = workerData as WorkerInit;
const counter = new Int32Array(next);

// Answers travel in small packets: each message wakes the main thread, which costs more than
// checking a small invoice; the packet leaves at least every 100 ms so that progress still moves.
let packet: WorkerAnswer[] = [];
let sent = performance.now();
for (let index = Atomics.add(counter, 0, 1); index < tasks.length; index = Atomics.add(counter, 0, 1)) {
  packet.push(await answer(index, tasks[index]!));
  if (packet.length >= 32 || performance.now() - sent > 100) {
    port.postMessage(packet);
    packet = [];
    sent = performance.now();
  }
}
if (packet.length > 0) port.postMessage(packet);

async function answer(index: number, task: WorkerTask): Promise<WorkerAnswer> {
  let bytes: Uint8Array;
  try {
    // A worker does one thing at a time: a synchronous read costs it nothing and spares the
    // round trip through libuv's thread pool, whose threads compete for the same cores.
    bytes = task.bytes ?? readFileSync(task.path ?? '');
  } catch (error) {
    // A file that cannot be opened is the caller's problem (exit 2), not a bug.
    return { index, unreadable: `cannot read ${task.name}: ${(error as Error).message}` };
  }
  try {
    return { index, report: await checkInput({ name: task.name, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, settings) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { index, error: { message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
  }
}
