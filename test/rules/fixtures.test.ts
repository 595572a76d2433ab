// precheck() with the real reader over committed fixtures: the rules see what the reader reads.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precheck } from '../../packages/core/src/node.js';
import { loadRuleSet } from '../../packages/core/src/rules/load.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const input = (rel: string) => ({ name: rel.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(fixtures, rel))) });
const ids = (d: { diagnostics: { ruleId: string }[] }) => d.diagnostics.map((x) => x.ruleId);

describe('precheck over fixtures', () => {
  it('flags three decimals at the amount that has them', async () => {
    const report = await precheck(input('generated/decimals-3-cii.xml'), { channel: 'API', syntaxe: 'IN_DP_E1_CII_16B' }, { lang: 'en' });
    const d = report.documents[0]!;
    expect(d.verdict).toBe('rejected');
    const diag = d.diagnostics.find((x) => x.ruleId === 'content/amounts-at-most-2-decimals')!;
    expect(diag.actual).toBe(3);
    expect(diag.location?.file).toBe('decimals-3-cii.xml');
    expect(d.rules.map((r) => r.ruleId).sort()).toEqual(
      loadRuleSet()
        .prepare()
        .depositRules.map((r) => r.id)
        .sort(),
    );
  });

  it('checks each invoice of an EDI tar.gz batch, and reports the unreadable member as unreadable', async () => {
    const report = await precheck(input('generated/batch.tar.gz'), { channel: 'EDI', interfaceCode: 'FSO1100A' });
    const verdicts = Object.fromEntries(report.documents.map((d) => [d.file.split('!/')[1], d.verdict]));
    expect(verdicts['FSO1100A_XXX999_XXX9991100000000000000001.xml']).toBe('accepted');
    expect(verdicts['FSO1100A_XXX999_XXX9991100000000000000002.xml']).toBe('rejected');
    expect(verdicts['FSO1100A_XXX999_XXX9991100000000000000003.xml']).toBe('unreadable');
    for (const d of report.documents) expect(ids(d)).not.toContain('deposit/edi-several-invoices-tar-gz');
  });

  it('accepts a mixed CII with its zipped invoice image on the D16B mixed flow', async () => {
    const report = await precheck(input('generated/mixed-cii-zip-attachment.xml'), { channel: 'API', syntaxe: 'IN_DP_E2_CII_MIN_16B' });
    expect(report.documents[0]!.verdict).toBe('accepted');
    expect(report.documents[0]!.flows.filter((f) => f.applicable).map((f) => f.code)).toContain('FSO1116A');
  });
});
