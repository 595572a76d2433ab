/**
 * Runs inputs through `precheck` / `readDeposit` in a child process with a timeout per
 * input: a hang is detected, the child killed and a fresh one started. Used by the fuzz
 * test slice and by `npm run fuzz`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Limits } from '../../packages/core/src/limits.js';

/** One input: given bytes, or a bomb the child builds itself (so that 50 MB never crosses IPC). */
export type JobInput = { name: string; bytes: Uint8Array } | { bombId: string; name?: string };

/** What the parent asks the child to run. */
export interface ChildJob {
  id: number;
  api: 'precheck' | 'read';
  inputs: JobInput[];
  limits?: Partial<Limits>;
  context?: Record<string, unknown>;
  /** Makes the child misbehave on purpose, to prove that the runner notices: spin forever, wait forever, or exit. */
  selfTest?: 'spin' | 'stall' | 'exit';
}

/** How one input went. */
export interface ChildResult {
  id: number;
  outcome: 'ok' | 'violation' | 'crash' | 'hang' | 'exit';
  /** Milliseconds the call took (not counting building the input), wall clock. */
  ms: number;
  /** CPU milliseconds the call took (user + system, all threads of the child). */
  cpuMs: number;
  violations: string[];
  /** Diagnostic ids reported, each once. */
  ruleIds: string[];
  /** The limit diagnostics reported, with the value seen (`actual`). */
  limitHits: { ruleId: string; file: string | null; actual: unknown }[];
  /** The messages of the limit diagnostics, in both languages. */
  limitMessages: { ruleId: string; fr: string; en: string }[];
  /** Document file names reported (first 50). */
  files: string[];
  error?: string;
  buildMs: number;
  /**
   * The child's RSS after the call, and its peak RSS (getrusage: since the high-water mark was
   * last reset, that is over this input where `inputMaxRssBytes` is measured, else over its life).
   */
  rssBytes: number;
  maxRssBytes: number;
  /**
   * The child's peak RSS while it checked this input, after a full garbage collection and a
   * reset of the kernel's high-water mark (Linux `/proc/self/clear_refs`); null where that
   * cannot be measured.
   */
  inputMaxRssBytes?: number | null;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
/** The core as published for Node: one bundle, pdf.js beside it. */
const BUILT_CORE = fileURLToPath(new URL('../../packages/core/dist/bundle/node.js', import.meta.url));

/**
 * Bundles the child into one plain JavaScript file that loads the built core, so that it runs
 * under `node` alone, as the CLI and services do: no TypeScript loader, no source transform
 * cache in the child's memory (peak RSS of a campaign child: see scripts/fuzz.ts).
 */
async function bundleChild(): Promise<string> {
  if (!existsSync(BUILT_CORE)) throw new Error(`the built core is missing (${BUILT_CORE}): run npm run build -w @chorus-precheck/core`);
  const { build } = await import('esbuild');
  const out = join(mkdtempSync(join(tmpdir(), 'fuzz-child-')), 'child.mjs');
  await build({
    entryPoints: [CHILD],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The core itself is not bundled again: the child loads the built one (FUZZ_CORE).
    external: ['pdfjs-dist', 'pdfjs-dist/*'],
    banner: { js: "import { createRequire as __fuzzRequire } from 'node:module'; const require = __fuzzRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return out;
}
let bundledChild: Promise<string> | null = null;

/** User + system CPU milliseconds of a process, from /proc (Linux), or null elsewhere. */
function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** A child process running inputs one at a time, restarted after a hang or a crash of the process. */
export class IsolatedRunner {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  private pending: { id: number; resolve: (r: ChildResult) => void } | null = null;
  /** The highest peak RSS seen over every child this runner started. */
  peakRssBytes = 0;
  /** How many children were started (1 + restarts). */
  starts = 0;

  /**
   * `built`: the child runs the built core under plain `node` (campaigns, where memory is
   * measured); otherwise the sources through tsx (tests, no build needed).
   */
  constructor(private readonly opts: { maxOldSpaceMb?: number; built?: boolean } = {}) {}

  private async start(): Promise<void> {
    const execArgv = this.opts.built ? ['--expose-gc'] : ['--import', 'tsx', '--expose-gc'];
    if (this.opts.maxOldSpaceMb) execArgv.push(`--max-old-space-size=${this.opts.maxOldSpaceMb}`);
    const script = this.opts.built ? await (bundledChild ??= bundleChild()) : CHILD;
    const env = this.opts.built ? { ...process.env, FUZZ_CORE: BUILT_CORE } : process.env;
    const child = fork(script, [], { execArgv, env, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.child = child;
    this.starts++;
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) {
        this.child = null;
        this.ready = null;
      }
      const p = this.pending;
      if (p) {
        this.pending = null;
        p.resolve({
          id: p.id,
          outcome: 'exit',
          ms: 0,
          cpuMs: 0,
          violations: [],
          ruleIds: [],
          limitHits: [],
          limitMessages: [],
          files: [],
          error: `child exited with ${code ?? signal}: ${stderr}`,
          buildMs: 0,
          rssBytes: 0,
          maxRssBytes: 0,
        });
      }
    });
    child.on('message', (m: ChildResult | { ready: true }) => {
      if ('ready' in m) return;
      this.peakRssBytes = Math.max(this.peakRssBytes, m.maxRssBytes, m.inputMaxRssBytes ?? 0);
      const p = this.pending;
      if (p && p.id === m.id) {
        this.pending = null;
        p.resolve(m);
      }
    });
    return new Promise((resolve, reject) => {
      const onMessage = (m: unknown) => {
        if ((m as { ready?: boolean }).ready) {
          child.off('message', onMessage);
          resolve();
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`fuzz child failed to start (${code}): ${stderr}`)));
    });
  }

  /**
   * Runs one job; resolves with `hang` (and a fresh child) when the child spends more than
   * `timeoutMs` of CPU time on it, or when its CPU time stops advancing for `wallFactor` times
   * that in wall time (a hang waiting on nothing). CPU time is what an input costs; wall time on
   * a machine shared with other work is not: under a load of 9 on 2 cores, an input of 1 s of
   * CPU took 12 s of wall time (where /proc is missing, wall time alone is used).
   */
  async run(job: Omit<ChildJob, 'id'>, timeoutMs: number, wallFactor = 6): Promise<ChildResult> {
    if (!this.child || !this.ready) this.ready = this.start();
    await this.ready;
    const child = this.child!;
    const id = this.nextId++;
    const cpuAtStart = cpuMsOf(child.pid);
    const started = Date.now();
    let lastCpu = cpuAtStart;
    let lastProgress = started;
    return new Promise<ChildResult>((resolve) => {
      const check = () => {
        if (this.pending?.id !== id) return;
        const cpu = cpuAtStart === null ? null : cpuMsOf(child.pid);
        const now = Date.now();
        if (cpu !== null && cpu !== lastCpu) {
          lastCpu = cpu;
          lastProgress = now;
        }
        const spent = cpu === null || cpuAtStart === null ? now - started : cpu - cpuAtStart;
        const wall = now - started;
        const stalled = cpu === null ? wall > timeoutMs : now - lastProgress > timeoutMs * wallFactor;
        if (spent <= timeoutMs && !stalled) return;
        clearInterval(timer);
        this.pending = null;
        // Forget the child before killing it, so that the next job starts a fresh one.
        this.child = null;
        this.ready = null;
        child.kill('SIGKILL');
        const why =
          spent > timeoutMs ? `${Math.round(spent)} ms of ${cpu === null ? 'wall' : 'CPU'} time` : `${now - lastProgress} ms of wall time without CPU progress`;
        resolve({
          id,
          outcome: 'hang',
          ms: wall,
          cpuMs: spent,
          violations: [],
          ruleIds: [],
          limitHits: [],
          limitMessages: [],
          files: [],
          error: `no answer after ${why} (limit ${timeoutMs} ms)`,
          buildMs: 0,
          rssBytes: 0,
          maxRssBytes: 0,
        });
      };
      const timer = setInterval(check, Math.min(250, timeoutMs));
      this.pending = {
        id,
        resolve: (r) => {
          clearInterval(timer);
          resolve(r);
        },
      };
      child.send({ ...job, id } satisfies ChildJob);
    });
  }

  /** Stops the child. */
  close(): void {
    const c = this.child;
    this.child = null;
    this.ready = null;
    c?.kill('SIGKILL');
  }
}
