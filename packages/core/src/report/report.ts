import type { DataProvenance } from '../catalogue/types.js';
import type { DepositContext } from '../context.js';
import type { Facts } from '../facts/facts.js';
import type { Diagnostic, LocalizedText, Severity } from '../diagnostics/diagnostic.js';

/** The outcome of one rule on one document. */
export type RuleStatus = 'passed' | 'failed' | 'not-applicable' | 'skipped';

/**
 * One node of a rule's explanation tree: every condition with the value seen and its outcome.
 * Conditions never evaluated because of short-circuiting are kept, with `evaluated: false`.
 */
export interface ConditionTrace {
  kind: 'all' | 'any' | 'not' | 'condition';
  /** The human "why" line (the condition's `name` in the rule file). */
  name?: string;
  fact?: string;
  path?: string;
  operator?: string;
  /** The value the condition compares against. */
  expected?: unknown;
  /** The value seen in the document (only when evaluated). */
  actual?: unknown;
  evaluated: boolean;
  /** Outcome, null when not evaluated. */
  result: boolean | null;
  children?: ConditionTrace[];
}

/** One rule's result on one document. */
export interface RuleOutcome {
  ruleId: string;
  status: RuleStatus;
  severity: Severity;
  /** `when` (applicability) and `assert` (requirement) traces. */
  explanation: { when: ConditionTrace | null; assert: ConditionTrace | null };
}

/** Whether a flow of the catalogue applies to a document, and which rules exclude it. */
export interface FlowResult {
  code: string;
  applicable: boolean;
  excludedBy: string[];
  /** True when the flow's data includes inferred values (shown as provisional). */
  provisional: boolean;
}

/**
 * The verdict for the chosen syntaxe or interface code; null when none was chosen, or when the
 * chosen syntaxe names no flow of the catalogue without being known to be wrong (a possibly real
 * works-flow value: deposit/syntaxe-unconfirmed says so).
 */
export type Verdict = 'accepted' | 'rejected' | 'unreadable' | null;

/**
 * A catalogue entry or rule the report rests on that is not established by an official source:
 * inferred by us, modelled, from a third party, or stated by the user in a catalogue overlay.
 */
export interface Assumption {
  kind: 'syntaxe' | 'interface-code' | 'works-flag' | 'cadre-location' | 'b2b-value' | 'rule';
  /** The value assumed: a syntaxe value, an interface code, a cadre, an element path, a rule id. */
  value: string;
  provenance: DataProvenance;
  /** What rests on it: the verdict for the chosen flow, or only the flow table. */
  scope: 'verdict' | 'flows';
  /** Why it is an assumption, in both languages. */
  note: LocalizedText;
}

/** The report on one invoice document. */
export interface DocumentReport {
  file: string;
  facts: Facts;
  flows: FlowResult[];
  verdict: Verdict;
  /** True when the verdict rests on an inferred or provisional entry (listed in `assumptions`). */
  verdictProvisional: boolean;
  /** What the verdict and the flow table rest on besides the document and official sources. */
  assumptions: Assumption[];
  release: string;
  diagnostics: Diagnostic[];
  rules: RuleOutcome[];
}

/** What the user changed from the shipped rules and catalogue, recorded in every report. */
export interface AppliedOverrides {
  catalogue: unknown | null;
  severity: Record<string, Severity | 'off'>;
}

/** The report on one deposit (one or many input files). */
export interface Report {
  release: string;
  lang: 'fr' | 'en';
  context: DepositContext;
  documents: DocumentReport[];
  overrides: AppliedOverrides;
  summary: { documents: number; errors: number; warnings: number; infos: number };
}
