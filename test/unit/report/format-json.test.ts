import { describe, expect, it } from 'vitest';
import { formatJson, formatJsonDocument, joinJsonDocuments } from '../../../packages/core/src/report/format-json.js';
import { mixedReport } from './sample-report.js';

describe('formatJson', () => {
  it('prints one array entry per document with the contract fields', () => {
    const parsed = JSON.parse(formatJson(mixedReport())) as Array<Record<string, unknown>>;
    expect(parsed).toHaveLength(2);
    for (const entry of parsed) {
      expect(Object.keys(entry)).toEqual(expect.arrayContaining(['file', 'facts', 'flows', 'verdict', 'release', 'diagnostics']));
    }
    expect(parsed[0]?.verdict).toBe('rejected');
  });

  it('sorts diagnostics in report order without changing the report', () => {
    const report = mixedReport();
    const before = JSON.stringify(report);
    const parsed = JSON.parse(formatJson(report)) as Array<{ diagnostics: Array<{ severity: string }> }>;
    expect(parsed[0]?.diagnostics.map((d) => d.severity)).toEqual(['error', 'warning', 'info']);
    expect(JSON.stringify(report)).toBe(before);
  });

  it('leaves out the rules unless explain is asked, and keeps every other field of a document', () => {
    const report = mixedReport();
    // A field the report may carry besides the known ones stays in the default shape.
    const extended: typeof report = { ...report, documents: report.documents.map((d) => ({ ...d, extra: ['cadre inferred'] })) };
    const lean = JSON.parse(formatJson(extended)) as Array<Record<string, unknown>>;
    expect(lean.every((d) => !('rules' in d))).toBe(true);
    expect(Object.keys(lean[0]!)).toEqual(['file', 'facts', 'flows', 'verdict', 'verdictProvisional', 'assumptions', 'release', 'diagnostics', 'extra']);
    const explained = JSON.parse(formatJson(extended, { explain: true })) as Array<Record<string, unknown>>;
    expect(explained.map((d) => d.rules)).toEqual(report.documents.map((d) => d.rules));
    expect(explained[0]?.extra).toEqual(['cadre inferred']);
    expect(formatJson(report).length).toBeLessThan(formatJson(report, { explain: true }).length);
  });

  it('drops non-errors when quiet and prints one line with indent 0', () => {
    const out = formatJson(mixedReport(), { quiet: true, indent: 0 });
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(out) as Array<{ diagnostics: Array<{ severity: string }> }>;
    expect(parsed[0]?.diagnostics.map((d) => d.severity)).toEqual(['error']);
  });
});

describe('formatJsonDocument and joinJsonDocuments', () => {
  it.each([0, 2, 4])('give the bytes of formatJson with indent %i', (indent) => {
    for (const report of [mixedReport(), { ...mixedReport(), documents: [] }]) {
      for (const quiet of [false, true]) {
        for (const explain of [false, true]) {
          const parts = report.documents.map((d) => formatJsonDocument(d, { indent, quiet, explain }));
          expect(joinJsonDocuments(parts, { indent })).toBe(formatJson(report, { indent, quiet, explain }));
        }
      }
    }
  });
});
