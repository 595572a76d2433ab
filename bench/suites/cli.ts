/**
 * Whole-process speed of the CLI, start-up included, as users and CI run it:
 * - one XML invoice, against `node -e 0` (the floor of any Node CLI) and `xmllint --noout`
 *   (a parse-only C tool) when installed; target: under 150 ms;
 * - a directory of many invoices with `--jobs 1` and `--jobs 2`; target: `--jobs 2` at ≥ 1.7×
 *   `--jobs 1` on a machine with 2 cores or more.
 * Prints Markdown; every figure is measured in this run.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'packages/core/dist/cli/bin.js');
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
const row = (label: string, t: { median: number; min: number; cpu: number }) =>
  `| ${label} | ${fmt(t.median)} | ${fmt(t.min)} | ${fmt(t.cpu)} | ${(t.median / floor.median).toFixed(2)}× |`;
lines.push(`Machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the start.`, '');
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

// 2. A directory of many invoices, --jobs 1 vs --jobs 2.
const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-cli-'));
try {
  const copies: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    const source = pool[i % pool.length]!;
    const sub = join(dir, String(Math.floor(i / 100)).padStart(3, '0'));
    mkdirSync(sub, { recursive: true });
    const target = join(sub, `${String(i).padStart(5, '0')}-${basename(source)}`);
    copyFileSync(source, target);
    copies.push(target);
  }
  const batchRuns = Math.max(3, Math.floor(RUNS / 3));
  lines.push(`A directory of ${BATCH} XML invoices (${pool.length} distinct samples), whole process, ${batchRuns} runs:`, '');
  lines.push('| command | median | best | files/s (best) | speed-up (best) | CPU (median) |', '|---|---|---|---|---|---|');
  const rate = (ms: number) => ((BATCH / ms) * 1000).toFixed(0);
  const speedups: string[] = [];
  for (const format of ['text', 'json']) {
    const jobs1 = time(process.execPath, [bin, dir, '--format', format, '--jobs', '1'], batchRuns);
    const jobs2 = time(process.execPath, [bin, dir, '--format', format, '--jobs', '2'], batchRuns);
    lines.push(`| \`--format ${format} --jobs 1\` | ${fmt(jobs1.median)} | ${fmt(jobs1.min)} | ${rate(jobs1.min)} | 1.00× | ${fmt(jobs1.cpu)} |`);
    lines.push(`| \`--format ${format} --jobs 2\` | ${fmt(jobs2.median)} | ${fmt(jobs2.min)} | ${rate(jobs2.min)} | ${(jobs1.min / jobs2.min).toFixed(2)}× | ${fmt(jobs2.cpu)} |`);
    // On an idle machine two threads can at best divide the CPU work of --jobs 2 between them.
    speedups.push(
      `${format} ${(jobs1.min / jobs2.min).toFixed(2)}× measured (median ${(jobs1.median / jobs2.median).toFixed(2)}×); ` +
        `CPU work of --jobs 2 is ${(jobs2.cpu / jobs1.cpu).toFixed(2)}× that of --jobs 1, so ≤ ${((2 * jobs1.cpu) / jobs2.cpu).toFixed(2)}× on 2 idle cores`,
    );
  }
  if (has('xmllint')) {
    const lint = time('xmllint', ['--noout', ...copies], batchRuns);
    lines.push(`| \`xmllint --noout\` (same files, one process, parse only) | ${fmt(lint.median)} | ${fmt(lint.min)} | ${rate(lint.min)} | | ${fmt(lint.cpu)} |`);
  }
  const cores = availableParallelism();
  // What two threads can give on this machine for this work, the CLI aside: the same checks in
  // one worker thread, then in two at once.
  const probe = spawnSync(process.execPath, [join(root, 'bench/suites/cli-threads-child.mjs'), join(root, 'packages/core/dist/index.js'), one], { encoding: 'utf8' });
  const ceiling = probe.status === 0 ? (JSON.parse(probe.stdout) as { one: number; two: number[]; checks: number }) : null;
  if (ceiling) {
    const slower = Math.max(...ceiling.two);
    lines.push(
      '',
      `Ceiling of two threads here, without the CLI: ${ceiling.checks} checks of \`${basename(one)}\` in memory after a warm-up take ` +
        `${fmt(ceiling.one)} in one worker thread and ${ceiling.two.map(fmt).join(' / ')} in each of two threads running at once: ` +
        `two threads do **${((2 * ceiling.one) / slower).toFixed(2)}×** the work of one in the same time (2.00× on cores that share nothing).`,
    );
  }
  lines.push(
    '',
    cores >= 2
      ? `Parallel target: \`--jobs 2\` ≥ 1.7× \`--jobs 1\`: ${speedups.join('; ')}. Other processes on the machine lower it: see the load average above.`
      : `Parallel target not measurable: this machine has ${cores} core.`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(lines.join('\n'));
