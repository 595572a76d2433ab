// The flow table is computed in one engine run over rule copies, with flow-only conditions
// decided once and results memoised: it must give exactly what running every flow rule with
// the `flow` fact set to each catalogue flow gives.
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../packages/core/src/rules/load.js';
import { exampleDepositFacts } from '../../packages/core/src/rules/examples.js';
import { flowFact } from '../../packages/core/src/facts/deposit-facts.js';

const set = loadRuleSet();

describe('flow table', () => {
  for (const release of ['3.8.0', '3.8.1']) {
    it(`equals the naive per-flow evaluation on every deposit example's facts (${release})`, async () => {
      const prepared = set.prepare({ release });
      let compared = 0;
      for (const rule of set.rules.filter((r) => r.area !== 'portal')) {
        for (const example of rule.meta.examples) {
          if (example.context?.release && example.context.release !== release) continue;
          const facts = exampleDepositFacts(set, { ...example, context: { ...(example.context ?? {}), release } }, release);
          const table = await prepared.runFlows(facts);
          for (const flow of prepared.catalogue.flows) {
            const naive = await prepared.runDeposit({ ...facts, flow: flowFact(flow) });
            const row = table.find((t) => t.code === flow.code)!;
            for (const r of prepared.flowRules) {
              expect([rule.id, flow.code, r.id, row.outcomes.get(r.id)]).toEqual([rule.id, flow.code, r.id, naive.get(r.id)!.status]);
              compared++;
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(1000);
    });
  }
});
