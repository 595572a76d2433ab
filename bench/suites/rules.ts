/**
 * Rule evaluation per document against reading a typical 20 KB invoice, measured in the same run:
 * - baseline: `readDeposit` of a 20 KB UBL invoice (and, for scale, a bare saxes parse of it);
 * - the deposit rules on one document (explanations built), cold;
 * - the flow table (the flow rules for each of the 12 catalogue flows, one engine run), cold
 *   and memoised;
 * - json-rules-engine alone: the engine runs a lone document needs, statuses only (no
 *   explanation, facts or report), to show how much of a cold document is the engine's own cost;
 * - a whole `checkDocument` (rules + flows + diagnostics): cold (one document alone), and per
 *   document of a batch whose invoices differ in number and date (rule groups, context-only
 *   rules and the flow table are memoised on the facts they read); building a release's
 *   engines once.
 * Target: rules per document cost less than reading the invoice. Prints Markdown.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { readDeposit } from '../../packages/core/src/read/index.js';
import { checkDocument } from '../../packages/core/src/precheck.js';
import { depositFacts, flowFact } from '../../packages/core/src/facts/deposit-facts.js';
import { RuleSet } from '../../packages/core/src/rules/rule-set.js';
import { compileRuleFiles, loadRuleSet } from '../../packages/core/src/rules/load.js';
import type { RuleEngine } from '../../packages/core/src/rules/engine.js';
import { RULE_FILES } from '../../packages/core/src/generated/rules-data.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = `${root}fixtures/corpus/ph-ubl/UBL-Invoice-2.1-Example.xml`;

/** A 20 KB UBL invoice: the fixture when present, else a synthetic one of the same size. */
function invoiceBytes(): { name: string; bytes: Uint8Array } {
  if (existsSync(fixture)) return { name: 'UBL-Invoice-2.1-Example.xml', bytes: new Uint8Array(readFileSync(fixture)) };
  const line = (i: number) =>
    `<cac:InvoiceLine><cbc:ID>${i}</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">10.00</cbc:LineExtensionAmount><cac:Item><cbc:Name>Article ${i}</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="EUR">10.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>F1</cbc:ID><cbc:IssueDate>2024-02-01</cbc:IssueDate><cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>${Array.from({ length: 60 }, (_, i) => line(i)).join('')}</Invoice>`;
  return { name: 'synthetic-20k.xml', bytes: new TextEncoder().encode(xml) };
}

/** Calls per batch so that one batch takes about 20 ms. */
async function calibrate(fn: () => unknown): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  let per = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < per; i++) await fn();
    if (performance.now() - t > 20) return per;
    per *= 2;
  }
}

/** Time per call in µs of one batch. */
async function batch(fn: () => unknown, per: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < per; i++) await fn();
  return ((performance.now() - t) * 1000) / per;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Measures every case against the baseline in interleaved rounds (baseline batch, case batch,
 * …), so that a busy machine slows both alike; returns median times and the median of the
 * per-round ratios.
 */
async function compare(
  baseline: () => unknown,
  cases: Record<string, () => unknown>,
  rounds = 15,
): Promise<{ base: number; times: Record<string, number>; ratios: Record<string, number> }> {
  const basePer = await calibrate(baseline);
  const pers: Record<string, number> = {};
  for (const [k, fn] of Object.entries(cases)) pers[k] = await calibrate(fn);
  const baseTimes: number[] = [];
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  const ratios: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [k, fn] of Object.entries(cases)) {
      const b = await batch(baseline, basePer);
      const c = await batch(fn, pers[k]!);
      baseTimes.push(b);
      times[k]!.push(c);
      ratios[k]!.push(c / b);
    }
  }
  return {
    base: median(baseTimes),
    times: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])),
    ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, median(v)])),
  };
}

const input = invoiceBytes();
const docs = await readDeposit(input);
const doc = docs[0]!;
const set = loadRuleSet();
const context = { channel: 'API' as const, syntaxe: 'IN_DP_E1_UBL_INVOICE' };
const prepared = set.prepare({ release: '3.8.1' });
const shape = { invoiceCount: 1, depositContainer: 'xml' };
const facts = depositFacts(doc.facts, context, prepared.catalogue, shape);
const memo = prepared as unknown as { flowCache: Map<string, unknown>; contextCache: Map<string, unknown>; documentGroups: { cache: Map<string, unknown> }[] };
// The json-rules-engine runs a lone document needs (context rules, document rules, flow table),
// statuses only: what the engine itself costs, without our explanations, facts or report.
type Engines = { contextEngine: RuleEngine; documentEngine: RuleEngine; flowTable(): Promise<{ engine: RuleEngine; flows: string[] }> };
const engines = prepared as unknown as Engines;
const table = await engines.flowTable();
const flowInput: Record<string, unknown> = { ...facts };
for (const code of new Set(table.flows)) flowInput[`flow@${code}`] = flowFact(prepared.catalogue.flow(code)!);
const cold = () => {
  memo.flowCache.clear();
  memo.contextCache.clear();
  for (const g of memo.documentGroups) g.cache.clear();
};
// A batch: the same invoice with its own number and issue date, as in a real deposit.
const batchDocs = Array.from({ length: 64 }, (_, i) => ({
  ...doc,
  facts: { ...doc.facts, number: `F2024-${1000 + i}`, issueDate: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}` },
}));
let next = 0;

const { rules } = compileRuleFiles(RULE_FILES);
const {
  base: read,
  times,
  ratios,
} = await compare(() => readDeposit(input), {
  saxes: () => {
    const p = new SaxesParser({ xmlns: true, position: true });
    p.on('opentag', () => undefined);
    p.write(new TextDecoder().decode(input.bytes)).close();
  },
  depositRun: async () => {
    cold();
    await prepared.runDeposit(facts);
  },
  flowsCold: async () => {
    cold();
    await prepared.runFlows(facts);
  },
  flowsWarm: () => prepared.runFlows(facts),
  engineOnly: async () => {
    await engines.contextEngine.statuses(facts);
    await engines.documentEngine.statuses(facts);
    await table.engine.statuses(flowInput);
  },
  checkCold: async () => {
    cold();
    await checkDocument(doc, context, prepared, shape, { lang: 'fr', severity: {} });
  },
  checkBatch: () => checkDocument(batchDocs[next++ % batchDocs.length]!, context, prepared, shape, { lang: 'fr', severity: {} }),
  compile: () => new RuleSet(rules, set.catalogueData).prepare({ release: '3.8.1' }),
});

const us = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(0)} µs`);
const row = (label: string, k: string) => console.log(`| ${label} | ${us(times[k]!)} | ${ratios[k]!.toFixed(2)}× |`);
console.log(
  `Input: ${input.name} (${(input.bytes.length / 1024).toFixed(1)} KB), release 3.8.1, ${prepared.depositRules.length} deposit rules, ${prepared.catalogue.flows.length} flows. Median time per call; ratio = median of per-round ratios, each round timing the baseline and the case back to back.\n`,
);
console.log('| measurement | time | vs reading the invoice |');
console.log('|---|---|---|');
console.log(`| **baseline**: readDeposit (read the 20 KB invoice) | ${us(read)} | 1.00× |`);
row('bare saxes parse of the same bytes', 'saxes');
row('deposit rules with explanations, cold (no memo)', 'depositRun');
row('flow table, 12 flows in one engine run, cold (no memo)', 'flowsCold');
row('flow table, memoised on the facts it reads', 'flowsWarm');
row('json-rules-engine alone: the three engine runs of a lone document (context rules, document rules, flow table), statuses only', 'engineOnly');
row('checkDocument (facts, rules, flows, diagnostics), cold: one document alone', 'checkCold');
row('checkDocument per document of a batch (64 invoices differing in number and date; memoised rule groups)', 'checkBatch');
row('build the engines of a release once (compiled rules), not per document', 'compile');
console.log(`\njson-rules-engine's own runs are ${((100 * times.engineOnly!) / times.checkCold!).toFixed(0)}% of a lone document's checkDocument.`);
console.log(
  `\nRules per document cost ${ratios.checkCold!.toFixed(2)}× reading the invoice for a document alone, ${ratios.checkBatch!.toFixed(2)}× per document of a batch (target: < 1.00×). Machine load average: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs.`,
);
