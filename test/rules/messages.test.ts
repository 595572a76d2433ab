/**
 * Every message the rules can render, in French and English, reads as a sentence about values:
 * no `null`, `undefined`, dash standing for a value, unfilled `{placeholder}` or raw fact name.
 * Rendered from every failing rule example and from every fixture checked in contexts that
 * make the deposit rules speak.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { precheck, readDeposit } from '../../packages/core/src/node.js';
import type { DepositReader } from '../../packages/core/src/precheck.js';
import type { ReadDocument } from '../../packages/core/src/facts/facts.js';
import type { DepositContext, Diagnostic } from '../../packages/core/src/index.js';
import { loadRuleSet } from '../../packages/core/src/rules/load.js';
import { exampleDepositFacts, runExample } from '../../packages/core/src/rules/examples.js';
import { diagnosticOf } from '../../packages/core/src/rules/outcomes.js';
import { DEPOSIT_FACTS, PORTAL_FACTS } from '../../packages/core/src/rules/facts-catalogue.js';
import { MISSING_VALUE } from '../../packages/core/src/rules/placeholders.js';

// Fact names that are not also plain words (camelCase): they must never reach a user.
const FACT_NAMES = [...Object.keys(DEPOSIT_FACTS), ...Object.keys(PORTAL_FACTS)].filter((n) => /[A-Z]/.test(n));
const BAD = [/\bnull\b/, /\bundefined\b(?! entity)/, /\bNaN\b/, /—/, /\{[A-Za-z]+\}/, /\[object Object\]/, new RegExp(`\\b(${FACT_NAMES.join('|')})\\b`)];

function problems(text: string): string[] {
  const found = BAD.filter((re) => re.test(text)).map(String);
  for (const missing of Object.values(MISSING_VALUE)) if (text.includes(missing)) found.push(missing);
  return found;
}

function expectClean(d: Pick<Diagnostic, 'ruleId' | 'messages' | 'message'>, where: string): void {
  for (const text of [d.messages?.fr ?? d.message, d.messages?.en ?? d.message]) {
    expect(problems(text), `${where} ${d.ruleId}: ${text}`).toEqual([]);
  }
}

describe('rendered rule messages', () => {
  const set = loadRuleSet();

  it('are clean for every failing rule example, in both languages', async () => {
    let rendered = 0;
    for (const rule of set.rules) {
      if (rule.area === 'portal') continue;
      for (let i = 0; i < rule.meta.examples.length; i++) {
        const result = await runExample(set, rule, i);
        if (result.actual !== 'failed') continue;
        const facts = exampleDepositFacts(set, rule.meta.examples[i]!);
        expectClean(diagnosticOf(rule, result.evaluation, facts, rule.meta.severity, undefined), `example ${i} of`);
        rendered++;
      }
    }
    expect(rendered).toBeGreaterThan(40);
  });

  const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/\.(json|tsv|md)$|NOTICE$/.test(name)) files.push(path);
    }
  };
  walk(root);
  const inputs = files.map((f) => ({ name: f.slice(root.length), bytes: new Uint8Array(readFileSync(f)) }));
  const contexts: DepositContext[] = [
    {},
    { channel: 'API', syntaxe: 'IN_DP_E1_UBL_INVOICE', depositDate: '2024-01-01' },
    { channel: 'API', syntaxe: 'IN_DP_E5_CII_FACTURX' },
    { channel: 'PORTAIL', space: 'factures', syntaxe: 'IN_DP_E4_UBL_INVOICE' },
    { channel: 'PORTAIL', syntaxe: 'IN_DP_E2_CII_FACTURX_B2B' },
    { channel: 'API', syntaxe: 'IN_DP_E2_FACTURX' },
    { channel: 'API', syntaxe: 'IN_DP_E9_NOT_A_VALUE' },
    { channel: 'EDI', interfaceCode: 'FSO1130A', syntaxe: 'IN_DP_E4_UBL_INVOICE' },
    { channel: 'EDI', ediFileName: 'not-an-edi-name.xml' },
    { channel: 'EDI', interfaceCode: 'FSO9999A' },
  ];

  // Reading does not depend on the deposit context: each fixture is read (and schema-checked) once, not once per context.
  const read = new Map<string, Promise<ReadDocument[]>>();
  const readOnce: DepositReader = async (input, options) => {
    if (!read.has(input.name)) read.set(input.name, readDeposit(input, options));
    return structuredClone(await read.get(input.name)!);
  };

  it(`are clean for every fixture (${inputs.length} files) in ${contexts.length} deposit contexts`, async () => {
    const seen = new Set<string>();
    for (const context of contexts) {
      const report = await precheck(inputs, context, { lang: 'fr', reader: readOnce });
      for (const doc of report.documents)
        for (const d of doc.diagnostics) {
          expectClean(d, `${doc.file}, ${JSON.stringify(context)}:`);
          seen.add(d.ruleId);
        }
    }
    // The sweep makes most rules speak: deposit, content, Factur-X and reading ones.
    for (const id of [
      'deposit/syntaxe-exists',
      'deposit/syntaxe-b2b-defect',
      'deposit/works-flow-requires-works-cadre',
      'content/issue-date-not-after-deposit',
      'facturx/invoice-xml-named-factur-x',
      'read/unreadable-date',
    ])
      expect(seen).toContain(id);
  }, 120_000);
});
