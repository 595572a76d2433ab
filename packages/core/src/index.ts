/**
 * chorus-precheck: tells, before anything is sent, whether an invoice deposit will pass
 * Chorus Pro, on which flow, and why not. Browser-safe entry: no Node built-ins.
 */
// Shapes: diagnostics, facts, reports, the deposit context.
export type { Diagnostic, Location, Severity, LocalizedText, SourceRef } from './diagnostics/diagnostic.js';
export type {
  Facts,
  ReadDocument,
  Attachment,
  EmbeddedFile,
  XmpFacts,
  PdfFacts,
  PartyId,
  Container,
  Syntax,
  Profile,
  FormatFamily,
  CadreSource,
  SchemaFacts,
  SchemaFinding,
  SchemaErrorKind,
} from './facts/facts.js';
export type { Report, DocumentReport, RuleOutcome, RuleStatus, ConditionTrace, FlowResult, Verdict, AppliedOverrides, Assumption } from './report/report.js';
export type { DepositContext, Channel, PortalSpace } from './context.js';
export { normaliseContext, interfaceOrFileName } from './facts/deposit-context.js';
// Reading and checking deposits.
export type { DepositInput, ReadOptions, PdfjsLoader, StructureValidator, StructureResult } from './read/input.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export { readDeposit, sniffContainer, detectXmlEncoding, INVOICE_XML_NAMES } from './read/index.js';
export { isWorksCadre } from './facts/cadres.js';
export { profileOf } from './facts/profile.js';
// Report formats.
export { formatText, type TextFormatOptions } from './report/format-text.js';
export { formatJson, toJsonDocuments, type JsonFormatOptions, type JsonDocument } from './report/format-json.js';
export { formatSarif, toSarif, toUri, SARIF_SCHEMA_URI, type SarifFormatOptions, type SarifLog } from './report/format-sarif.js';
export { formatJunit, type JunitFormatOptions } from './report/format-junit.js';
export { compareDiagnostics, severityRank, sortDiagnostics } from './report/order.js';
export { ruleDescriptorLookup, type RuleDescriptor, type RuleDescriptorLookup } from './report/rule-descriptor.js';
// Configuration.
export type { ChorusPrecheckConfig, LoadedConfig } from './config/config.js';
export { ConfigError } from './config/config.js';
// The two orchestrators: the deposit pre-check and the portal evaluation.
export { precheck, checkDocument, contextProblems, PrecheckError, type PrecheckOptions, type DepositReader } from './precheck.js';
export { evaluatePortal, formatPortal, validatePortalState, PortalStateError, type PortalOptions, type PortalJson } from './portal.js';
export type { PortalState, PortalReport, PortalDecision, AttachmentRequest, CreatedStructure } from './portal/types.js';
export { DECISION_IDS, type DecisionId } from './portal/decisions.js';
// Rules and catalogue.
export { RuleSet, PreparedRules, type SeverityOverrides } from './rules/rule-set.js';
export { loadRuleSet, RuleSetError, type RuleSetSource } from './rules/load.js';
export type { RuleFile, RuleCondition, RuleExample, RuleLoadError, CompiledRule } from './rules/types.js';
export { listRules, listReleases, diffReleases, getRuleDescriptors, ruleInfo, type RuleInfo, type ReleaseDiff } from './rules/registry.js';
export { runExample, runAllExamples, type ExampleResult } from './rules/examples.js';
export { renderRulesReadme } from './rules/docs.js';
export { DEPOSIT_FACTS, PORTAL_FACTS, type FactInfo, type FactKind } from './rules/facts-catalogue.js';
export type { BuyerDirectory } from './facts/deposit-facts.js';
export { getCatalogue, Catalogue, CatalogueError, type CatalogueOptions, type SyntaxeLookup } from './catalogue/catalogue.js';
export type { CatalogueData, CatalogueOverlay, Flow, SyntaxeEntry, SyntaxeStatus, Cadre, Release, Provenance, DataProvenance } from './catalogue/types.js';
export { activeAt, compareReleases } from './catalogue/releases.js';
