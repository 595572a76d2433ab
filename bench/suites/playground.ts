/**
 * The playground in real Chromium: time from files dropped to verdict shown, for a ~20 KB XML
 * invoice and a ~300 KB Factur-X, against a baseline measured in the same page and run (the
 * browser's own DOMParser on the same XML); and the size of the JavaScript a first visit
 * downloads (gzip). Targets: XML under 100 ms, Factur-X under 300 ms, initial JS under 150 KB.
 *
 * The invoices come from fixtures/: the XML fixture nearest 20 KB (padded with an XML comment
 * up to 20 KB when smaller, which every parser must read through) and the PDF nearest 300 KB.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PLAYGROUND = join(ROOT, 'packages/playground');
const FIXTURES = join(ROOT, 'fixtures');
const RUNS = 15;
const BASELINE_RUNS = 51;

function walk(dir: string): string[] {
  let out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out = out.concat(walk(path));
    else out.push(path);
  }
  return out;
}

/** The fixture of the given extension whose size is nearest the target, among the readable ones. */
function nearestFixture(ext: string, target: number, accept: (bytes: Buffer) => boolean): string | null {
  let files: string[];
  try {
    files = walk(FIXTURES).filter((f) => f.toLowerCase().endsWith(ext) && !/broken|truncat|invalid|bad|bomb|encrypt|password|plain|dummy/i.test(f));
  } catch {
    return null;
  }
  const candidates = files.filter((f) => accept(readFileSync(f)));
  candidates.sort((a, b) => Math.abs(statSync(a).size - target) - Math.abs(statSync(b).size - target));
  return candidates[0] ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The JavaScript index.html loads before any interaction: its entry script and module preloads. */
function initialJs(dist: string): { files: string[]; raw: number; gzip: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dist, file.replace(/^\//, '')));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Drop {
  total: number;
  read: number;
  check: number;
}

/** Drops a file on the page and returns the page's own measures: drop to verdict, and its parts in the worker. */
async function dropToVerdict(page: Page, path: string): Promise<Drop> {
  const before = await page.evaluate(() => performance.getEntriesByName('drop-to-verdict').length);
  await page.setInputFiles('[data-testid="drop-input"]', path);
  await page.waitForFunction((n) => performance.getEntriesByName('drop-to-verdict').length > n, before, { timeout: 60_000 });
  return page.evaluate(() => ({
    total: performance.getEntriesByName('drop-to-verdict').at(-1)!.duration,
    read: performance.getEntriesByName('worker-read').at(-1)!.duration,
    check: performance.getEntriesByName('worker-check').at(-1)!.duration,
  }));
}

/** Medians of each part over several drops. */
function medians(drops: Drop[]): Drop {
  return { total: median(drops.map((d) => d.total)), read: median(drops.map((d) => d.read)), check: median(drops.map((d) => d.check)) };
}

const parts = (d: Drop) => `read ${d.read.toFixed(1)} ms, check ${d.check.toFixed(1)} ms in the worker`;

async function main(): Promise<void> {
  const xmlFixture = nearestFixture('.xml', 20 * 1024, (b) => /<(?:\w+:)?(?:Invoice|CrossIndustryInvoice)\b/.test(b.toString('utf8', 0, 4000)));
  // Factur-X fixtures: the PDFs of the corpus folders named after Factur-X libraries, and the generated ones.
  const pdfFixture = nearestFixture('.pdf', 300 * 1024, (b) => b.subarray(0, 5).toString('latin1') === '%PDF-');
  await build({ root: PLAYGROUND, logLevel: 'silent' });
  const dist = join(PLAYGROUND, 'dist');
  const js = initialJs(dist);

  const lines: string[] = [];
  lines.push('| measure | value | target |', '|---|---|---|');
  lines.push(
    `| initial JS (${js.files.length} file${js.files.length === 1 ? '' : 's'}), gzip | ${(js.gzip / 1024).toFixed(1)} KB (raw ${(js.raw / 1024).toFixed(1)} KB) | < 150 KB |`,
  );

  if (!xmlFixture && !pdfFixture) {
    console.log(lines.join('\n'));
    console.log('\nNo invoice fixtures in fixtures/: drop-to-verdict not measured.');
    return;
  }

  const tmp = mkdtempSync(join(tmpdir(), 'playground-bench-'));
  const port = await freePort();
  const server = await preview({ root: PLAYGROUND, logLevel: 'silent', preview: { host: '127.0.0.1', port, strictPort: true } });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    // A syntaxe is chosen so that every run goes as far as a verdict.
    await page.goto(`http://127.0.0.1:${port}/?channel=API&syntaxe=IN_DP_E1_UBL_INVOICE&lang=en`);
    await page.waitForSelector('[data-testid="drop-input"]', { state: 'attached' });

    let baseline: number | null = null;
    if (xmlFixture) {
      let bytes = readFileSync(xmlFixture);
      if (bytes.length < 20 * 1024) {
        const text = bytes.toString('utf8');
        const at = text.indexOf('?>') + 2;
        const pad = `\n<!-- ${'x'.repeat(20 * 1024 - bytes.length)} -->`;
        bytes = Buffer.from(text.slice(0, at) + pad + text.slice(at), 'utf8');
      }
      const path = join(tmp, 'invoice-20k.xml');
      writeFileSync(path, bytes);
      const text = bytes.toString('utf8');
      // Baseline: the browser's native XML parser on the same text, in the same page.
      baseline = await page.evaluate(
        ({ text, runs }) => {
          const times: number[] = [];
          for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            new DOMParser().parseFromString(text, 'application/xml');
            times.push(performance.now() - t0);
          }
          return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
        },
        { text, runs: BASELINE_RUNS },
      );
      const cold = await dropToVerdict(page, path);
      const warm: Drop[] = [];
      for (let i = 0; i < RUNS; i++) warm.push(await dropToVerdict(page, path));
      const m = medians(warm);
      lines.push(`| DOMParser on the ${(bytes.length / 1024).toFixed(0)} KB XML (baseline), median of ${BASELINE_RUNS} | ${baseline.toFixed(2)} ms | — |`);
      lines.push(
        `| drop-to-verdict, ${(bytes.length / 1024).toFixed(0)} KB XML (${relative(FIXTURES, xmlFixture)}), median of ${RUNS} | ${m.total.toFixed(1)} ms (${(m.total / baseline).toFixed(1)}× baseline; ${parts(m)}) | < 100 ms |`,
      );
      lines.push(`| same, first drop (worker start, rules compiled) | ${cold.total.toFixed(1)} ms (${parts(cold)}) | — |`);
    }
    if (pdfFixture) {
      const size = statSync(pdfFixture).size;
      const cold = await dropToVerdict(page, pdfFixture);
      const warm: Drop[] = [];
      for (let i = 0; i < RUNS; i++) warm.push(await dropToVerdict(page, pdfFixture));
      const m = medians(warm);
      const ratio = baseline ? `${(m.total / baseline).toFixed(1)}× XML baseline; ` : '';
      lines.push(
        `| drop-to-verdict, ${(size / 1024).toFixed(0)} KB Factur-X (${relative(FIXTURES, pdfFixture)}), median of ${RUNS} | ${m.total.toFixed(1)} ms (${ratio}${parts(m)}) | < 300 ms |`,
      );
      lines.push(`| same, first drop (pdf.js and its worker loaded) | ${cold.total.toFixed(1)} ms (${parts(cold)}) | — |`);
    }
    console.log(lines.join('\n'));
    console.log(
      `\nChromium ${browser.version()}, built playground served by vite preview; times are the page's own \`drop-to-verdict\` measure (file input change to verdict rendered).`,
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
