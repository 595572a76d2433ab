/**
 * The condition trees of rule files (json-rules-engine's `all` / `any` / `not` / fact-test
 * nodes): one walk, one way to read the facts a node names. Used on rule files as written and
 * on the compiled trees the engine runs.
 */

/** A node of a condition tree whose children are nodes of type `C` (a rule file's `RuleCondition`). */
export interface ConditionNode<C = unknown> {
  all?: readonly C[];
  any?: readonly C[];
  not?: C;
  fact?: string;
  path?: string;
  value?: unknown;
}

/** A compared value that names another fact (`"value": { "fact": "depositDate" }`) instead of a constant. */
export interface FactReference {
  fact: unknown;
  path?: unknown;
}

/** True when a condition's `value` is a reference to a fact (an object with a `fact` key), not a constant. */
export function isFactReference(value: unknown): value is FactReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'fact' in value;
}

/**
 * Visits every node of a tree, parent first, then its `all` children, its `any` children and its
 * `not` child, each with its JSON pointer from the root (`pointer` is the root's own).
 */
export function visitConditions<C extends ConditionNode<C>>(cond: C, visit: (c: C, pointer: string) => void, pointer = ''): void {
  visit(cond, pointer);
  cond.all?.forEach((c, i) => visitConditions(c, visit, `${pointer}/all/${i}`));
  cond.any?.forEach((c, i) => visitConditions(c, visit, `${pointer}/any/${i}`));
  if (cond.not) visitConditions(cond.not, visit, `${pointer}/not`);
}

/**
 * The facts one node reads, with their paths: its own `fact` and the fact its compared value
 * refers to (when that names a fact by a string: any other is a load error).
 */
export function factReferences(c: ConditionNode): Array<{ fact: string; path: unknown }> {
  const refs: Array<{ fact: string; path: unknown }> = [];
  if (c.fact) refs.push({ fact: c.fact, path: c.path });
  if (isFactReference(c.value) && typeof c.value.fact === 'string') refs.push({ fact: c.value.fact, path: c.value.path });
  return refs;
}

/** Adds to `out` every fact a tree reads (node facts and compared-value references). */
export function factsOf<C extends ConditionNode<C>>(cond: C, out: Set<string> = new Set()): Set<string> {
  visitConditions(cond, (c) => {
    for (const r of factReferences(c)) out.add(r.fact);
  });
  return out;
}

/**
 * Copies a tree: each node is copied (spread), its `all`, `any` and `not` children replaced by
 * their copies, then given to `edit`, which may change the copy and returns the node to keep.
 */
export function mapConditions<C extends Record<string, unknown>>(cond: C, edit: (copy: C) => C): C {
  const out: Record<string, unknown> = { ...cond };
  for (const key of ['all', 'any'] as const) {
    if (Array.isArray(cond[key])) out[key] = (cond[key] as C[]).map((c) => mapConditions(c, edit));
  }
  if (cond.not) out.not = mapConditions(cond.not as C, edit);
  return edit(out as C);
}
