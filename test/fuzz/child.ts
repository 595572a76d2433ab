/**
 * The isolated side of the fuzz runner: a child process that receives inputs over IPC, runs
 * `precheck` or `readDeposit` on them, checks the invariants (including that the bytes are
 * unchanged, by hash before and after) and answers with a small summary. Running in a child
 * lets the parent kill it when an input hangs the event loop or exhausts memory.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { strToU8 } from 'fflate';
import { allBombs } from '../helpers/bombs.js';
import { TINY_UBL, facturxPdf } from '../helpers/build/index.js';
import { checkDocuments, checkReport, limitHitsOf, limitMessagesOf, ruleIdsOf, sha256 } from './invariants.js';
import type { ChildJob, ChildResult, JobInput } from './runner.js';

type Core = {
  precheck?: (input: unknown, context?: unknown, options?: unknown) => Promise<unknown>;
  readDeposit?: (input: unknown, options?: unknown) => Promise<unknown>;
};

async function loadCore(): Promise<Core> {
  // A campaign names the built core (see IsolatedRunner's `built`); tests run the sources.
  if (process.env.FUZZ_CORE) return (await import(process.env.FUZZ_CORE)) as Core;
  // The Node entry wires pdf.js; fall back to the browser-safe entry when it is not there yet.
  // A variable specifier keeps the type checker from requiring the entry to exist already.
  const nodeEntry = '../../packages/core/src/node.js';
  try {
    return (await import(nodeEntry)) as Core;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw e;
    const browserEntry = '../../packages/core/src/index.js';
    return (await import(browserEntry)) as Core;
  }
}

const corePromise = loadCore();
const bombs = new Map(allBombs().map((b) => [b.id, b]));

function materialise(input: JobInput): { name: string; bytes: Uint8Array } {
  if ('bombId' in input) {
    const bomb = bombs.get(input.bombId);
    if (!bomb) throw new Error(`unknown bomb ${input.bombId}`);
    return { name: input.name ?? bomb.name, bytes: bomb.build() };
  }
  // IPC hands over a Buffer or a plain Uint8Array; the reader gets a plain Uint8Array view.
  const b = input.bytes;
  return { name: input.name, bytes: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) };
}

/** The kernel's record of this process's peak RSS (VmHWM), in bytes; null off Linux. */
function highWaterMark(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/**
 * Starts the measure of one input's peak RSS: what earlier inputs left for the collector is
 * collected, and the kernel's high-water mark is brought down to the current RSS. Without it,
 * the peak of a child that has checked thousands of inputs says how lazily V8 collects, not
 * what one input needs. Returns whether the mark could be reset.
 */
function resetHighWaterMark(): boolean {
  (globalThis as { gc?: () => void }).gc?.();
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

async function run(job: ChildJob): Promise<ChildResult> {
  if (job.selfTest === 'spin') for (;;);
  if (job.selfTest === 'stall') await new Promise(() => {});
  if (job.selfTest === 'exit') process.exit(3);
  const measured = resetHighWaterMark();
  const inputMaxRss = (): number | null => (measured ? highWaterMark() : null);
  const started = performance.now();
  const inputs = job.inputs.map(materialise);
  const hashes = inputs.map((i) => sha256(i.bytes));
  const names = inputs.map((i) => i.name);
  const core = await corePromise;
  const options = job.limits ? { limits: job.limits } : {};
  const single = inputs.length === 1 ? inputs[0] : inputs;
  let documents: unknown;
  let violations: string[];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuMs = () => {
    const c = process.cpuUsage(cpu0);
    return (c.user + c.system) / 1000;
  };
  try {
    if (job.api === 'read') {
      if (!core.readDeposit) throw new Error('readDeposit is not exported yet');
      documents = [];
      for (const input of inputs) (documents as unknown[]).push(...((await core.readDeposit(input, options)) as unknown[]));
      violations = checkDocuments(documents, names);
    } else {
      if (!core.precheck) throw new Error('precheck is not exported yet');
      const report = (await core.precheck(single, job.context ?? {}, options)) as { documents?: unknown };
      documents = report?.documents;
      violations = checkReport(report, names);
    }
  } catch (e) {
    const err = e as Error;
    return {
      id: job.id,
      outcome: 'crash',
      ms: performance.now() - t0,
      cpuMs: cpuMs(),
      violations: [],
      ruleIds: [],
      limitHits: [],
      limitMessages: [],
      files: [],
      error: `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}\n${err?.stack ?? ''}`,
      buildMs: t0 - started,
      rssBytes: process.memoryUsage().rss,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      inputMaxRssBytes: inputMaxRss(),
    };
  }
  const ms = performance.now() - t0;
  inputs.forEach((input, i) => {
    if (sha256(input.bytes) !== hashes[i]) violations.push(`input ${input.name} was modified`);
  });
  const files = Array.isArray(documents) ? (documents as { file?: unknown }[]).map((d) => String(d?.file)) : [];
  return {
    id: job.id,
    outcome: violations.length ? 'violation' : 'ok',
    ms,
    cpuMs: cpuMs(),
    violations,
    ruleIds: ruleIdsOf(documents),
    limitHits: limitHitsOf(documents),
    limitMessages: limitMessagesOf(documents),
    files: files.length > 50 ? [...files.slice(0, 50), `… ${files.length - 50} more`] : files,
    buildMs: t0 - started,
    rssBytes: process.memoryUsage().rss,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    inputMaxRssBytes: inputMaxRss(),
  };
}

process.on('message', (job: ChildJob) => {
  run(job).then(
    (result) => process.send?.(result),
    (e: unknown) =>
      process.send?.({
        id: job.id,
        outcome: 'crash',
        ms: 0,
        cpuMs: 0,
        violations: [],
        ruleIds: [],
        limitHits: [],
        limitMessages: [],
        files: [],
        error: String((e as Error)?.stack ?? e),
        buildMs: 0,
        rssBytes: 0,
        maxRssBytes: 0,
      } satisfies ChildResult),
  );
});
// The parent gone (killed, crashed), nothing is left to answer to.
process.on('disconnect', () => process.exit(0));

// Warm up before answering ready: loading pdf.js and compiling the rules cost seconds once per
// process, which must not be charged to whichever input happens to come first.
async function warmUp(): Promise<void> {
  const core = await corePromise;
  const pdf = { name: 'warm.pdf', bytes: facturxPdf() };
  const xml = { name: 'warm.xml', bytes: strToU8(TINY_UBL) };
  if (core.precheck) await core.precheck([pdf, xml], {});
  else if (core.readDeposit) await core.readDeposit(pdf);
}
warmUp().then(
  () => process.send?.({ ready: true }),
  () => process.send?.({ ready: true }),
);
