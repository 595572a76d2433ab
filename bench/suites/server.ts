/**
 * The server (`chorus-precheck serve`) under load on 127.0.0.1, with a 20 KB UBL invoice:
 * - requests per second and p50/p99 latency at 1, 10 and 50 concurrent clients on the plain API
 *   (`POST /v1/precheck`, raw body) and on the emulated Chorus Pro deposit
 *   (`POST /cpro/factures/v1/deposer/flux`, base64 in JSON), with autocannon (a bounded load
 *   generator: fixed duration, fixed connections), against the CLI's cost per invoice measured
 *   in the same run (one process per invoice, and a batch of files with --jobs 1);
 * - peak RSS of the server after 100 000 deposits (bounded in time), sampled along the way: the
 *   deposit store is bounded, so the RSS must level off (no growth = no leak).
 * The load generator runs on the same machine as the server: both share its cores.
 * Prints Markdown; every figure is measured in this run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'packages/core/dist/cli/bin.js');
if (!existsSync(bin) || !existsSync(join(root, 'packages/server/dist/index.js'))) {
  console.log('The core or the server is not built: run `npm run build -w @chorus-precheck/core -w @chorus-precheck/server`.');
  process.exit(1);
}

const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 10);
const TOTAL = Number(process.env.BENCH_SERVER_REQUESTS ?? 100_000);
const MAX_SECONDS = Number(process.env.BENCH_SERVER_MAX_SECONDS ?? 300);
const CLI_RUNS = Number(process.env.BENCH_RUNS ?? 10);
const BATCH = Number(process.env.BENCH_BATCH ?? 300);
const SYNTAXE = 'IN_DP_E1_UBL_INVOICE';

/** A 20 KB UBL invoice the rules accept: the simple fixture with its line repeated. */
function invoice20k(): string {
  const base = readFileSync(join(root, 'fixtures/generated/utf-8-bom-ubl.xml'), 'utf8');
  const line = base.slice(base.indexOf('  <cac:InvoiceLine>'), base.indexOf('</Invoice>'));
  let lines = '';
  for (let i = 1; base.length + lines.length < 20 * 1024; i++) lines += line.replace('<cbc:ID>1</cbc:ID>', `<cbc:ID>${i}</cbc:ID>`);
  return base.replace(line, lines);
}

const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-server-'));
const xml = invoice20k();
const file = join(dir, 'invoice-20k.xml');
writeFileSync(file, xml);
const bytes = Buffer.byteLength(xml);

const lines: string[] = [];
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
lines.push(`Machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the start; the load generator shares the cores with the server.`, '');

// 1. The CLI's cost per invoice, same file, same context.
function wall(args: string[], runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [bin, ...args], { stdio: 'ignore' });
    if (run.status !== 0) throw new Error(`chorus-precheck ${args.join(' ')} exited with ${run.status}`);
    if (i > 0) samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}
const context = ['--channel', 'API', '--syntaxe', SYNTAXE, '--format', 'json', '--quiet'];
const cliOne = wall([file, ...context, '--jobs', '1'], CLI_RUNS);
const batchDir = join(dir, 'batch');
mkdirSync(batchDir);
for (let i = 0; i < BATCH; i++) copyFileSync(file, join(batchDir, `${String(i).padStart(5, '0')}.xml`));
const cliBatch = wall([batchDir, ...context, '--jobs', '1'], 3) / BATCH;

// 2. The server, as users start it, in its own process (its RSS is its own).
const server = spawn(process.execPath, [bin, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
const url = await new Promise<string>((resolve, reject) => {
  createInterface({ input: server.stdout! }).once('line', resolve);
  server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
});
function rss(): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;

try {
  const tokenAnswer = await fetch(`${url}/api/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=bench&client_secret=bench' });
  const token = ((await tokenAnswer.json()) as { access_token: string }).access_token;
  const chorusHeaders = { authorization: `Bearer ${token}`, 'cpro-account': Buffer.from('bench:bench').toString('base64'), 'content-type': 'application/json' };
  const depositBody = JSON.stringify({ idUtilisateurCourant: 0, fichierFlux: Buffer.from(xml).toString('base64'), nomFichier: 'invoice-20k.xml', syntaxeFlux: SYNTAXE, avecSignature: false });
  const targets = {
    precheck: { url: `${url}/v1/precheck?channel=API&syntaxe=${SYNTAXE}&name=invoice-20k.xml`, method: 'POST' as const, headers: { 'content-type': 'application/xml' }, body: xml },
    deposit: { url: `${url}/cpro/factures/v1/deposer/flux`, method: 'POST' as const, headers: chorusHeaders, body: depositBody },
  };
  // The verdict the load runs get: the invoice must be accepted, or the figures measure a rejection.
  const verdict = ((await (await fetch(targets.precheck.url, { method: 'POST', headers: targets.precheck.headers, body: xml })).json()) as { verdict: string }[])[0]!.verdict;
  const before = rss();

  lines.push(`One UBL invoice of ${bytes} bytes (verdict on ${SYNTAXE}: ${verdict}); each load run lasts ${SECONDS} s after a 2 s warm-up; autocannon rounds latencies to the millisecond.`, '');
  lines.push('| endpoint | clients | requests/s | p50 | p99 | mean | non-2xx | errors | mean latency vs CLI process per invoice | requests/s vs CLI batch invoices/s |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, target] of Object.entries(targets)) {
    for (const connections of [1, 10, 50]) {
      await autocannon({ ...target, connections, duration: 2 });
      const r = await autocannon({ ...target, connections, duration: SECONDS });
      lines.push(`| ${name === 'precheck' ? '`POST /v1/precheck`' : '`POST …/deposer/flux`'} | ${connections} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${fmt(r.latency.average)} | ${r.non2xx} | ${r.errors + r.timeouts} | ${(r.latency.average / cliOne).toFixed(3)}× | ${(r.requests.average / (1000 / cliBatch)).toFixed(2)}× |`);
    }
  }
  lines.push('');
  lines.push(`CLI, same file and context: ${fmt(cliOne)} per invoice as one process (median of ${CLI_RUNS}, start-up included); ${fmt(cliBatch)} per invoice in a batch of ${BATCH} files with --jobs 1 (${(1000 / cliBatch).toFixed(0)} invoices/s).`, '');

  // 3. Peak RSS over many deposits, bounded in time.
  const afterLoad = rss();
  const samples: { done: number; rss: number; seconds: number }[] = [];
  const start = performance.now();
  let done = 0;
  const step = Math.max(1000, Math.floor(TOTAL / 10));
  while (done < TOTAL && (performance.now() - start) / 1000 < MAX_SECONDS) {
    const r = await autocannon({ ...targets.deposit, connections: 10, amount: Math.min(step, TOTAL - done) });
    done += r.requests.sent ?? r.requests.total;
    samples.push({ done, rss: rss().rss, seconds: (performance.now() - start) / 1000 });
  }
  const after = rss();
  const health = (await (await fetch(`${url}/health`)).json()) as { deposits: number };
  lines.push(`Memory over ${done} deposits (10 clients${done < TOTAL ? `; stopped at the ${MAX_SECONDS} s bound before ${TOTAL}` : ''}), deposits kept at the end: ${health.deposits} (bound: 10 000):`, '');
  lines.push('| deposits | RSS | elapsed |', '|---|---|---|');
  lines.push(`| 0 (started, before any load) | ${mb(before.rss)} | |`);
  lines.push(`| after the load runs above | ${mb(afterLoad.rss)} | |`);
  for (const s of samples) lines.push(`| ${s.done} | ${mb(s.rss)} | ${s.seconds.toFixed(0)} s |`);
  const settled = samples[Math.min(1, samples.length - 1)]!;
  lines.push('', `Peak RSS of the server (VmHWM): ${mb(after.peak)}; RSS after ${done} deposits ${mb(after.rss)}, ${((after.rss / settled.rss) * 100 - 100).toFixed(0)} % from ${settled.done} deposits.`);
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
console.log(lines.join('\n'));
