/**
 * The structural check (XML schema validation, libxml2 compiled to WebAssembly), as ratios
 * against baselines measured in the same run, over the invoice XML of fixtures/ (XML files and
 * the XML inside fixture PDFs) and of ../shared/corpus when present:
 * - whole process: one `node` process that loads the engine, compiles the schemas and
 *   validates every file, vs `xmllint --noout --nonet --schema` (one process per schema, C);
 * - in-process warm: our validation per file once the schemas are compiled, vs xmllint's
 *   marginal cost per file (its time over all files of a schema less its time over one);
 * - cost added to a check: `precheck` over the same files with the structural check vs without
 *   (goal: ≤ 2×).
 * Prints Markdown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const XSD = join(ROOT, 'packages/core/xsd');
const FOLDER: Record<string, string> = {
  'ubl-2.1': 'ubl-2.1',
  'cii-d16b': 'cii-d16b',
  'factur-x-minimum': 'factur-x/MINIMUM',
  'factur-x-basic-wl': 'factur-x/BASIC-WL',
  'factur-x-basic': 'factur-x/BASIC',
  'factur-x-en16931': 'factur-x/EN16931',
  'factur-x-extended': 'factur-x/EXTENDED',
  'zugferd-1.0': 'zugferd-1.0',
};

function filesUnder(dir: string, re: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, re));
    else if (re.test(name)) out.push(p);
  }
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const best = (xs: number[]): number => Math.min(...xs);

function timeProcess(cmd: string, args: string[]): { ms: number; status: number | null; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout };
}

async function main(): Promise<void> {
  const { readDeposit, precheck } = await import('../../packages/core/src/node.js');
  const { compiledSchema, schemaFor, SCHEMA_SETS } = await import('../../packages/core/src/schema/index.js');
  const corpus = [join(ROOT, '../shared/corpus')].find((d) => existsSync(d));
  const sources = [...filesUnder(join(ROOT, 'fixtures'), /\.(xml|pdf)$/i), ...(corpus ? filesUnder(corpus, /\.(xml|pdf)$/i) : [])];
  const dir = mkdtempSync(join(tmpdir(), 'bench-structure-'));
  const out: string[] = [];
  try {
    // The invoice XMLs: each file's (or PDF's) XML, captured through the reader's validator hook.
    type Case = { path: string; bytes: Uint8Array; schema: string; root: string; input: { name: string; bytes: Uint8Array } };
    const cases: Case[] = [];
    for (const file of sources) {
      const input = { name: file, bytes: new Uint8Array(readFileSync(file)) };
      const found: Case[] = [];
      await readDeposit(input, {
        structure: async (bytes, facts) => {
          const schema = schemaFor(facts);
          if (schema !== null && facts.document !== null && SCHEMA_SETS[schema].entries[facts.document]) {
            found.push({ path: join(dir, `${cases.length + found.length}.xml`), bytes, schema, root: facts.document, input });
          }
          return null;
        },
      });
      for (const c of found) {
        writeFileSync(c.path, c.bytes);
        cases.push(c);
      }
    }
    const bytes = cases.reduce((a, c) => a + c.bytes.length, 0);
    const bySchema = new Map<string, Case[]>();
    for (const c of cases) bySchema.set(`${c.schema}|${c.root}`, [...(bySchema.get(`${c.schema}|${c.root}`) ?? []), c]);
    out.push(
      `### ${cases.length} invoice XMLs (${(bytes / 1024 / 1024).toFixed(1)} MiB, ${bySchema.size} schemas; fixtures${corpus ? ' + corpus' : ''}); machine shared and loaded: figures are noisy`,
      '',
    );

    // --- whole process ---------------------------------------------------------------------
    const hasXmllint = existsSync('/usr/bin/xmllint');
    const built = existsSync(join(ROOT, 'packages/core/dist/schema/index.js'));
    const listFile = join(dir, 'list.json');
    writeFileSync(listFile, JSON.stringify(cases.map((c) => ({ path: c.path, schema: c.schema, root: c.root }))));
    const rounds = 3;
    const oursWhole: number[] = [];
    const xmllintWhole: number[] = [];
    const xmllintOne = new Map<string, number[]>();
    const xmllintAll = new Map<string, number[]>();
    for (let r = 0; r < rounds; r++) {
      if (built) oursWhole.push(timeProcess(process.execPath, [join(ROOT, 'bench/suites/structure-child.mjs'), listFile]).ms);
      if (!hasXmllint) continue;
      let total = 0;
      for (const [key, group] of bySchema) {
        const [schema, root] = key.split('|') as [string, string];
        const xsd = join(XSD, FOLDER[schema]!, SCHEMA_SETS[schema as keyof typeof SCHEMA_SETS].entries[root]!);
        const all = timeProcess('xmllint', ['--noout', '--nonet', '--schema', xsd, ...group.map((c) => c.path)]).ms;
        const one = timeProcess('xmllint', ['--noout', '--nonet', '--schema', xsd, group[0]!.path]).ms;
        total += all;
        xmllintAll.set(key, [...(xmllintAll.get(key) ?? []), all]);
        xmllintOne.set(key, [...(xmllintOne.get(key) ?? []), one]);
      }
      xmllintWhole.push(total);
    }
    out.push('| whole process (best of 3) | ms | ours ÷ xmllint |', '|---|---:|---:|');
    if (built)
      out.push(
        `| ours: node + libxml2-wasm, load + compile + validate all | ${best(oursWhole).toFixed(0)} | ${hasXmllint ? (best(oursWhole) / best(xmllintWhole)).toFixed(2) : ''} |`,
      );
    else out.push('| ours | core not built (npm run bench builds it) | |');
    if (hasXmllint) out.push(`| xmllint --noout --nonet --schema (one process per schema) | ${best(xmllintWhole).toFixed(0)} | 1.00 |`);
    else out.push('| xmllint | not installed (apt-get install libxml2-utils) | |');
    out.push('');

    // --- in-process warm -------------------------------------------------------------------
    for (const [key] of bySchema) {
      const [schema, root] = key.split('|') as [string, string];
      await compiledSchema(schema as never, root);
    }
    const warmRounds = 7;
    const perRound: number[] = [];
    const perSchema = new Map<string, number[]>();
    for (let r = 0; r <= warmRounds; r++) {
      let total = 0;
      for (const [key, group] of bySchema) {
        const [schema, root] = key.split('|') as [string, string];
        const v = await compiledSchema(schema as never, root)!;
        const t0 = performance.now();
        for (const c of group) v.validate(c.bytes, c.path);
        const ms = performance.now() - t0;
        total += ms;
        if (r > 0) perSchema.set(key, [...(perSchema.get(key) ?? []), ms]);
      }
      if (r > 0) perRound.push(total);
    }
    out.push(
      '| in-process warm, per file (median of 7 rounds) | files | ours ms/file | xmllint marginal ms/file | ours ÷ xmllint |',
      '|---|---:|---:|---:|---:|',
    );
    let oursSum = 0;
    let theirsSum = 0;
    let theirsKnown = hasXmllint;
    for (const [key, group] of bySchema) {
      const ours = median(perSchema.get(key)!) / group.length;
      let theirs: number | null = null;
      if (hasXmllint && group.length > 1) theirs = Math.max(0, median(xmllintAll.get(key)!) - median(xmllintOne.get(key)!)) / (group.length - 1);
      if (theirs === null) theirsKnown = false;
      oursSum += ours * group.length;
      theirsSum += (theirs ?? 0) * group.length;
      out.push(
        `| ${key.replace('|', ' ')} | ${group.length} | ${ours.toFixed(3)} | ${theirs === null ? 'n/a' : theirs.toFixed(3)} | ${theirs ? (ours / theirs).toFixed(2) : ''} |`,
      );
    }
    out.push(
      `| all | ${cases.length} | ${(median(perRound) / cases.length).toFixed(3)} | ${theirsKnown ? (theirsSum / cases.length).toFixed(3) : 'n/a'} | ${theirsKnown && theirsSum > 0 ? (oursSum / theirsSum).toFixed(2) : ''} |`,
    );
    out.push(
      '',
      "(xmllint's marginal cost per file is its time over all files of a schema less its time over one, divided by the other files: what a warm xmllint would pay.)",
      '',
    );

    // --- cost added to a check ---------------------------------------------------------------
    const inputs = [...new Set(cases.map((c) => c.input))];
    const context = { depositDate: '2024-03-01' };
    const checkRounds = 5;
    const withS: number[] = [];
    const without: number[] = [];
    for (let r = 0; r <= checkRounds; r++) {
      for (const structure of [true, false]) {
        const t0 = performance.now();
        for (const input of inputs) await precheck(input, context, { structure });
        const ms = performance.now() - t0;
        if (r > 0) (structure ? withS : without).push(ms);
      }
    }
    out.push(
      `| precheck over the ${inputs.length} deposit files (warm, best of ${checkRounds} interleaved rounds) | ms | ÷ without | goal |`,
      '|---|---:|---:|---|',
    );
    out.push(`| without the structural check | ${best(without).toFixed(0)} | 1.00 | |`);
    out.push(`| with the structural check | ${best(withS).toFixed(0)} | ${(best(withS) / best(without)).toFixed(2)} | ≤ 2 |`);
    out.push('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(out.join('\n') + '\n');
}

await main();
