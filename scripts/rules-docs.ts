/**
 * Regenerates rules/README.md from the rule files and the catalogue (`npm run docs`), after
 * refreshing the bundled rule data. `--check` exits 1 when the checked-in README is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './bundle-rules.js';
import { readRuleDirectory } from '../packages/core/src/rules/lint.node.js';
import { renderRulesReadme } from '../packages/core/src/rules/docs.js';
import type { Traceability } from '../packages/core/src/rules/traceability.js';
import { loadRuleSet } from '../packages/core/src/rules/load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
if (!check) for (const [file, content] of Object.entries(generatedFiles())) writeFileSync(file, content);
// Read the files from disk, not the bundle, so that the README follows rules/** even before bundling.
const files = readRuleDirectory(join(root, 'rules'));
const set = loadRuleSet({ ruleFiles: files.rules, catalogueFiles: files.catalogue });
const readme = renderRulesReadme(set, files.traceability ? (files.traceability.json as Traceability) : null);
const path = join(root, 'rules', 'README.md');
if (check) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    /* missing */
  }
  if (current !== readme) {
    process.stderr.write('rules/README.md is stale: run npm run docs\n');
    process.exitCode = 1;
  }
} else {
  writeFileSync(path, readme);
  process.stdout.write(`wrote rules/README.md (${set.rules.length} rules)\n`);
}
