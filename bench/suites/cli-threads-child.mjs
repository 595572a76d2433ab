/**
 * The ceiling of `--jobs 2` on this machine, measured without the CLI: the same check work (one
 * invoice checked in memory, again and again, after a warm-up) in one worker thread, then in two
 * at once, each doing as much as the one did alone. Prints one JSON line:
 * { one: ms, two: [ms, ms] }. Two threads at twice the rate of one would take as long as one.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';

const CHECKS = 1500;

if (isMainThread) {
  const [core, file] = process.argv.slice(2);
  const run = (threads) =>
    Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise((resolve, reject) => {
            new Worker(new URL(import.meta.url), { workerData: { core, file } }).on('message', resolve).on('error', reject);
          }),
      ),
    );
  const [one] = await run(1);
  const two = await run(2);
  console.log(JSON.stringify({ one, two, checks: CHECKS }));
} else {
  const { precheck } = await import(workerData.core);
  const bytes = new Uint8Array(readFileSync(workerData.file));
  const check = () => precheck({ name: 'invoice.xml', bytes }, {}, {});
  for (let i = 0; i < CHECKS / 2; i++) await check();
  const start = performance.now();
  for (let i = 0; i < CHECKS; i++) await check();
  parentPort.postMessage(performance.now() - start);
}
