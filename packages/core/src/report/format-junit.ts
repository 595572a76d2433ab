import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from './order.js';
import type { Report, RuleStatus } from './report.js';

/** Options of the JUnit format. */
export interface JunitFormatOptions {
  /** Keeps only errors in failure details and system output. */
  quiet?: boolean;
}

interface TestCase {
  name: string;
  status: RuleStatus;
  diagnostics: Diagnostic[];
}

/**
 * Formats a report as JUnit XML: one `<testsuite>` per document, one `<testcase>` per rule that
 * ran on it (and per reader check that reported). A case fails when it reported an error (what
 * Chorus Pro rejects); warnings and infos go to the case's `<system-out>`; rules that did not
 * apply or could not run are `<skipped>`.
 */
export function formatJunit(report: Report, options: JunitFormatOptions = {}): string {
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalSkipped = 0;

  for (const document of report.documents) {
    const cases = new Map<string, TestCase>();
    for (const outcome of document.rules) {
      cases.set(outcome.ruleId, { name: outcome.ruleId, status: outcome.status, diagnostics: [] });
    }
    for (const diagnostic of sortDiagnostics(document.diagnostics)) {
      if (options.quiet && diagnostic.severity !== 'error') continue;
      let testCase = cases.get(diagnostic.ruleId);
      if (!testCase) {
        // Reader and limit checks are not rules, but a dashboard must still show them.
        testCase = { name: diagnostic.ruleId, status: 'failed', diagnostics: [] };
        cases.set(diagnostic.ruleId, testCase);
      }
      testCase.diagnostics.push(diagnostic);
    }

    const ordered = [...cases.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let failures = 0;
    let skipped = 0;
    const body = ordered.map((testCase) => {
      const open = `    <testcase classname="${attr(document.file)}" name="${attr(testCase.name)}">`;
      const errors = testCase.diagnostics.filter((d) => d.severity === 'error');
      const others = testCase.diagnostics.filter((d) => d.severity !== 'error');
      const inner: string[] = [];
      if (errors.length > 0) {
        failures++;
        inner.push(`      <failure message="${attr(errors[0]?.message ?? '')}" type="error">${text(errors.map(describe).join('\n'))}</failure>`);
      } else if (testCase.status === 'not-applicable' || testCase.status === 'skipped') {
        skipped++;
        inner.push(`      <skipped message="${testCase.status === 'skipped' ? 'input unreadable' : 'not applicable'}"/>`);
      }
      if (others.length > 0) inner.push(`      <system-out>${text(others.map(describe).join('\n'))}</system-out>`);
      return inner.length === 0 ? `${open.slice(0, -1)}/>` : `${open}\n${inner.join('\n')}\n    </testcase>`;
    });

    totalTests += ordered.length;
    totalFailures += failures;
    totalSkipped += skipped;
    suites.push(
      `  <testsuite name="${attr(document.file)}" tests="${ordered.length}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
        `    <properties>\n` +
        `      <property name="release" value="${attr(document.release)}"/>\n` +
        // No verdict without a syntaxe or interface code: the property is left out, never "null".
        (document.verdict === null
          ? ''
          : `      <property name="verdict" value="${attr(document.verdict)}"/>\n` +
            `      <property name="verdictProvisional" value="${document.verdictProvisional}"/>\n`) +
        document.assumptions
          .map((a) => `      <property name="assumption" value="${attr(`${a.kind} ${a.value} (${a.provenance}, ${a.scope})`)}"/>\n`)
          .join('') +
        `    </properties>\n` +
        (body.length > 0 ? `${body.join('\n')}\n` : '') +
        `  </testsuite>`,
    );
  }

  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="chorus-precheck" tests="${totalTests}" failures="${totalFailures}" errors="0" skipped="${totalSkipped}">\n` +
    (suites.length > 0 ? `${suites.join('\n')}\n` : '') +
    `</testsuites>\n`
  );
}

function describe(diagnostic: Diagnostic): string {
  const location = diagnostic.location;
  const where = location
    ? [location.file, location.line, location.column].filter((x) => x !== undefined).join(':') + (location.xpath ? ` ${location.xpath}` : '')
    : '';
  return `${diagnostic.severity}: ${diagnostic.message}${where ? ` (${where})` : ''}`;
}

// XML 1.0 forbids most C0 controls (even as character references), U+FFFE, U+FFFF and unpaired
// surrogates: each is shown as an escape (`\x01`, `\ufffe`, `\ud800`), as the text format does,
// so that the file stays one CI servers parse and the reader still sees what the input held.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function text(value: string): string {
  return value.replace(FORBIDDEN, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
