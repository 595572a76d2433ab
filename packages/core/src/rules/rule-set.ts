import { CATALOGUE_FILES, RULE_FILES } from '../generated/rules-data.js';
import { Catalogue, applyOverlay, catalogueFromFiles } from '../catalogue/catalogue.js';
import { activeAt } from '../catalogue/releases.js';
import type { CatalogueData, CatalogueOverlay } from '../catalogue/types.js';
import type { Severity } from '../report/diagnostic.js';
import { RuleEngine, type Evaluation } from './engine.js';
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

/** The engines of one release and catalogue: deposit rules, flow rules, portal rules. */
export class PreparedRules {
  /** The catalogue at this release, after overlay. */
  readonly catalogue: Catalogue;
  /** The deposit, content and Factur-X rules in force (not disabled). */
  readonly depositRules: readonly CompiledRule[];
  /** The portal rules in force (not disabled). */
  readonly portalRules: readonly CompiledRule[];
  /** The deposit rules that read the `flow` fact: they decide which catalogue flows apply. */
  readonly flowRules: readonly CompiledRule[];
  private readonly depositEngine: RuleEngine;
  private readonly portalEngine: RuleEngine;
  private readonly flowRuleEngines = new Map<string, { engine: RuleEngine; inputs: FlowRuleInputs }>();
  private readonly flowCache = new Map<string, Evaluation['status']>();

  constructor(rules: readonly CompiledRule[], catalogue: Catalogue) {
    this.catalogue = catalogue;
    this.depositRules = rules.filter((r) => r.area !== 'portal');
    this.portalRules = rules.filter((r) => r.area === 'portal');
    this.flowRules = this.depositRules.filter((r) => r.flowDependent);
    this.depositEngine = new RuleEngine(this.depositRules, catalogue);
    this.portalEngine = new RuleEngine(this.portalRules, catalogue);
    for (const r of this.flowRules) this.flowRuleEngines.set(r.id, { engine: new RuleEngine([r], catalogue), inputs: flowRuleInputs(r) });
  }

  /** The release. */
  get release(): string {
    return this.catalogue.release;
  }

  /** Runs the deposit rules on one document's facts. */
  runDeposit(facts: Record<string, unknown>): Promise<Map<string, Evaluation>> {
    return this.depositEngine.run(facts);
  }

  /** Runs the portal rules on an account state's facts. */
  runPortal(facts: Record<string, unknown>): Promise<Map<string, Evaluation>> {
    return this.portalEngine.run(facts);
  }

  /**
   * Evaluates the flow rules for every catalogue flow (the `flow` fact set to each in turn) and
   * returns their statuses. A rule is a pure function of the facts it reads, so each status is
   * memoised on exactly those values (the other facts and the flow fields the rule reads):
   * flows that look alike to a rule share one evaluation, and a batch of similar invoices pays
   * for the flow table once. Only `ruleIds` are evaluated when given (e.g. error-severity rules,
   * the only ones that exclude a flow).
   */
  async runFlows(facts: Record<string, unknown>, flowFactOf: (code: string) => Record<string, unknown>, ruleIds?: ReadonlySet<string>): Promise<FlowEvaluation[]> {
    const out: FlowEvaluation[] = [];
    for (const flow of this.catalogue.flows) {
      const flowValue = flowFactOf(flow.code);
      const outcomes = new Map<string, Evaluation['status']>();
      for (const [id, { engine, inputs }] of this.flowRuleEngines) {
        if (ruleIds && !ruleIds.has(id)) continue;
        const key = JSON.stringify([id, inputs.facts.map((f) => facts[f] ?? null), inputs.flowFields ? inputs.flowFields.map((p) => pathValue(flowValue, p) ?? null) : flowValue]);
        let status = this.flowCache.get(key);
        if (status === undefined) {
          const input: Record<string, unknown> = { flow: flowValue };
          for (const f of inputs.facts) input[f] = facts[f] ?? null;
          status = (await engine.statuses(input)).get(id) ?? 'not-applicable';
          if (this.flowCache.size > 20_000) this.flowCache.clear();
          this.flowCache.set(key, status);
        }
        outcomes.set(id, status);
      }
      out.push({ code: flow.code, outcomes });
    }
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
  const errors = catalogueErrors(catalogueFiles);
  const { rules, errors: ruleErrors } = compileRuleFiles(source.ruleFiles ?? RULE_FILES);
  errors.push(...ruleErrors);
  if (errors.length > 0) throw new RuleSetError(errors);
  const set = new RuleSet(rules, catalogueFromFiles(catalogueFiles));
  if (isShipped) shipped = set;
  return set;
}
