import { Catalogue, applyOverlay } from '../catalogue/catalogue.js';
import { activeAt } from '../catalogue/releases.js';
import type { CatalogueData, CatalogueOverlay } from '../catalogue/types.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import { RuleEngine, type Evaluation } from './engine.js';
import { buildFlowTable, runFlowTable, type FlowEvaluation, type FlowTable } from './flow-table.js';
import { documentGroups, memoKeys, remember, runDocumentGroups, type DocumentGroup } from './memo.js';
import type { CompiledRule } from './types.js';

/** Per-rule severity overrides: a severity, or `off` to not run the rule. */
export type SeverityOverrides = Record<string, Severity | 'off'>;

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
    const off = Object.entries(options.severity ?? {})
      .filter(([, v]) => v === 'off')
      .map(([k]) => k)
      .sort();
    const key = JSON.stringify([release, options.overlay ?? null, off]);
    let p = this.prepared.get(key);
    if (!p) {
      const catalogue = new Catalogue(applyOverlay(this.catalogueData, options.overlay), release);
      p = new PreparedRules(
        this.rulesAt(release).filter((r) => !off.includes(r.id) && !r.meta.deprecated),
        catalogue,
      );
      remember(this.prepared, 32, key, p);
    }
    return p;
  }
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
    this.documentEngine = new RuleEngine(
      this.depositRules.filter((r) => r.needsDocument),
      catalogue,
    );
    this.contextFacts = [...new Set(contextRules.flatMap((r) => r.facts))].sort();
    // Document rules grouped by the facts they read: a group's outcomes are memoised on those
    // values, so that invoices of a batch only re-run the groups whose facts changed.
    this.documentGroups = documentGroups(this.depositRules.filter((x) => x.needsDocument));
    this.portalEngine = new RuleEngine(this.portalRules, catalogue);
    this.flowTableFacts = [...new Set(this.flowRules.flatMap((r) => r.facts))].filter((f) => f !== 'flow').sort();
  }

  /** The flow table engine, built on first use (see {@link buildFlowTable}). */
  private flowTable(): Promise<FlowTable> {
    this.flowTablePromise ??= buildFlowTable(this.flowRules, this.catalogue);
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
      remember(this.contextCache, 1024, key, context);
    }
    const found = await runDocumentGroups(this.documentGroups, this.documentEngine, this.catalogue, facts, keyOf);
    const out = new Map<string, Evaluation>();
    for (const outcomes of found) for (const [id, ev] of outcomes) out.set(id, ev);
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
    const out = await runFlowTable(await this.flowTable(), this.catalogue, this.flowTableFacts, facts);
    remember(this.flowCache, 4096, key, out);
    return out;
  }
}
