/**
 * The reviewed refusals of real files (verdict-refusals.json, kept by `npm run corpus`): each a
 * true reason Chorus Pro would refuse the file, for a rule that exists. The corpus files copied
 * into fixtures/corpus are checked here as the sweep checks the whole corpus: every error they
 * get is listed, and every listing for them still occurs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../packages/core/src/rules/load.js';
import { bestFit, readRefusals } from '../../scripts/corpus/verdicts.js';

const refusals = readRefusals(fileURLToPath(new URL('verdict-refusals.json', import.meta.url)));
const FIXTURES = new URL('../../fixtures/corpus/', import.meta.url);
const lines = readFileSync(new URL('MANIFEST.tsv', FIXTURES), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const header = (lines.shift() as string).split('\t');
const rows = lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l.split('\t')[i] ?? ''])) as Record<string, string>);

describe('reviewed refusals of real files', () => {
  it('name existing rules, give a reason, and never list an official sample', () => {
    const set = loadRuleSet();
    for (const r of refusals) {
      if (!r.ruleId.startsWith('read/')) expect(set.rule(r.ruleId), r.ruleId).toBeDefined();
      expect(r.reason.length, r.ruleId).toBeGreaterThan(60);
      expect(r.files.length, r.ruleId).toBeGreaterThan(0);
      expect(
        r.files.filter((f) => f.startsWith('aife-chorus-pro/')),
        r.ruleId,
      ).toEqual([]);
    }
  });

  for (const row of rows) {
    const id = `${row['repo']}/${row['path']}`;
    it(`${row['fixture']}: its errors are the reviewed refusals`, async () => {
      const { docs } = await bestFit(fileURLToPath(new URL(row['fixture'] as string, FIXTURES)));
      const errors = [...new Set(docs.flatMap((d) => d.diagnostics.filter((x) => x.severity === 'error').map((x) => x.ruleId)))].sort();
      const listed = refusals
        .filter((r) => r.files.includes(id))
        .map((r) => r.ruleId)
        .sort();
      expect(errors).toEqual(listed);
    });
  }
});
