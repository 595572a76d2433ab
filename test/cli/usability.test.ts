/**
 * What a new user meets first: unknown releases and mistyped options are usage errors that say
 * what would work, paths come out as they were typed, `-q` is silent on clean documents, and
 * SARIF and JUnit outputs link and address what they report in ways dashboards resolve.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReleases } from '../../packages/core/src/index.js';
import { runCli } from './run-cli.js';
import { errorsOf, sarifValidator } from './validate.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const KNOWN = listReleases()
  .map((r) => r.id)
  .join(', ');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chorus-usability-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('an unknown release', () => {
  it.each([
    [['inputs/ubl-simple.xml', '--release', '3.9'], '"3.9" (--release)'],
    [['inputs/ubl-simple.xml', 'inputs/ubl-warning.xml', '--jobs', '2', '--release', '4.0.0'], '"4.0.0" (--release)'],
    [['rules', 'list', '--release', 'banana'], '"banana" (--release)'],
    [['rules', 'show', 'deposit/syntaxe-chosen', '--release', '3.7'], '"3.7" (--release)'],
  ])('%j exits 2 naming the known releases', async (args, where) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`chorus-precheck: unknown Chorus Pro release ${where}; known releases: ${KNOWN}\n`);
    expect(run.stdout).toBe('');
  });

  it('in a configuration file exits 2 and names the file', async () => {
    const config = join(dir, 'chorus-precheck.config.json');
    writeFileSync(config, JSON.stringify({ context: { release: '3.9' } }));
    const run = await runCli(['inputs/ubl-simple.xml', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`unknown Chorus Pro release "3.9" (context.release in ${config}); known releases: ${KNOWN}`);
    // The command line wins over the configuration, as for every other field.
    expect((await runCli(['inputs/ubl-simple.xml', '--config', config, '--release', '3.8.1'])).code).toBe(0);
  });

  it('a known one still runs', async () => {
    expect((await runCli(['rules', 'list', '--release', '3.8.0'])).code).toBe(0);
  });
});

describe('mistyped options', () => {
  it('suggest the option meant', async () => {
    const run = await runCli(['inputs/ubl-simple.xml', '--fromat', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('chorus-precheck: unknown option --fromat; did you mean `--format`?\nRun chorus-precheck --help for the options.\n');
  });

  it('--max-warnings -1 is a usage error that says how to have no limit', async () => {
    const run = await runCli(['inputs/ubl-simple.xml', '--max-warnings', '-1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-warnings must be a number of warnings, 0 or more; got "-1" (leave the option out for no limit)');
  });
});

describe('paths', () => {
  it('are printed as given, in every format', async () => {
    const given = './inputs/../inputs/ubl-works-problems.xml';
    const text = await runCli([given, '--lang', 'en']);
    expect(text.stdout.split('\n')[0]).toMatch(new RegExp(`^${given.replace(/[.]/g, '\\.')}  `));
    const json = JSON.parse((await runCli([given, '--format', 'json'])).stdout) as Array<{ file: string; diagnostics: Array<{ location?: { file: string } }> }>;
    expect(json[0]!.file).toBe(given);
    expect(json[0]!.diagnostics.filter((d) => d.location).every((d) => d.location!.file === given)).toBe(true);
  });

  it('under a directory or a glob keep the part the user wrote', async () => {
    const json = async (args: string[]) =>
      (JSON.parse((await runCli([...args, '--format', 'json'], { cwd: root })).stdout) as Array<{ file: string }>).map((d) => d.file);
    expect(await json(['./test/cli/data/inputs/'])).toContain('./test/cli/data/inputs/ubl-simple.xml');
    expect(await json(['test/cli/data/inputs'])).toContain('test/cli/data/inputs/ubl-simple.xml');
    expect(await json(['./test/cli/data/*/ubl-s*.xml'])).toEqual(['./test/cli/data/inputs/ubl-simple.xml']);
  });
});

describe('rules lint', () => {
  it('names rule files under the directory as given', async () => {
    const rules = join(dir, 'my-rules', 'deposit');
    mkdirSync(rules, { recursive: true });
    writeFileSync(join(rules, 'broken.json'), JSON.stringify({ id: 'deposit/broken' }));
    const run = await runCli(['rules', 'lint', './my-rules/'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\.\/my-rules\/deposit\/broken\.json#/m);
    expect(run.stdout).not.toContain(dir);
  });
});

describe('--quiet', () => {
  it('prints nothing for clean documents, even with warnings', async () => {
    const run = await runCli(['inputs/ubl-simple.xml', 'inputs/ubl-warning.xml', '-q']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });

  it('prints the documents with errors and the summary', async () => {
    const run = await runCli(['inputs/ubl-simple.xml', 'inputs/ubl-works-problems.xml', '-q', '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('ubl-simple.xml');
    expect(run.stdout).toMatch(/^inputs\/ubl-works-problems\.xml {2}/);
    expect(run.stdout).toMatch(/\n\n2 documents, [1-9]\d* errors?, \d+ warnings?, \d+ infos?\n$/);
  });
});

describe('SARIF', () => {
  type Artifact = { location: { uri: string }; parentIndex?: number };
  type SarifRun = {
    tool: { driver: { informationUri: string; version: string; rules: Array<{ id: string; helpUri?: string; shortDescription?: unknown }> } };
    artifacts: Artifact[];
    results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string; index: number } } }> }>;
  };

  it('links the tool and every rule of the catalogue to their documentation', async () => {
    const run = await runCli(['inputs/ubl-works-problems.xml', '--format', 'sarif', '--lang', 'en']);
    const log = JSON.parse(run.stdout) as { runs: SarifRun[] };
    const validate = sarifValidator();
    expect(validate(log), errorsOf(validate)).toBe(true);
    const { driver } = log.runs[0]!.tool;
    expect(driver.informationUri).toBe('https://www.npmjs.com/package/@chorus-precheck/core');
    const catalogued = driver.rules.filter((r) => r.shortDescription);
    expect(catalogued.length).toBeGreaterThan(10);
    for (const rule of catalogued) {
      expect(rule.helpUri).toBe(`https://unpkg.com/@chorus-precheck/core@${driver.version}/dist/rules.md#${rule.id.replace('/', '')}`);
    }
  });

  it('addresses archive members as nested artifacts, each in its parent', async () => {
    const run = await runCli(['fixtures/generated/batch.zip', '--format', 'sarif', '--lang', 'en'], { cwd: root });
    const log = JSON.parse(run.stdout) as { runs: SarifRun[] };
    const validate = sarifValidator();
    expect(validate(log), errorsOf(validate)).toBe(true);
    const { artifacts, results } = log.runs[0]!;
    const path = (index: number): string[] => {
      const artifact = artifacts[index]!;
      return [...(artifact.parentIndex === undefined ? [] : path(artifact.parentIndex)), artifact.location.uri];
    };
    const paths = artifacts.map((_, i) => path(i).join(' > '));
    expect(paths).toEqual(
      expect.arrayContaining([
        'fixtures/generated/batch.zip',
        'fixtures/generated/batch.zip > /a/invoice-ubl.xml',
        'fixtures/generated/batch.zip > /inner.zip',
        'fixtures/generated/batch.zip > /inner.zip > /nested.xml',
      ]),
    );
    expect(artifacts.every((a) => !a.location.uri.includes('!'))).toBe(true);
    for (const result of results) {
      const location = result.locations[0]!.physicalLocation.artifactLocation;
      expect(location.uri).toBe(artifacts[location.index]!.location.uri);
    }
  });
});

describe('JUnit', () => {
  it('has no "null" property value when there is no verdict', async () => {
    const run = await runCli(['inputs/ubl-simple.xml', 'inputs/truncated.xml', '--format', 'junit']);
    expect(run.stdout).not.toMatch(/"null"/);
    expect(run.stdout).toContain('<property name="release" value="3.8.1"/>');
    expect(run.stdout).not.toContain('name="verdict"');
    const chosen = await runCli(['inputs/ubl-simple.xml', '--format', 'junit', '--syntaxe', 'IN_DP_E1_UBL_INVOICE']);
    expect(chosen.stdout).toContain('<property name="verdict" value="accepted"/>');
  });
});
