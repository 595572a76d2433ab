import { describe, expect, it } from 'vitest';
import { formatSarif, toSarif, toUri } from '../../../packages/core/src/report/format-sarif.js';
import { errorsOf, sarifValidator } from '../../cli/validate.js';
import { mixedReport, sampleReport } from './sample-report.js';

const rules = [
  {
    id: 'deposit/works-flow-requires-works-cadre',
    title: { fr: 'Les flux travaux exigent un cadre travaux', en: 'Works flows need a works cadre' },
    help: { fr: 'Aide', en: 'Help text' },
    url: 'https://communaute.chorus-pro.gouv.fr/',
    reference: 'Chorus Pro V3.8.1 release note, §3',
    severity: 'error' as const,
  },
];

describe('formatSarif', () => {
  it('is valid against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    for (const report of [mixedReport(), sampleReport([]), { ...mixedReport(), lang: 'fr' as const }]) {
      const log = JSON.parse(formatSarif(report, { rules, toolVersion: '0.1.0' })) as unknown;
      expect(validate(log), errorsOf(validate)).toBe(true);
    }
  });

  it('locates results by file, line and column and by XPath', () => {
    const run = toSarif(mixedReport(), { rules }).runs[0]!;
    const first = run.results[0]!;
    expect(first.ruleId).toBe('deposit/works-flow-requires-works-cadre');
    expect(first.level).toBe('error');
    expect(first.locations[0]?.physicalLocation).toMatchObject({ artifactLocation: { uri: 'in/works.xml' }, region: { startLine: 12, startColumn: 5 } });
    expect(first.locations[0]?.logicalLocations).toEqual([{ fullyQualifiedName: '/Invoice[1]/cbc:ProfileID[1]', kind: 'element' }]);
    expect(run.tool.driver.rules[first.ruleIndex]?.id).toBe(first.ruleId);
  });

  it('carries rule metadata: title, help, its documentation page, reference URL and default level', () => {
    const rule = toSarif(mixedReport(), { rules, toolVersion: '1.2.3' }).runs[0]!.tool.driver.rules.find((r) => r.id === rules[0]!.id);
    expect(rule).toMatchObject({
      shortDescription: { text: 'Works flows need a works cadre' },
      help: { text: 'Help text' },
      helpUri: 'https://unpkg.com/@chorus-precheck/core@1.2.3/dist/rules.md#depositworks-flow-requires-works-cadre',
      defaultConfiguration: { level: 'error' },
      properties: { reference: 'Chorus Pro V3.8.1 release note, §3', referenceUrl: 'https://communaute.chorus-pro.gouv.fr/' },
    });
    const elsewhere = toSarif(mixedReport(), { rules, rulesDocumentation: 'https://example.org/rules.html' }).runs[0]!.tool.driver;
    expect(elsewhere.rules.find((r) => r.id === rules[0]!.id)?.helpUri).toBe('https://example.org/rules.html#depositworks-flow-requires-works-cadre');
    expect(elsewhere.informationUri).toBe('https://www.npmjs.com/package/@chorus-precheck/core');
  });

  it('maps info to note and keeps only errors when quiet', () => {
    expect(toSarif(mixedReport()).runs[0]!.results.map((r) => r.level)).toEqual(['error', 'warning', 'note']);
    expect(toSarif(mixedReport(), { quiet: true }).runs[0]!.results.map((r) => r.level)).toEqual(['error']);
  });

  it('lists every rule that ran, even with no result', () => {
    const ids = toSarif(mixedReport()).runs[0]!.tool.driver.rules.map((r) => r.id);
    expect(ids).toContain('content/number-length');
  });

  it.each([
    ['in/batch.tar.gz!/a b.xml', 'in/batch.tar.gz!/a%20b.xml'],
    ['C:\\inv\\x#1.xml', 'C%3A/inv/x%231.xml'],
    ['<stdin>', '%3Cstdin%3E'],
  ])('turns %s into the URI reference %s', (file, uri) => {
    expect(toUri(file)).toBe(uri);
  });
});

describe('the SARIF schema check itself', () => {
  it('rejects a log with a level SARIF does not know', () => {
    const log = toSarif(mixedReport()) as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
    log.runs[0]!.results[0]!.level = 'info';
    expect(sarifValidator()(log)).toBe(false);
  });
});
