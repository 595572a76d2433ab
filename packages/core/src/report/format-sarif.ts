import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { ruleDocumentationUrl, rulesDocumentationUrl } from '../diagnostics/localise.js';
import { sortDiagnostics } from './order.js';
import type { Report } from './report.js';
import { ruleDescriptorLookup, type RuleDescriptor, type RuleDescriptorLookup } from './rule-descriptor.js';

/** Options of the SARIF format. */
export interface SarifFormatOptions {
  /** Rule metadata (title, help, reference URL) shown in `tool.driver.rules`. */
  rules?: readonly RuleDescriptor[] | RuleDescriptorLookup;
  /** The tool version written in `tool.driver.version`. */
  toolVersion?: string;
  /** Keeps only error results. */
  quiet?: boolean;
  /** Spaces of indentation; 0 prints one line. Default 2. */
  indent?: number;
  /**
   * The rules documentation each rule descriptor's `helpUri` points into (`…#<rule anchor>`).
   * Default: the catalogue shipped in the package at `toolVersion` ({@link rulesDocumentationUrl}).
   */
  rulesDocumentation?: string;
}

/** The package's page: SARIF `tool.driver.informationUri`. */
export const PACKAGE_URL = 'https://www.npmjs.com/package/@chorus-precheck/core';

/** A SARIF 2.1.0 log, as far as this format fills it. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

interface SarifMessage {
  text: string;
}

interface SarifRule {
  id: string;
  name?: string;
  shortDescription?: SarifMessage;
  fullDescription?: SarifMessage;
  help?: SarifMessage;
  helpUri?: string;
  defaultConfiguration?: { level: SarifLevel };
  properties?: Record<string, unknown>;
}

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string; index: number }; region?: { startLine: number; startColumn?: number } };
    logicalLocations?: Array<{ fullyQualifiedName: string; kind: string }>;
  }>;
  properties?: Record<string, unknown>;
}

interface SarifRun {
  tool: { driver: { name: string; informationUri?: string; version?: string; rules: SarifRule[] } };
  language: string;
  artifacts: Array<{ location: { uri: string }; parentIndex?: number }>;
  results: SarifResult[];
  properties: Record<string, unknown>;
}

/** The schema URI SARIF consumers recognise for version 2.1.0. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * Builds a SARIF 2.1.0 log from a report: one run, the rules that ran or reported with their
 * metadata, one result per diagnostic located by file, line and column (physical location) and
 * by XPath (logical location).
 */
export function toSarif(report: Report, options: Omit<SarifFormatOptions, 'indent'> = {}): SarifLog {
  const lookup = ruleDescriptorLookup(options.rules);
  const lang = report.lang;
  const ruleIds = new Set<string>();
  // An archive member or a PDF's embedded file (`a.zip!/b/c.xml`) is a nested artifact: its
  // path inside its parent (`/b/c.xml`), with the parent's index (SARIF §3.24.3).
  const artifacts: SarifRun['artifacts'] = [];
  const indexByName = new Map<string, number>();
  const artifactIndex = (file: string): number => {
    let index = indexByName.get(file);
    if (index !== undefined) return index;
    const cut = file.lastIndexOf('!/');
    const parentIndex = cut > 0 ? artifactIndex(file.slice(0, cut)) : undefined;
    index = artifacts.length;
    artifacts.push(parentIndex === undefined ? { location: { uri: toUri(file) } } : { location: { uri: `/${toUri(file.slice(cut + 2))}` }, parentIndex });
    indexByName.set(file, index);
    return index;
  };

  const pending: Array<{ diagnostic: Diagnostic; documentFile: string; verdictProvisional: boolean }> = [];
  for (const document of report.documents) {
    artifactIndex(document.file);
    for (const outcome of document.rules) ruleIds.add(outcome.ruleId);
    const diagnostics = options.quiet ? document.diagnostics.filter((d) => d.severity === 'error') : document.diagnostics;
    for (const diagnostic of sortDiagnostics(diagnostics)) {
      ruleIds.add(diagnostic.ruleId);
      pending.push({ diagnostic, documentFile: document.file, verdictProvisional: document.verdictProvisional });
    }
  }

  const sortedIds = [...ruleIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ruleIndex = new Map(sortedIds.map((id, i) => [id, i]));
  const documentation = options.rulesDocumentation ?? rulesDocumentationUrl(options.toolVersion);
  const rules = sortedIds.map((id) => sarifRule(id, lookup(id), lang, ruleDocumentationUrl(id, documentation)));

  const results = pending.map(({ diagnostic, documentFile, verdictProvisional }): SarifResult => {
    const location = diagnostic.location;
    const file = location?.file ?? documentFile;
    const index = artifactIndex(file);
    const region =
      location?.line !== undefined ? { startLine: location.line, ...(location.column !== undefined ? { startColumn: location.column } : {}) } : undefined;
    const properties: Record<string, unknown> = { document: documentFile, verdictProvisional };
    if (location?.businessTerm) properties.businessTerm = location.businessTerm;
    if (diagnostic.fatal) properties.fatal = true;
    if (diagnostic.actual !== undefined) properties.actual = diagnostic.actual;
    if (diagnostic.expected !== undefined) properties.expected = diagnostic.expected;
    if (diagnostic.messages) properties.messages = diagnostic.messages;
    return {
      ruleId: diagnostic.ruleId,
      ruleIndex: ruleIndex.get(diagnostic.ruleId) ?? 0,
      level: LEVEL[diagnostic.severity],
      message: { text: diagnostic.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifacts[index]!.location.uri, index },
            ...(region ? { region } : {}),
          },
          ...(location?.xpath ? { logicalLocations: [{ fullyQualifiedName: location.xpath, kind: 'element' }] } : {}),
        },
      ],
      properties,
    };
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'chorus-precheck',
            informationUri: PACKAGE_URL,
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules,
          },
        },
        language: lang,
        artifacts,
        results,
        properties: {
          release: report.release,
          context: report.context,
          overrides: report.overrides,
          // What each verdict rests on: a guess is never shown as certain.
          documents: report.documents.map((d) => ({ file: d.file, verdict: d.verdict, verdictProvisional: d.verdictProvisional, assumptions: d.assumptions })),
        },
      },
    ],
  };
}

/** Formats a report as a SARIF 2.1.0 log (see {@link toSarif}). */
export function formatSarif(report: Report, options: SarifFormatOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, options.indent ?? 2)}\n`;
}

function sarifRule(id: string, descriptor: RuleDescriptor | undefined, lang: 'fr' | 'en', helpUri: string): SarifRule {
  // Reader and limit checks (`read/…`, `limit/…`) are not rules of the catalogue: no page of theirs.
  if (!descriptor) return { id };
  const rule: SarifRule = { id, shortDescription: { text: descriptor.title[lang] }, helpUri };
  if (descriptor.help) {
    rule.fullDescription = { text: descriptor.help[lang] };
    rule.help = { text: descriptor.help[lang] };
  }
  if (descriptor.severity) rule.defaultConfiguration = { level: LEVEL[descriptor.severity] };
  if (descriptor.reference || descriptor.url) {
    // The source the requirement is taken from, beside the rule's own page.
    rule.properties = { ...(descriptor.reference ? { reference: descriptor.reference } : {}), ...(descriptor.url ? { referenceUrl: descriptor.url } : {}) };
  }
  return rule;
}

/**
 * Turns a display name (`dir/batch.tar.gz!/member.xml`, `C:\inv\a b.xml`) into a relative URI
 * reference: forward slashes, each segment percent-encoded (`!` is kept, as archive paths use it).
 */
export function toUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
