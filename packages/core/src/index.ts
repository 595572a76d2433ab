/**
 * chorus-precheck: tells, before anything is sent, whether an invoice deposit will pass
 * Chorus Pro, on which flow, and why not. Browser-safe entry: no Node built-ins.
 */
export type { Diagnostic, Location, Severity, LocalizedText, SourceRef } from './report/diagnostic.js';
export type {
  Facts, ReadDocument, Attachment, EmbeddedFile, XmpFacts, PdfFacts, PartyId,
  Container, Syntax, Profile, FormatFamily, CadreSource,
} from './read/facts.js';
export type {
  Report, DocumentReport, RuleOutcome, RuleStatus, ConditionTrace, FlowResult, Verdict, AppliedOverrides,
} from './report/report.js';
export type { DepositContext, Channel, PortalSpace } from './context.js';
export type { DepositInput, ReadOptions, PdfjsLoader } from './read/input.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
