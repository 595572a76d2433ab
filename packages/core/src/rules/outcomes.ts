/**
 * What a rule evaluation becomes in a report, for both orchestrators (the deposit pre-check and
 * the portal evaluation): the severity after the user's overrides, the rule outcome, and the
 * diagnostic of a failed rule (one per schema finding for the structural rules).
 */
import type { Diagnostic, Location, Severity } from '../diagnostics/diagnostic.js';
import type { SchemaFinding } from '../facts/facts.js';
import { ruleDocumentationUrl } from '../diagnostics/localise.js';
import type { RuleOutcome } from '../report/report.js';
import type { Evaluation } from './engine.js';
import { formatMessage } from './placeholders.js';
import { firstFailingLeaf, unevaluatedTrace, whenTrace } from './trace.js';
import type { CompiledRule } from './types.js';
import type { SeverityOverrides } from './rule-set.js';

/** The severity a rule reports at: the user's override, unless it turns the rule off, else the shipped one. */
export function effectiveSeverity(id: string, shipped: Severity, overrides: SeverityOverrides): Severity {
  const o = overrides[id];
  return o && o !== 'off' ? o : shipped;
}

/** The outcome of a rule that could not run because its input was unreadable: every condition not evaluated. */
export function skippedEvaluation(rule: CompiledRule): { status: 'skipped'; explanation: RuleOutcome['explanation'] } {
  return {
    status: 'skipped',
    explanation: { when: whenTrace(rule.meta.when.map(unevaluatedTrace)), assert: unevaluatedTrace(rule.meta.assert) },
  };
}

/** Builds a rule outcome for a report. */
export function outcomeOf(rule: CompiledRule, evaluation: Evaluation | ReturnType<typeof skippedEvaluation>, severity: Severity): RuleOutcome {
  return { ruleId: rule.id, status: evaluation.status, severity, explanation: evaluation.explanation };
}

/**
 * Builds the diagnostic of a failed rule: message in both languages (`message` English until
 * localised), location of its target fact, source in its rule file, the rule's documentation page.
 */
export function diagnosticOf(
  rule: CompiledRule,
  evaluation: Evaluation,
  facts: Record<string, unknown>,
  severity: Severity,
  location: Location | undefined,
): Diagnostic {
  const leaf = firstFailingLeaf(evaluation.explanation.assert);
  const target = rule.target;
  const actual = target ? (facts[target] ?? null) : (leaf?.actual ?? null);
  const expected = leaf?.expected ?? null;
  const scope = { facts, actual, expected, target };
  const messages = { fr: formatMessage(rule.meta.message.fr, rule.area, scope, 'fr'), en: formatMessage(rule.meta.message.en, rule.area, scope, 'en') };
  return {
    ruleId: rule.id,
    severity,
    message: messages.en,
    messages,
    ...(location ? { location } : {}),
    source: { file: rule.file, pointer: '/assert' },
    actual,
    expected,
    url: ruleDocumentationUrl(rule.id),
  };
}

/**
 * The diagnostic of one schema finding of a `structure/*` rule: the rule's message (which
 * schema, and what Chorus Pro is known to do with it) followed by what is wrong and where,
 * with how many times it occurs. The schema engine's own text is the `detail`.
 */
export function schemaDiagnostic(rule: CompiledRule, finding: SchemaFinding, severity: Severity): Diagnostic {
  const times = (text: string, suffix: string) => (finding.count > 1 ? `${text.replace(/\.$/, '')} (${finding.count} ${suffix}).` : text);
  const messages = {
    fr: `${rule.meta.message.fr} ${times(capitalise(finding.messages.fr), 'fois dans le document')}`,
    en: `${rule.meta.message.en} ${times(capitalise(finding.messages.en), 'times in the document')}`,
  };
  return {
    ruleId: rule.id,
    severity,
    message: messages.en,
    messages,
    location: { ...finding.location },
    source: { file: rule.file, pointer: '/assert' },
    ...(finding.value !== undefined ? { actual: finding.value } : {}),
    ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
    detail: finding.detail,
    count: finding.count,
    url: ruleDocumentationUrl(rule.id),
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
