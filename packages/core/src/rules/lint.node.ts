/**
 * Node-only: loads a directory of rule files from disk and reports every problem as a
 * diagnostic naming the file and the JSON pointer (`chorus-precheck rules lint <dir>`).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CATALOGUE_FILES } from '../generated/rules-data.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { catalogueFromFiles } from '../catalogue/catalogue.js';
import { runExample } from './examples.js';
import { catalogueErrors, compileRuleFiles } from './load.js';
import { traceabilityErrors } from './traceability.js';
import { RuleSet } from './rule-set.js';
import type { RuleLoadError } from './types.js';

/** The JSON files of a rule directory, parsed, with the parse errors. */
export interface RuleDirectory {
  rules: { file: string; json: unknown; id: string }[];
  catalogue: { file: string; json: unknown }[];
  /** `traceability.json` at the top of the directory, when there is one. */
  traceability: { file: string; json: unknown } | null;
  errors: RuleLoadError[];
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listJson(full));
    else if (name.endsWith('.json')) out.push(full);
  }
  return out;
}

/**
 * Reads a rule directory: `catalogue/*.json`, `traceability.json` at its top, rule files
 * elsewhere (`schema/` skipped); ids are paths relative to the directory.
 */
export function readRuleDirectory(dir: string): RuleDirectory {
  const result: RuleDirectory = { rules: [], catalogue: [], traceability: null, errors: [] };
  for (const full of listJson(dir)) {
    const rel = relative(dir, full).split('\\').join('/');
    if (rel.startsWith('schema/')) continue;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(full, 'utf8'));
    } catch (e) {
      result.errors.push({ file: full, pointer: '', code: 'json', message: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    if (rel === 'traceability.json') result.traceability = { file: full, json };
    else if (rel.startsWith('catalogue/')) result.catalogue.push({ file: full, json });
    else result.rules.push({ file: full, json, id: rel.replace(/\.json$/, '') });
  }
  return result;
}

/** Turns a load error into a diagnostic (`rules/<code>`, error) located in its file at its JSON pointer. */
export function loadErrorDiagnostic(e: RuleLoadError): Diagnostic {
  const message = `${e.pointer || '/'}: ${e.message}`;
  return {
    ruleId: `rules/${e.code}`,
    severity: 'error',
    message,
    messages: { fr: message, en: message },
    location: { file: e.file, pointer: e.pointer },
    source: { file: e.file, pointer: e.pointer },
  };
}

/**
 * Lints a directory of rule files: JSON syntax, schema, id = path, facts, operators, placeholders,
 * examples present and passing. Uses the directory's own catalogue when it has one, else the shipped one.
 */
export async function lintRuleDirectory(dir: string): Promise<Diagnostic[]> {
  const read = readRuleDirectory(dir);
  const errors = [...read.errors];
  const catalogueFiles = read.catalogue.length > 0 ? read.catalogue : CATALOGUE_FILES;
  const catErrors = read.catalogue.length > 0 ? catalogueErrors(read.catalogue) : [];
  errors.push(...catErrors);
  const { rules, errors: ruleErrors } = compileRuleFiles(read.rules);
  errors.push(...ruleErrors);
  if (catErrors.length === 0) {
    const set = new RuleSet(rules, catalogueFromFiles(catalogueFiles));
    if (read.traceability) errors.push(...traceabilityErrors(read.traceability.json, set, read.traceability.file));
    for (const rule of rules) {
      for (let i = 0; i < rule.meta.examples.length; i++) {
        try {
          const r = await runExample(set, rule, i);
          if (!r.ok) errors.push({ file: rule.file, pointer: `/examples/${i}`, code: 'example-failed', message: `example ${r.mismatch}` });
        } catch (e) {
          errors.push({ file: rule.file, pointer: `/examples/${i}`, code: 'example-failed', message: (e as Error).message });
        }
      }
    }
  }
  return errors.map(loadErrorDiagnostic);
}
