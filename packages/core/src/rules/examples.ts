import { activeAt, compareReleases } from '../catalogue/releases.js';
import type { DepositContext } from '../context.js';
import type { Facts } from '../facts/facts.js';
import { defaultPortalState, mergeState, portalFacts } from '../portal/state.js';
import { statePointer } from './targets.js';
import type { PortalState } from '../portal/types.js';
import { depositFacts, flowFact } from '../facts/deposit-facts.js';
import type { Evaluation } from './engine.js';
import { diagnosticOf } from './outcomes.js';
import type { LocalizedText } from '../diagnostics/diagnostic.js';
import { DEPOSIT_FACTS } from './facts-catalogue.js';
import { defaultExampleFacts, EXAMPLE_DEPOSIT_DATE } from './example-facts.js';
import type { RuleSet } from './rule-set.js';
import type { CompiledRule, RuleExample } from './types.js';

/** The outcome of one rule example. */
export interface ExampleResult {
  ruleId: string;
  index: number;
  title: string | null;
  expected: RuleExample['expected'];
  actual: Evaluation['status'];
  /** When the rule failed: its message as rendered, in both languages. */
  message: LocalizedText | null;
  /**
   * When the rule failed: what its diagnostic points at. Portal rules: the JSON pointer into the
   * account state. Other rules: the fact whose location (XPath, business term) the diagnostic carries.
   */
  target: string | null;
  /** True when the status, and for a failing example the message and target it states, are as given. */
  ok: boolean;
  /** Why the example is not ok, or null. */
  mismatch: string | null;
  evaluation: Evaluation;
}

/** The target a failing rule's diagnostic points at, as an example states it. */
function exampleTarget(rule: CompiledRule, state: PortalState | null, release: string): string | null {
  return rule.area === 'portal' && state ? statePointer(rule.target, state, release) : rule.target;
}

/** Builds the engine facts of a deposit-rule example (defaults, example facts, derived facts, context). */
export function exampleDepositFacts(set: RuleSet, example: RuleExample, release?: string): Record<string, unknown> {
  const context = (example.context ?? {}) as DepositContext;
  const rel = context.release ?? release ?? set.latest;
  const prepared = set.prepare({ release: rel });
  const base = defaultExampleFacts();
  const given = example.facts ?? {};
  const docFacts = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(given)) if (k in base) docFacts[k] = v;
  const facts = depositFacts(
    docFacts as unknown as Facts,
    context,
    prepared.catalogue,
    { invoiceCount: 1, depositContainer: String(docFacts.container) },
    null,
    EXAMPLE_DEPOSIT_DATE,
  );
  // Derived facts an example states win over the derivation (e.g. a restricted `flow`).
  for (const [k, v] of Object.entries(given)) if (!(k in base) && k in DEPOSIT_FACTS) facts[k] = v;
  if (typeof facts.flow === 'string') facts.flow = flowFact(prepared.catalogue.flow(facts.flow)!);
  return facts;
}

/**
 * Runs one example of one rule at its release (the example's context or state release, else the
 * rule's newest), and, when it fails, renders its message in both languages and its target, to
 * compare with what the example states (ESLint's RuleTester `errors`, Spectral's expected results).
 */
export async function runExample(set: RuleSet, rule: CompiledRule, index: number): Promise<ExampleResult> {
  const example = rule.meta.examples[index]!;
  const lastRelease =
    set.catalogueData.releases
      .map((r) => r.id)
      .filter((r) => activeAt(rule.meta, r))
      .sort(compareReleases)
      .pop() ?? rule.meta.since;
  let evaluation: Evaluation | undefined;
  let facts: Record<string, unknown>;
  let state: PortalState | null = null;
  let release: string;
  if (rule.area === 'portal') {
    state = mergeState(defaultPortalState(), (example.state ?? {}) as Partial<PortalState>);
    const prepared = set.prepare({ release: state.release ?? lastRelease });
    release = prepared.release;
    facts = portalFacts(state, prepared.release);
    evaluation = (await prepared.runPortal(facts)).get(rule.id);
  } else {
    release = (example.context as DepositContext | undefined)?.release ?? lastRelease;
    const prepared = set.prepare({ release });
    facts = exampleDepositFacts(set, example, release);
    evaluation = (await prepared.runDeposit(facts)).get(rule.id);
  }
  if (!evaluation) throw new Error(`rule ${rule.id} is not in force at the release of its example ${index}`);
  let message: LocalizedText | null = null;
  let target: string | null = null;
  if (evaluation.status === 'failed') {
    message = diagnosticOf(rule, evaluation, facts, rule.meta.severity, undefined).messages ?? null;
    target = exampleTarget(rule, state, release);
  }
  const mismatches: string[] = [];
  if (evaluation.status !== example.expected) mismatches.push(`expects ${example.expected} but the rule gives ${evaluation.status}`);
  else if (evaluation.status === 'failed') {
    if (example.message && (example.message.fr !== message?.fr || example.message.en !== message?.en)) {
      mismatches.push(`states the message ${JSON.stringify(example.message)} but the rule gives ${JSON.stringify(message)}`);
    }
    if (example.target !== undefined && example.target !== target)
      mismatches.push(`states the target ${example.target} but the rule points at ${target ?? 'nothing'}`);
  }
  return {
    ruleId: rule.id,
    index,
    title: example.title ?? null,
    expected: example.expected,
    actual: evaluation.status,
    message,
    target,
    ok: mismatches.length === 0,
    mismatch: mismatches.length > 0 ? mismatches.join('; ') : null,
    evaluation,
  };
}

/** Runs every example of every rule of a set. */
export async function runAllExamples(set: RuleSet): Promise<ExampleResult[]> {
  const out: ExampleResult[] = [];
  for (const rule of set.rules) for (let i = 0; i < rule.meta.examples.length; i++) out.push(await runExample(set, rule, i));
  return out;
}
