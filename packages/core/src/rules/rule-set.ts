import { CATALOGUE_FILES, RULE_FILES } from '../generated/rules-data.js';
import { Catalogue, applyOverlay, catalogueFromFiles } from '../catalogue/catalogue.js';
import { activeAt } from '../catalogue/releases.js';
import type { CatalogueData, CatalogueOverlay } from '../catalogue/types.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import { RuleEngine, type Evaluation } from './engine.js';
import { flowFact } from '../facts/deposit-facts.js';
import { compileRuleFiles, schemaErrors } from './load.js';
import type { CompiledRule, RuleCondition, RuleLoadError } from './types.js';

/** Thrown when rule or catalogue files do not load; `errors` name each file and JSON pointer. */
export class RuleSetError extends Error {
  /** The stable error code. */
  readonly code = 'RULES_INVALID';
  /** Every load error found. */
  readonly errors: RuleLoadError[];
  constructor(errors: RuleLoadError[]) {
    super(`rule files do not load:\n${errors.map((e) => `  ${e.file}#${e.pointer}: ${e.message}`).join('\n')}`);
    this.name = 'RuleSetError';
    this.errors = errors;
  }
}

/** Per-rule severity overrides: a severity, or `off` to not run the rule. */
export type SeverityOverrides = Record<string, Severity | 'off'>;

/** The rule files and catalogue files to load (default: the ones shipped, bundled as data). */
export interface RuleSetSource {
  ruleFiles?: readonly { file: string; json: unknown }[];
  catalogueFiles?: readonly { file: string; json: unknown }[];
}

const CATALOGUE_SCHEMA: Record<string, 'flows' | 'syntaxes' | 'cadres' | 'releases'> = {
  flows: 'flows', syntaxes: 'syntaxes', cadres: 'cadres', releases: 'releases',
};

/** Validates the catalogue files against their schemas. */
export function catalogueErrors(files: readonly { file: string; json: unknown }[]): RuleLoadError[] {
  const errors: RuleLoadError[] = [];
  for (const name of Object.keys(CATALOGUE_SCHEMA)) {
    const f = files.find((x) => x.file.endsWith(`catalogue/${name}.json`));
    if (!f) { errors.push({ file: `rules/catalogue/${name}.json`, pointer: '', code: 'json', message: 'catalogue file missing' }); continue; }
    errors.push(...schemaErrors(CATALOGUE_SCHEMA[name]!, f.json, f.file));
  }
  return errors;
}

/**
 * The rule files of one rule set, compiled, at every release, with their catalogue. Engines
 * are built once per (release, overlay, disabled rules) and reused by every run.
 */
export class RuleSet {
  /** Every rule, all releases, sorted by id. */
  readonly rules: readonly CompiledRule[];
  /** The catalogue data as shipped (before overlays). */
  readonly catalogueData: CatalogueData;
  private readonly byId: Map<string, CompiledRule>;
  private readonly prepared = new Map<string, PreparedRules>();

  constructor(rules: readonly CompiledRule[], catalogueData: CatalogueData) {
    this.rules = rules;
    this.catalogueData = catalogueData;
    this.byId = new Map(rules.map((r) => [r.id, r]));
  }

  /** Reads a rule by id. */
  rule(id: string): CompiledRule | undefined {
    return this.byId.get(id);
  }

  /** The rules in force at a release (deprecated ones included, as data). */
  rulesAt(release: string): CompiledRule[] {
    return this.rules.filter((r) => activeAt(r.meta, release));
  }

  /** The release used when none is asked: the latest encoded. */
  get latest(): string {
    return this.catalogueData.latest;
  }

  /** Builds (or reuses) the engines for a release, a catalogue overlay and severity overrides. */
  prepare(options: { release?: string; overlay?: CatalogueOverlay | null; severity?: SeverityOverrides } = {}): PreparedRules {
    const release = options.release ?? this.latest;
    const off = Object.entries(options.severity ?? {}).filter(([, v]) => v === 'off').map(([k]) => k).sort();
    const key = JSON.stringify([release, options.overlay ?? null, off]);
    let p = this.prepared.get(key);
    if (!p) {
      const catalogue = new Catalogue(applyOverlay(this.catalogueData, options.overlay), release);
      p = new PreparedRules(this.rulesAt(release).filter((r) => !off.includes(r.id) && !r.meta.deprecated), catalogue);
      if (this.prepared.size > 32) this.prepared.clear();
      this.prepared.set(key, p);
    }
    return p;
  }
}

/** The flow-dependent rules' statuses for one catalogue flow. */
export interface FlowEvaluation {
  code: string;
  outcomes: Map<string, Evaluation['status']>;
}

/** What one flow rule reads: the other facts, and the fields of the flow (null: the whole flow). */
interface FlowRuleInputs {
  facts: string[];
  flowFields: string[] | null;
}

function flowRuleInputs(rule: CompiledRule): FlowRuleInputs {
  const fields = new Set<string>();
  let whole = false;
  const visit = (c: RuleCondition) => {
    c.all?.forEach(visit);
    c.any?.forEach(visit);
    if (c.not) visit(c.not);
    const refs: Array<{ fact?: unknown; path?: unknown }> = [];
    if (c.fact) refs.push({ fact: c.fact, path: c.path });
    const v = c.value as { fact?: unknown; path?: unknown } | null;
    if (v && typeof v === 'object' && !Array.isArray(v) && 'fact' in v) refs.push(v);
    for (const r of refs) {
      if (r.fact !== 'flow') continue;
      if (typeof r.path === 'string') fields.add(r.path);
      // `flow` compared with null only tells whether a flow is chosen: always true here.
      else if (!(c.fact === 'flow' && c.value === null && (c.operator === 'equal' || c.operator === 'notEqual'))) whole = true;
    }
  };
  rule.meta.when.forEach(visit);
  visit(rule.meta.assert);
  return { facts: rule.facts.filter((f) => f !== 'flow').sort(), flowFields: whole ? null : [...fields].sort() };
}

function pathValue(value: unknown, path: string): unknown {
  let cur = value;
  for (const key of path.slice(2).split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
  return cur;
}

/** Document rules reading the same facts, their engine (built on first use) and memoised outcomes. */
interface DocumentGroup {
  facts: string[];
  rules: CompiledRule[];
  engine: RuleEngine | null;
  cache: Map<string, Map<string, Evaluation>>;
}

/** Beyond this many groups to re-run, one run of all document rules is cheaper than one run per group. */
const MAX_GROUP_RUNS = 4;

function remember(g: DocumentGroup, key: string, outcomes: Map<string, Evaluation>): void {
  if (g.cache.size > 256) g.cache.clear();
  g.cache.set(key, outcomes);
}

/** The flow table engine and, per flow rule and flow, the rule copy deciding it (null: statically not applicable). */
interface FlowTable {
  engine: RuleEngine;
  ids: Map<string, Map<string, string | null>>;
  flows: string[];
  /** The `flow@<code>` facts the copies read: constants of the catalogue. */
  flowFacts: Record<string, unknown>;
}

/**
 * The memo key of some facts' values: the JSON of the array of their values, each fact's JSON
 * made once per document however many groups read it.
 */
export function memoKeys(facts: Record<string, unknown>): (names: readonly string[]) => string {
  const json = new Map<string, string>();
  const one = (name: string): string => {
    let text = json.get(name);
    if (text === undefined) {
      text = JSON.stringify(facts[name] ?? null);
      json.set(name, text);
    }
    return text;
  };
  return (names) => `[${names.map(one).join(',')}]`;
}

function readsOnlyFlow(c: RuleCondition): boolean {
  const facts = new Set<string>();
  const visit = (x: RuleCondition) => {
    x.all?.forEach(visit);
    x.any?.forEach(visit);
    if (x.not) visit(x.not);
    if (x.fact) facts.add(x.fact);
    const v = x.value as { fact?: unknown } | null;
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.fact === 'string') facts.add(v.fact);
  };
  visit(c);
  return facts.size === 1 && facts.has('flow');
}

// Renames the `flow` fact of a compiled condition tree (fact and compared-value references).
function renameFlowFact(cond: Record<string, unknown>, to: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...cond };
  for (const key of ['all', 'any'] as const) {
    if (Array.isArray(cond[key])) out[key] = (cond[key] as Record<string, unknown>[]).map((c) => renameFlowFact(c, to));
  }
  if (cond.not) out.not = renameFlowFact(cond.not as Record<string, unknown>, to);
  if (cond.fact === 'flow') out.fact = to;
  const v = cond.value as { fact?: unknown } | null;
  if (v && typeof v === 'object' && !Array.isArray(v) && v.fact === 'flow') out.value = { ...v, fact: to };
  return out;
}

/** The engines of one release and catalogue: deposit rules, flow table, portal rules. */
export class PreparedRules {
  /** The catalogue at this release, after overlay. */
  readonly catalogue: Catalogue;
  /** The deposit, content and Factur-X rules in force (not disabled). */
  readonly depositRules: readonly CompiledRule[];
  /** The portal rules in force (not disabled). */
  readonly portalRules: readonly CompiledRule[];
  /** The deposit rules that read the `flow` fact: they decide which catalogue flows apply. */
  readonly flowRules: readonly CompiledRule[];
  private readonly documentEngine: RuleEngine;
  private readonly contextEngine: RuleEngine;
  private readonly contextFacts: string[];
  private readonly contextCache = new Map<string, Map<string, Evaluation>>();
  private readonly documentGroups: DocumentGroup[];
  private readonly portalEngine: RuleEngine;
  private flowTablePromise: Promise<FlowTable> | null = null;
  /** The facts the flow rules read besides `flow`, sorted. */
  private readonly flowTableFacts: string[];
  private readonly flowCache = new Map<string, FlowEvaluation[]>();

  constructor(rules: readonly CompiledRule[], catalogue: Catalogue) {
    this.catalogue = catalogue;
    this.depositRules = rules.filter((r) => r.area !== 'portal');
    this.portalRules = rules.filter((r) => r.area === 'portal');
    this.flowRules = this.depositRules.filter((r) => r.flowDependent);
    // Rules that read no document fact give the same outcome for every document of a deposit
    // (and of every deposit with the same context): they run in their own engine, memoised.
    const contextRules = this.depositRules.filter((r) => !r.needsDocument);
    this.contextEngine = new RuleEngine(contextRules, catalogue);
    this.documentEngine = new RuleEngine(this.depositRules.filter((r) => r.needsDocument), catalogue);
    this.contextFacts = [...new Set(contextRules.flatMap((r) => r.facts))].sort();
    // Document rules grouped by the facts they read: a group's outcomes are memoised on those
    // values, so that invoices of a batch only re-run the groups whose facts changed.
    const bySignature = new Map<string, DocumentGroup>();
    for (const r of this.depositRules.filter((x) => x.needsDocument)) {
      const facts = [...r.facts].sort();
      const signature = facts.join('\u0000');
      let g = bySignature.get(signature);
      if (!g) { g = { facts, rules: [], engine: null, cache: new Map() }; bySignature.set(signature, g); }
      g.rules.push(r);
    }
    this.documentGroups = [...bySignature.values()];
    this.portalEngine = new RuleEngine(this.portalRules, catalogue);
    this.flowTableFacts = [...new Set(this.flowRules.flatMap((r) => r.facts))].filter((f) => f !== 'flow').sort();
  }

  /**
   * Builds the flow table engine (once, on first use): one copy of each flow rule per group of
   * flows that look the same to it (same values of the flow fields it reads), the copy reading
   * the fact `flow@<code>` of the group's first flow, so that a document pays one engine run for
   * the twelve flows. `when` conditions that read nothing but the flow are evaluated here, once,
   * by json-rules-engine itself (every such condition of every group in one run): a copy whose
   * flow-only condition fails is not applicable to any document and is left out of the
   * per-document run.
   */
  private flowTable(): Promise<FlowTable> {
    this.flowTablePromise ??= (async () => {
      // 1. The groups of flows of each rule, and a probe for each flow-only `when` of each group.
      const plans: Array<{ rule: CompiledRule; flowOnly: number[]; byFlow: Map<string, string>; groups: Map<string, { flow: string; probes: string[] }> }> = [];
      const probes: CompiledRule[] = [];
      const probeInput: Record<string, unknown> = {};
      for (const rule of this.flowRules) {
        const inputs = flowRuleInputs(rule);
        const flowOnly = rule.meta.when.map((c, i) => (readsOnlyFlow(c) ? i : -1)).filter((i) => i >= 0);
        const plan = { rule, flowOnly, byFlow: new Map<string, string>(), groups: new Map<string, { flow: string; probes: string[] }>() };
        for (const flow of this.catalogue.flows) {
          const value = flowFact(flow);
          const key = JSON.stringify(inputs.flowFields ? inputs.flowFields.map((p) => pathValue(value, p) ?? null) : value);
          plan.byFlow.set(flow.code, key);
          if (plan.groups.has(key)) continue;
          const fact = `flow@${flow.code}`;
          probeInput[fact] = value;
          const ids = flowOnly.map((i) => {
            const id = `${rule.id}#when${i}@${flow.code}`;
            const condition = renameFlowFact((rule.conditions.all as Record<string, unknown>[])[i]!, fact);
            probes.push({ ...rule, id, facts: [fact], meta: { ...rule.meta, when: [] }, conditions: { all: [{ priority: 1, not: condition }] } });
            return id;
          });
          plan.groups.set(key, { flow: flow.code, probes: ids });
        }
        plans.push(plan);
      }
      const passed = probes.length > 0 ? await new RuleEngine(probes, this.catalogue).statuses(probeInput) : new Map<string, string>();
      // 2. A copy of each rule for each group whose flow-only conditions all hold.
      const copies: CompiledRule[] = [];
      const ids = new Map<string, Map<string, string | null>>();
      for (const { rule, flowOnly, byFlow, groups } of plans) {
        const copyOf = new Map<string, string | null>();
        for (const [key, group] of groups) {
          if (!group.probes.every((id) => passed.get(id) === 'passed')) {
            copyOf.set(key, null);
            continue;
          }
          const fact = `flow@${group.flow}`;
          const skip = new Set(flowOnly);
          const top = rule.conditions.all as Record<string, unknown>[];
          copies.push({
            ...rule,
            id: `${rule.id}@${group.flow}`,
            meta: { ...rule.meta, when: rule.meta.when.filter((_, i) => !skip.has(i)) },
            facts: rule.facts.map((f) => (f === 'flow' ? fact : f)),
            conditions: renameFlowFact({ all: top.filter((_, i) => !skip.has(i)) }, fact),
          });
          copyOf.set(key, `${rule.id}@${group.flow}`);
        }
        ids.set(rule.id, new Map([...byFlow].map(([code, key]) => [code, copyOf.get(key) ?? null])));
      }
      const flows = copies.map((c) => c.id.slice(c.id.lastIndexOf('@') + 1));
      const flowFacts: Record<string, unknown> = {};
      for (const code of flows) flowFacts[`flow@${code}`] = flowFact(this.catalogue.flow(code)!);
      return { engine: new RuleEngine(copies, this.catalogue), ids, flows, flowFacts };
    })();
    return this.flowTablePromise;
  }

  /** The release. */
  get release(): string {
    return this.catalogue.release;
  }

  /**
   * Runs the deposit rules on one document's facts (context-only rules memoised on their facts).
   * `keyOf` makes the memo keys; {@link memoKeys} of the same facts may be shared with
   * {@link runFlows}.
   */
  async runDeposit(facts: Record<string, unknown>, keyOf: (names: readonly string[]) => string = memoKeys(facts)): Promise<Map<string, Evaluation>> {
    const key = keyOf(this.contextFacts);
    let context = this.contextCache.get(key);
    if (!context) {
      context = await this.contextEngine.run(facts);
      if (this.contextCache.size > 1024) this.contextCache.clear();
      this.contextCache.set(key, context);
    }
    const keys = this.documentGroups.map((g) => keyOf(g.facts));
    // Outcomes are collected locally: another run may clear a memo while this one awaits.
    const found = this.documentGroups.map((g, i) => g.cache.get(keys[i]!));
    const missed = found.filter((x) => !x).length;
    if (missed > MAX_GROUP_RUNS) {
      // Mostly new values (a first document): one run of every document rule is cheaper than
      // many small runs; its outcomes fill every group's memo.
      const all = await this.documentEngine.run(facts);
      this.documentGroups.forEach((g, i) => {
        found[i] = new Map(g.rules.map((r) => [r.id, all.get(r.id)!]));
        remember(g, keys[i]!, found[i]!);
      });
    } else if (missed > 0) {
      for (let i = 0; i < this.documentGroups.length; i++) {
        if (found[i]) continue;
        const g = this.documentGroups[i]!;
        g.engine ??= new RuleEngine(g.rules, this.catalogue);
        found[i] = await g.engine.run(facts);
        remember(g, keys[i]!, found[i]!);
      }
    }
    const out = new Map<string, Evaluation>();
    for (const outcomes of found) for (const [id, ev] of outcomes!) out.set(id, ev);
    for (const [id, ev] of context) out.set(id, ev);
    return out;
  }

  /** Runs the portal rules on an account state's facts. */
  runPortal(facts: Record<string, unknown>): Promise<Map<string, Evaluation>> {
    return this.portalEngine.run(facts);
  }

  /**
   * Evaluates the flow rules for every catalogue flow and returns their statuses (the flow
   * table needs no explanation: the chosen flow's rules are explained by {@link runDeposit}).
   * Rules are pure functions of the facts they read, so the table is memoised on those values:
   * a batch of similar invoices pays for it once.
   */
  async runFlows(facts: Record<string, unknown>, keyOf: (names: readonly string[]) => string = memoKeys(facts)): Promise<FlowEvaluation[]> {
    const key = keyOf(this.flowTableFacts);
    const cached = this.flowCache.get(key);
    if (cached) return cached;
    const table = await this.flowTable();
    const input: Record<string, unknown> = { ...table.flowFacts };
    for (const f of this.flowTableFacts) input[f] = facts[f] ?? null;
    const statuses = await table.engine.statuses(input);
    const out = this.catalogue.flows.map((flow) => {
      const outcomes = new Map<string, Evaluation['status']>();
      for (const [id, byFlow] of table.ids) {
        const copyId = byFlow.get(flow.code);
        outcomes.set(id, copyId ? statuses.get(copyId) ?? 'not-applicable' : 'not-applicable');
      }
      return { code: flow.code, outcomes };
    });
    if (this.flowCache.size > 4096) this.flowCache.clear();
    this.flowCache.set(key, out);
    return out;
  }
}

let shipped: RuleSet | null = null;

/**
 * Loads a rule set: validates every rule and catalogue file (precompiled schemas), compiles the
 * rules, and throws a {@link RuleSetError} naming file and JSON pointer of every problem.
 * Without a source, loads the rules shipped with the package (cached).
 */
export function loadRuleSet(source: RuleSetSource = {}): RuleSet {
  const isShipped = !source.ruleFiles && !source.catalogueFiles;
  if (isShipped && shipped) return shipped;
  const catalogueFiles = source.catalogueFiles ?? CATALOGUE_FILES;
  // The shipped files were checked against their schemas when they were bundled (and the test
  // suite checks them again): at start-up that check would cost more than reading an invoice.
  const errors = source.catalogueFiles ? catalogueErrors(catalogueFiles) : [];
  const { rules, errors: ruleErrors } = compileRuleFiles(source.ruleFiles ?? RULE_FILES, { schemaChecked: !source.ruleFiles });
  errors.push(...ruleErrors);
  if (errors.length > 0) throw new RuleSetError(errors);
  const set = new RuleSet(rules, catalogueFromFiles(catalogueFiles));
  if (isShipped) shipped = set;
  return set;
}
