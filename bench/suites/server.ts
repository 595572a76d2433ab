/**
 * The server (`chorus-precheck serve`) under load on 127.0.0.1, with a 20 KB UBL invoice:
 * - requests per second and p50/p99 latency at 1, 10 and 50 concurrent clients on the plain API
 *   (`POST /v1/precheck`, raw body) and on the emulated Chorus Pro deposit
 *   (`POST /cpro/factures/v1/deposer/flux`, base64 in JSON), with autocannon (a bounded load
 *   generator: fixed duration, fixed connections), against the CLI's cost per invoice measured
 *   in the same run (one process per invoice, and a batch of files with --jobs 1);
 * - RSS of a fresh server over 100 000 deposits (bounded in time), sampled along the way, as
 *   started and with V8's heap bounded (--max-old-space-size=128): the deposit store is bounded,
 *   so with the heap bounded the RSS must level off (no growth = no leak); without the bound,
 *   V8 may grow its heap before it collects, which the first row shows.
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
lines.push(
  `Machine: ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min) at the start; the load generator shares the cores with the server.`,
  '',
);

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
interface Server {
  url: string;
  pid: number;
  stop(): void;
}
async function serve(nodeFlags: string[]): Promise<Server> {
  const child = spawn(process.execPath, [...nodeFlags, bin, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}
function rss(server: Server): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;

async function targetsOf(url: string) {
  const tokenAnswer = await fetch(`${url}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=bench&client_secret=bench',
  });
  const token = ((await tokenAnswer.json()) as { access_token: string }).access_token;
  const chorusHeaders = { authorization: `Bearer ${token}`, 'cpro-account': Buffer.from('bench:bench').toString('base64'), 'content-type': 'application/json' };
  const depositBody = JSON.stringify({
    idUtilisateurCourant: 0,
    fichierFlux: Buffer.from(xml).toString('base64'),
    nomFichier: 'invoice-20k.xml',
    syntaxeFlux: SYNTAXE,
    avecSignature: false,
  });
  return {
    precheck: {
      url: `${url}/v1/precheck?channel=API&syntaxe=${SYNTAXE}&name=invoice-20k.xml`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/xml' },
      body: xml,
    },
    deposit: { url: `${url}/cpro/factures/v1/deposer/flux`, method: 'POST' as const, headers: chorusHeaders, body: depositBody },
  };
}

/** RSS of a fresh server over TOTAL deposits (10 clients), sampled every tenth, bounded in time. */
async function memory(label: string, nodeFlags: string[]): Promise<void> {
  const server = await serve(nodeFlags);
  try {
    const { deposit } = await targetsOf(server.url);
    const start = performance.now();
    const samples: { done: number; rss: number }[] = [{ done: 0, rss: rss(server).rss }];
    let done = 0;
    const step = Math.max(1000, Math.floor(TOTAL / 10));
    while (done < TOTAL && (performance.now() - start) / 1000 < MAX_SECONDS) {
      const r = await autocannon({ ...deposit, connections: 10, amount: Math.min(step, TOTAL - done) });
      done += r.requests.sent ?? r.requests.total;
      samples.push({ done, rss: rss(server).rss });
    }
    const seconds = (performance.now() - start) / 1000;
    const kept = ((await (await fetch(`${server.url}/health`)).json()) as { deposits: number }).deposits;
    const at = (fraction: number) => samples[Math.min(samples.length - 1, Math.round(fraction * (samples.length - 1)))]!;
    const end = samples.at(-1)!;
    lines.push(
      `| ${label} | ${done}${done < TOTAL ? ` (stopped at ${MAX_SECONDS} s)` : ''} in ${seconds.toFixed(0)} s | ${kept} | ${samples.map((x) => mb(x.rss)).join(' → ')} | ${mb(rss(server).peak)} | ${((end.rss / at(0.5).rss) * 100 - 100).toFixed(0)} % |`,
    );
  } finally {
    server.stop();
  }
}

const server = await serve([]);
try {
  const targets = await targetsOf(server.url);
  // The verdict the load runs get: the invoice must be accepted, or the figures measure a rejection.
  const verdict = (
    (await (await fetch(targets.precheck.url, { method: 'POST', headers: targets.precheck.headers, body: xml })).json()) as { verdict: string }[]
  )[0]!.verdict;

  lines.push(
    `One UBL invoice of ${bytes} bytes (verdict on ${SYNTAXE}: ${verdict}); each load run lasts ${SECONDS} s after a 2 s warm-up; autocannon rounds latencies to the millisecond.`,
    '',
  );
  lines.push(
    '| endpoint | clients | requests/s | p50 | p99 | mean | non-2xx | errors | mean latency vs CLI process per invoice | requests/s vs CLI batch invoices/s |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const [name, target] of Object.entries(targets)) {
    for (const connections of [1, 10, 50]) {
      await autocannon({ ...target, connections, duration: 2 });
      const r = await autocannon({ ...target, connections, duration: SECONDS });
      lines.push(
        `| ${name === 'precheck' ? '`POST /v1/precheck`' : '`POST …/deposer/flux`'} | ${connections} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${fmt(r.latency.average)} | ${r.non2xx} | ${r.errors + r.timeouts} | ${(r.latency.average / cliOne).toFixed(3)}× | ${(r.requests.average / (1000 / cliBatch)).toFixed(2)}× |`,
      );
    }
  }
  lines.push('');
  lines.push(
    `CLI, same file and context: ${fmt(cliOne)} per invoice as one process (median of ${CLI_RUNS}, start-up included); ${fmt(cliBatch)} per invoice in a batch of ${BATCH} files with --jobs 1 (${(1000 / cliBatch).toFixed(0)} invoices/s).`,
    '',
  );
} finally {
  server.stop();
}

// 3. RSS over many deposits, on fresh servers: as started, and with V8's heap bounded, which
// makes the garbage collector run before the heap grows (the deposit store is bounded either way).
lines.push(
  `RSS of a fresh server over ${TOTAL} deposits of the same invoice (10 clients), sampled every ${Math.max(1000, Math.floor(TOTAL / 10))}; the store keeps 10 000 deposits at most:`,
  '',
);
lines.push('| server | deposits | kept at the end | RSS along the way | peak RSS (VmHWM) | end vs half-way |', '|---|---|---|---|---|---|');
try {
  await memory('`chorus-precheck serve`', []);
  await memory('`node --max-old-space-size=128 … serve`', ['--max-old-space-size=128']);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(lines.join('\n'));
