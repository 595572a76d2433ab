import type { ConditionTrace } from '../report/report.js';
import type { RuleCondition } from './types.js';

/** A condition node as json-rules-engine returns it after a run (result fields only on evaluated nodes). */
export interface EvaluatedCondition {
  name?: string;
  all?: EvaluatedCondition[];
  any?: EvaluatedCondition[];
  not?: EvaluatedCondition;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

/** Builds the explanation node of an evaluated condition; nodes without a result are marked not evaluated. */
export function traceOf(c: EvaluatedCondition): ConditionTrace {
  // Built by assignment in a fixed order (no object spreads): this runs for every condition of
  // every rule of every document, and stable shapes keep it cheap.
  const evaluated = c.result === true || c.result === false;
  const kind: ConditionTrace['kind'] = c.all ? 'all' : c.any ? 'any' : c.not ? 'not' : 'condition';
  const node: ConditionTrace = { kind, evaluated, result: evaluated ? (c.result as boolean) : null };
  if (c.name) node.name = c.name;
  if (kind === 'condition') {
    if (c.fact !== undefined) node.fact = c.fact;
    if (c.path) node.path = c.path;
    if (c.operator !== undefined) node.operator = c.operator;
    node.expected = evaluated && c.valueResult !== undefined ? c.valueResult : c.value;
    if (evaluated) node.actual = c.factResult === undefined ? null : c.factResult;
    return node;
  }
  const list = c.all ?? c.any;
  if (list) {
    const children = new Array<ConditionTrace>(list.length);
    for (let i = 0; i < list.length; i++) children[i] = traceOf(list[i]!);
    node.children = children;
  } else {
    node.children = [traceOf(c.not!)];
  }
  return node;
}

/** Builds the explanation of a rule that was not run at all (skipped): every node not evaluated. */
export function unevaluatedTrace(c: RuleCondition): ConditionTrace {
  return traceOf(c as EvaluatedCondition);
}

/** Groups the `when` conditions of a rule under one `all` node whose outcome follows from its children. */
export function whenTrace(children: ConditionTrace[]): ConditionTrace | null {
  if (children.length === 0) return null;
  const anyFalse = children.some((c) => c.result === false);
  const allTrue = children.every((c) => c.result === true);
  const evaluated = children.some((c) => c.evaluated);
  return { kind: 'all', name: 'when', evaluated, result: anyFalse ? false : allTrue ? true : null, children };
}

/** Finds the first evaluated failing leaf of a trace: the condition that decided a failure. */
export function firstFailingLeaf(t: ConditionTrace | null): ConditionTrace | null {
  if (!t) return null;
  if (t.kind === 'condition') return t.evaluated && t.result === false ? t : null;
  // Under `not`, the leaf that made the inner condition true is the one to show.
  if (t.kind === 'not') return firstPassingLeaf(t.children?.[0] ?? null);
  for (const c of t.children ?? []) {
    const f = firstFailingLeaf(c);
    if (f) return f;
  }
  return null;
}

function firstPassingLeaf(t: ConditionTrace | null): ConditionTrace | null {
  if (!t) return null;
  if (t.kind === 'condition') return t.evaluated && t.result === true ? t : null;
  if (t.kind === 'not') return firstFailingLeaf(t.children?.[0] ?? null);
  for (const c of t.children ?? []) {
    const f = firstPassingLeaf(c);
    if (f) return f;
  }
  return null;
}
