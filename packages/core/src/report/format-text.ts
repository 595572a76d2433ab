import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from './order.js';
import type { DocumentReport, FlowResult, Report } from './report.js';

/** Options of the text format. */
export interface TextFormatOptions {
  /** ANSI colours: the CLI turns them on only on a TTY and never when `NO_COLOR` is set. */
  color?: boolean;
  /** Lists only errors, and only the documents that have some (warnings and infos are still counted); a run without errors prints nothing. */
  quiet?: boolean;
}

const LABELS = {
  en: {
    cadre: 'cadre',
    defaultCadre: 'default',
    release: 'release',
    verdict: 'verdict',
    flows: 'flows',
    provisional: 'provisional',
    provenances: { seed: 'release note', official: 'official', 'third-party': 'third-party', inferred: 'inferred', user: 'user' },
    kinds: {
      syntaxe: 'syntaxe',
      'interface-code': 'interface code',
      'works-flag': 'works flag of cadre',
      'cadre-location': 'UBL cadre in',
      'b2b-value': 'B2B value',
      rule: 'rule',
    },
    none: 'none',
    noProblems: 'no problems',
    summary: (d: number, e: number, w: number, i: number) =>
      `${d} ${plural(d, 'document', 'documents')}, ${e} ${plural(e, 'error', 'errors')}, ${w} ${plural(w, 'warning', 'warnings')}, ${i} ${plural(i, 'info', 'infos')}`,
  },
  fr: {
    cadre: 'cadre',
    defaultCadre: 'par défaut',
    release: 'version',
    verdict: 'verdict',
    flows: 'flux',
    provisional: 'provisoire',
    provenances: { seed: 'note de version', official: 'officiel', 'third-party': 'source tierce', inferred: 'déduit', user: 'utilisateur' },
    kinds: {
      syntaxe: 'syntaxe',
      'interface-code': 'code d’interface',
      'works-flag': 'caractère travaux du cadre',
      'cadre-location': 'cadre UBL dans',
      'b2b-value': 'valeur B2B',
      rule: 'règle',
    },
    none: 'aucun',
    noProblems: 'aucun problème',
    summary: (d: number, e: number, w: number, i: number) =>
      `${d} ${pluralFr(d, 'document', 'documents')}, ${e} ${pluralFr(e, 'erreur', 'erreurs')}, ${w} ${pluralFr(w, 'avertissement', 'avertissements')}, ${i} ${pluralFr(i, 'information', 'informations')}`,
  },
} as const;

type Labels = (typeof LABELS)[keyof typeof LABELS];

const ANSI = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  red: ['\u001b[31m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  blue: ['\u001b[34m', '\u001b[39m'],
  green: ['\u001b[32m', '\u001b[39m'],
} as const;

type Style = keyof typeof ANSI;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

/**
 * Formats a report for people: one block per document (errors first, each line
 * `file:line:column  severity  message  ruleId`), the flows as a compact list, then a summary line.
 */
export function formatText(report: Report, options: TextFormatOptions = {}): string {
  const blocks = report.documents.map((document) => formatTextDocument(document, report.lang, options));
  return joinTextBlocks(blocks, report.summary, report.lang, options);
}

/**
 * Formats one document's block of the text output (empty when quiet and without errors), for callers that format documents where
 * they are checked (worker threads) and join them later with {@link joinTextBlocks}: the result
 * is byte for byte the output of {@link formatText}.
 */
export function formatTextDocument(document: DocumentReport, lang: Report['lang'], options: TextFormatOptions = {}): string {
  return formatDocument(document, LABELS[lang] ?? LABELS.en, painter(options), options.quiet === true);
}

/**
 * Joins the blocks of {@link formatTextDocument} (same options; empty ones are left out) and the
 * summary line into the text output. Quiet, a run without errors prints nothing at all.
 */
export function joinTextBlocks(blocks: readonly string[], summary: Report['summary'], lang: Report['lang'], options: TextFormatOptions = {}): string {
  const shown = blocks.filter((block) => block !== '');
  if (options.quiet && summary.errors === 0 && shown.length === 0) return '';
  const paint = painter(options);
  const { documents, errors, warnings, infos } = summary;
  const line = (LABELS[lang] ?? LABELS.en).summary(documents, errors, warnings, infos);
  const style: Style = errors > 0 ? 'red' : warnings > 0 ? 'yellow' : 'green';
  return `${[...shown, paint('bold', paint(style, line))].join('\n\n')}\n`;
}

function painter(options: TextFormatOptions): (style: Style, text: string) => string {
  return (style, text) => (options.color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text);
}

function formatDocument(document: DocumentReport, labels: Labels, paint: (style: Style, text: string) => string, quiet: boolean): string {
  const shown = sortDiagnostics(quiet ? document.diagnostics.filter((d) => d.severity === 'error') : document.diagnostics);
  // Quiet, a document without errors is not printed (its warnings are still counted).
  if (quiet && shown.length === 0) return '';
  const lines = [`${paint('bold', printable(document.file))}  ${paint('dim', printable(headline(document, labels)))}`];
  const where = shown.map((d) => printable(locationText(d, document.file)));
  const whereWidth = Math.max(0, ...where.map((w) => w.length));
  shown.forEach((diagnostic, i) => {
    const severity = diagnostic.severity.padEnd(7);
    lines.push(
      `  ${paint('dim', (where[i] ?? '').padEnd(whereWidth))}  ${paint(SEVERITY_STYLE[diagnostic.severity], severity)}  ${printable(diagnostic.message)}  ${paint('dim', printable(diagnostic.ruleId))}`,
    );
  });
  if (shown.length === 0) lines.push(`  ${paint('green', labels.noProblems)}`);
  lines.push(`  ${paint('dim', `${labels.flows}:`)} ${flowList(document.flows, labels, paint)}`);
  return lines.join('\n');
}

function headline(document: DocumentReport, labels: Labels): string {
  const { facts } = document;
  const parts: string[] = [];
  const what = [facts.syntax, facts.document].filter((x) => x !== null && x !== 'unknown').join(' ');
  if (what) parts.push(what);
  if (facts.profile) parts.push(facts.profile);
  parts.push(facts.formatFamily);
  parts.push(
    `${labels.cadre} ${facts.cadre}${facts.cadreSource === 'default' ? ` (${labels.defaultCadre})` : facts.cadreSource === 'BT-24' ? ' (BT-24)' : ''}`,
  );
  parts.push(`${labels.release} ${document.release}`);
  if (document.verdict !== null) {
    // `accepted (provisional: syntaxe IN_DP_E5_CII_FACTURX, inferred)`: a verdict resting on a guess says so.
    const guesses = document.verdictProvisional
      ? document.assumptions
          .filter((a) => a.scope === 'verdict' && a.provenance !== 'user')
          .map((a) => `${labels.kinds[a.kind]} ${a.value}, ${labels.provenances[a.provenance]}`)
      : [];
    parts.push(`${labels.verdict} ${document.verdict}${guesses.length > 0 ? ` (${labels.provisional}: ${guesses.join('; ')})` : ''}`);
  }
  return parts.join(' · ');
}

function flowList(flows: readonly FlowResult[], labels: Labels, paint: (style: Style, text: string) => string): string {
  if (flows.length === 0) return labels.none;
  // Compact on purpose: which flows are open and which are not; the rules that close each flow
  // are in the JSON and SARIF outputs, and the findings above say why.
  const code = (flow: FlowResult) => printable(flow.provisional ? `${flow.code}*` : flow.code);
  const open = flows.filter((f) => f.applicable).map(code);
  const closed = flows.filter((f) => !f.applicable).map(code);
  const parts = [paint('green', `✓ ${open.length > 0 ? open.join(' ') : labels.none}`)];
  if (closed.length > 0) parts.push(paint('dim', `✗ ${closed.join(' ')}`));
  if (flows.some((f) => f.provisional)) parts.push(paint('dim', `* ${labels.provisional}`));
  return parts.join('  ');
}

function locationText(diagnostic: Diagnostic, documentFile: string): string {
  const location = diagnostic.location;
  const file = location?.file ?? documentFile;
  if (location?.line === undefined) return file;
  return location.column === undefined ? `${file}:${location.line}` : `${file}:${location.line}:${location.column}`;
}

// What a terminal would act on rather than show: C0 and C1 controls (escape sequences, `\r`,
// `\n`, U+009B, the 8-bit CSI), DEL, the line and paragraph separators, and the bidirectional
// overrides that reorder what is shown. One character class, so one pass over the text.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\x1b' };

/**
 * Makes a string from the input (a file or member name, a message quoting an invoice field, a
 * rule id from a user's rule files, a portal value) safe to print on a terminal: every control
 * character is shown as an escape (`\n`, `\r`, `\t`, `\x1b`, `\u009b`), as git and ESLint do.
 * A name can then neither forge a line of the report nor send commands to the terminal, and a
 * finding stays on one line, which editors and CI log parsers rely on. Linear in the length.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeControl);
}

function escapeControl(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

// French takes the singular for 0 and 1.
function pluralFr(n: number, one: string, many: string): string {
  return n < 2 ? one : many;
}
