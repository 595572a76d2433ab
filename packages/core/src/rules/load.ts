/**
 * Loading rules: each rule file checked and compiled ({@link compileRuleFile}), a set of them
 * ({@link compileRuleFiles}), and a whole rule set with its catalogue ({@link loadRuleSet}).
 */
import * as validators from '../generated/validators.js';
import { CATALOGUE_FILES, RULE_FILES } from '../generated/rules-data.js';
import { catalogueFromFiles } from '../catalogue/catalogue.js';
import { compareReleases } from '../catalogue/releases.js';
import { DECISION_IDS } from '../portal/decisions.js';
import { factsForArea } from './facts-catalogue.js';
import { CUSTOM_OPERATORS, isKnownOperator } from './operators/index.js';
import { factsOf, isFactReference, visitConditions } from './conditions.js';
import { placeholdersForArea, placeholdersIn } from './placeholders.js';
import { RuleSet } from './rule-set.js';
import type { CompiledRule, RuleCondition, RuleFile, RuleLoadError } from './types.js';

interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }> | null;
}

/** The precompiled validator of each schema (ajv standalone: no eval at run time). */
export const VALIDATORS: Readonly<Record<'rule' | 'flows' | 'syntaxes' | 'cadres' | 'releases' | 'portalState' | 'traceability', GeneratedValidator>> =
  validators as unknown as Record<'rule' | 'flows' | 'syntaxes' | 'cadres' | 'releases' | 'portalState' | 'traceability', GeneratedValidator>;

/** Validates data against a schema; returns the errors as load errors of `file`. */
export function schemaErrors(name: keyof typeof VALIDATORS, data: unknown, file: string): RuleLoadError[] {
  const validate = VALIDATORS[name];
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => ({
    file,
    pointer: e.instancePath || '',
    code: 'schema' as const,
    message: e.keyword === 'additionalProperties' ? `unknown property "${String(e.params.additionalProperty)}"` : `${e.message ?? e.keyword}`,
  }));
}

/** The rule id a rule file must carry: its path under rules/ without `.json`. */
export function expectedRuleId(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^(.*\/)?rules\//, '')
    .replace(/\.json$/, '');
}

function firstFact(cond: RuleCondition): string | null {
  let found: string | null = null;
  visitConditions(cond, (c) => {
    if (!found && c.fact) found = c.fact;
  });
  return found;
}

// The compiler orders conditions by decreasing priority so that json-rules-engine evaluates
// them one after the other and short-circuits: conditions it skips stay in the explanation
// as not evaluated.
function toEngine(cond: RuleCondition, priority: number): Record<string, unknown> {
  const base: Record<string, unknown> = { priority, ...(cond.name ? { name: cond.name } : {}) };
  if (cond.all) return { ...base, all: cond.all.map((c, i, a) => toEngine(c, a.length - i)) };
  if (cond.any) return { ...base, any: cond.any.map((c, i, a) => toEngine(c, a.length - i)) };
  if (cond.not) return { ...base, not: toEngine(cond.not, 1) };
  return { ...base, fact: cond.fact, ...(cond.path ? { path: cond.path } : {}), operator: cond.operator, value: cond.value };
}

/**
 * Checks one parsed rule file and compiles it: schema (precompiled ajv), id = path, facts and
 * operators known, operator values usable, placeholders allowed, target known, examples present.
 * Returns the compiled rule, or the load errors naming file and JSON pointer.
 */
export function compileRuleFile(
  file: string,
  json: unknown,
  expectedId: string = expectedRuleId(file),
  options: CompileOptions = {},
): { rule: CompiledRule | null; errors: RuleLoadError[] } {
  const schema = options.schemaChecked ? [] : schemaErrors('rule', json, file);
  if (schema.length > 0) return { rule: null, errors: schema };
  const meta = json as RuleFile;
  const errors: RuleLoadError[] = [];
  const err = (pointer: string, code: RuleLoadError['code'], message: string) => errors.push({ file, pointer, code, message });
  const id = expectedId;
  if (meta.id !== id) err('/id', 'id', `rule id "${meta.id}" must be the file path under rules/ without .json: "${id}"`);
  const area = id.split('/')[0] ?? '';
  const known = factsForArea(area);
  const checkCondition = (c: RuleCondition, pointer: string) => {
    // The schema asks for at least one form; the engine would read only the first of several.
    const forms = (['all', 'any', 'not', 'fact'] as const).filter((k) => c[k] !== undefined);
    if (forms.length > 1) err(pointer, 'schema', `a condition is one of all, any, not or fact/operator/value: this one has ${forms.join(' and ')}`);
    if (c.fact !== undefined && !Object.hasOwn(known, c.fact)) err(`${pointer}/fact`, 'fact', `unknown fact "${c.fact}" for ${area} rules`);
    const v = c.value;
    const isRef = isFactReference(v);
    if (isRef && !(typeof v.fact === 'string' && Object.hasOwn(known, v.fact))) {
      err(`${pointer}/value/fact`, 'fact', `unknown fact "${String(v.fact)}" for ${area} rules`);
    }
    if (c.operator !== undefined) {
      if (!isKnownOperator(c.operator)) err(`${pointer}/operator`, 'operator', `unknown operator "${c.operator}"`);
      else {
        const custom = CUSTOM_OPERATORS[c.operator];
        const problem = custom && !isRef ? custom.checkValue(c.value) : null;
        if (problem) err(`${pointer}/value`, 'value', problem);
      }
    }
  };
  meta.when.forEach((c, i) => visitConditions(c, checkCondition, `/when/${i}`));
  visitConditions(meta.assert, checkCondition, '/assert');
  const allowed = placeholdersForArea(area);
  for (const lang of ['fr', 'en'] as const) {
    for (const name of placeholdersIn(meta.message[lang])) {
      if (!allowed.includes(name))
        err(`/message/${lang}`, 'placeholder', `placeholder {${name}} is not allowed; allowed: ${allowed.map((x) => `{${x}}`).join(' ')}`);
    }
  }
  if (meta.target !== undefined && !Object.hasOwn(known, meta.target)) err('/target', 'target', `unknown target fact "${meta.target}"`);
  if (meta.until !== undefined && compareReleases(meta.until, meta.since) <= 0)
    err('/until', 'release', `"until" ${meta.until} must be after "since" ${meta.since}`);
  const expected = new Set(meta.examples.map((e) => e.expected));
  if (!expected.has('passed')) err('/examples', 'examples', 'at least one example must pass');
  if (!expected.has('failed')) err('/examples', 'examples', 'at least one example must fail');
  meta.examples.forEach((ex, i) => {
    for (const key of Object.keys(ex.facts ?? {}))
      if (!Object.hasOwn(known, key)) err(`/examples/${i}/facts/${key}`, 'fact', `unknown fact "${key}" in example`);
    if (area === 'portal' && (ex.facts || ex.context)) err(`/examples/${i}`, 'examples', 'portal examples give a "state", not facts or context');
    if (area !== 'portal' && ex.state) err(`/examples/${i}/state`, 'examples', 'only portal examples give a "state"');
  });
  if (meta.decisions) {
    if (area !== 'portal') err('/decisions', 'decision', 'only portal rules take part in decisions');
    meta.decisions.forEach((d, i) => {
      if (!(DECISION_IDS as readonly string[]).includes(d)) err(`/decisions/${i}`, 'decision', `unknown decision "${d}"; known: ${DECISION_IDS.join(', ')}`);
    });
  }
  if (errors.length > 0) return { rule: null, errors };
  const facts = new Set<string>();
  meta.when.forEach((c) => factsOf(c, facts));
  factsOf(meta.assert, facts);
  const n = meta.when.length + 1;
  return {
    rule: {
      id,
      file: file.replace(/\\/g, '/').replace(/^(.*\/)?rules\//, 'rules/'),
      area,
      meta,
      facts: [...facts],
      target: meta.target ?? firstFact(meta.assert),
      needsDocument: [...facts].some((f) => known[f]?.kind === 'document'),
      needsInvoiceXml: [...facts].some((f) => known[f]?.xml === true),
      flowDependent: facts.has('flow'),
      conditions: { all: [...meta.when.map((c, i) => toEngine(c, n - i)), { priority: 1, not: toEngine(meta.assert, 1) }] },
    },
    errors: [],
  };
}

/** Options of {@link compileRuleFile} and {@link compileRuleFiles}. */
export interface CompileOptions {
  /**
   * The files are known to match the rule schema (the rules shipped with the package: checked
   * when they are bundled and by the test suite), so the schema check is not run again; every
   * other check still is.
   */
  schemaChecked?: boolean;
}

/** Checks a whole set of rule files: each file, then unique ids and `replacedBy` targets. */
export function compileRuleFiles(
  files: readonly { file: string; json: unknown; id?: string }[],
  options: CompileOptions = {},
): { rules: CompiledRule[]; errors: RuleLoadError[] } {
  const rules: CompiledRule[] = [];
  const errors: RuleLoadError[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const { rule, errors: e } = compileRuleFile(f.file, f.json, f.id ?? expectedRuleId(f.file), options);
    errors.push(...e);
    if (!rule) continue;
    const other = seen.get(rule.id);
    if (other) {
      errors.push({ file: f.file, pointer: '/id', code: 'duplicate', message: `rule id "${rule.id}" is also used by ${other}` });
      continue;
    }
    seen.set(rule.id, f.file);
    rules.push(rule);
  }
  for (const r of rules) {
    if (r.meta.replacedBy && !seen.has(r.meta.replacedBy)) {
      errors.push({ file: r.file, pointer: '/replacedBy', code: 'replacedBy', message: `replacedBy names an unknown rule "${r.meta.replacedBy}"` });
    }
  }
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rules, errors };
}

/** Thrown when rule or catalogue files do not load; `errors` name each file and JSON pointer. */
export class RuleSetError extends Error {
  /** The stable error code. */
  readonly code = 'RULES_INVALID';
  /** Every load error found. */
  readonly errors: RuleLoadError[];
  constructor(errors: RuleLoadError[]) {
    super(`rule files do not load:\n${errors.map((e) => `  ${e.file}#${e.pointer}: ${e.message}`).join('\n')}`);
    this.name = 'RuleSetError';
    this.errors = errors;
  }
}

/** The rule files and catalogue files to load (default: the ones shipped, bundled as data). */
export interface RuleSetSource {
  ruleFiles?: readonly { file: string; json: unknown }[];
  catalogueFiles?: readonly { file: string; json: unknown }[];
}

const CATALOGUE_SCHEMA: Record<string, 'flows' | 'syntaxes' | 'cadres' | 'releases'> = {
  flows: 'flows',
  syntaxes: 'syntaxes',
  cadres: 'cadres',
  releases: 'releases',
};

/** Validates the catalogue files against their schemas. */
export function catalogueErrors(files: readonly { file: string; json: unknown }[]): RuleLoadError[] {
  const errors: RuleLoadError[] = [];
  for (const name of Object.keys(CATALOGUE_SCHEMA)) {
    const f = files.find((x) => x.file.endsWith(`catalogue/${name}.json`));
    if (!f) {
      errors.push({ file: `rules/catalogue/${name}.json`, pointer: '', code: 'json', message: 'catalogue file missing' });
      continue;
    }
    errors.push(...schemaErrors(CATALOGUE_SCHEMA[name]!, f.json, f.file));
  }
  return errors;
}

let shipped: RuleSet | null = null;

/**
 * Loads a rule set: validates every rule and catalogue file (precompiled schemas), compiles the
 * rules, and throws a {@link RuleSetError} naming file and JSON pointer of every problem.
 * Without a source, loads the rules shipped with the package (cached).
 */
export function loadRuleSet(source: RuleSetSource = {}): RuleSet {
  const isShipped = !source.ruleFiles && !source.catalogueFiles;
  if (isShipped && shipped) return shipped;
  const catalogueFiles = source.catalogueFiles ?? CATALOGUE_FILES;
  // The shipped files were checked against their schemas when they were bundled (and the test
  // suite checks them again): at start-up that check would cost more than reading an invoice
  // (measured: loadRuleSet 12 → 7 ms without it).
  const errors = source.catalogueFiles ? catalogueErrors(catalogueFiles) : [];
  const { rules, errors: ruleErrors } = compileRuleFiles(source.ruleFiles ?? RULE_FILES, { schemaChecked: !source.ruleFiles });
  errors.push(...ruleErrors);
  if (errors.length > 0) throw new RuleSetError(errors);
  const set = new RuleSet(rules, catalogueFromFiles(catalogueFiles));
  if (isShipped) shipped = set;
  return set;
}
