/**
 * Rule evaluation per document against reading a typical 20 KB invoice, measured in the same run:
 * - baseline: `readDeposit` of a 20 KB UBL invoice (and, for scale, a bare saxes parse of it);
 * - the deposit rules on one document (one json-rules-engine run, explanations built);
 * - the flow table (the flow rules for each of the 12 catalogue flows), cold and memoised;
 * - a whole `checkDocument` (rules + flows + diagnostics), and compiling the rule set once.
 * Target: rules per document cost less than reading the invoice. Prints Markdown.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { readDeposit } from '../../packages/core/src/read/index.js';
import { checkDocument } from '../../packages/core/src/precheck.js';
import { depositFacts, flowFact } from '../../packages/core/src/rules/deposit-facts.js';
import { loadRuleSet, RuleSet } from '../../packages/core/src/rules/rule-set.js';
import { compileRuleFiles } from '../../packages/core/src/rules/load.js';
import { RULE_FILES } from '../../packages/core/src/generated/rules-data.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = `${root}fixtures/corpus/ph-ubl/UBL-Invoice-2.1-Example.xml`;

/** A 20 KB UBL invoice: the fixture when present, else a synthetic one of the same size. */
function invoiceBytes(): { name: string; bytes: Uint8Array } {
  if (existsSync(fixture)) return { name: 'UBL-Invoice-2.1-Example.xml', bytes: new Uint8Array(readFileSync(fixture)) };
  const line = (i: number) => `<cac:InvoiceLine><cbc:ID>${i}</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">10.00</cbc:LineExtensionAmount><cac:Item><cbc:Name>Article ${i}</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="EUR">10.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>F1</cbc:ID><cbc:IssueDate>2024-02-01</cbc:IssueDate><cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>${Array.from({ length: 60 }, (_, i) => line(i)).join('')}</Invoice>`;
  return { name: 'synthetic-20k.xml', bytes: new TextEncoder().encode(xml) };
}

/** Median time per call in µs: batches of calls until ~`ms` of work, median over batches. */
async function measure(fn: () => unknown | Promise<unknown>, ms = 1500): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  let per = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < per; i++) await fn();
    if (performance.now() - t > 20) break;
    per *= 2;
  }
  const samples: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end || samples.length < 7) {
    const t = performance.now();
    for (let i = 0; i < per; i++) await fn();
    samples.push(((performance.now() - t) * 1000) / per);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const input = invoiceBytes();
const docs = await readDeposit(input);
const doc = docs[0]!;
const set = loadRuleSet();
const context = { channel: 'API' as const, syntaxe: 'IN_DP_E1_UBL_INVOICE' };
const prepared = set.prepare({ release: '3.8.1' });
const shape = { invoiceCount: 1, depositContainer: 'xml' };
const facts = depositFacts(doc.facts, context, prepared.catalogue, shape);
const flowOf = (code: string) => flowFact(prepared.catalogue.flow(code)!);
const cache = (prepared as unknown as { flowCache: Map<string, unknown> }).flowCache;

const read = await measure(() => readDeposit(input));
const saxes = await measure(() => {
  const p = new SaxesParser({ xmlns: true, position: true });
  p.on('opentag', () => undefined);
  p.write(new TextDecoder().decode(input.bytes)).close();
});
const depositRun = await measure(() => prepared.runDeposit(facts));
const excluding = new Set(prepared.flowRules.filter((r) => r.meta.severity === 'error').map((r) => r.id));
const flowsCold = await measure(async () => { cache.clear(); await prepared.runFlows(facts, flowOf, excluding); });
const flowsWarm = await measure(() => prepared.runFlows(facts, flowOf, excluding));
const checkWarm = await measure(() => checkDocument(doc, context, prepared, shape, { lang: 'fr', severity: {} }));
const checkCold = await measure(async () => { cache.clear(); await checkDocument(doc, context, prepared, shape, { lang: 'fr', severity: {} }); });
const compile = await measure(() => {
  const { rules } = compileRuleFiles(RULE_FILES);
  new RuleSet(rules, set.catalogueData).prepare({ release: '3.8.1' });
}, 1000);

const us = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(0)} µs`);
const ratio = (x: number) => `${(x / read).toFixed(2)}×`;
console.log(`Input: ${input.name} (${(input.bytes.length / 1024).toFixed(1)} KB), release 3.8.1, ${prepared.depositRules.length} deposit rules, ${prepared.catalogue.flows.length} flows. Median time per call.\n`);
console.log('| measurement | time | vs reading the invoice |');
console.log('|---|---|---|');
console.log(`| **baseline**: readDeposit (read the 20 KB invoice) | ${us(read)} | 1.00× |`);
console.log(`| bare saxes parse of the same bytes | ${us(saxes)} | ${ratio(saxes)} |`);
console.log(`| deposit rules, one engine run + explanations | ${us(depositRun)} | ${ratio(depositRun)} |`);
console.log(`| flow table, 12 flows, cold (no memo) | ${us(flowsCold)} | ${ratio(flowsCold)} |`);
console.log(`| flow table, memoised on the facts it reads | ${us(flowsWarm)} | ${ratio(flowsWarm)} |`);
console.log(`| checkDocument (rules + flows + diagnostics), cold flows | ${us(checkCold)} | ${ratio(checkCold)} |`);
console.log(`| checkDocument, memoised flows (batch of similar invoices) | ${us(checkWarm)} | ${ratio(checkWarm)} |`);
console.log(`| compile the rule set once (load + engines), not per document | ${us(compile)} | ${ratio(compile)} |`);
console.log(`\nRules per document (cold) cost ${ratio(checkCold)} of reading the invoice: ${checkCold < read ? 'under' : 'OVER'} the target (< 1.00×).`);
