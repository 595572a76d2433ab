// Memoised outcomes (rule groups, context-only rules, flow table) must be exactly what a fresh
// rule set gives, whatever the order in which documents come.
import { describe, expect, it } from 'vitest';
import { precheck } from '../../packages/core/src/precheck.js';
import { loadRuleSet } from '../../packages/core/src/rules/load.js';
import { RuleSet } from '../../packages/core/src/rules/rule-set.js';
import type { Facts } from '../../packages/core/src/facts/facts.js';
import { doc, facts, facturxFacts, fakeReader, xmlInput } from '../helpers/facts.js';

const variants: Facts[] = [
  facts(),
  facts({ number: 'F-2', issueDate: '2024-02-20' }),
  facts({ number: 'X'.repeat(21) }),
  facts({ cadre: 'A4', isWorks: true, number: 'F-4' }),
  facts({ cadre: 'A9', hasValideur: false }),
  facts({ buyerId: { value: '11000201100045', scheme: null }, number: 'F-6' }),
  facts({ paymentMeansCodes: ['58'], maxAmountDecimals: 3 }),
  facturxFacts(),
  facturxFacts({ cadre: 'A7', isWorks: true }),
  facts({ number: 'F-2', issueDate: '2024-02-20' }),
];
const contexts = [
  {},
  { channel: 'API' as const, syntaxe: 'IN_DP_E4_UBL_INVOICE' },
  { channel: 'EDI' as const, interfaceCode: 'FSO1117A' },
  { channel: 'PORTAIL' as const, syntaxe: 'IN_DP_E2_CII_FACTURX' },
];

describe('memoised evaluation', () => {
  it('gives the same reports as a fresh rule set, document after document', async () => {
    const shared = loadRuleSet();
    const base = loadRuleSet();
    for (const context of contexts) {
      for (const [i, f] of variants.entries()) {
        const fresh = new RuleSet(base.rules, base.catalogueData);
        const a = await precheck(xmlInput(), { ...context, depositDate: '2024-03-01' }, { reader: fakeReader(doc(`d${i}.xml`, f)), ruleSet: shared });
        const b = await precheck(xmlInput(), { ...context, depositDate: '2024-03-01' }, { reader: fakeReader(doc(`d${i}.xml`, f)), ruleSet: fresh });
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      }
    }
  });

  it('stays right when documents of a batch are checked concurrently', async () => {
    const shared = loadRuleSet();
    const context = { channel: 'API' as const, syntaxe: 'IN_DP_E1_UBL_INVOICE', depositDate: '2024-03-01' };
    const run = (f: Facts, i: number, set: RuleSet) => precheck(xmlInput(), context, { reader: fakeReader(doc(`c${i}.xml`, f)), ruleSet: set });
    const concurrent = await Promise.all(variants.map((f, i) => run(f, i, shared)));
    for (const [i, f] of variants.entries()) {
      const fresh = await run(f, i, new RuleSet(shared.rules, shared.catalogueData));
      expect(JSON.stringify(concurrent[i])).toBe(JSON.stringify(fresh));
    }
  });
});
