/**
 * The worker thread of `--jobs`: takes the next file of the batch from a counter it shares with
 * the other workers, checks it, posts its report back with the index that keeps the output order
 * stable, and stops when the batch is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkInput, taskInput } from './check-input.js';
import { LIMIT, NEXT, STOP, type WorkerAnswer, type WorkerInit, type WorkerTask } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('worker.js runs only as a worker thread');
const { settings, tasks, next } = workerData as WorkerInit;
const counter = new Int32Array(next);

// Answers travel in small packets: each message wakes the main thread, which costs more than
// checking a small invoice; the packet leaves at least every 100 ms so that progress still moves.
let packet: WorkerAnswer[] = [];
let sent = performance.now();
const post = (): void => {
  if (packet.length > 0) port.postMessage(packet);
  packet = [];
  sent = performance.now();
};
for (let index = Atomics.add(counter, NEXT, 1); index < tasks.length; index = Atomics.add(counter, NEXT, 1)) {
  // Too far ahead of the output (its reader is slow, or an earlier file is long to check): send
  // what is done, then sleep until the main thread raises the limit.
  for (let limit = Atomics.load(counter, LIMIT); index >= limit; limit = Atomics.load(counter, LIMIT)) {
    post();
    if (Atomics.load(counter, STOP) === 1) process.exit(0);
    Atomics.wait(counter, LIMIT, limit, 1000);
  }
  packet.push(await answer(index, tasks[index]!));
  if (packet.length >= 32 || performance.now() - sent > 100) post();
}
post();

async function answer(index: number, task: WorkerTask): Promise<WorkerAnswer> {
  try {
    return { index, report: await checkInput(taskInput(task, settings), settings) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { index, error: { message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
  }
}
