// The checked-in generated files (rules/README.md, the bundled rule data, the precompiled
// validators) must follow rules/**: run `npm run docs` after changing a rule file.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from '../../scripts/bundle-rules.js';
import { renderRulesReadme } from '../../packages/core/src/rules/docs.js';
import type { Traceability } from '../../packages/core/src/rules/traceability.js';
import { readRuleDirectory } from '../../packages/core/src/rules/lint.node.js';
import { catalogueErrors, compileRuleFiles, loadRuleSet } from '../../packages/core/src/rules/load.js';
import { CATALOGUE_FILES, RULE_FILES } from '../../packages/core/src/generated/rules-data.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('generated files', () => {
  it.each(Object.entries(generatedFiles()).map(([file, content]) => [relative(root, file), file, content] as const))(
    '%s is up to date',
    (_rel, file, content) => {
      expect(readFileSync(file, 'utf8') === content, 'stale: run npm run docs').toBe(true);
    },
  );

  it('rules/README.md is up to date', () => {
    const files = readRuleDirectory(join(root, 'rules'));
    const expected = renderRulesReadme(loadRuleSet({ ruleFiles: files.rules, catalogueFiles: files.catalogue }), files.traceability!.json as Traceability);
    expect(readFileSync(join(root, 'rules/README.md'), 'utf8') === expected, 'stale: run npm run docs').toBe(true);
  });

  it('the bundled rule set renders the same README as the files on disk', () => {
    expect(renderRulesReadme(loadRuleSet())).toBe(readFileSync(join(root, 'rules/README.md'), 'utf8'));
  });

  it('the bundled files pass every schema check (loadRuleSet trusts them at run time)', () => {
    expect(compileRuleFiles(RULE_FILES).errors).toEqual([]);
    expect(catalogueErrors(CATALOGUE_FILES)).toEqual([]);
    expect(compileRuleFiles(RULE_FILES).rules).toEqual(compileRuleFiles(RULE_FILES, { schemaChecked: true }).rules);
  });

  it('the precompiled validators hold no eval and no require (browser under CSP)', () => {
    const src = readFileSync(join(root, 'packages/core/src/generated/validators.ts'), 'utf8');
    expect(src).not.toMatch(/\brequire\(|new Function|\beval\(/);
  });
});
