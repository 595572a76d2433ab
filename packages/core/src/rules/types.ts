import type { LocalizedText, Severity } from '../diagnostics/diagnostic.js';
import type { Provenance } from '../catalogue/types.js';

/** A condition of a rule file: a boolean node (all, any, not) or a fact test. */
export interface RuleCondition {
  name?: string;
  all?: RuleCondition[];
  any?: RuleCondition[];
  not?: RuleCondition;
  fact?: string;
  /** A simple JSON path into the fact (`$.scope`). */
  path?: string;
  operator?: string;
  value?: unknown;
}

/** One example of a rule file: the facts and context it runs on and the status it must give. */
export interface RuleExample {
  title?: string;
  /** Deposit rules: fact values over the defaults (document facts and derived facts). */
  facts?: Record<string, unknown>;
  /** Deposit rules: the deposit context. */
  context?: Record<string, unknown>;
  /** Portal rules: the account state over the default state. */
  state?: Record<string, unknown>;
  expected: 'passed' | 'failed' | 'not-applicable';
  /** Failing examples: the message the rule gives, rendered, in both languages. */
  message?: LocalizedText;
  /** Failing examples: what the diagnostic points at (portal: the state's JSON pointer; other rules: the target fact). */
  target?: string;
}

/** A rule file, as written in rules/<area>/<name>.json. */
export interface RuleFile {
  $schema: string;
  id: string;
  title: LocalizedText;
  message: LocalizedText;
  severity: Severity;
  since: string;
  until?: string;
  reference: { document: string; section: string; date?: string; quote: string; url?: string };
  rationale: string;
  provenance: Provenance;
  /** The fact whose location the diagnostic points at (default: the first fact of `assert`). */
  target?: string;
  /** Portal rules: the decisions this rule takes part in. */
  decisions?: string[];
  deprecated?: boolean;
  replacedBy?: string;
  when: RuleCondition[];
  assert: RuleCondition;
  examples: RuleExample[];
}

/** A problem found while loading rule files: the file, a JSON pointer into it, and what is wrong. */
export interface RuleLoadError {
  file: string;
  pointer: string;
  code:
    | 'json'
    | 'schema'
    | 'id'
    | 'duplicate'
    | 'fact'
    | 'operator'
    | 'value'
    | 'placeholder'
    | 'target'
    | 'examples'
    | 'release'
    | 'decision'
    | 'replacedBy'
    | 'example-failed'
    | 'traceability';
  message: string;
}

/** A rule file after loading: its metadata (kept out of the engine) and what the engine evaluates. */
export interface CompiledRule {
  id: string;
  /** Path of the rule file from the repository root (`rules/deposit/….json`). */
  file: string;
  /** The folder: deposit, content, facturx, portal. */
  area: string;
  meta: RuleFile;
  /** Every fact the rule reads. */
  facts: string[];
  /** The fact the diagnostic points at. */
  target: string | null;
  /** True when the rule reads a document fact: skipped when the document is unreadable. */
  needsDocument: boolean;
  /** True when the rule reads a fact of the invoice XML: skipped when the document has no invoice XML (plain PDF). */
  needsInvoiceXml: boolean;
  /** True when the rule reads the `flow` fact: evaluated for every catalogue flow. */
  flowDependent: boolean;
  /** The json-rules-engine conditions: all[...when, not(assert)], evaluated in order. */
  conditions: Record<string, unknown>;
}
