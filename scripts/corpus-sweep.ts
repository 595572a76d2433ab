/**
 * Reads every file of the sample corpus (`../shared/corpus` beside the checkout, or the
 * folder given as first argument) and compares the reader's classification (syntax, profile,
 * cadre, format family) with MANIFEST.tsv. Prints agreement numbers; disagreements that were
 * reviewed are listed with their reason in test/corpus/manifest-disagreements.json and counted
 * apart. Exits 1 on a crash, a hang or an unexplained disagreement; says so and exits 0 when
 * the corpus is absent.
 *
 *   npm run corpus [-- <corpus dir>] [--verbose]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDeposit } from '../packages/core/src/node.js';
import type { ReadDocument } from '../packages/core/src/index.js';
import { expectedFromManifest, type ManifestRow, type Expected } from '../test/corpus/manifest.js';
import { verdictSweep } from './corpus/verdicts.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const given = args.find((a) => !a.startsWith('--'));
const candidates = given !== undefined ? [resolve(given)] : [resolve(here, '../../shared/corpus')];
const root = candidates.find((c) => existsSync(join(c, 'MANIFEST.tsv')));
if (root === undefined) {
  process.stdout.write(`Corpus absent: no MANIFEST.tsv in ${candidates.join(' or ')}. Nothing swept.\n`);
  process.exit(0);
}

interface Disagreement {
  repo: string;
  path: string;
  field: keyof Expected;
  manifest: unknown;
  ours: unknown;
  reason: string;
}
const reviewed: Disagreement[] = JSON.parse(readFileSync(join(here, '../test/corpus/manifest-disagreements.json'), 'utf8')).disagreements;
const reviewedKey = (d: { repo: string; path: string; field: string }): string => `${d.repo}\t${d.path}\t${d.field}`;
const reviewedMap = new Map(reviewed.map((d) => [reviewedKey(d), d]));

const lines = readFileSync(join(root, 'MANIFEST.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const header = (lines.shift() as string).split('\t');
const rows: ManifestRow[] = lines.map((l) => {
  const cells = l.split('\t');
  return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])) as unknown as ManifestRow;
});

const fields: Array<keyof Expected> = [
  'container',
  'syntax',
  'profile',
  'businessProcess',
  'formatFamily',
  'unreadable',
  'typeCode',
  'xmpConformance',
  'embeddedNames',
];
const agree: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]));
const justified: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]));
/** Files the manifest says something comparable about, per field. */
const compared: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]));
const unexplained: Disagreement[] = [];
const stale = new Set(reviewedMap.keys());
let crashes = 0;
let slowest = { file: '', ms: 0 };
// The first PDF pays for loading pdf.js and starting its worker: reported apart.
let firstPdf: { file: string; ms: number } | null = null;
let bytesRead = 0;
const t0 = performance.now();

function ours(doc: ReadDocument, field: keyof Expected): unknown {
  if (field === 'unreadable') return doc.unreadable;
  if (field === 'xmpConformance') return doc.facts.pdf?.xmp?.conformanceLevel ?? null;
  if (field === 'embeddedNames') return doc.facts.pdf === null ? null : doc.facts.pdf.embeddedFiles.map((e) => e.name).sort();
  return doc.facts[field];
}

for (const row of rows) {
  const file = join(root, row.repo, row.path);
  const bytes = new Uint8Array(readFileSync(file));
  bytesRead += bytes.length;
  const start = performance.now();
  let docs: ReadDocument[];
  try {
    docs = await readDeposit({ name: row.path.split('/').pop() as string, bytes });
  } catch (e) {
    crashes++;
    process.stdout.write(`CRASH ${row.repo}/${row.path}: ${String(e)}\n`);
    continue;
  }
  const ms = performance.now() - start;
  if (firstPdf === null && docs[0]?.facts.pdf != null) firstPdf = { file: `${row.repo}/${row.path}`, ms };
  else if (ms > slowest.ms) slowest = { file: `${row.repo}/${row.path}`, ms };
  const doc = docs[0];
  if (docs.length !== 1 || doc === undefined) {
    crashes++;
    process.stdout.write(`UNEXPECTED ${docs.length} documents for ${row.repo}/${row.path}\n`);
    continue;
  }
  const expected = expectedFromManifest(row);
  for (const field of fields) {
    const want = expected[field];
    if (want === undefined) continue;
    compared[field] = (compared[field] as number) + 1;
    const got = ours(doc, field);
    if (JSON.stringify(want) === JSON.stringify(got)) {
      agree[field] = (agree[field] as number) + 1;
      continue;
    }
    const key = reviewedKey({ repo: row.repo, path: row.path, field });
    const r = reviewedMap.get(key);
    if (r !== undefined && JSON.stringify(r.ours) === JSON.stringify(got)) {
      justified[field] = (justified[field] as number) + 1;
      stale.delete(key);
    } else {
      unexplained.push({ repo: row.repo, path: row.path, field, manifest: want, ours: got, reason: '' });
    }
  }
  if (verbose) process.stdout.write(`${ms.toFixed(1).padStart(8)} ms  ${row.repo}/${row.path}\n`);
}

const total = rows.length;
const elapsed = performance.now() - t0;
process.stdout.write(`\n# Corpus sweep: ${root}\n\n`);
process.stdout.write(
  `${total} files, ${(bytesRead / 1048576).toFixed(1)} MiB, ${(elapsed / 1000).toFixed(1)} s; crashes: ${crashes}; slowest: ${slowest.ms.toFixed(0)} ms (${slowest.file})${firstPdf === null ? '' : `; first PDF, loading pdf.js: ${firstPdf.ms.toFixed(0)} ms`}\n\n`,
);
process.stdout.write('| field | agree / files the manifest classifies | reviewed disagreement | unexplained |\n|---|---:|---:|---:|\n');
for (const f of fields) {
  const bad = unexplained.filter((u) => u.field === f).length;
  const n = compared[f] as number;
  process.stdout.write(`| ${f} | ${agree[f]} / ${n} (${((100 * (agree[f] as number)) / n).toFixed(1)} %) | ${justified[f]} | ${bad} |\n`);
}
if (unexplained.length > 0) {
  process.stdout.write('\nUnexplained disagreements (review them, then record them in test/corpus/manifest-disagreements.json):\n');
  for (const u of unexplained)
    process.stdout.write(`- ${u.repo}/${u.path} ${u.field}: manifest ${JSON.stringify(u.manifest)}, ours ${JSON.stringify(u.ours)}\n`);
}
if (stale.size > 0) {
  process.stdout.write(`\n${stale.size} reviewed disagreement(s) no longer occur (remove them):\n`);
  for (const k of stale) process.stdout.write(`- ${k.replaceAll('\t', ' ')}\n`);
}
const verdictsClean = await verdictSweep(root, join(here, '../test/corpus/verdict-refusals.json'), (t) => process.stdout.write(t));
process.exitCode = crashes > 0 || unexplained.length > 0 || !verdictsClean ? 1 : 0;
// The structural check, self-contained: verdicts against xmllint --schema, official samples (scripts/corpus-structure.ts).
if ((await (await import('./corpus-structure.js')).structureSweep(root)) > 0) process.exitCode = 1;
