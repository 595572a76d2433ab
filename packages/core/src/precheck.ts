/**
 * The pre-check: reads every deposit file, derives the facts the rules need, runs the rules of
 * the chosen Chorus Pro release, and assembles the report (flows, verdict, diagnostics, rule
 * outcomes with explanations). Browser-safe.
 */
import type { CatalogueOverlay } from './catalogue/types.js';
import type { DepositContext } from './context.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { limitDiagnostic } from './diagnostics/reader.js';
import { blankFacts } from './facts/derive.js';
import { sniffContainer } from './read/sniff.js';
import type { Facts, ReadDocument } from './facts/facts.js';
import type { DepositInput, PdfjsLoader, ReadOptions, StructureValidator } from './read/input.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { sortDiagnostics } from './report/order.js';
import { localise } from './diagnostics/localise.js';
import type { DocumentReport, FlowResult, Report, RuleOutcome, Verdict } from './report/report.js';
import { assumptionsOf, verdictIsProvisional } from './report/assumptions.js';
import { chosenFlow, contextChoosesFlow, depositFacts, type BuyerDirectory } from './facts/deposit-facts.js';
import { normaliseContext } from './facts/deposit-context.js';
import { targetLocation } from './rules/targets.js';
import { diagnosticOf, effectiveSeverity, outcomeOf, schemaDiagnostic, skippedEvaluation } from './rules/outcomes.js';
import { loadRuleSet } from './rules/load.js';
import { memoKeys } from './rules/memo.js';
import type { PreparedRules, RuleSet, SeverityOverrides } from './rules/rule-set.js';

/** Reads one deposit file into its invoice documents (the reader's `readDeposit`). */
export type DepositReader = (input: DepositInput, options: ReadOptions) => Promise<ReadDocument[]>;

/** Options of {@link precheck}. */
export interface PrecheckOptions {
  /** Language of `Diagnostic.message` (both are always in `messages`). Default `fr`. */
  lang?: 'fr' | 'en';
  /** A catalogue overlay, e.g. the real syntaxe strings of the works flows. */
  catalogueOverlay?: CatalogueOverlay | null;
  /** Per-rule severity overrides (`off` disables a rule). */
  severity?: SeverityOverrides;
  /** The same two overrides in the configuration file's shape (`catalogueOverlay`/`severity` win). */
  overrides?: { catalogue?: CatalogueOverlay | null; severity?: SeverityOverrides };
  limits?: Partial<Limits>;
  pdfjs?: PdfjsLoader;
  signal?: AbortSignal;
  /** A snapshot of the Chorus directory: buyers requiring a service code and/or an EJ. */
  directory?: BuyerDirectory | null;
  /** The rule set to use (default: the shipped rules). */
  ruleSet?: RuleSet;
  /** The reader (default: the core's `readDeposit`, loaded on first use). */
  reader?: DepositReader;
  /**
   * Validates each invoice XML against the published schema of its syntax (the `structure/*`
   * rules). Default `true`: the schema engine and each schema are loaded on first need.
   * `false` turns the structural check off; a function replaces the validator.
   */
  structure?: boolean | StructureValidator;
  /**
   * Makes every schema finding an error (`structure/*` rules at `error`), for full conformance:
   * by default the schemas that official Chorus Pro samples fail are warnings. An explicit
   * `severity` override of such a rule wins.
   */
  strict?: boolean;
}

/** Thrown when `precheck` is called with a context it cannot use (misuse, not bad input). */
export class PrecheckError extends Error {
  /** The stable error code. */
  readonly code: 'INVALID_CONTEXT' | 'UNKNOWN_RULE';
  constructor(code: 'INVALID_CONTEXT' | 'UNKNOWN_RULE', message: string) {
    super(message);
    this.name = 'PrecheckError';
    this.code = code;
  }
}

/** Checks the values of a deposit context; returns the problems found (empty when usable). */
export function contextProblems(context: DepositContext): string[] {
  const problems: string[] = [];
  if (context.channel !== undefined && !['PORTAIL', 'API', 'EDI'].includes(context.channel))
    problems.push(`channel must be PORTAIL, API or EDI, not "${String(context.channel)}"`);
  if (context.space !== undefined && !['factures', 'factures-de-travaux'].includes(context.space))
    problems.push(`space must be factures or factures-de-travaux, not "${String(context.space)}"`);
  if (context.depositDate !== undefined && !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(context.depositDate))
    problems.push(`depositDate must be an ISO date YYYY-MM-DD, not "${String(context.depositDate)}"`);
  for (const key of ['syntaxe', 'interfaceCode', 'ediFileName', 'release'] as const) {
    if (context[key] !== undefined && typeof context[key] !== 'string') problems.push(`${key} must be a string`);
  }
  return problems;
}

let defaultReader: DepositReader | null = null;
let defaultStructure: Promise<StructureValidator> | null = null;

/** The default structural check, its module loaded on the first document that has invoice XML. */
const lazyStructure: StructureValidator = async (bytes, facts, file) => {
  defaultStructure ??= import('./schema/index.js').then((m) => m.validateStructure);
  return (await defaultStructure)(bytes, facts, file);
};

/** The rule area of the structural check: its findings are schema errors, reported one by one. */
const STRUCTURE_AREA = 'structure';

/** The severity overrides with `strict` applied: every structure rule not overridden becomes an error. */
export function strictSeverity(set: RuleSet, severity: SeverityOverrides, strict: boolean | undefined): SeverityOverrides {
  if (strict !== true) return severity;
  const out: SeverityOverrides = { ...severity };
  for (const rule of set.rules) if (rule.area === STRUCTURE_AREA && out[rule.id] === undefined) out[rule.id] = 'error';
  return out;
}

async function reader(options: PrecheckOptions): Promise<DepositReader> {
  if (options.reader) return options.reader;
  defaultReader ??= (await import('./read/index.js')).readDeposit;
  return defaultReader;
}

/** The container of a whole deposit file, from its magic bytes and, for gzip, its name. */
export function depositContainerOf(input: DepositInput, documents: readonly ReadDocument[]): string {
  const b = input.bytes;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b) return 'zip';
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) {
    // A gzip holds one file: several documents, or a .tar.gz/.tgz name, mean a tar inside.
    return /\.(tar\.gz|tgz)$/i.test(input.name) || documents.length > 1 ? 'tar.gz' : 'gzip';
  }
  // As the reader sniffs: by the first significant bytes (`%PDF-` in an XML comment is XML).
  const sniffed = sniffContainer(b).container;
  if (sniffed === 'pdf' || sniffed === 'xml') return sniffed;
  return documents[0]?.facts.container ?? 'unknown';
}

/** Checks one read document against the prepared rules. */
export async function checkDocument(
  doc: ReadDocument,
  givenContext: DepositContext,
  prepared: PreparedRules,
  shape: { invoiceCount: number; depositContainer: string },
  settings: { lang: 'fr' | 'en'; severity: SeverityOverrides; directory?: BuyerDirectory | null },
): Promise<DocumentReport> {
  const catalogue = prepared.catalogue;
  const context = normaliseContext(givenContext);
  const facts = depositFacts(doc.facts, context, catalogue, shape, settings.directory);
  // The deposit rules and the flow table memoise on some of the same facts: one key maker.
  const keyOf = memoKeys(facts);
  const evaluations = await prepared.runDeposit(facts, keyOf);
  const rules: RuleOutcome[] = [];
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  let contextError = false;
  let ruleError = false;
  const decisiveRules: Array<{ id: string; provenance: string }> = [];
  // A document without invoice XML (a plain PDF) has no invoice data for the content rules to check.
  const noInvoiceXml = doc.facts.syntax === 'unknown';
  for (const rule of prepared.depositRules) {
    const severity = effectiveSeverity(rule.id, rule.meta.severity, settings.severity);
    if ((doc.unreadable && rule.needsDocument) || (noInvoiceXml && rule.needsInvoiceXml)) {
      rules.push(outcomeOf(rule, skippedEvaluation(rule), severity));
      continue;
    }
    const ev = evaluations.get(rule.id);
    if (!ev) continue;
    rules.push(outcomeOf(rule, ev, severity));
    if (ev.status !== 'failed') continue;
    if (rule.area === STRUCTURE_AREA && doc.schemaFindings !== undefined && doc.schemaFindings.length > 0) {
      // One diagnostic per kind of schema error, not one for the rule.
      for (const f of doc.schemaFindings) diagnostics.push(schemaDiagnostic(rule, f, severity));
    } else {
      diagnostics.push(diagnosticOf(rule, ev, facts, severity, targetLocation(rule.target, doc)));
    }
    if (severity === 'error') {
      ruleError = true;
      decisiveRules.push({ id: rule.id, provenance: rule.meta.provenance });
      if (!rule.needsDocument) contextError = true;
    }
  }
  const flows: FlowResult[] = [];
  // Only error rules exclude a flow.
  const excluding = new Set(prepared.flowRules.filter((r) => effectiveSeverity(r.id, r.meta.severity, settings.severity) === 'error').map((r) => r.id));
  const flowEvaluations = doc.unreadable ? null : await prepared.runFlows(facts, keyOf);
  for (const flow of catalogue.flows) {
    const outcomes = flowEvaluations?.find((f) => f.code === flow.code)?.outcomes;
    const excludedBy = outcomes
      ? [...outcomes]
          .filter(([id, status]) => status === 'failed' && excluding.has(id))
          .map(([id]) => id)
          .sort()
      : [];
    // A works-only flow that applies because of an inferred works flag is as provisional as the flag.
    const cadre = flow.scope === 'works-only' ? catalogue.cadre(doc.facts.cadre) : null;
    flows.push({
      code: flow.code,
      applicable: !doc.unreadable && excludedBy.length === 0,
      excludedBy,
      provisional: flow.provisional.length > 0 || (cadre?.provisional ?? false),
    });
  }
  let verdict: Verdict = null;
  if (contextChoosesFlow(context)) {
    const readerError = doc.diagnostics.some((d) => d.severity === 'error');
    // A chosen value that names no known flow, with no error, is a syntaxe the catalogue cannot
    // confirm (deposit/syntaxe-unconfirmed): unknown is not wrong, so no verdict.
    verdict = contextError ? 'rejected' : doc.unreadable ? 'unreadable' : ruleError || readerError ? 'rejected' : facts.flow === null ? null : 'accepted';
  }
  const assumptions = assumptionsOf({
    catalogue,
    flow: verdict === null ? null : chosenFlow(context, catalogue),
    syntaxe: context.channel === 'EDI' ? null : (facts.syntaxe as string | null),
    syntax: doc.facts.syntax,
    cadre: doc.facts.cadre,
    flows,
    decisiveRules,
  });
  // The reader leaves the works flag to the catalogue after the user's overlay: the deposit facts' value.
  const reported: Facts = { ...doc.facts, isWorks: facts.isWorks as boolean | null };
  return {
    file: doc.file,
    facts: reported,
    flows,
    verdict,
    verdictProvisional: verdict !== null && verdictIsProvisional(assumptions),
    assumptions,
    release: prepared.release,
    diagnostics: sortDiagnostics(localise(diagnostics, settings.lang)),
    rules,
  };
}

/**
 * Pre-checks a deposit: one or several files, each checked as what would be sent to Chorus Pro
 * in one go. Never throws on bad input (unreadable files are reported); throws only on misuse
 * (unknown release, invalid rule set), with a typed error carrying a stable `code`.
 */
export async function precheck(input: DepositInput | DepositInput[], context: DepositContext = {}, options: PrecheckOptions = {}): Promise<Report> {
  const inputs = Array.isArray(input) ? input : [input];
  const problems = contextProblems(context);
  if (problems.length > 0) throw new PrecheckError('INVALID_CONTEXT', `invalid deposit context: ${problems.join('; ')}`);
  const lang = options.lang ?? 'fr';
  const overlay = options.catalogueOverlay ?? options.overrides?.catalogue ?? null;
  const set = options.ruleSet ?? loadRuleSet();
  const given = options.severity ?? options.overrides?.severity ?? {};
  const unknown = Object.keys(given).filter((id) => !set.rule(id));
  if (unknown.length > 0) throw new PrecheckError('UNKNOWN_RULE', `severity overrides name unknown rules: ${unknown.join(', ')}`);
  const severity = strictSeverity(set, given, options.strict);
  const structure = options.structure === false ? undefined : typeof options.structure === 'function' ? options.structure : lazyStructure;
  const prepared = set.prepare({ release: context.release ?? set.latest, overlay, severity });
  const read = await reader(options);
  const limits: Limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const documents: DocumentReport[] = [];
  for (const file of inputs) {
    const readOptions: ReadOptions = {
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.pdfjs ? { pdfjs: options.pdfjs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(structure ? { structure } : {}),
    };
    const docs = await read(file, readOptions);
    // Archive members that are not invoices at all (an image, a text file) are not counted.
    const invoices = docs.filter((d) => !(d.unreadable && d.facts.syntax === 'unknown' && d.facts.formatFamily === 'unknown'));
    const shape = { invoiceCount: Math.max(invoices.length, 1), depositContainer: depositContainerOf(file, docs) };
    // In EDI the file name names the flow: without an interface code or EDI name, the deposit file's own name is it.
    const ctx = normaliseContext(context, file.name);
    // The report of one input is bounded whatever the input holds: the documents past
    // maxReportChars (as JSON) are not reported, and a document of the input says so.
    let chars = 0;
    for (const [i, doc] of docs.entries()) {
      const checked = await checkDocument(doc, ctx, prepared, shape, { lang, severity, directory: options.directory ?? null });
      chars += JSON.stringify(checked).length;
      if (chars > limits.maxReportChars) {
        const cut = limitDiagnostic('maxReportChars', limits.maxReportChars, { file: file.name }, chars);
        const left = docs.length - i;
        cut.messages = {
          fr: `${cut.messages!.fr} ${left} document(s) de ce fichier ne sont pas dans le rapport.`,
          en: `${cut.messages!.en} ${left} document(s) of this file are not in the report.`,
        };
        const stub = { file: file.name, facts: blankFacts(doc.facts.container), diagnostics: [cut], unreadable: true };
        documents.push(await checkDocument(stub, ctx, prepared, shape, { lang, severity, directory: options.directory ?? null }));
        break;
      }
      documents.push(checked);
    }
  }
  const summary = { documents: documents.length, errors: 0, warnings: 0, infos: 0 };
  for (const d of documents)
    for (const x of d.diagnostics) {
      if (x.severity === 'error') summary.errors++;
      else if (x.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  return {
    release: prepared.release,
    lang,
    context,
    documents,
    overrides: { catalogue: overlay, severity },
    summary,
  };
}
