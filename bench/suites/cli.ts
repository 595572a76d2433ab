/**
 * Whole-process speed and memory of the CLI, start-up included, as users and CI run it:
 * - one XML invoice, against `node -e 0` (the floor of any Node CLI) and `xmllint --noout`
 *   (a parse-only C tool) when installed;
 * - a directory of many invoices with the default options, its JSON report to a file (`-o`),
 *   into a pipe and into a slow pipe, against a bare saxes parse of the same files in one Node
 *   process (the floor of our parser); target ≤ 1.5×. Peak RSS of each run; target: the same
 *   into a pipe as to a file, < 150 MB;
 * - `--jobs 2` ÷ `--jobs 1` on the same batch, next to gzip's own 2-process ratio, run in turn
 *   with them (the machine's ceiling for two busy cores, other work on it included);
 * - the library: `import { precheck }` and a first check, against `node -e 0`.
 * Prints Markdown; every figure is measured in this run. `BENCH_BIN` and `BENCH_CORE` measure
 * another build (a CLI bin, a library entry); `BENCH_DIR` a directory of XML files of your own.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = process.env.BENCH_BIN ?? join(root, 'packages/core/dist/cli/bin.js');
const coreEntry = process.env.BENCH_CORE ?? '@chorus-precheck/core';
const suites = join(root, 'bench/suites');
if (!existsSync(bin)) {
  console.log('The core is not built: run `npm run build -w @chorus-precheck/core` (npm run bench does).');
  process.exit(1);
}

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BATCH = Number(process.env.BENCH_BATCH ?? 1200);

/**
 * Wall time in ms of running a command `runs` times (after one warm-up run): the median, and
 * the best run, which other processes on the machine disturb least. Also the CPU time (user +
 * system) of the command, read from the shell's `times` builtin: load on the machine changes it
 * much less than the wall time, so that runs on a busy machine still compare.
 */
function time(command: string, args: string[], runs = RUNS): { median: number; min: number; cpu: number; status: number | null } {
  let status: number | null = null;
  const samples: number[] = [];
  const cpu: number[] = [];
  let failed = 0;
  for (let i = 0; i <= runs + failed && failed < runs; i++) {
    const start = performance.now();
    const run = spawnSync('sh', ['-c', '"$@" >/dev/null 2>&1; s=$?; times; exit $s', 'sh', command, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const elapsed = performance.now() - start;
    if (run.error) throw run.error;
    status = run.status;
    if (i === 0) continue;
    // A run that did not end with 0 or 1 (the build being rewritten meanwhile, a crash) is not
    // a measurement: redo it, and say so.
    if (command !== 'xmllint' && status !== 0 && status !== 1) {
      failed++;
      continue;
    }
    samples.push(elapsed);
    // `times` prints the shell's own times, then its children's: "0m0.190s 0m0.070s".
    const children = run.stdout.trim().split('\n').at(-1) ?? '';
    const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
    cpu.push(((seconds[0] ?? 0) + (seconds[1] ?? 0)) * 1000);
  }
  if (failed > 0) console.error(`${[command, ...args].join(' ')}: ${failed} run(s) exited with another code than 0 or 1, run again`);
  if (samples.length === 0) throw new Error(`${[command, ...args].join(' ')}: every run failed (exit ${status})`);
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, min: samples[0]!, cpu: cpu[Math.floor(cpu.length / 2)]!, status };
}

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

function xmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.xml'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

// Samples: the XML fixtures when present, else the CLI suites' own synthetic invoice.
const synthetic = join(root, 'test/cli/data/inputs/ubl-simple.xml');
const samples = xmlFiles(join(root, 'fixtures')).filter((f) => statSync(f).size < 2_000_000);
const pool = samples.length > 0 ? samples : [synthetic];
const one = pool.find((f) => /ubl|invoice/i.test(basename(f))) ?? pool[0]!;

const lines: string[] = [];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

// 1. One invoice, whole process.
const floor = time(process.execPath, ['-e', '0']);
const cli = time(process.execPath, [bin, one, '--format', 'json', '--jobs', '1']);
const rowAgainst = (label: string, t: { median: number; min: number; cpu: number }, base: { median: number }) =>
  `| ${label} | ${fmt(t.median)} | ${fmt(t.min)} | ${fmt(t.cpu)} | ${(t.median / base.median).toFixed(2)}× |`;
const row = (label: string, t: { median: number; min: number; cpu: number }) => rowAgainst(label, t, floor);
lines.push(
  `Machine: ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min) at the start.`,
  '',
);
lines.push(`One XML invoice (\`${basename(one)}\`, ${statSync(one).size} bytes), whole process, ${RUNS} runs:`, '');
lines.push('| command | median | best | CPU (median) | median vs `node -e 0` |', '|---|---|---|---|---|');
lines.push(row('`node -e 0`', floor));
lines.push(row(`\`chorus-precheck ${basename(one)} --format json\``, cli));
if (has('xmllint')) {
  lines.push(row(`\`xmllint --noout ${basename(one)}\``, time('xmllint', ['--noout', one])));
} else {
  lines.push('| `xmllint --noout` | not installed (Debian: libxml2-utils) | | | |');
}
lines.push(
  '',
  `Start-up target: under 150 ms → **${cli.median < 150 ? 'met' : 'NOT met'}** (median ${fmt(cli.median)}, best ${fmt(cli.min)}; ` +
    `${fmt(cli.median - floor.median)} above Node's own start-up, ${fmt(cli.cpu - floor.cpu)} of CPU above it; CLI exit code ${cli.status}).`,
  '',
);

/**
 * Runs a shell script `runs` times (after one warm-up run unless `warmUp` is false) and returns its wall time (median,
 * best), the CPU time of its processes (median) and, when the script preloads the RSS probe
 * (`$PROBE`), the peak RSS of the probed process (median over runs, in MiB).
 */
function shell(script: string, runs: number, warmUp = true): { median: number; min: number; cpu: number; rss: number | null } {
  const rssFile = join(tmpdir(), `chorus-bench-rss-${process.pid}`);
  const samples: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  for (let i = warmUp ? 0 : 1; i <= runs; i++) {
    rmSync(rssFile, { force: true });
    const start = performance.now();
    const run = spawnSync('sh', ['-c', `${script}\ntimes`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', PROBE: join(suites, 'cli-rss-probe.cjs'), CHORUS_BENCH_RSS: rssFile },
      maxBuffer: 1 << 20,
    });
    const elapsed = performance.now() - start;
    if (run.error) throw run.error;
    if (i === 0) continue;
    samples.push(elapsed);
    const children = run.stdout.trim().split('\n').at(-1) ?? '';
    const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
    cpu.push(((seconds[0] ?? 0) + (seconds[1] ?? 0)) * 1000);
    if (existsSync(rssFile)) rss.push(Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number)) / 1024);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { median: median(samples), min: Math.min(...samples), cpu: median(cpu), rss: rss.length > 0 ? median(rss) : null };
}

const q = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
const mib = (x: number | null) => (x === null ? '' : `${x.toFixed(0)} MiB`);

// 2. A directory of many invoices.
const own = process.env.BENCH_DIR;
const dir = own ?? mkdtempSync(join(tmpdir(), 'chorus-bench-cli-'));
try {
  if (!own) {
    for (let i = 0; i < BATCH; i++) {
      const source = pool[i % pool.length]!;
      const sub = join(dir, String(Math.floor(i / 100)).padStart(3, '0'));
      mkdirSync(sub, { recursive: true });
      copyFileSync(source, join(sub, `${String(i).padStart(5, '0')}-${basename(source)}`));
    }
  }
  const copies = xmlFiles(dir);
  const bytes = copies.reduce((sum, f) => sum + statSync(f).size, 0);
  const batchRuns = Math.max(3, Math.floor(RUNS / 3));
  const out = join(tmpdir(), `chorus-bench-out-${process.pid}.json`);
  const cliRun = `${q(process.execPath)} -r "$PROBE" ${q(bin)} ${q(dir)} --format json`;

  // 2a. Default options, JSON to a file, into a pipe, into a slow pipe, against bare saxes.
  const floorRun = shell(`${q(process.execPath)} ${q(join(suites, 'cli-saxes-floor.mjs'))} ${q(dir)} 2>/dev/null`, batchRuns);
  const rows = [
    { label: `\`chorus-precheck DIR --format json -o report.json\``, t: shell(`${cliRun} -o ${q(out)} >/dev/null 2>&1`, batchRuns) },
    { label: `\`chorus-precheck DIR --format json \\| cat >/dev/null\``, t: shell(`${cliRun} 2>/dev/null | cat >/dev/null`, batchRuns) },
    {
      label: `same into a slow pipe (reader pauses 2 ms per 64 KiB)`,
      t: shell(`${cliRun} 2>/dev/null | ${q(process.execPath)} ${q(join(suites, 'cli-slow-reader.mjs'))}`, batchRuns),
    },
  ];
  rmSync(out, { force: true });
  lines.push(
    `A directory of ${copies.length} XML invoices (${(bytes / 1048576).toFixed(1)} MiB${own ? `, ${own}` : `, ${pool.length} distinct samples`}), default options (jobs chosen by the CLI), whole process, ${batchRuns} runs:`,
    '',
    '| command | median | best | CPU (median) | ÷ saxes floor (median / best) | peak RSS |',
    '|---|---|---|---|---|---|',
    `| bare saxes parse of the same files, one Node process (floor) | ${fmt(floorRun.median)} | ${fmt(floorRun.min)} | ${fmt(floorRun.cpu)} | 1.00× | |`,
  );
  for (const { label, t } of rows) {
    lines.push(
      `| ${label} | ${fmt(t.median)} | ${fmt(t.min)} | ${fmt(t.cpu)} | ${(t.median / floorRun.median).toFixed(2)}× / ${(t.min / floorRun.min).toFixed(2)}× | ${mib(t.rss)} |`,
    );
  }
  const [file, pipe, slow] = rows.map((r) => r.t);
  lines.push(
    '',
    `Targets: ≤ 1.5× the saxes floor → file ${(file!.median / floorRun.median).toFixed(2)}×, pipe ${(pipe!.median / floorRun.median).toFixed(2)}× (medians; ` +
      `CPU ${(file!.cpu / floorRun.cpu).toFixed(2)}× and ${(pipe!.cpu / floorRun.cpu).toFixed(2)}×, which other work on the machine disturbs less); ` +
      `peak RSS the same into a pipe as to a file and < 150 MB → file ${mib(file!.rss)}, pipe ${mib(pipe!.rss)}, slow pipe ${mib(slow!.rss)}.`,
    '',
  );

  // 2b. --jobs 2 vs --jobs 1, in turn with gzip on one core and on two.
  const all = join(tmpdir(), `chorus-bench-all-${process.pid}.xml`);
  writeFileSync(all, Buffer.concat(copies.slice(0, 400).map((f) => readFileSync(f))));
  const jobs: Record<'one' | 'two' | 'gzip1' | 'gzip2', Array<{ median: number; cpu: number; rss: number | null }>> = {
    one: [],
    two: [],
    gzip1: [],
    gzip2: [],
  };
  const gzip = `gzip -6 -c ${q(all)} >/dev/null`;
  // One round to warm the caches, then rounds measured: each command once per round.
  for (let i = 0; i <= batchRuns; i++) {
    const round = {
      one: shell(`${cliRun} --jobs 1 -o ${q(out)} >/dev/null 2>&1`, 1, false),
      two: shell(`${cliRun} --jobs 2 -o ${q(out)} >/dev/null 2>&1`, 1, false),
      gzip1: has('gzip') ? shell(`${gzip}; ${gzip}`, 1, false) : null,
      gzip2: has('gzip') ? shell(`${gzip} & ${gzip} & wait`, 1, false) : null,
    };
    if (i === 0) continue;
    jobs.one.push(round.one);
    jobs.two.push(round.two);
    if (round.gzip1 && round.gzip2) {
      jobs.gzip1.push(round.gzip1);
      jobs.gzip2.push(round.gzip2);
    }
  }
  rmSync(out, { force: true });
  rmSync(all, { force: true });
  const med = (xs: Array<{ median: number }>, key: 'median' | 'cpu' = 'median') =>
    [...xs].map((x) => (x as Record<string, number>)[key]!).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rssOf = (xs: Array<{ rss: number | null }>) => Math.max(...xs.map((x) => x.rss ?? 0));
  const jobsRatio = med(jobs.one) / med(jobs.two);
  lines.push(
    `\`--jobs 2\` ÷ \`--jobs 1\` on the same ${copies.length} files (JSON to a file), in turn with gzip -6 compressing 400 of them concatenated twice, one after the other and at once, ${batchRuns} rounds:`,
    '',
    '| command | median | CPU (median) | peak RSS (max) | speed-up |',
    '|---|---|---|---|---|',
    `| \`chorus-precheck DIR --format json --jobs 1\` | ${fmt(med(jobs.one))} | ${fmt(med(jobs.one, 'cpu'))} | ${mib(rssOf(jobs.one))} | 1.00× |`,
    `| \`chorus-precheck DIR --format json --jobs 2\` | ${fmt(med(jobs.two))} | ${fmt(med(jobs.two, 'cpu'))} | ${mib(rssOf(jobs.two))} | **${jobsRatio.toFixed(2)}×** |`,
  );
  if (jobs.gzip1.length > 0) {
    lines.push(
      `| gzip twice, one after the other | ${fmt(med(jobs.gzip1))} | ${fmt(med(jobs.gzip1, 'cpu'))} | | 1.00× |`,
      `| gzip twice, at once (two cores) | ${fmt(med(jobs.gzip2))} | ${fmt(med(jobs.gzip2, 'cpu'))} | | **${(med(jobs.gzip1) / med(jobs.gzip2)).toFixed(2)}×** (the machine's ceiling) |`,
    );
  }
  // What two threads give for the check work alone, the CLI aside: the same checks in one
  // worker thread, then in two at once.
  const probe = spawnSync(process.execPath, [join(suites, 'cli-threads-child.mjs'), join(root, 'packages/core/dist/index.js'), one], { encoding: 'utf8' });
  const ceiling = probe.status === 0 ? (JSON.parse(probe.stdout) as { one: number; two: number[]; checks: number }) : null;
  if (ceiling) {
    lines.push(
      '',
      `Check work alone: ${ceiling.checks} checks of \`${basename(one)}\` in memory after a warm-up take ${fmt(ceiling.one)} in one worker thread ` +
        `and ${ceiling.two.map(fmt).join(' / ')} in each of two threads at once: two threads do ${((2 * ceiling.one) / Math.max(...ceiling.two)).toFixed(2)}× the work of one.`,
    );
  }
  lines.push(
    '',
    availableParallelism() >= 2
      ? `Parallel target: \`--jobs 2\` ≥ 1.6× \`--jobs 1\` → ${jobsRatio.toFixed(2)}×, gzip ${jobs.gzip1.length > 0 ? (med(jobs.gzip1) / med(jobs.gzip2)).toFixed(2) : '?'}× in the same rounds. Other processes on the machine lower both: see the load average above.`
      : `Parallel target not measurable: this machine has ${availableParallelism()} core.`,
    '',
  );
} finally {
  if (!own) rmSync(dir, { recursive: true, force: true });
}

// 3. The library: import and a first check, whole process, next to Node's start-up measured again.
const nodeAgain = time(process.execPath, ['-e', '0']);
const importRun = time(process.execPath, [join(suites, 'cli-import-child.mjs'), one, coreEntry]);
lines.push(
  `The library, whole process, ${RUNS} runs (\`import { precheck } from '${coreEntry}'\`, then one check of \`${basename(one)}\`):`,
  '',
  '| command | median | best | CPU (median) | median vs `node -e 0` |',
  '|---|---|---|---|---|',
  rowAgainst('`node -e 0`', nodeAgain, nodeAgain),
  rowAgainst('import + first check', importRun, nodeAgain),
  '',
  `${fmt(importRun.median - nodeAgain.median)} above Node's own start-up (${fmt(importRun.cpu - nodeAgain.cpu)} of CPU).`,
);

console.log(lines.join('\n'));
