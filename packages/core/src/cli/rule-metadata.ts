import { getRuleDescriptors } from '../rules/registry.js';
import type { RuleDescriptor } from '../report/rule-descriptor.js';

/**
 * The metadata of the shipped rules (title, help, reference, URL), for the SARIF format's
 * `tool.driver.rules`.
 */
export async function ruleDescriptors(): Promise<RuleDescriptor[]> {
  return getRuleDescriptors();
}
