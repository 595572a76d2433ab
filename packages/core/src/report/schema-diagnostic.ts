import type { SchemaFinding } from '../facts/facts.js';
import type { CompiledRule } from '../rules/types.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';

/**
 * The diagnostic of one schema finding of a `structure/*` rule: the rule's message (which
 * schema, and what Chorus Pro is known to do with it) followed by what is wrong and where,
 * with how many times it occurs. The schema engine's own text is the `detail`.
 */
export function schemaDiagnostic(rule: CompiledRule, finding: SchemaFinding, severity: Severity, lang: 'fr' | 'en'): Diagnostic {
  const times = (text: string, suffix: string) => (finding.count > 1 ? `${text.replace(/\.$/, '')} (${finding.count} ${suffix}).` : text);
  const messages = {
    fr: `${rule.meta.message.fr} ${times(capitalise(finding.messages.fr), 'fois dans le document')}`,
    en: `${rule.meta.message.en} ${times(capitalise(finding.messages.en), 'times in the document')}`,
  };
  return {
    ruleId: rule.id,
    severity,
    message: messages[lang],
    messages,
    location: { ...finding.location },
    source: { file: rule.file, pointer: '/assert' },
    ...(finding.value !== undefined ? { actual: finding.value } : {}),
    ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
    detail: finding.detail,
    count: finding.count,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
