/**
 * The built CLI end to end, over the suites' own inputs (`data/inputs/`): exit codes, every
 * format against its schema or parser, golden text output, stable order whatever `--jobs`,
 * standard input, `--output`, `--max-warnings`, `--config`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA, runCli, type CliResult } from './run-cli.js';
import { errorsOf, reportValidator, sarifValidator, shapeValidator } from './validate.js';

interface JsonDocument {
  file: string;
  facts: { container: string; syntax: string; cadre: string };
  verdict: string | null;
  release: string;
  diagnostics: Array<{ ruleId: string; severity: string; message: string; fatal?: boolean; location?: { file: string; line?: number; column?: number } }>;
}

const INPUTS = ['inputs/ubl-simple.xml', 'inputs/ubl-works-problems.xml', 'inputs/truncated.xml', 'inputs/not-an-invoice.xml', 'inputs/ubl-warning.xml'];
const COMMON = ['--lang', 'en', '--deposit-date', '2024-03-01', '--release', '3.8.1'];

function json(result: CliResult): JsonDocument[] {
  return JSON.parse(result.stdout) as JsonDocument[];
}

const count = (docs: JsonDocument[], severity: string) => docs.flatMap((d) => d.diagnostics).filter((d) => d.severity === severity).length;

let all: CliResult;
let tmp: string;

beforeAll(async () => {
  all = await runCli([...INPUTS, '--format', 'json', ...COMMON]);
  tmp = mkdtempSync(join(tmpdir(), 'chorus-cli-'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('chorus-precheck --format json', () => {
  it('prints one entry per document, valid against the published schema', () => {
    expect(all.stderr).toBe('');
    const docs = json(all);
    expect(docs.map((d) => d.file)).toEqual(INPUTS);
    const validate = reportValidator();
    expect(validate(docs), errorsOf(validate)).toBe(true);
  });

  it('prints what a pipeline reads by default, and every rule with its explanation with --explain', async () => {
    const lean = JSON.parse(all.stdout) as Array<Record<string, unknown>>;
    expect(lean.every((d) => !('rules' in d))).toBe(true);
    const explainedRun = await runCli([...INPUTS, '--format', 'json', '--explain', ...COMMON]);
    expect(explainedRun.code).toBe(all.code);
    const explained = JSON.parse(explainedRun.stdout) as Array<
      Record<string, unknown> & { rules: Array<{ ruleId: string; status: string; explanation: { assert: unknown } }> }
    >;
    const validate = reportValidator();
    expect(validate(explained), errorsOf(validate)).toBe(true);
    // The same documents, with the rules added.
    expect(explained.map(({ rules: _rules, ...rest }) => rest)).toEqual(lean);
    const ubl = explained[0]!.rules;
    expect(ubl.length).toBeGreaterThan(10);
    expect(ubl.some((r) => r.status === 'passed' && r.explanation.assert !== null)).toBe(true);
    // Each shape is published on its own: one shape's entries are not the other's.
    const leanShape = shapeValidator('leanDocument');
    const explainedShape = shapeValidator('explainedDocument');
    expect(lean.every((d) => leanShape(d) && !explainedShape(d))).toBe(true);
    expect(explained.every((d) => explainedShape(d) && !leanShape(d))).toBe(true);
    expect(explainedRun.stdout.length).toBeGreaterThan(2 * all.stdout.length);
  });

  it('exits 1 when errors are found, unreadable input included', () => {
    expect(count(json(all), 'error')).toBeGreaterThan(0);
    expect(all.code).toBe(1);
  });

  it('locates the problem of a truncated file and names what a non-invoice file is', () => {
    const docs = json(all);
    const truncated = docs.find((d) => d.file === 'inputs/truncated.xml')!;
    const fatal = truncated.diagnostics.find((d) => d.fatal);
    expect(fatal?.severity).toBe('error');
    expect(fatal?.location).toMatchObject({ file: 'inputs/truncated.xml', line: expect.any(Number), column: expect.any(Number) });
    const text = docs.find((d) => d.file === 'inputs/not-an-invoice.xml')!;
    expect(text.diagnostics.some((d) => d.fatal && d.severity === 'error')).toBe(true);
  });

  it('reads the cadre of each invoice', () => {
    const docs = json(all);
    expect(docs[0]?.facts).toMatchObject({ container: 'xml', syntax: 'UBL', cadre: 'A1' });
    expect(docs[1]?.facts).toMatchObject({ container: 'xml', syntax: 'UBL', cadre: 'A4' });
    expect(docs.every((d) => d.release === '3.8.1')).toBe(true);
  });

  it('gives a verdict only when a syntaxe is chosen', async () => {
    expect(json(all).every((d) => d.verdict === null)).toBe(true);
    const chosen = json(await runCli(['inputs/ubl-simple.xml', '--format', 'json', '--channel', 'PORTAIL', '--syntaxe', 'IN_DP_E1_UBL_INVOICE', ...COMMON]));
    expect(chosen[0]?.verdict).toMatch(/^(accepted|rejected)$/);
  });

  it('exits with the code its own output implies for every input alone', async () => {
    for (const input of INPUTS) {
      const run = await runCli([input, '--format', 'json', ...COMMON]);
      expect(run.code, input).toBe(count(json(run), 'error') > 0 ? 1 : 0);
    }
  });
});

describe('order and parallelism', () => {
  it('prints the same bytes with --jobs 1 and --jobs 2, in argument order', async () => {
    const many = [...INPUTS, 'inputs', ...INPUTS.map((i) => `./${i}`)];
    const one = await runCli([...many, '--format', 'json', '--jobs', '1', ...COMMON]);
    const two = await runCli([...many, '--format', 'json', '--jobs', '2', ...COMMON]);
    expect(one.code).toBe(two.code);
    expect(two.stdout).toBe(one.stdout);
    // A file named twice (by path and through its directory) is checked once.
    expect(json(one).map((d) => d.file)).toEqual(INPUTS);
  });

  it('prints the same text report with --jobs 1 and --jobs 2, blocks formatted in the workers', async () => {
    const many = [...INPUTS, ...INPUTS.map((i) => `./${i}`)];
    const one = await runCli([...many, '--jobs', '1', ...COMMON]);
    const two = await runCli([...many, '--jobs', '2', ...COMMON]);
    expect(one.code).toBe(two.code);
    expect(two.stdout).toBe(one.stdout);
    // One block per document, then the summary line counting them all.
    expect(one.stdout.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^${INPUTS.length} documents, `));
  });

  it('walks directories and expands globs', async () => {
    const dir = await runCli(['inputs', '--format', 'json', ...COMMON]);
    expect(json(dir).map((d) => d.file)).toEqual([...INPUTS].sort());
    const glob = await runCli(['inputs/ubl-*.xml', '--format', 'json', ...COMMON]);
    expect(json(glob).map((d) => d.file)).toEqual(['inputs/ubl-simple.xml', 'inputs/ubl-warning.xml', 'inputs/ubl-works-problems.xml']);
  });
});

describe('formats', () => {
  it('sarif is valid SARIF 2.1.0 with rule metadata and both kinds of location', async () => {
    const run = await runCli([...INPUTS, '--format', 'sarif', ...COMMON]);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; shortDescription?: { text: string } }> } };
        results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region?: unknown }; logicalLocations?: unknown[] }> }>;
      }>;
    };
    const validate = sarifValidator();
    expect(validate(log), errorsOf(validate)).toBe(true);
    const sarifRun = log.runs[0]!;
    expect(sarifRun.results.length).toBe(count(json(all), 'error') + count(json(all), 'warning') + count(json(all), 'info'));
    expect(sarifRun.results.some((r) => r.locations[0]?.physicalLocation.region !== undefined)).toBe(true);
    expect(sarifRun.results.some((r) => (r.locations[0]?.logicalLocations?.length ?? 0) > 0)).toBe(true);
    const described = sarifRun.tool.driver.rules.filter((r) => r.shortDescription);
    expect(described.length).toBeGreaterThan(0);
  });

  it('junit is well-formed XML with one suite per document', async () => {
    const run = await runCli([...INPUTS, '--format', 'junit', ...COMMON]);
    expect(run.code).toBe(1);
    const suites: string[] = [];
    const parser = new SaxesParser();
    parser.on('error', (e) => {
      throw e;
    });
    parser.on('opentag', (tag) => {
      if (tag.name === 'testsuite') suites.push(String(tag.attributes.name));
    });
    parser.write(run.stdout).close();
    expect(suites).toEqual(INPUTS);
  });

  it('text matches the golden output', async () => {
    const run = await runCli(['inputs/truncated.xml', 'inputs/not-an-invoice.xml', '--jobs', '1', ...COMMON]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\u001b[');
    await expect(run.stdout).toMatchFileSnapshot('__snapshots__/unreadable.txt');
  });

  it('text is coloured when forced, never with NO_COLOR alone', async () => {
    const forced = await runCli(['inputs/truncated.xml', ...COMMON], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[31m');
  });

  it('text in French', async () => {
    const run = await runCli(['inputs/truncated.xml', '--lang', 'fr', '--deposit-date', '2024-03-01']);
    expect(run.stdout).toMatch(/1 document, 1 erreur/);
    // The reader's own messages too, not only the headings.
    expect(run.stdout).toContain('Le XML s’arrête avant la fin du document (fichier tronqué ?) : unclosed tag: cac:OrderReference');
    expect(run.stdout).not.toContain('The XML ends before');
  });
});

describe('inputs and outputs', () => {
  it('reads standard input with -', async () => {
    const run = await runCli(['-', '--format', 'json', ...COMMON], { stdin: readFileSync(join(DATA, 'inputs/ubl-simple.xml')) });
    const viaFile = await runCli(['inputs/ubl-simple.xml', '--format', 'json', ...COMMON]);
    expect(json(run).map((d) => d.file)).toEqual(['<stdin>']);
    expect(run.code).toBe(viaFile.code);
    const { locations: _a, ...fromStdin } = json(run)[0]!.facts as Record<string, unknown>;
    const { locations: _b, ...fromFile } = json(viaFile)[0]!.facts as Record<string, unknown>;
    expect(fromStdin).toEqual(fromFile);
  });

  it('writes --output and leaves standard output empty', async () => {
    const out = join(tmp, 'nested/report.json');
    const run = await runCli([...INPUTS, '--format', 'json', '--output', out, ...COMMON]);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(all.stdout);
  });

  it('writes the text report to --output byte for byte as on standard output, with several jobs', async () => {
    const out = join(tmp, 'text/report.txt');
    const run = await runCli([...INPUTS, '--output', out, '--jobs', '2', ...COMMON]);
    const printed = await runCli([...INPUTS, '--jobs', '1', ...COMMON]);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
  });

  it('leaves an earlier --output file whole, and no temporary file, when the run stops on a usage error', async () => {
    const dir = join(tmp, 'kept');
    const out = join(dir, 'report.json');
    await runCli([INPUTS[0]!, '--format', 'json', '--output', out, ...COMMON]);
    const before = readFileSync(out, 'utf8');
    // An input that names nothing: the command line is refused (exit 2).
    const run = await runCli([...INPUTS, join(tmp, 'missing.xml'), '--format', 'json', '--output', out, ...COMMON]);
    expect(run.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('reports only errors with --quiet', async () => {
    const run = await runCli([...INPUTS, '--format', 'json', '--quiet', ...COMMON]);
    expect(
      json(run)
        .flatMap((d) => d.diagnostics)
        .every((d) => d.severity === 'error'),
    ).toBe(true);
    expect(run.stderr).toBe('');
  });
});

describe('--max-warnings', () => {
  it('turns warnings over the limit into exit 1', async () => {
    const docs = json(all);
    const warned = docs.find((d) => count([d], 'warning') > 0 && count([d], 'error') === 0);
    expect(warned, 'an input with warnings and no error').toBeDefined();
    const warnings = count([warned!], 'warning');
    const within = await runCli([warned!.file, '--max-warnings', String(warnings), ...COMMON]);
    const over = await runCli([warned!.file, '--max-warnings', String(warnings - 1), ...COMMON]);
    expect(within.code).toBe(0);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain(`more than --max-warnings ${warnings - 1}`);
  });
});

describe('--config', () => {
  it('applies the default context of the file, command-line options first', async () => {
    const config = join(tmp, 'ok.json');
    writeFileSync(config, JSON.stringify({ context: { release: '3.8.0', depositDate: '2024-03-01' }, lang: 'fr' }));
    const fromFile = json(await runCli(['inputs/ubl-simple.xml', '--format', 'json', '--config', config]));
    expect(fromFile[0]?.release).toBe('3.8.0');
    const overridden = json(await runCli(['inputs/ubl-simple.xml', '--format', 'json', '--config', config, '--release', '3.8.1']));
    expect(overridden[0]?.release).toBe('3.8.1');
  });

  it('refuses an unknown key with exit 2, naming the key', async () => {
    const config = join(tmp, 'bad.json');
    writeFileSync(config, JSON.stringify({ context: { channel: 'PORTAIL' }, colour: true }));
    const run = await runCli(['inputs/ubl-simple.xml', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown key "colour"');
    expect(run.stdout).toBe('');
  });

  it('refuses a configuration that is not JSON or missing', async () => {
    const config = join(tmp, 'broken.json');
    writeFileSync(config, '{ "lang": ');
    expect((await runCli(['inputs/ubl-simple.xml', '--config', config])).code).toBe(2);
    expect((await runCli(['inputs/ubl-simple.xml', '--config', join(tmp, 'absent.json')])).code).toBe(2);
  });
});

describe('internal errors exit 70', () => {
  // A bug is simulated by preloading a module that breaks JSON.stringify, in the main thread
  // (one file) and in the worker threads (--jobs 2).
  const broken = { NODE_OPTIONS: `--require ${join(DATA, 'break-json-stringify.cjs')}` };

  it.each([
    ['in the main thread', ['inputs/ubl-simple.xml']],
    ['in a worker thread', ['inputs/ubl-simple.xml', 'inputs/ubl-warning.xml', '--jobs', '2']],
  ])('says it is a bug, with its stack, %s', async (_where, args) => {
    const run = await runCli([...args, '--format', 'json', ...COMMON], { env: broken });
    expect(run.code).toBe(70);
    expect(run.stderr).toMatch(/^chorus-precheck: internal error \(please report it with the input that caused it\)\n/);
    expect(run.stderr).toContain('JSON.stringify broken on purpose');
    expect(run.stdout).toBe('');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['--format', 'html', 'inputs/ubl-simple.xml']],
    [['--bogus', 'inputs/ubl-simple.xml']],
    [['missing.xml']],
    [['no-such-dir/*.xml']],
    [[]],
    [['inputs/ubl-simple.xml', '--deposit-date', '2024-13-01']],
  ])('%j', async (args) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^chorus-precheck: /);
    expect(run.stdout).toBe('');
  });

  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const code of ['0   no error', '1   errors found', '2   usage error', '70  internal error']) expect(help.stdout).toContain(code);
    expect(help.stdout).toContain('Channels (--channel): PORTAIL, API, EDI');
    expect(help.stdout).toMatch(/Releases \(--release\): 3\.8\.0, 3\.8\.1 \(default: 3\.8\.1\)/);
    expect(help.stdout).toMatch(/^  IN_DP_E5_CII_FACTURX +FSO1137A {2}\(provisional\)$/m);
    expect(help.stdout).toMatch(/^  IN_DP_E2_CII_FACTURX +FSO1117A$/m);
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(DATA, '../../../packages/core/package.json'), 'utf8')).version);
  });
});
