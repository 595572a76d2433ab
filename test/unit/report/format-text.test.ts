import { describe, expect, it } from 'vitest';
import { formatText, formatTextDocument, joinTextBlocks } from '../../../packages/core/src/report/format-text.js';
import { diag, mixedReport, sampleDocument, sampleReport } from './sample-report.js';

describe('formatText', () => {
  it('matches the golden output for a mixed report', async () => {
    await expect(formatText(mixedReport())).toMatchFileSnapshot('__snapshots__/mixed.txt');
  });

  it('matches the golden output in French', async () => {
    await expect(formatText({ ...mixedReport(), lang: 'fr' })).toMatchFileSnapshot('__snapshots__/mixed.fr.txt');
  });

  it('lists errors before warnings and infos, one finding per line with file:line:column', () => {
    const lines = formatText(mixedReport()).split('\n');
    const findings = lines.filter((l) => /\s(error|warning|info)\s/.test(l));
    expect(findings.map((l) => l.match(/\s(error|warning|info)\s/)?.[1])).toEqual(['error', 'warning', 'info']);
    expect(findings[0]).toMatch(/^ {2}in\/works\.xml:12:5 +error +Flow FSO1130A carries only works invoices {2}deposit\/works-flow-requires-works-cadre$/);
  });

  it('prints no escape sequence without colour and some with it', () => {
    expect(formatText(mixedReport())).not.toContain('\u001b[');
    expect(formatText(mixedReport(), { color: true })).toContain('\u001b[31m');
  });

  it('keeps only errors when quiet, but the summary still counts everything', () => {
    const out = formatText(mixedReport(), { quiet: true });
    expect(out).not.toMatch(/\swarning\s/);
    expect(out).toContain('2 documents, 1 error, 1 warning, 1 info');
  });

  it('gives the same bytes when documents are formatted one by one and joined (as worker threads do)', () => {
    for (const options of [{}, { color: true }, { quiet: true }]) {
      for (const report of [mixedReport(), { ...mixedReport(), lang: 'fr' as const }, sampleReport([])]) {
        const blocks = report.documents.map((d) => formatTextDocument(d, report.lang, options));
        expect(joinTextBlocks(blocks, report.summary, report.lang, options)).toBe(formatText(report, options));
      }
    }
  });

  it('keeps a multi-line message on one line', () => {
    const report = sampleReport([sampleDocument({ diagnostics: [diag('read/x', 'error', 'first\nsecond')] })]);
    expect(formatText(report)).toContain('first second  read/x');
  });

  it('says when a document has no problem and when no flow applies', () => {
    const out = formatText(sampleReport([sampleDocument({ flows: [] })]));
    expect(out).toContain('no problems');
    expect(out).toContain('flows: none');
  });
});
