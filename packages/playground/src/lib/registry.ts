/**
 * The core's rule registry and portal rules, for the pages that show them. Loaded on demand:
 * building the rule set compiles every rule file.
 */
import {
  diffReleases,
  loadRuleSet,
  runExample,
  type ExampleResult,
  evaluatePortal,
  getRuleDescriptors,
  listRules,
  type PortalReport,
  type PortalState,
  type ReleaseDiff,
  type RuleDescriptor,
  type RuleInfo,
} from '@chorus-precheck/core';

/** Every rule, all releases, sorted by id. */
export function rules(): RuleInfo[] {
  return listRules();
}

/** What changes from one release to another. */
export function releaseDiff(from: string, to: string): ReleaseDiff {
  return diffReleases(from, to);
}

/** The rule metadata report formats show (SARIF `tool.driver.rules`). */
export function ruleDescriptors(): RuleDescriptor[] {
  return getRuleDescriptors();
}

/** What the portal would show for an account state, in the page's language. */
export function portalReport(state: PortalState, lang: 'fr' | 'en'): Promise<PortalReport> {
  return evaluatePortal(state, { lang });
}

/** Runs the examples of one rule: each one's outcome and, when it fails, the message it gives. */
export async function exampleResults(ruleId: string): Promise<ExampleResult[]> {
  const set = loadRuleSet();
  const rule = set.rule(ruleId);
  if (!rule) return [];
  return Promise.all(rule.meta.examples.map((_, i) => runExample(set, rule, i)));
}
