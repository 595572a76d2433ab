/**
 * Long fuzz campaigns: `npm run fuzz -- --runs N [--seed S] [--timeout MS] [--jobs J]
 * [--seeds-dir DIR] [--no-bombs] [--replay FILE] [--max-old-space MB] [--out DIR] [--sources]`.
 *
 * Runs every generated bomb once, then N seeded inputs: hostile shapes (test/fuzz/generators.ts:
 * nested archives, PDF filter chains, long names, white-space runs), mutations of the seeds
 * (built-in invoices, `fixtures/`, and `--seeds-dir` when given, e.g. `../shared/corpus`) and
 * random byte strings, each in a child process with a timeout. The child runs the built core
 * under plain node, as the CLI and services do (`--sources`: the TypeScript sources through tsx).
 * Records inputs tried, crashes (an exception out of `precheck`), violations of the invariants,
 * hangs (no answer in time, the child killed), child exits (out of memory), the slowest input,
 * the peak RSS while checking one input (the child collects its heap and resets the kernel's
 * high-water mark before each) and the peak RSS of a child over its life. Every failing input is
 * written to `fuzz-failures/` with a `.json` sidecar (seed, mutation chain,
 * outcome, how to replay it). Exits 1 when anything failed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { allBombs } from '../test/helpers/bombs.js';
import { Rng, mutateChain } from '../test/helpers/mutate.js';
import { IsolatedRunner, type ChildResult, type JobInput } from '../test/fuzz/runner.js';
import { sha256 } from '../test/fuzz/invariants.js';
import { allSeeds, fixtureSeeds, seedsUnder, type Seed } from '../test/fuzz/seeds.js';
import { GENERATORS } from '../test/fuzz/generators.js';

interface Args {
  runs: number;
  seed: number;
  timeout: number;
  jobs: number;
  seedsDir: string | null;
  bombs: boolean;
  replay: string | null;
  out: string;
  /** V8 old-space cap of each child, in MB: a leak then shows as a child exit. */
  maxOldSpace: number | null;
  /** Run the sources through tsx instead of the built core under plain node. */
  sources: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    runs: 1000,
    seed: 1,
    timeout: 15_000,
    jobs: 2,
    seedsDir: null,
    bombs: true,
    replay: null,
    out: 'fuzz-failures',
    maxOldSpace: null,
    sources: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') args.runs = Number(value());
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--timeout') args.timeout = Number(value());
    else if (a === '--jobs') args.jobs = Math.max(1, Number(value()));
    else if (a === '--seeds-dir') args.seedsDir = value();
    else if (a === '--no-bombs') args.bombs = false;
    else if (a === '--replay') args.replay = value();
    else if (a === '--out') args.out = value();
    else if (a === '--max-old-space') args.maxOldSpace = Number(value());
    else if (a === '--sources') args.sources = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(args.runs) || args.runs < 0 || !Number.isInteger(args.seed)) throw new Error('--runs and --seed take integers');
  return args;
}

/** One input of the campaign and how it was made. */
interface Planned {
  label: string;
  input: JobInput;
  api: 'precheck' | 'read';
  timeout: number;
  meta: Record<string, unknown>;
}

/** Derives the seed of input `index` from the campaign seed (splitmix-like, stable). */
function inputSeed(seed: number, index: number): number {
  let x = (seed * 0x9e3779b1 + index * 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Builds input `index` of a campaign: a hostile shape (nesting, filter chains, long names,
 * white-space runs: 1 in 5), random bytes (1 in 10 of the rest), or a mutation chain of a seed.
 */
function plan(seeds: Seed[], seed: number, index: number, timeout: number): Planned {
  const s = inputSeed(seed, index);
  const rng = new Rng(s);
  const api = rng.next() < 0.25 ? 'read' : 'precheck';
  if (rng.next() < 0.2) {
    const kind = rng.pick(Object.keys(GENERATORS));
    const g = GENERATORS[kind]!(rng);
    return {
      label: `#${index} ${g.kind}: ${g.detail}`,
      input: { name: g.name, bytes: g.bytes },
      api,
      timeout,
      meta: { campaignSeed: seed, index, inputSeed: s, source: g.kind, detail: g.detail },
    };
  }
  if (rng.next() < 0.1) {
    const bytes = rng.bytes(rng.int(4096));
    return {
      label: `#${index} random ${bytes.length} bytes`,
      input: { name: rng.pick(['x.xml', 'x.pdf', 'x.zip', 'x.tar.gz']), bytes },
      api,
      timeout,
      meta: { campaignSeed: seed, index, inputSeed: s, source: 'random' },
    };
  }
  const from = rng.pick(seeds);
  const m = mutateChain(from.bytes, rng);
  const name = m.wrappedAs ?? basename(from.name);
  return {
    label: `#${index} ${from.name}: ${m.chain.join(' | ')}`,
    input: { name, bytes: m.bytes },
    api,
    timeout,
    meta: { campaignSeed: seed, index, inputSeed: s, source: from.name, mutations: m.chain },
  };
}

function extensionOf(name: string): string {
  const m = /\.(tar\.gz|[a-z0-9]+)$/i.exec(name);
  return m ? m[1]! : 'bin';
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const failures = new Map<string, number>();
  const totals = { tried: 0, ok: 0, violation: 0, crash: 0, hang: 0, exit: 0 };
  let slowest = { cpuMs: 0, ms: 0, label: '' };
  // The peak RSS of the child while it checked one input (measured from a collected heap).
  let heaviestInput = { bytes: 0, label: '' };
  // A child's peak RSS only grows: the input during which it grew past the record is the culprit.
  let heaviest = { bytes: 0, label: '' };
  const runners = Array.from(
    { length: args.jobs },
    () => new IsolatedRunner({ built: !args.sources, ...(args.maxOldSpace ? { maxOldSpaceMb: args.maxOldSpace } : {}) }),
  );
  const started = Date.now();

  let seeds: Seed[] = allSeeds();
  if (args.seedsDir) {
    // Files up to 8 MB, so that a campaign over a corpus stays fast.
    const extra = seedsUnder(args.seedsDir, 8 * 1024 * 1024);
    if (extra.length === 0) process.stdout.write(`(no seed files under ${args.seedsDir}: is the corpus there?)\n`);
    seeds = [...seeds, ...extra];
  }

  const queue: Planned[] = [];
  if (args.replay) {
    const bytes = new Uint8Array(readFileSync(args.replay));
    queue.push({
      label: `replay ${args.replay}`,
      input: { name: basename(args.replay), bytes },
      api: 'precheck',
      timeout: args.timeout,
      meta: { replay: args.replay },
    });
  } else if (args.bombs) {
    for (const b of allBombs())
      queue.push({
        label: `bomb ${b.id}`,
        input: { bombId: b.id },
        api: 'precheck',
        timeout: Math.max(args.timeout, 30_000),
        meta: { bomb: b.id, description: b.description },
      });
  }
  const total = args.replay ? queue.length : queue.length + args.runs;
  process.stdout.write(
    `fuzz: seed ${args.seed}, ${total} inputs (${queue.length} fixed + ${args.replay ? 0 : args.runs} mutated) over ${seeds.length} seeds (${fixtureSeeds().length} from fixtures/), ${args.jobs} children running ${args.sources ? 'the sources through tsx' : 'the built core under node'}, timeout ${args.timeout} ms\n`,
  );

  let nextRun = 0;
  const take = (): Planned | null => {
    const q = queue.shift();
    if (q) return q;
    if (args.replay || nextRun >= args.runs) return null;
    return plan(seeds, args.seed, nextRun++, args.timeout);
  };

  const record = (p: Planned, r: ChildResult): void => {
    totals.tried++;
    totals[r.outcome]++;
    if (r.cpuMs > slowest.cpuMs && r.outcome !== 'hang') slowest = { cpuMs: r.cpuMs, ms: r.ms, label: p.label };
    if (r.maxRssBytes > heaviest.bytes) heaviest = { bytes: r.maxRssBytes, label: p.label };
    if ((r.inputMaxRssBytes ?? 0) > heaviestInput.bytes) heaviestInput = { bytes: r.inputMaxRssBytes!, label: p.label };
    if (r.outcome === 'ok') return;
    const bytes =
      'bytes' in p.input
        ? p.input.bytes
        : allBombs()
            .find((b) => b.id === (p.input as { bombId: string }).bombId)!
            .build();
    const hash = sha256(bytes).slice(0, 12);
    const key = `${r.outcome}-${hash}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
    mkdirSync(args.out, { recursive: true });
    const file = join(args.out, `${key}.${extensionOf('name' in p.input && p.input.name ? p.input.name : 'bin')}`);
    // Bombs are rebuilt from their id: the sidecar is enough and gigabyte-class files are not written.
    if (!('bombId' in p.input)) writeFileSync(file, bytes);
    const replay = 'bombId' in p.input ? `npx vitest run test/fuzz/bombs.test.ts -t ${p.input.bombId}` : `npm run fuzz -- --replay ${file}`;
    writeFileSync(
      `${file}.json`,
      JSON.stringify(
        {
          ...p.meta,
          name: 'name' in p.input ? p.input.name : null,
          api: p.api,
          outcome: r.outcome,
          ms: Math.round(r.ms),
          cpuMs: Math.round(r.cpuMs),
          violations: r.violations,
          error: r.error ?? null,
          ruleIds: r.ruleIds,
          replay,
        },
        null,
        2,
      ) + '\n',
    );
    process.stdout.write(
      `\n${r.outcome.toUpperCase()} ${p.label}\n  ${[...r.violations, (r.error ?? '').split('\n').slice(0, 4).join('\n  ')].join('\n  ')}\n  -> ${file}\n`,
    );
  };

  let done = 0;
  const lastPrint = { t: 0 };
  await Promise.all(
    runners.map(async (runner) => {
      for (let p = take(); p; p = take()) {
        const r = await runner.run({ api: p.api, inputs: [p.input] }, p.timeout);
        record(p, r);
        done++;
        // A progress line every 2 s on a terminal, every 30 s in a log.
        if (Date.now() - lastPrint.t > (process.stdout.isTTY ? 2000 : 30_000)) {
          lastPrint.t = Date.now();
          const line = `${done}/${total} tried, ${totals.violation + totals.crash + totals.hang + totals.exit} failing`;
          process.stdout.write(process.stdout.isTTY ? `\r${line}` : `${line}\n`);
        }
      }
    }),
  );
  for (const r of runners) r.close();

  const peak = Math.max(...runners.map((r) => r.peakRssBytes));
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    [
      '',
      '',
      `## Fuzz campaign (seed ${args.seed})`,
      '',
      `| | |`,
      `|---|---|`,
      `| inputs tried | ${totals.tried} |`,
      `| sound reports | ${totals.ok} |`,
      `| invariant violations | ${totals.violation} |`,
      `| crashes (exception) | ${totals.crash} |`,
      `| hangs (> timeout, killed) | ${totals.hang} |`,
      `| child exits (memory) | ${totals.exit} |`,
      `| distinct failing inputs | ${failures.size} |`,
      `| slowest input (CPU time; wall time) | ${Math.round(slowest.cpuMs)} ms; ${Math.round(slowest.ms)} ms: ${slowest.label} |`,
      `| peak RSS while checking one input | ${heaviestInput.bytes ? `${(heaviestInput.bytes / 1024 / 1024).toFixed(0)} MB (${heaviestInput.label})` : 'not measured here (needs Linux /proc/self/clear_refs)'} |`,
      `| peak RSS of a child over all its inputs | ${(peak / 1024 / 1024).toFixed(0)} MB (reached on ${heaviest.label || 'start-up'}) |`,
      `| wall time | ${seconds.toFixed(1)} s |`,
      '',
      failures.size ? `Failing inputs written to ${args.out}/ (each with a .json sidecar).` : 'No failing input.',
      `Reproduce: npm run fuzz -- --runs ${args.runs} --seed ${args.seed} --timeout ${args.timeout}${args.bombs ? '' : ' --no-bombs'}${args.sources ? ' --sources' : ''}${args.jobs !== 2 ? ` --jobs ${args.jobs}` : ''}${args.seedsDir ? ` --seeds-dir ${args.seedsDir}` : ''}${args.maxOldSpace ? ` --max-old-space ${args.maxOldSpace}` : ''}`,
      '',
    ].join('\n'),
  );
  process.exitCode = failures.size ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 2;
});
