import type { Diagnostic } from './diagnostic.js';

/**
 * Where the rules documentation (the generated `rules/README.md`, shipped in the package as
 * `dist/rules.md`) is published: the package's file on the unpkg CDN, at a version when given,
 * so that a log links to the rules that produced it.
 */
export function rulesDocumentationUrl(version?: string): string {
  return `https://unpkg.com/@chorus-precheck/core${version ? `@${encodeURIComponent(version)}` : ''}/dist/rules.md`;
}

/** The anchor of a rule's section in the rules documentation (its heading is the rule id, slugged as Markdown hosts do). */
export function ruleAnchor(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/**
 * The documentation page of a rule: its section in the rules documentation (default: the latest
 * published). A diagnostic's `url` and a SARIF rule's `helpUri` are both this.
 */
export function ruleDocumentationUrl(id: string, documentation: string = rulesDocumentationUrl()): string {
  return `${documentation}#${ruleAnchor(id)}`;
}

/**
 * The one place a diagnostic's `message` is set to the report's language: every builder (reader,
 * limit, schema, rules, portal) writes both languages in `messages`, and the orchestrators pass
 * what they report through here. A diagnostic without `messages` keeps its `message`.
 */
export function localise(diagnostics: readonly Diagnostic[], lang: 'fr' | 'en'): Diagnostic[] {
  return diagnostics.map((d) => (d.messages === undefined || d.message === d.messages[lang] ? d : { ...d, message: d.messages[lang] }));
}
