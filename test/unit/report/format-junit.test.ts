import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { formatJunit } from '../../../packages/core/src/report/format-junit.js';
import { diag, mixedReport, sampleDocument, sampleReport } from './sample-report.js';

/** Parses XML and returns the elements met, throwing on any well-formedness error. */
function parse(xml: string): Array<{ name: string; attributes: Record<string, string> }> {
  const parser = new SaxesParser();
  const elements: Array<{ name: string; attributes: Record<string, string> }> = [];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => elements.push({ name: tag.name, attributes: tag.attributes as Record<string, string> }));
  parser.write(xml).close();
  return elements;
}

describe('formatJunit', () => {
  it('writes one suite per document and one case per rule that ran', () => {
    const elements = parse(formatJunit(mixedReport()));
    const suites = elements.filter((e) => e.name === 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual(['in/works.xml', 'in/batch.tar.gz!/a b.xml']);
    const cases = elements.filter((e) => e.name === 'testcase' && e.attributes.classname === 'in/works.xml');
    // four rule outcomes plus the reader-side `deposit/syntaxe-unknown` info that is not a rule outcome
    expect(cases.map((c) => c.attributes.name)).toEqual([
      'content/amount-decimals',
      'content/number-length',
      'content/valideur-required',
      'deposit/syntaxe-unknown',
      'deposit/works-flow-requires-works-cadre',
    ]);
    expect(suites[0]?.attributes).toMatchObject({ tests: '5', failures: '1', skipped: '1' });
    expect(elements[0]?.attributes).toMatchObject({ tests: '6', failures: '1', skipped: '1' });
  });

  it('fails only the cases that reported an error', () => {
    const xml = formatJunit(mixedReport());
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('<failure message="Flow FSO1130A carries only works invoices" type="error">');
    expect(xml).toContain('<system-out>warning: Amounts use 3 decimals');
  });

  it('stays well-formed with markup and control characters in messages and file names', () => {
    const hostile = sampleReport([
      sampleDocument({
        file: 'a&b<"c">.xml',
        diagnostics: [diag('read/x', 'error', 'bad ]]> <tag> & "quote" \u0001\u0007 end\nline')],
      }),
    ]);
    const elements = parse(formatJunit(hostile));
    expect(elements.find((e) => e.name === 'testsuite')?.attributes.name).toBe('a&b<"c">.xml');
    expect(elements.find((e) => e.name === 'failure')?.attributes.message).toBe('bad ]]> <tag> & "quote" \\x01\\x07 end\nline');
  });

  it('shows characters XML cannot hold as escapes instead of dropping them', () => {
    const xml = formatJunit(
      sampleReport([sampleDocument({ file: 'lone\uD800.xml', diagnostics: [diag('read/x', 'error', 'n\u00B0 \uFFFE \u{1F600} \uDC00')] })]),
    );
    const elements = parse(xml);
    expect(elements.find((e) => e.name === 'testsuite')?.attributes.name).toBe('lone\\ud800.xml');
    expect(elements.find((e) => e.name === 'failure')?.attributes.message).toBe('n\u00B0 \\ufffe \u{1F600} \\udc00');
  });

  it('writes an empty but valid document for an empty report', () => {
    expect(parse(formatJunit(sampleReport([])))[0]).toMatchObject({ name: 'testsuites', attributes: { tests: '0' } });
  });
});
