/**
 * The verdict sweep of `npm run corpus`: every file of the corpus checked with the deposit
 * context that fits it, and the errors counted per rule.
 *
 * - Official AIFE samples (`aife-chorus-pro/EXPECTED.tsv`): on their own flow, with the syntaxe
 *   AIFE published them for, on the API channel, deposited today. Each must be accepted with no
 *   error, its facts as EXPECTED.tsv says.
 * - Third-party files (`MANIFEST.tsv`): deposited today on the API channel, once per flow the
 *   flow table finds applicable (the syntaxe of the format detected), keeping the context with
 *   the fewest errors; with no applicable flow, without a syntaxe (content rules only).
 *
 * Every (rule, file) error on a real file must be listed in test/corpus/verdict-refusals.json,
 * under the reason Chorus Pro would refuse that file; any other is a defect to fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCatalogue, type DepositContext, type DocumentReport } from '../../packages/core/src/index.js';
import { precheck } from '../../packages/core/src/node.js';

/** A reviewed error on real files: the reason Chorus Pro would refuse them, for the rule that says so. */
export interface Refusal {
  ruleId: string;
  reason: string;
  /** `repo/path` of each file, as in the corpus. */
  files: string[];
}

/** One error seen on a real file. */
interface Seen {
  repo: string;
  path: string;
  ruleId: string;
  message: string;
}

/** The refusals reviewed so far, as committed. */
export function readRefusals(file: string): Refusal[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { refusals: Refusal[] }).refusals;
}

/** The syntaxe values AIFE published each official flow's samples for. */
const AIFE_SYNTAXE: Record<string, string> = { FSO1116A: 'IN_DP_E2_CII_16B', FSO1117A: 'IN_DP_E2_CII_FACTURX' };

function tsv(file: string): Array<Record<string, string>> {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const header = (lines.shift() as string).split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const today = new Date().toISOString().slice(0, 10);
const errorsOf = (docs: DocumentReport[]): number => docs.reduce((n, d) => n + d.diagnostics.filter((x) => x.severity === 'error').length, 0);

async function check(file: string, context: DepositContext): Promise<DocumentReport[]> {
  const bytes = new Uint8Array(readFileSync(file));
  const name = file.split('/').pop() as string;
  return (await precheck({ name, bytes }, context, { lang: 'en' })).documents;
}

/** The third-party file checked on each applicable flow's syntaxe; the report with the fewest errors. */
export async function bestFit(file: string): Promise<{ docs: DocumentReport[]; syntaxe: string | null }> {
  const catalogue = getCatalogue();
  const base: DepositContext = { channel: 'API', depositDate: today };
  const open = await check(file, base);
  const applicable = new Set(open.flatMap((d) => d.flows.filter((f) => f.applicable).map((f) => f.code)));
  let best: { docs: DocumentReport[]; syntaxe: string | null } = { docs: open, syntaxe: null };
  for (const flow of catalogue.flows) {
    if (!applicable.has(flow.code)) continue;
    const docs = await check(file, { ...base, syntaxe: flow.syntaxe });
    if (best.syntaxe === null || errorsOf(docs) < errorsOf(best.docs)) best = { docs, syntaxe: flow.syntaxe };
  }
  return best;
}

/** Runs the verdict sweep over the corpus at `root`; returns whether it found nothing unexplained. */
export async function verdictSweep(root: string, refusalsFile: string, out: (s: string) => void): Promise<boolean> {
  const refusals = readRefusals(refusalsFile);
  const key = (r: { repo: string; path: string; ruleId: string }): string => `${r.repo}/${r.path}\t${r.ruleId}`;
  const reviewed = new Set(refusals.flatMap((r) => r.files.map((f) => `${f}\t${r.ruleId}`)));
  const seen: Seen[] = [];
  const warned = new Map<string, Set<string>>();
  const problems: string[] = [];
  const verdicts = new Map<string, number>();
  const count = (v: string): void => void verdicts.set(v, (verdicts.get(v) ?? 0) + 1);

  // Official samples: accepted on their own flow, facts as AIFE's index says.
  const aife = join(root, 'aife-chorus-pro');
  let official = 0;
  let officialAccepted = 0;
  for (const row of tsv(join(aife, 'EXPECTED.tsv'))) {
    const path = row['file'] as string;
    const flow = path.split('/')[0] as string;
    const docs = await check(join(aife, path), { channel: 'API', syntaxe: AIFE_SYNTAXE[flow] as string, depositDate: today });
    official++;
    const doc = docs[0];
    for (const d of docs)
      for (const x of d.diagnostics) if (x.severity === 'error') seen.push({ repo: 'aife-chorus-pro', path, ruleId: x.ruleId, message: x.message });
    if (docs.length !== 1 || doc === undefined) {
      problems.push(`aife-chorus-pro/${path}: ${docs.length} documents`);
      continue;
    }
    count(`official ${doc.verdict}`);
    if (doc.verdict === 'accepted') officialAccepted++;
    else problems.push(`aife-chorus-pro/${path}: ${String(doc.verdict)} on ${flow} (${AIFE_SYNTAXE[flow]}), an official sample Chorus Pro accepts`);
    const f = doc.facts;
    const got: Record<string, string> = {
      syntax: f.syntax,
      formatFamily: f.formatFamily,
      cadre: f.cadre,
      cadreSource: f.cadreSource,
      isWorks: String(f.isWorks),
      profile: f.profile ?? '',
      typeCode: f.typeCode ?? '',
    };
    for (const [field, value] of Object.entries(got)) {
      if (row[field] !== value) problems.push(`aife-chorus-pro/${path}: ${field} is ${JSON.stringify(value)}, AIFE's index says ${JSON.stringify(row[field])}`);
    }
  }

  // Third-party files: the context that fits each.
  for (const row of tsv(join(root, 'MANIFEST.tsv'))) {
    const { repo, path } = row as { repo: string; path: string };
    const { docs, syntaxe } = await bestFit(join(root, repo, path));
    for (const d of docs) {
      count(syntaxe === null ? 'third-party, no applicable flow' : `third-party ${d.verdict}`);
      for (const x of d.diagnostics) if (x.severity === 'error') seen.push({ repo, path, ruleId: x.ruleId, message: x.message });
      for (const x of d.diagnostics) if (x.severity === 'warning') warned.set(x.ruleId, (warned.get(x.ruleId) ?? new Set()).add(`${repo}/${path}`));
    }
  }

  // Errors per rule: one (rule, file) pair counts once.
  const pairs = new Map<string, Seen>();
  for (const s of seen) if (!pairs.has(key(s))) pairs.set(key(s), s);
  const perRule = new Map<string, { files: number; explained: number }>();
  const unexplained: Seen[] = [];
  const stale = new Set(reviewed);
  for (const [k, s] of pairs) {
    const row = perRule.get(s.ruleId) ?? { files: 0, explained: 0 };
    row.files++;
    if (reviewed.has(k)) {
      row.explained++;
      stale.delete(k);
    } else unexplained.push(s);
    perRule.set(s.ruleId, row);
  }
  out(`\n## Verdicts (deposit date ${today})\n\n`);
  out(`Official samples accepted on their own flow: ${officialAccepted} / ${official}\n\n`);
  out('| verdict | documents |\n|---|---:|\n');
  for (const [v, n] of [...verdicts].sort()) out(`| ${v} | ${n} |\n`);
  out('\n### Errors per rule over real files\n\n| rule | files | explained (verdict-refusals.json) | unexplained |\n|---|---:|---:|---:|\n');
  for (const [id, r] of [...perRule].sort((a, b) => b[1].files - a[1].files || a[0].localeCompare(b[0]))) {
    out(`| ${id} | ${r.files} | ${r.explained} | ${r.files - r.explained} |\n`);
  }
  if (perRule.size === 0) out('| (none) | 0 | 0 | 0 |\n');
  out('\n### Warnings per rule over real files (they do not change a verdict)\n\n| rule | files |\n|---|---:|\n');
  for (const [id, files] of [...warned].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))) out(`| ${id} | ${files.size} |\n`);
  if (problems.length > 0) {
    out('\nOfficial samples not read or judged as AIFE says:\n');
    for (const p of problems) out(`- ${p}\n`);
  }
  if (unexplained.length > 0) {
    out('\nUnexplained errors on real files (a defect to fix, or a true refusal to record with its reason in test/corpus/verdict-refusals.json):\n');
    for (const u of unexplained) out(`- ${u.repo}/${u.path} ${u.ruleId}: ${u.message}\n`);
  }
  if (stale.size > 0) {
    out(`\n${stale.size} reviewed refusal(s) no longer occur (remove them):\n`);
    for (const k of stale) out(`- ${k.replaceAll('\t', ' ')}\n`);
  }
  return problems.length === 0 && unexplained.length === 0 && stale.size === 0;
}
