// The shape of the core's source: its folders import each other in one direction (shapes and
// facts below, the orchestrators `precheck.ts` and `portal.ts` above, the CLI on top), and no
// file is too long to read. Read from the import statements, not from a bundler.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../packages/core/src');
const MAX_LINES = 400;

/** Every source file of the core but the generated ones and the co-located tests. */
function sources(dir: string = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The node a file belongs to: its top folder under src/, or the file itself when it sits at the top. */
function nodeOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts.length === 1 ? parts[0]!.replace(/\.ts$/, '') : `${parts[0]}/`;
}

/** The relative modules a file imports: `import … from`, `export … from`, `import '…'` and `import('…')`. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  const statics = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;
  const dynamics = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(statics)) out.push(m[1]!);
  for (const m of text.matchAll(dynamics)) out.push(m[1]!);
  return out.filter((spec) => spec.startsWith('.'));
}

/** The folder graph: for each node, the nodes it imports, with one importing file as the witness. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sources()) {
    const from = nodeOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (relative(SRC, target).startsWith('..')) continue;
      const to = nodeOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, `${relative(SRC, file)} → ${spec}`);
    }
  }
  return graph;
}

/** The cycles of a graph, one per strongly connected component of more than one node (Tarjan). */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) visit(v);
  return components.map((component) => pathThrough(graph, component));
}

/** One closed path through a strongly connected component: a readable cycle to report. */
function pathThrough(graph: Map<string, Map<string, string>>, component: string[]): string[] {
  const inside = new Set(component);
  const start = [...component].sort()[0]!;
  // Breadth-first from the start back to itself, staying inside the component.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}

describe('architecture of packages/core/src', () => {
  it('reads the imports of a file', () => {
    const text = [
      "import type { A } from '../a/x.js';",
      "import { b,\n  c } from './b.js';",
      "export { d } from '../d/index.js';",
      "export * from './e.js';",
      "import './side-effect.js';",
      "const f = await import('../f/lazy.js');",
      "import { g } from 'saxes';",
      "// a comment that says: import nothing from 'there'",
    ].join('\n');
    expect(importsOf(text)).toEqual(['../a/x.js', './b.js', '../d/index.js', './e.js', './side-effect.js', '../f/lazy.js']);
  });

  it('finds a cycle and names it', () => {
    const graph = new Map([
      ['a/', new Map([['b/', 'a/x.ts → ../b/y.js']])],
      ['b/', new Map([['c/', 'b/y.ts → ../c/z.js']])],
      ['c/', new Map([['a/', 'c/z.ts → ../a/x.js']])],
      ['d/', new Map([['a/', 'd/w.ts → ../a/x.js']])],
    ]);
    expect(cycles(graph)).toEqual([['a/', 'b/', 'c/', 'a/']]);
  });

  it('has no import loop between folders (each file at the top of src/ is a node of its own)', () => {
    const graph = folderGraph();
    const found = cycles(graph).map((cycle) =>
      cycle
        .slice(1)
        .map((to, i) => `${cycle[i]} → ${to} (${graph.get(cycle[i]!)!.get(to)})`)
        .join('\n    '),
    );
    // Each loop is one of the strongly connected groups of folders: breaking it may leave another.
    expect(found, `import loops between folders:\n  ${found.join('\n  ')}`).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines (generated/ aside)`, () => {
    const long = sources()
      .map((file) => ({ file: relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long, `files over ${MAX_LINES} lines:\n  ${long.join('\n  ')}`).toEqual([]);
  });
});
