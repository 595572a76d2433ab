import type { RuleDescriptor } from '../report/rule-descriptor.js';

/**
 * The metadata of the shipped rules (title, rationale as help, reference, URL), for the SARIF
 * format's `tool.driver.rules`.
 */
export async function ruleDescriptors(): Promise<RuleDescriptor[]> {
  return [];
}
