import { activeAt } from '../catalogue/releases.js';
import type { Provenance, Release } from '../catalogue/types.js';
import type { LocalizedText, Severity } from '../diagnostics/diagnostic.js';
import type { RuleDescriptor } from '../report/rule-descriptor.js';
import { loadRuleSet } from './load.js';
import type { RuleSet } from './rule-set.js';
import type { CompiledRule, RuleCondition, RuleExample } from './types.js';

/** A rule as a rules page or `rules show` presents it: all its metadata, conditions and examples. */
export interface RuleInfo {
  id: string;
  area: string;
  /** The rule file, from the repository root. */
  file: string;
  title: LocalizedText;
  message: LocalizedText;
  severity: Severity;
  since: string;
  until: string | null;
  reference: { document: string; section: string; quote: string; url?: string };
  rationale: string;
  provenance: Provenance;
  target: string | null;
  decisions: string[];
  deprecated: boolean;
  replacedBy: string | null;
  facts: string[];
  when: RuleCondition[];
  assert: RuleCondition;
  examples: RuleExample[];
}

/** Builds the public view of a compiled rule. */
export function ruleInfo(rule: CompiledRule): RuleInfo {
  const m = rule.meta;
  return {
    id: rule.id,
    area: rule.area,
    file: rule.file,
    title: m.title,
    message: m.message,
    severity: m.severity,
    since: m.since,
    until: m.until ?? null,
    reference: m.reference,
    rationale: m.rationale,
    provenance: m.provenance,
    target: rule.target,
    decisions: m.decisions ?? [],
    deprecated: m.deprecated ?? false,
    replacedBy: m.replacedBy ?? null,
    facts: rule.facts,
    when: m.when,
    assert: m.assert,
    examples: m.examples,
  };
}

/** Lists the rules (of one release when given, else of every release), sorted by id. */
export function listRules(options: { release?: string; ruleSet?: RuleSet } = {}): RuleInfo[] {
  const set = options.ruleSet ?? loadRuleSet();
  return (options.release ? set.rulesAt(options.release) : [...set.rules]).map(ruleInfo);
}

/** Lists the Chorus Pro releases the rules encode, oldest first. */
export function listReleases(options: { ruleSet?: RuleSet } = {}): Release[] {
  return [...(options.ruleSet ?? loadRuleSet()).catalogueData.releases];
}

/** The rule descriptors report formats show (SARIF `tool.driver.rules`, `rules show`). */
export function getRuleDescriptors(options: { ruleSet?: RuleSet } = {}): RuleDescriptor[] {
  return (options.ruleSet ?? loadRuleSet()).rules.map((r) => ({
    id: r.id,
    title: r.meta.title,
    help: { fr: r.meta.message.fr, en: r.meta.rationale },
    reference: `${r.meta.reference.document}, ${r.meta.reference.section}`,
    ...(r.meta.reference.url ? { url: r.meta.reference.url } : {}),
    severity: r.meta.severity,
  }));
}

/** What changes between two releases: rules, flows and syntaxe values that appear or disappear. */
export interface ReleaseDiff {
  from: string;
  to: string;
  addedRules: string[];
  removedRules: string[];
  addedFlows: string[];
  removedFlows: string[];
  addedSyntaxes: string[];
  removedSyntaxes: string[];
}

/** Compares two releases, so that a reviewer sees what a release replaced. */
export function diffReleases(from: string, to: string, options: { ruleSet?: RuleSet } = {}): ReleaseDiff {
  const set = options.ruleSet ?? loadRuleSet();
  for (const r of [from, to]) if (!set.catalogueData.releases.some((x) => x.id === r)) set.prepare({ release: r });
  const diff = <T>(items: readonly T[], key: (t: T) => string, active: (t: T, r: string) => boolean) => {
    const a = new Set(items.filter((t) => active(t, from)).map(key));
    const b = new Set(items.filter((t) => active(t, to)).map(key));
    return { added: [...b].filter((x) => !a.has(x)).sort(), removed: [...a].filter((x) => !b.has(x)).sort() };
  };
  const rules = diff(
    set.rules,
    (r) => r.id,
    (r, rel) => activeAt(r.meta, rel),
  );
  const flows = diff(
    set.catalogueData.flows,
    (f) => f.code,
    (f, rel) => activeAt(f, rel),
  );
  const syntaxes = diff(
    set.catalogueData.syntaxes,
    (s) => s.value,
    (s, rel) => activeAt(s, rel),
  );
  return {
    from,
    to,
    addedRules: rules.added,
    removedRules: rules.removed,
    addedFlows: flows.added,
    removedFlows: flows.removed,
    addedSyntaxes: syntaxes.added,
    removedSyntaxes: syntaxes.removed,
  };
}
