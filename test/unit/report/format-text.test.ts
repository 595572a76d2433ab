import { describe, expect, it } from 'vitest';
import { formatText, formatTextDocument, joinTextBlocks, printable } from '../../../packages/core/src/report/format-text.js';
import { diag, mixedReport, sampleDocument, sampleFacts, sampleReport } from './sample-report.js';

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

  it('keeps a multi-line message on one line, its line breaks shown as escapes', () => {
    const report = sampleReport([sampleDocument({ diagnostics: [diag('read/x', 'error', 'first\nsecond\r\nthird')] })]);
    expect(formatText(report)).toContain('first\\nsecond\\r\\nthird  read/x');
  });

  it('shows the control characters of names, fields and rule ids as escapes: nothing reaches the terminal raw', () => {
    // A member name that would forge a finding line, an OSC 8 hyperlink and a screen clear; an
    // invoice field with an 8-bit CSI (U+009B, as an XML character reference gives it) and a
    // bidirectional override; a flow code from a catalogue overlay with a bell.
    const member = 'batch.zip!/a.xml\n  forged.xml:1:1  error  Forged finding  read/x\r\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007\u001b[2J';
    const report = sampleReport([
      sampleDocument({
        file: member,
        facts: sampleFacts({ cadre: 'A1\u001b[31m' }),
        flows: [{ code: 'FSO1100A\u0007', applicable: true, excludedBy: [], provisional: false }],
        diagnostics: [
          diag('content/number-length', 'error', 'Invoice number "F\u009b2J\u202eevil" is too long', { file: member, line: 3, column: 9 }),
          diag('user/rule\u001b[8m', 'warning', 'tab\there'),
        ],
      }),
    ]);
    for (const color of [false, true]) {
      const out = formatText(report, { color });
      const stripped = out.replace(/\u001b\[\d+m/g, '');
      expect(stripped).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      // Three lines for the document (name, two findings), the flows, a blank line, the summary.
      expect(stripped.split('\n')).toHaveLength(7);
      expect(stripped).not.toMatch(/^\s*forged\.xml/m);
      expect(stripped).toContain(
        'batch.zip!/a.xml\\n  forged.xml:1:1  error  Forged finding  read/x\\r\\x1b]8;;https://evil.example\\x07link\\x1b]8;;\\x07\\x1b[2J',
      );
      expect(stripped).toContain('Invoice number "F\\u009b2J\\u202eevil" is too long');
      expect(stripped).toContain('cadre A1\\x1b[31m');
      expect(stripped).toContain('FSO1100A\\x07');
      expect(stripped).toContain('user/rule\\x1b[8m');
      expect(stripped).toContain('tab\\there');
    }
  });

  it('prints a message quoting a million spaces whole, in time linear in its length', () => {
    const spaces = ' '.repeat(1_000_000);
    const report = sampleReport([sampleDocument({ diagnostics: [diag('content/number-length', 'error', `Invoice number "${spaces}" is too long`)] })]);
    // The folding this replaced backtracked over every run of spaces: hours for this input.
    expect(formatText(report)).toContain(`"${spaces}" is too long  content/number-length`);
    expect(printable(`a${spaces}\n${spaces}b`)).toBe(`a${spaces}\\n${spaces}b`);
  });

  it('says when a document has no problem and when no flow applies', () => {
    const out = formatText(sampleReport([sampleDocument({ flows: [] })]));
    expect(out).toContain('no problems');
    expect(out).toContain('flows: none');
  });
});
