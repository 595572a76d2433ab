/**
 * The only module that imports json-rules-engine. Turns compiled rules into engines (once per
 * release and catalogue) and engine results into our plain outcomes with full explanations.
 */
import { Engine, Fact } from 'json-rules-engine';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { ConditionTrace, RuleStatus } from '../report/report.js';
import { CUSTOM_OPERATORS } from './operators/index.js';
import { traceOf, whenTrace, type EvaluatedCondition } from './trace.js';
import type { CompiledRule } from './types.js';

/** One rule's evaluation on one set of facts. */
export interface Evaluation {
  status: Exclude<RuleStatus, 'skipped'>;
  explanation: { when: ConditionTrace | null; assert: ConditionTrace | null };
}

// Rule files use plain `$.a.b` paths (checked by the schema): a direct walk is much cheaper
// than JSONPath per condition and per run.
function pathResolver(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const key of path.slice(2).split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const NO_CACHE = { cache: false };

/** A json-rules-engine instance holding a fixed list of compiled rules, run many times. */
export class RuleEngine {
  private readonly engine: Engine;
  private readonly byId: Map<string, CompiledRule>;
  private readonly facts: string[];
  /** The rules in the order of the engine rule's `all`. */
  private readonly list: CompiledRule[];
  // json-rules-engine keeps a run status on the engine itself: a run that ends while another
  // has started but not yet evaluated its rules makes the latter skip them. Runs of one engine
  // are therefore chained, never interleaved.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(rules: readonly CompiledRule[], catalogue: Catalogue) {
    this.byId = new Map(rules.map((r) => [r.id, r]));
    this.facts = [...new Set(rules.flatMap((r) => r.facts))];
    this.engine = new Engine([], { allowUndefinedFacts: false, pathResolver, replaceFactsInEventParams: false });
    for (const op of Object.values(CUSTOM_OPERATORS)) {
      const test = op.create({ catalogue });
      this.engine.addOperator(op.name, (a: unknown, b: unknown) => test(a, b));
    }
    // One engine rule whose `all` holds every rule's conditions, all at one priority: an `all`
    // evaluates every condition of a priority level (no short-circuit within a level), so each
    // rule's tree is evaluated exactly as if it were its own engine rule, with the same
    // explanation, while json-rules-engine's per-rule work (result object and its clones, events,
    // promise chains) is paid once per run instead of once per rule. A rule without `when`
    // conditions needs no `all` of its own: its assert sits in the list directly, one node less
    // for json-rules-engine to copy at every run. Only what the engine evaluates: the regulatory
    // metadata stays in our registry.
    this.list = [...rules];
    if (this.list.length > 0) {
      this.engine.addRule({ name: 'rules', priority: 1, conditions: { all: this.list.map(engineTree) } as never, event: { type: 'rules' } });
    }
  }

  /** The rules this engine runs. */
  get rules(): CompiledRule[] {
    return [...this.byId.values()];
  }

  // Only the facts the rules read, each a constant fact with the cache off: for a constant
  // json-rules-engine hashes a cache key (hash-it of id and params) at every run but never reads
  // it back (constants are read from the fact itself), so the hash is pure cost.
  private input(facts: Record<string, unknown>): Record<string, Fact> {
    const input: Record<string, Fact> = {};
    for (const f of this.facts) input[f] = new Fact(f, facts[f] === undefined ? null : facts[f], NO_CACHE);
    return input;
  }

  /** Runs the engine rule on the facts; returns each rule's evaluated conditions `[...when, assert]`, in `list` order. */
  private async exclusive(facts: Record<string, unknown>): Promise<EvaluatedCondition[][]> {
    const input = this.input(facts);
    const run = this.queue.then(() => this.engine.run(input));
    this.queue = run.catch(() => undefined);
    const { results, failureResults } = await run;
    const top = (results[0] ?? failureResults[0])?.conditions as unknown as EvaluatedCondition | undefined;
    const evaluated = top?.all ?? [];
    // Each rule's evaluated conditions `[...when, assert]`, in `list` order.
    return this.list.map((rule, i) => (rule.meta.when.length === 0 ? [evaluated[i]!] : (evaluated[i]!.all ?? [])));
  }

  /** Runs every rule on the facts; returns each rule's status and explanation. */
  async run(facts: Record<string, unknown>): Promise<Map<string, Evaluation>> {
    const out = new Map<string, Evaluation>();
    if (this.list.length === 0) return out;
    const evaluated = await this.exclusive(facts);
    for (let i = 0; i < this.list.length; i++) {
      const rule = this.list[i]!;
      out.set(rule.id, evaluationOf(rule, evaluated[i]!));
    }
    return out;
  }

  /** Runs every rule on the facts and returns only their statuses (no explanation built). */
  async statuses(facts: Record<string, unknown>): Promise<Map<string, Evaluation['status']>> {
    const out = new Map<string, Evaluation['status']>();
    if (this.list.length === 0) return out;
    const evaluated = await this.exclusive(facts);
    for (let i = 0; i < this.list.length; i++) {
      const rule = this.list[i]!;
      const assert = evaluated[i]![rule.meta.when.length];
      out.set(rule.id, assert && typeof assert.result === 'boolean' ? (assert.result ? 'passed' : 'failed') : 'not-applicable');
    }
    return out;
  }
}

/**
 * The tree the engine evaluates for a compiled rule `all[...when, not(assert)]`: the same
 * without the `not` wrapper, `all[...when, assert]`, or the assert alone for a rule without
 * `when`. json-rules-engine evaluates them alike (the `not` only inverts the assert's result,
 * read here from the assert node itself) and clones the tree at every run: fewer nodes per rule
 * and run.
 */
function engineTree(rule: CompiledRule): Record<string, unknown> {
  const top = rule.conditions.all as Record<string, unknown>[];
  const whenCount = rule.meta.when.length;
  const assert = (top[whenCount] as { not: Record<string, unknown> }).not;
  // Alone in the list, the assert must sit at the list's one priority level, or json-rules-engine
  // would evaluate it before or after the others and stop at the first level that fails.
  return whenCount === 0 ? { ...assert, priority: 1 } : { priority: 1, all: [...top.slice(0, whenCount), assert] };
}

/** Reads a rule's status and explanation from its evaluated conditions `[...when, assert]`. */
export function evaluationOf(rule: CompiledRule, children: readonly EvaluatedCondition[]): Evaluation {
  const whenCount = rule.meta.when.length;
  const when = whenTrace(children.slice(0, whenCount).map(traceOf));
  const assertNode = children[whenCount];
  const assert = assertNode ? traceOf(assertNode) : null;
  let status: Evaluation['status'];
  if (assert?.evaluated) status = assert.result ? 'passed' : 'failed';
  else status = 'not-applicable';
  return { status, explanation: { when, assert } };
}
