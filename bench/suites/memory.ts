/**
 * Peak memory on large and hostile inputs, against an empty run measured in the same run.
 * Each case runs in its own plain `node` child (`--expose-gc`, the built core) and reports its peak RSS from
 * `process.resourceUsage().maxRSS`, plus the largest `arrayBuffers` seen by a sampler.
 * Cases: a 100 MB XML invoice (mostly one base64 attachment, written to a temp file) and a
 * gzip bomb inflating to 1 GB, and a zip of 8 members of 100 MB each (members must be read one at
 * a time, never all held at once). Targets: under 200 MB peak; the bomb refused early (its limit
 * diagnostic, in a time close to the baseline's, not after inflating a gigabyte).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipBomb } from '../../test/helpers/bombs.js';
import { TINY_UBL, buildZip, runLengthDeflate } from '../../test/helpers/build/index.js';
import { Rng } from '../../test/helpers/mutate.js';

const MB = 1024 * 1024;

interface Measure {
  peakRssBytes: number;
  /** Peak RSS with the modules loaded, the input in memory and one warm-up run, before the measured run. */
  peakBeforeRunBytes: number;
  inputBytes: number;
  peakArrayBuffersBytes: number;
  ms: number;
  documents: number;
  ruleIds: string[];
}

/**
 * The child side, plain JavaScript run by plain `node` against the built core (`npm run bench`
 * builds it first), so that the figures are the product's, not those of a TypeScript loader:
 * read the input, warm up on a tiny invoice, run once, print one JSON line.
 */
const CHILD = `
const [entry, path, name, warmXml] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const core = await import(entry);
// A Buffer is a Uint8Array: no copy, so that the input is resident once.
const bytes = readFileSync(path);
let peakArrayBuffers = process.memoryUsage().arrayBuffers;
// Samples between asynchronous steps; synchronous parsing is covered by maxRSS.
const sampler = setInterval(() => { peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers); }, 5);
// Warm up on a tiny invoice so that every case pays the same module and rule loading.
await core.precheck({ name: 'warm.xml', bytes: readFileSync(warmXml) }, {});
globalThis.gc?.();
const peakBeforeRunBytes = process.resourceUsage().maxRSS * 1024;
const t0 = performance.now();
const docs = (await core.precheck({ name, bytes }, {})).documents;
const ms = performance.now() - t0;
clearInterval(sampler);
peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers);
const ids = new Set();
for (const d of docs) for (const x of d.diagnostics) ids.add(x.ruleId);
process.stdout.write(JSON.stringify({ peakRssBytes: process.resourceUsage().maxRSS * 1024, peakBeforeRunBytes, inputBytes: bytes.length, peakArrayBuffersBytes: peakArrayBuffers, ms, documents: docs.length, ruleIds: [...ids].sort() }) + '\\n');
`;

const ENTRY = new URL('../../packages/core/dist/node.js', import.meta.url);

/** A zip of `count` XML members of `size` bytes each (one long note), 800 MB in all for 8 × 100 MB. */
function bigZip(count: number, size: number): Uint8Array {
  const head = new TextEncoder().encode(TINY_UBL.replace('</Invoice>\n', '<cbc:Note>'));
  const { deflated, crc } = runLengthDeflate([head, { byte: 0x41, count: size - head.length }]);
  return buildZip(Array.from({ length: count }, (_, i) => ({ name: `invoice-${i}.xml`, data: deflated, method: 8 as const, crc, size })));
}

/** Writes a ~`size`-byte UBL invoice whose bulk is one base64 PDF attachment, in chunks. */
async function writeBigXml(path: string, size: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) => new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', resolve)));
  const head = TINY_UBL.replace(
    '</Invoice>\n',
    '  <cac:AdditionalDocumentReference><cbc:ID>PJ1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="plans.pdf">',
  );
  await write(head);
  // Pseudo-random bytes, so that nothing downstream can shortcut on repetition; 76-char lines as MIME writes them.
  const rng = new Rng(42);
  let written = head.length;
  const chunkRaw = 57 * 1024;
  await write(Buffer.from('%PDF-1.7\n').toString('base64').slice(0, 8));
  while (written < size - 200) {
    const b64 = Buffer.from(rng.bytes(chunkRaw))
      .toString('base64')
      .replace(/(.{76})/g, '$1\n');
    await write(b64);
    written += b64.length;
  }
  await write('</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>\n</Invoice>\n');
  await new Promise<void>((resolve) => out.end(resolve));
}

function measure(path: string, name: string, warmXml: string): Measure {
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD, ENTRY.href, path, name, warmXml], {
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`case ${name} failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(line) as Measure;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-precheck-memory-'));
  try {
    if (!existsSync(ENTRY)) throw new Error('the built core is missing: run `npm run build -w @chorus-precheck/core` (npm run bench does)');
    const xmlPath = join(dir, 'invoice-100mb.xml');
    await writeBigXml(xmlPath, 100 * MB);
    const warmPath = join(dir, 'warm.xml');
    writeFileSync(warmPath, TINY_UBL);
    const bombPath = join(dir, 'bomb.xml.gz');
    writeFileSync(bombPath, gzipBomb(1024 * MB));
    const zipPath = join(dir, 'batch.zip');
    writeFileSync(zipPath, bigZip(8, 100 * MB));
    const baseline = measure(warmPath, 'invoice.xml', warmPath);
    const cases: [string, Measure][] = [
      ['empty run (baseline)', baseline],
      ['100 MB XML, base64 attachment', measure(xmlPath, 'invoice.xml', warmPath)],
      ['gzip bomb, 1 GB inflated', measure(bombPath, 'bomb.xml.gz', warmPath)],
      ['zip, 8 members of 100 MB (800 MB inflated)', measure(zipPath, 'batch.zip', warmPath)],
    ];
    const mb = (b: number) => (b / MB).toFixed(0);
    const lines = [
      '| case | input (MB) | peak RSS (MB) | over baseline (MB) | × baseline RSS | run over its own start (MB) | peak arrayBuffers (MB) | time (ms) | × baseline time | documents | diagnostics | target |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ];
    for (const [label, m] of cases) {
      const isBaseline = m === baseline;
      const underTarget = m.peakRssBytes < 200 * MB;
      const refusedEarly = label.startsWith('gzip') ? m.ruleIds.some((id) => id.startsWith('limit/')) : true;
      const target = isBaseline
        ? ''
        : `${underTarget ? 'peak < 200 MB ✔' : 'peak ≥ 200 MB ✘'}${label.startsWith('gzip') ? (refusedEarly ? ', refused by a limit ✔' : ', no limit diagnostic ✘') : ''}`;
      lines.push(
        `| ${label} | ${mb(m.inputBytes)} | ${mb(m.peakRssBytes)} | ${mb(m.peakRssBytes - baseline.peakRssBytes)} | ${(m.peakRssBytes / baseline.peakRssBytes).toFixed(2)} | ${mb(m.peakRssBytes - m.peakBeforeRunBytes)} | ${mb(m.peakArrayBuffersBytes)} | ${m.ms.toFixed(0)} | ${(m.ms / Math.max(baseline.ms, 0.001)).toFixed(0)} | ${m.documents} | ${m.ruleIds.filter((id) => /^(read|limit)\//.test(id)).join(', ')} | ${target} |`,
      );
    }
    process.stdout.write(lines.join('\n') + '\n');
    process.stdout.write(
      '\nThe input bytes are resident in each case (the 100 MB file is read into memory, once, before the run); "run over its own start" is what the run adds to the peak reached by loading the modules, the input and a warm-up run.\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
