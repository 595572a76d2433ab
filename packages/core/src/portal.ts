/**
 * The portal evaluation, the second orchestrator beside `precheck`: an account state to the
 * portal decisions, with the rules that decided them and the diagnostics of the account fields.
 */
import type { RuleSet, SeverityOverrides } from './rules/rule-set.js';
import { loadRuleSet, schemaErrors } from './rules/load.js';
import { diagnosticOf, effectiveSeverity, outcomeOf } from './rules/outcomes.js';
import { statePointer } from './rules/targets.js';
import { sortDiagnostics } from './report/order.js';
import { localise } from './diagnostics/localise.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { RuleOutcome } from './report/report.js';
import { DECISION_IDS, type DecisionId } from './portal/decisions.js';
import { portalFacts } from './portal/state.js';
import type { PortalDecision, PortalReport, PortalState } from './portal/types.js';

/** Options of {@link evaluatePortal}. */
export interface PortalOptions {
  lang?: 'fr' | 'en';
  /** Chorus Pro release; overrides the state's own. Default: the state's, else the latest. */
  release?: string;
  severity?: SeverityOverrides;
  ruleSet?: RuleSet;
  /** The name of the state in diagnostic locations (default `state`), e.g. the state file's path. */
  file?: string;
}

/** Thrown when an account state does not match rules/schema/portal-state.json. */
export class PortalStateError extends Error {
  /** The stable error code. */
  readonly code = 'PORTAL_STATE_INVALID';
  /** The schema errors, as JSON pointers into the state. */
  readonly errors: { pointer: string; message: string }[];
  constructor(errors: { pointer: string; message: string }[]) {
    super(`invalid account state:\n${errors.map((e) => `  ${e.pointer || '/'}: ${e.message}`).join('\n')}`);
    this.name = 'PortalStateError';
    this.errors = errors;
  }
}

/** Validates an account state against rules/schema/portal-state.json; returns the errors (empty when valid). */
export function validatePortalState(state: unknown): { pointer: string; message: string }[] {
  return schemaErrors('portalState', state, 'state').map((e) => ({ pointer: e.pointer, message: e.message }));
}

/**
 * Evaluates an account state: each portal decision (menu, first-login window and its sections,
 * invoice deposit) with the rules that decided it, and the diagnostics of the account fields.
 * A state that does not match the schema is misuse and throws a {@link PortalStateError}.
 */
export async function evaluatePortal(state: PortalState, options: PortalOptions = {}): Promise<PortalReport> {
  const problems = validatePortalState(state);
  if (problems.length > 0) throw new PortalStateError(problems);
  const lang = options.lang ?? 'fr';
  const set = options.ruleSet ?? loadRuleSet();
  const prepared = set.prepare({ release: options.release ?? state.release ?? set.latest, severity: options.severity ?? {} });
  const facts = portalFacts(state, prepared.release);
  const evaluations = await prepared.runPortal(facts);
  const rules: RuleOutcome[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const rule of prepared.portalRules) {
    const ev = evaluations.get(rule.id);
    if (!ev) continue;
    const severity = effectiveSeverity(rule.id, rule.meta.severity, options.severity ?? {});
    rules.push(outcomeOf(rule, ev, severity));
    if (ev.status === 'failed')
      diagnostics.push(
        diagnosticOf(rule, ev, facts, severity, { file: options.file ?? 'state', pointer: statePointer(rule.target, state, prepared.release) ?? '' }),
      );
  }
  const decisions = {} as Record<DecisionId, PortalDecision>;
  for (const id of DECISION_IDS) {
    const involved = prepared.portalRules.filter((r) => r.meta.decisions?.includes(id));
    const outcomes = involved.map((r) => ({ id: r.id, status: evaluations.get(r.id)?.status }));
    const failing = outcomes.filter((o) => o.status === 'failed').map((o) => o.id);
    const applicable = outcomes.filter((o) => o.status === 'passed' || o.status === 'failed').map((o) => o.id);
    const absent = involved.length === 0;
    const decidedBy = failing.length > 0 ? failing : applicable;
    const pointers = decidedBy.map((ruleId) => statePointer(prepared.portalRules.find((r) => r.id === ruleId)!.target, state, prepared.release) ?? '');
    decisions[id] = { id, value: !absent && failing.length === 0, decidedBy, pointers, absentInRelease: absent };
  }
  return { release: prepared.release, lang, decisions, diagnostics: sortDiagnostics(localise(diagnostics, lang)), rules };
}

/** The CLI's JSON contract for `chorus-precheck portal <state.json> --format json`. */
export interface PortalJson {
  decisions: Record<string, boolean>;
  diagnostics: Diagnostic[];
}

/** Formats a portal report as the CLI's JSON contract `{ decisions: { id: boolean }, diagnostics }`. */
export function formatPortal(report: PortalReport): PortalJson {
  const decisions: Record<string, boolean> = {};
  for (const id of DECISION_IDS) decisions[id] = report.decisions[id].value;
  return { decisions, diagnostics: report.diagnostics };
}
