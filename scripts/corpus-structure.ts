/**
 * The structural check over the sample corpus, for `npm run corpus` (scripts/corpus-sweep.ts):
 * - every invoice XML of the corpus (XML files, and the XML inside its PDFs) validated with the
 *   schema the product picks, compared with `xmllint --noout --nonet --schema` over the same
 *   schema files: same valid/invalid verdict, first error on the same line;
 * - the official Chorus Pro samples (aife-chorus-pro/, deposits Chorus Pro accepts on their
 *   flows): the structural check adds no error to them, and their verdict is the one they get
 *   without it.
 * Returns the number of failures (0: all agree).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precheck, readDeposit } from '../packages/core/src/node.js';
import { compiledSchema, schemaFor, SCHEMA_SETS, shortenPayloads } from '../packages/core/src/schema/index.js';

const XSD = fileURLToPath(new URL('../packages/core/xsd/', import.meta.url));
const XMLLINT = '/usr/bin/xmllint';
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
/** The syntaxe AIFE published each official sample folder for (aife-chorus-pro/README.md). */
const OFFICIAL_SYNTAXE: Record<string, string> = { FSO1116A: 'IN_DP_E2_CII_16B', FSO1117A: 'IN_DP_E2_CII_FACTURX' };

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (/\.(xml|pdf)$/i.test(name)) out.push(p);
  }
  return out;
}

/** Runs both comparisons over the corpus at `root`, prints a Markdown section, returns the failures. */
export async function structureSweep(root: string): Promise<number> {
  const out: string[] = ['', '## Structural check (XML schemas)', ''];
  let failures = 0;
  const dir = mkdtempSync(join(tmpdir(), 'corpus-structure-'));
  try {
    // 1. Verdicts against xmllint --schema.
    if (!existsSync(XMLLINT)) {
      out.push(`xmllint comparison skipped: ${XMLLINT} not found (apt-get install libxml2-utils).`);
    } else {
      let n = 0;
      let valid = 0;
      const bySchema: Record<string, number> = {};
      const mismatches: string[] = [];
      for (const file of filesUnder(root)) {
        const name = relative(root, file);
        const xmls: Array<{ bytes: Uint8Array; file: string; schema: string; document: string }> = [];
        await readDeposit(
          { name, bytes: new Uint8Array(readFileSync(file)) },
          {
            structure: async (bytes, facts, xmlFile) => {
              const schema = schemaFor(facts);
              if (schema !== null && facts.document !== null && SCHEMA_SETS[schema].entries[facts.document] !== undefined)
                xmls.push({ bytes, file: xmlFile, schema, document: facts.document });
              return null;
            },
          },
        );
        for (const x of xmls) {
          n++;
          bySchema[x.schema] = (bySchema[x.schema] ?? 0) + 1;
          const ours = (await compiledSchema(x.schema as never, x.document)!).validate(shortenPayloads(x.bytes), x.file);
          const tmp = join(dir, 'doc.xml');
          writeFileSync(tmp, x.bytes);
          const xsd = join(XSD, FOLDER[x.schema]!, SCHEMA_SETS[x.schema as keyof typeof SCHEMA_SETS].entries[x.document]!);
          const r = spawnSync(XMLLINT, ['--noout', '--nonet', '--schema', xsd, tmp], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
          const theirsValid = r.status === 0;
          const theirsLine = /^.*?:(\d+): .*(?:Schemas validity error|parser error)/m.exec(r.stderr)?.[1];
          if (theirsValid) valid++;
          const ourLine = ours[0]?.line ?? null;
          if ((ours.length === 0) !== theirsValid || ourLine !== (theirsLine === undefined ? null : Number(theirsLine))) {
            mismatches.push(
              `- ${x.file} (${x.schema}): ours ${ours.length === 0 ? 'valid' : `invalid at line ${ourLine}`}, xmllint ${theirsValid ? 'valid' : `invalid at line ${theirsLine ?? '?'}`}`,
            );
          }
        }
      }
      out.push(
        `Against \`xmllint --schema\`: ${n} invoice XMLs (${Object.entries(bySchema)
          .map(([k, v]) => `${k} ${v}`)
          .join(
            ', ',
          )}), ${valid} valid, ${n - valid} invalid; ${n - mismatches.length} agree on the verdict and the first error line, ${mismatches.length} disagree.`,
      );
      if (mismatches.length > 0) out.push('', ...mismatches);
      failures += mismatches.length;
    }

    // 2. Official samples: the structural check adds no error, the verdict is unchanged.
    const official = join(root, 'aife-chorus-pro');
    if (existsSync(official)) {
      out.push('', '| official sample | schema | valid | schema findings (severity) | verdict | verdict without the check |', '|---|---|---|---|---|---|');
      for (const file of filesUnder(official)) {
        const flow = Object.keys(OFFICIAL_SYNTAXE).find((f) => file.includes(`/${f}/`) && /_(P\d+)\.(xml|pdf)$/.test(file));
        if (flow === undefined) continue;
        const input = { name: file.split('/').pop()!, bytes: new Uint8Array(readFileSync(file)) };
        const context = { channel: 'PORTAIL' as const, syntaxe: OFFICIAL_SYNTAXE[flow]! };
        const [withCheck, without] = await Promise.all([precheck(input, context), precheck(input, context, { structure: false })]);
        const doc = withCheck.documents[0]!;
        const findings = doc.diagnostics.filter((d) => d.ruleId.startsWith('structure/'));
        const errors = findings.filter((d) => d.severity === 'error');
        const same = doc.verdict === without.documents[0]!.verdict;
        if (errors.length > 0 || !same) failures++;
        const severities = [...new Set(findings.map((d) => d.severity))].join(', ');
        out.push(
          `| ${relative(official, file)} | ${doc.facts.schema?.name ?? 'none'} | ${doc.facts.schema?.valid ?? 'n/a'} | ${findings.length}${severities ? ` (${severities})` : ''} | ${doc.verdict} | ${without.documents[0]!.verdict}${same ? '' : ' ≠'} |`,
        );
      }
      out.push(
        '',
        'A schema finding on an official sample is never an error: Chorus Pro accepts these deposits. (A verdict other than "accepted" here comes from other rules, the same without the check.)',
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(out.join('\n') + '\n');
  return failures;
}
