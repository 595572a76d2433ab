import type { Diagnostic, Severity } from './diagnostic.js';
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
}

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
  artifacts: Array<{ location: { uri: string } }>;
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
  const artifacts = new Map<string, number>();
  const artifactIndex = (file: string): number => {
    let index = artifacts.get(file);
    if (index === undefined) {
      index = artifacts.size;
      artifacts.set(file, index);
    }
    return index;
  };

  const pending: Array<{ diagnostic: Diagnostic; documentFile: string; verdictProvisional: boolean }> = [];
  for (const document of report.documents) {
    artifactIndex(document.file);
    for (const outcome of document.rules) ruleIds.add(outcome.ruleId);
    const diagnostics = options.quiet
      ? document.diagnostics.filter((d) => d.severity === 'error')
      : document.diagnostics;
    for (const diagnostic of sortDiagnostics(diagnostics)) {
      ruleIds.add(diagnostic.ruleId);
      pending.push({ diagnostic, documentFile: document.file, verdictProvisional: document.verdictProvisional });
    }
  }

  const sortedIds = [...ruleIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ruleIndex = new Map(sortedIds.map((id, i) => [id, i]));
  const rules = sortedIds.map((id) => sarifRule(id, lookup(id), lang));

  const results = pending.map(({ diagnostic, documentFile, verdictProvisional }): SarifResult => {
    const location = diagnostic.location;
    const file = location?.file ?? documentFile;
    const region =
      location?.line !== undefined
        ? { startLine: location.line, ...(location.column !== undefined ? { startColumn: location.column } : {}) }
        : undefined;
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
            artifactLocation: { uri: toUri(file), index: artifactIndex(file) },
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
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules,
          },
        },
        language: lang,
        artifacts: [...artifacts.keys()].map((file) => ({ location: { uri: toUri(file) } })),
        results,
        properties: {
          release: report.release, context: report.context, overrides: report.overrides,
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

function sarifRule(id: string, descriptor: RuleDescriptor | undefined, lang: 'fr' | 'en'): SarifRule {
  if (!descriptor) return { id };
  const rule: SarifRule = { id, shortDescription: { text: descriptor.title[lang] } };
  if (descriptor.help) {
    rule.fullDescription = { text: descriptor.help[lang] };
    rule.help = { text: descriptor.help[lang] };
  }
  if (descriptor.url) rule.helpUri = descriptor.url;
  if (descriptor.severity) rule.defaultConfiguration = { level: LEVEL[descriptor.severity] };
  if (descriptor.reference) rule.properties = { reference: descriptor.reference };
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
