// Every rule gets a status and an explanation tree on every document, including the conditions
// json-rules-engine never evaluated because of short-circuiting.
import { describe, expect, it } from 'vitest';
import { precheck } from '../../packages/core/src/precheck.js';
import type { ConditionTrace, RuleOutcome } from '../../packages/core/src/report/report.js';
import { loadRuleSet } from '../../packages/core/src/rules/load.js';
import { doc, facts, fakeReader, unreadableDoc, xmlInput } from '../helpers/facts.js';

const outcome = (rules: RuleOutcome[], id: string) => rules.find((r) => r.ruleId === id)!;
const leavesOf = (t: ConditionTrace | null): ConditionTrace[] => (!t ? [] : t.kind === 'condition' ? [t] : (t.children ?? []).flatMap(leavesOf));

describe('explanations', () => {
  it('lists every rule in force on every document', async () => {
    const report = await precheck(xmlInput(), {}, { reader: fakeReader(doc('a.xml'), doc('b.xml')) });
    const ids = loadRuleSet()
      .prepare()
      .depositRules.map((r) => r.id)
      .sort();
    for (const d of report.documents) expect(d.rules.map((r) => r.ruleId).sort()).toEqual(ids);
  });

  it('keeps short-circuited conditions, marked not evaluated', async () => {
    const report = await precheck(xmlInput(), {}, { reader: fakeReader(doc('a.xml')) });
    const o = outcome(report.documents[0]!.rules, 'deposit/works-flow-requires-works-cadre');
    expect(o.status).toBe('not-applicable');
    const [first, second] = o.explanation.when!.children!;
    expect(first).toMatchObject({ name: 'a flow is chosen (syntaxe or interface code)', fact: 'flow', evaluated: true, result: false, actual: null });
    expect(second).toMatchObject({ fact: 'flow', path: '$.scope', evaluated: false, result: null, expected: 'works-only' });
    expect(second).not.toHaveProperty('actual');
    expect(o.explanation.assert).toMatchObject({ fact: 'isWorks', evaluated: false, result: null });
    expect(o.explanation.when).toMatchObject({ kind: 'all', evaluated: true, result: false });
  });

  it('shows the values seen and the outcome of each evaluated condition of a failure', async () => {
    const report = await precheck(xmlInput(), { channel: 'API', syntaxe: 'IN_DP_E4_UBL_INVOICE' }, { reader: fakeReader(doc('a.xml')) });
    const o = outcome(report.documents[0]!.rules, 'deposit/works-flow-requires-works-cadre');
    expect(o.status).toBe('failed');
    expect(o.explanation.when!.children!.map((c) => [c.evaluated, c.result])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(o.explanation.when!.children![1]).toMatchObject({ actual: 'works-only', expected: 'works-only' });
    expect(o.explanation.assert).toMatchObject({
      kind: 'condition',
      name: 'the billing framework (BT-23) is a works framework',
      actual: false,
      expected: true,
      evaluated: true,
      result: false,
    });
  });

  it('explains nested conditions and resolves compared facts', async () => {
    const report = await precheck(xmlInput(), { depositDate: '2024-01-15' }, { reader: fakeReader(doc('a.xml', facts({ paymentMeansCodes: ['58', '30'] }))) });
    const pm = outcome(report.documents[0]!.rules, 'content/payment-means-not-58-59');
    expect(pm.status).toBe('failed');
    expect(pm.explanation.when).toBeNull();
    expect(pm.explanation.assert!.kind).toBe('all');
    // The first child fails, so json-rules-engine never evaluates the second.
    expect(pm.explanation.assert!.children!.map((c) => [c.evaluated, c.result])).toEqual([
      [true, false],
      [false, null],
    ]);
    const date = outcome(report.documents[0]!.rules, 'content/issue-date-not-after-deposit');
    expect(date.status).toBe('failed');
    expect(date.explanation.assert).toMatchObject({ actual: '2024-02-01', expected: '2024-01-15', operator: 'dateNotAfter' });
  });

  it('skips the rules that need an unreadable document, with a fully unevaluated tree, and runs the others', async () => {
    const report = await precheck(xmlInput(), { channel: 'API', syntaxe: 'IN_DP_E1_UBL_INVOICE' }, { reader: fakeReader(unreadableDoc('broken.xml')) });
    const d = report.documents[0]!;
    const number = outcome(d.rules, 'content/number-max-20-characters');
    expect(number.status).toBe('skipped');
    expect([...leavesOf(number.explanation.when), ...leavesOf(number.explanation.assert)].every((l) => !l.evaluated && l.result === null)).toBe(true);
    expect(outcome(d.rules, 'deposit/syntaxe-exists').status).toBe('passed');
    expect(d.verdict).toBe('unreadable');
    expect(d.flows.every((f) => !f.applicable)).toBe(true);
    expect(d.diagnostics.map((x) => x.ruleId)).toEqual(['read/xml-not-well-formed']);
  });
});
