/**
 * Reader throughput and memory, as ratios against baselines measured in the same run:
 * - XML: full fact extraction (`readDeposit`) vs a raw saxes parse (same options: namespaces
 *   and positions; and saxes without them), fast-xml-parser, and `xmllint --noout` when
 *   installed, over the same files (every XML invoice under fixtures/, and the corpus when
 *   present). Targets: ≥ 75 % of raw saxes, ≥ 4× fast-xml-parser.
 * - A 100 MB XML, mostly one base64 attachment: peak RSS in a fresh child process. Target < 200 MB.
 * - A warm Factur-X PDF: median time per read once pdf.js is loaded, vs `pdfdetach -list`
 *   when installed. Target < 5 ms.
 * Prints Markdown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { XMLParser } from 'fast-xml-parser';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MB = 1024 * 1024;

function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Runs `fn` over all inputs `rounds` times after one warm-up round; returns MB/s. */
function throughput(inputs: Uint8Array[], rounds: number, fn: (b: Uint8Array) => void): number {
  const bytes = inputs.reduce((a, b) => a + b.length, 0);
  for (const b of inputs) fn(b);
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const b of inputs) fn(b);
  const s = (performance.now() - t0) / 1000;
  return (bytes * rounds) / MB / s;
}

async function throughputAsync(inputs: Uint8Array[], rounds: number, fn: (b: Uint8Array) => Promise<unknown>): Promise<number> {
  const bytes = inputs.reduce((a, b) => a + b.length, 0);
  for (const b of inputs) await fn(b);
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const b of inputs) await fn(b);
  const s = (performance.now() - t0) / 1000;
  return (bytes * rounds) / MB / s;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Child process: builds a ~100 MB XML (one base64 attachment) in place and reads it once. */
async function memoryChild(): Promise<void> {
  const { readDeposit } = await import('../../packages/core/src/index.js');
  globalThis.gc?.();
  const rssModules = process.memoryUsage().rss;
  const enc = new TextEncoder();
  const head = enc.encode(`<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
<rsm:ExchangedDocument><ram:ID>BIG-1</ram:ID><ram:TypeCode>380</ram:TypeCode></rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement><ram:AdditionalReferencedDocument>
<ram:AttachmentBinaryObject mimeCode="application/pdf" filename="big.pdf">JVBERi0xLjcK`);
  const tail = enc.encode(`</ram:AttachmentBinaryObject></ram:AdditionalReferencedDocument></ram:ApplicableHeaderTradeAgreement></rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>\n`);
  const body = 100 * MB - head.length - tail.length;
  const bytes = new Uint8Array(head.length + body + tail.length);
  bytes.set(head);
  // Base64 lines of 76 characters, as MIME writers do.
  const line = enc.encode('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n');
  for (let o = 0; o < body; o += line.length) bytes.set(line.subarray(0, Math.min(line.length, body - o)), head.length + o);
  // Keep the base64 length a multiple of 4 (blanks are ignored): pad the end with blanks.
  bytes.set(tail, head.length + body);
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const docs = await readDeposit({ name: 'big.xml', bytes });
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({
    inputBytes: bytes.length,
    rssModules,
    rssBeforeRead: before,
    peakRss: peak,
    ms,
    attachmentSize: docs[0]?.facts.attachments[0]?.size ?? null,
    diagnostics: docs[0]?.diagnostics.map((d) => d.ruleId) ?? [],
  }) + '\n');
}

async function main(): Promise<void> {
  const { readDeposit } = await import('../../packages/core/src/node.js');
  const out: string[] = [];

  // --- XML throughput ------------------------------------------------------------------------
  const corpus = ['/work/shared/corpus', join(ROOT, '../shared/corpus')].find((d) => existsSync(d));
  const paths = [...filesUnder(join(ROOT, 'fixtures/corpus'), '.xml'), ...filesUnder(join(ROOT, 'fixtures/generated'), '.xml'), ...(corpus ? filesUnder(corpus, '.xml') : [])];
  const fxp = new XMLParser({ ignoreAttributes: false });
  // Only invoices that read without error: the same work for every parser.
  const inputs: Uint8Array[] = [];
  const usedPaths: string[] = [];
  for (const p of paths) {
    const b = new Uint8Array(readFileSync(p));
    const [doc] = await readDeposit({ name: p, bytes: b });
    let fxpOk = true;
    try {
      fxp.parse(new TextDecoder().decode(b));
    } catch {
      fxpOk = false;
    }
    if (fxpOk && doc && !doc.unreadable && doc.facts.attachments.length === 0 && /^\s*</.test(new TextDecoder().decode(b.subarray(0, 64)).replace(/^\uFEFF/, ''))) {
      inputs.push(b);
      usedPaths.push(p);
    }
  }
  const totalMb = inputs.reduce((a, b) => a + b.length, 0) / MB;
  const rounds = Math.max(3, Math.ceil(40 / totalMb));
  const decoder = new TextDecoder();

  const ours = await throughputAsync(inputs, rounds, (b) => readDeposit({ name: 'x.xml', bytes: b }));
  const saxesNs = throughput(inputs, rounds, (b) => {
    const p = new SaxesParser({ xmlns: true, position: true });
    p.on('error', () => undefined);
    p.on('text', () => undefined);
    p.on('opentag', () => undefined);
    p.on('closetag', () => undefined);
    p.write(decoder.decode(b)).close();
  });
  const saxesPlain = throughput(inputs, rounds, (b) => {
    const p = new SaxesParser({ position: true });
    p.on('error', () => undefined);
    p.on('text', () => undefined);
    p.on('opentag', () => undefined);
    p.on('closetag', () => undefined);
    p.write(decoder.decode(b)).close();
  });
  const fastXml = throughput(inputs, rounds, (b) => fxp.parse(decoder.decode(b)));
  let xmllint: number | null = null;
  if (has('xmllint')) {
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) spawnSync('xmllint', ['--noout', '--nonet', ...usedPaths], { stdio: 'ignore', maxBuffer: 64 * MB });
    xmllint = (totalMb * rounds) / ((performance.now() - t0) / 1000);
  }
  out.push(`### XML: ${inputs.length} invoices, ${totalMb.toFixed(1)} MiB, ${rounds} rounds (fixtures${corpus ? ' + corpus' : ''})`, '');
  out.push('| reader | MiB/s | ours ÷ it | target |', '|---|---:|---:|---|');
  out.push(`| readDeposit (full facts, locations) | ${ours.toFixed(1)} | 1.00 | |`);
  out.push(`| raw saxes, as the reader runs it (positions, no xmlns; empty handlers) | ${saxesPlain.toFixed(1)} | ${(ours / saxesPlain).toFixed(2)} | ≥ 0.75 |`);
  out.push(`| raw saxes with its xmlns mode | ${saxesNs.toFixed(1)} | ${(ours / saxesNs).toFixed(2)} | |`);
  out.push(`| fast-xml-parser 5 (to objects) | ${fastXml.toFixed(1)} | ${(ours / fastXml).toFixed(2)} | ≥ 4 |`);
  if (xmllint !== null) out.push(`| xmllint --noout (one process per round, C) | ${xmllint.toFixed(1)} | ${(ours / xmllint).toFixed(2)} | |`);
  else out.push('| xmllint | not installed | | |');
  out.push('');

  // --- 100 MB XML memory --------------------------------------------------------------------
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', SELF, '--memory-child'], { encoding: 'utf8', maxBuffer: 16 * MB });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    const m = JSON.parse(line) as { inputBytes: number; rssModules: number; rssBeforeRead: number; peakRss: number; ms: number; attachmentSize: number; diagnostics: string[] };
    out.push('### 100 MB XML, mostly one base64 attachment (fresh process)', '');
    out.push('| input | RSS, modules loaded | RSS, input built | peak RSS | reader over input + modules | read time | attachment size found | target |', '|---:|---:|---:|---:|---:|---:|---:|---|');
    out.push(`| ${(m.inputBytes / MB).toFixed(0)} MiB | ${(m.rssModules / MB).toFixed(0)} MiB | ${(m.rssBeforeRead / MB).toFixed(0)} MiB | ${(m.peakRss / MB).toFixed(0)} MiB | ${((m.peakRss - m.rssModules - m.inputBytes) / MB).toFixed(0)} MiB | ${m.ms.toFixed(0)} ms | ${(m.attachmentSize / MB).toFixed(1)} MiB | peak < 200 MB |`);
    if (m.diagnostics.length > 0) out.push('', `Diagnostics: ${m.diagnostics.join(', ')}`);
  } catch {
    out.push(`100 MB XML: child failed (${child.status}): ${child.stderr.slice(0, 500)}`);
  }
  out.push('');

  // --- Warm Factur-X PDF ----------------------------------------------------------------------
  const pdfs = [join(ROOT, 'fixtures/generated/works-a4-facturx.pdf'), join(ROOT, 'fixtures/corpus/akretion-factur-x/invoice_EN16931.pdf')].filter((p) => existsSync(p));
  out.push('### Warm Factur-X PDF (pdf.js loaded, median of 50 reads)', '');
  out.push('| file | size | readDeposit | pdfdetach -list (process per call) | target |', '|---|---:|---:|---:|---|');
  const coldStart = performance.now();
  if (pdfs[0]) await readDeposit({ name: 'warm.pdf', bytes: new Uint8Array(readFileSync(pdfs[0])) });
  const cold = performance.now() - coldStart;
  for (const p of pdfs) {
    const b = new Uint8Array(readFileSync(p));
    for (let i = 0; i < 5; i++) await readDeposit({ name: 'f.pdf', bytes: b });
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await readDeposit({ name: 'f.pdf', bytes: b });
      times.push(performance.now() - t0);
    }
    let detach = 'not installed';
    if (has('pdfdetach')) {
      const dt: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t0 = performance.now();
        spawnSync('pdfdetach', ['-list', p], { stdio: 'ignore' });
        dt.push(performance.now() - t0);
      }
      detach = `${median(dt).toFixed(2)} ms`;
    }
    out.push(`| ${p.slice(ROOT.length)} | ${(b.length / 1024).toFixed(0)} KiB | ${median(times).toFixed(2)} ms | ${detach} | < 5 ms |`);
  }
  out.push('', `First PDF read in this process (loads pdf.js and its fake worker): ${cold.toFixed(0)} ms.`);
  process.stdout.write(out.join('\n') + '\n');
}

if (process.argv.includes('--memory-child')) await memoryChild();
else await main();
