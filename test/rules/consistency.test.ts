// The consistency check of every rule file (ESLint's checkRuleFiles): read from disk, so that a
// rule file that is not yet bundled is checked too.
import { describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRuleDirectory } from '../../packages/core/src/rules/lint.node.js';
import { compileRuleFile, compileRuleFiles, loadRuleSet } from '../../packages/core/src/rules/load.js';
import { runExample } from '../../packages/core/src/rules/examples.js';
import { DEPOSIT_FACTS, PORTAL_FACTS } from '../../packages/core/src/rules/facts-catalogue.js';
import { isKnownOperator } from '../../packages/core/src/rules/operators/index.js';
import type { RuleCondition, RuleFile } from '../../packages/core/src/rules/types.js';

const rulesDir = join(dirname(fileURLToPath(import.meta.url)), '../../rules');
const dir = readRuleDirectory(rulesDir);
const set = loadRuleSet({ ruleFiles: dir.rules, catalogueFiles: dir.catalogue });

function leaves(c: RuleCondition): RuleCondition[] {
  return [...(c.all ?? []).flatMap(leaves), ...(c.any ?? []).flatMap(leaves), ...(c.not ? leaves(c.not) : []), ...(c.fact ? [c] : [])];
}

describe('rule files', () => {
  it('are all valid JSON', () => expect(dir.errors).toEqual([]));
  it('are more than the V3.8.1 minimum', () => expect(dir.rules.length).toBeGreaterThanOrEqual(40));
  it('have unique ids', () => {
    const { errors } = compileRuleFiles(dir.rules);
    expect(errors.filter((e) => e.code === 'duplicate')).toEqual([]);
  });

  describe.each(dir.rules.map((r) => [r.id, r] as const))('%s', (id, file) => {
    const json = file.json as RuleFile;
    it('loads: schema, facts, operators, placeholders, examples', () => {
      expect(compileRuleFile(file.file, file.json, id).errors).toEqual([]);
    });
    it('has $schema first and id = path', () => {
      expect(Object.keys(json)[0]).toBe('$schema');
      expect(json.id).toBe(id);
    });
    it('cites its source', () => {
      expect(json.reference.document.trim()).not.toBe('');
      expect(json.reference.section.trim()).not.toBe('');
      expect(json.reference.quote.trim().length).toBeGreaterThan(10);
      if (json.provenance === 'seed') expect(json.reference.document).toMatch(/V3\.8\.1 release note/);
    });
    it('names only known facts and operators, and names every condition', () => {
      const known = id.startsWith('portal/') ? PORTAL_FACTS : DEPOSIT_FACTS;
      for (const leaf of [...json.when.flatMap(leaves), ...leaves(json.assert)]) {
        expect(known).toHaveProperty([leaf.fact!]);
        expect(isKnownOperator(leaf.operator!)).toBe(true);
        expect(leaf.name?.trim()).toBeTruthy();
      }
    });
    it('has a passing and a failing example', () => {
      const expected = json.examples.map((e) => e.expected);
      expect(expected).toContain('passed');
      expect(expected).toContain('failed');
    });
    it.each(json.examples.map((e, i) => [i, e.expected, e.title ?? ''] as const))('example %i gives %s %s', async (i, expected) => {
      const rule = set.rule(id)!;
      const result = await runExample(set, rule, i);
      expect(result.actual).toBe(expected);
      // As ESLint's RuleTester `errors`: a failing example states the message, rendered in both
      // languages, and the target the diagnostic points at.
      const example = json.examples[i]!;
      if (expected === 'failed') {
        expect(result.message).toEqual(example.message);
        expect(result.target).toBe(example.target);
      } else {
        expect([example.message, example.target]).toEqual([undefined, undefined]);
      }
      expect(result.mismatch).toBeNull();
      // A failing example's message is filled in: no placeholder left, no "null", no "—".
      if (expected === 'failed') for (const text of [result.message!.fr, result.message!.en]) expect(text).not.toMatch(/\{\w+\}|\bnull\b|\bundefined\b|—/);
    });
  });
});

describe('references a reviewer can follow', () => {
  const files = [...dir.rules, ...dir.catalogue];
  it('no rule or catalogue file cites our own summary instead of a primary source', () => {
    for (const f of files) expect([f.file, JSON.stringify(f.json)]).not.toEqual([f.file, expect.stringMatching(/chorus-pro\.md|domain reference/i)]);
  });
  it('every catalogue entry names its primary source', () => {
    const data = set.catalogueData;
    for (const e of [...data.flows, ...data.syntaxes, ...data.cadres, ...data.releases]) {
      const key = 'code' in e ? e.code : 'value' in e ? e.value : e.id;
      expect([key, e.reference?.document.trim() ?? '']).not.toEqual([key, '']);
    }
  });
  it('gives each cadre its own label, in French and in English (A15–A20 and A23–A25 are distinct documents)', () => {
    const cadres = set.catalogueData.cadres;
    for (const lang of ['fr', 'en'] as const) expect(new Set(cadres.map((c) => c.label[lang])).size).toBe(cadres.length);
  });
});

describe('severity', () => {
  it('is error only for seed, official or third-party rules (inferred ones cannot claim a rejection)', () => {
    for (const r of set.rules) if (r.meta.provenance === 'inferred') expect([r.id, r.meta.severity]).not.toEqual([r.id, 'error']);
  });
  it('of a rule whose only basis is an inference is justified in its rationale, and its message says it is inferred', () => {
    for (const r of set.rules.filter((x) => x.meta.provenance === 'inferred')) {
      expect([r.id, r.meta.message.fr]).toEqual([r.id, expect.stringMatching(/déduction|déduit/)]);
      expect([r.id, r.meta.message.en]).toEqual([r.id, expect.stringMatching(/inferred|inference/)]);
      expect([r.id, r.meta.rationale]).toEqual([r.id, expect.stringMatching(new RegExp(`\\b${r.meta.severity}\\b`, 'i'))]);
    }
  });
});
