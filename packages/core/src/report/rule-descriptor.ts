import type { LocalizedText, Severity } from '../diagnostics/diagnostic.js';

/**
 * The metadata of a rule that report formats show beside its results (SARIF `tool.driver.rules`,
 * `rules show`): taken from the rule file, never from the results themselves.
 */
export interface RuleDescriptor {
  id: string;
  title: LocalizedText;
  /** Longer help: the rule's rationale or requirement, in both languages. */
  help?: LocalizedText;
  /** Where the requirement comes from, e.g. `Chorus Pro V3.8.1 release note, §3`. */
  reference?: string;
  /** A page that documents the requirement. */
  url?: string;
  /** The severity shipped in the rule file, before any override. */
  severity?: Severity;
}

/** Rule metadata by rule id, as the formatters look it up. */
export type RuleDescriptorLookup = (ruleId: string) => RuleDescriptor | undefined;

/** Makes a lookup function from a list of rule descriptors. */
export function ruleDescriptorLookup(rules: readonly RuleDescriptor[] | RuleDescriptorLookup | undefined): RuleDescriptorLookup {
  if (typeof rules === 'function') return rules;
  const byId = new Map((rules ?? []).map((rule) => [rule.id, rule]));
  return (id) => byId.get(id);
}
