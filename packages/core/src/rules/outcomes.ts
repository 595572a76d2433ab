import type { Diagnostic, Location, Severity } from '../diagnostics/diagnostic.js';
import type { RuleOutcome } from '../report/report.js';
import type { Evaluation } from './engine.js';
import { formatMessage } from './placeholders.js';
import { firstFailingLeaf, unevaluatedTrace, whenTrace } from './trace.js';
import type { CompiledRule } from './types.js';

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

/** Builds the diagnostic of a failed rule: message in both languages, location of its target fact, source in its rule file. */
export function diagnosticOf(
  rule: CompiledRule,
  evaluation: Evaluation,
  facts: Record<string, unknown>,
  severity: Severity,
  lang: 'fr' | 'en',
  location: Location | undefined,
): Diagnostic {
  const leaf = firstFailingLeaf(evaluation.explanation.assert);
  const target = rule.target;
  const actual = target ? facts[target] ?? null : leaf?.actual ?? null;
  const expected = leaf?.expected ?? null;
  const scope = { facts, actual, expected, target };
  const messages = { fr: formatMessage(rule.meta.message.fr, rule.area, scope, 'fr'), en: formatMessage(rule.meta.message.en, rule.area, scope, 'en') };
  return {
    ruleId: rule.id,
    severity,
    message: messages[lang],
    messages,
    ...(location ? { location } : {}),
    source: { file: rule.file, pointer: '/assert' },
    actual,
    expected,
  };
}
