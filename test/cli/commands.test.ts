/** The built CLI's other commands: `portal <state.json>` and `rules list|show|lint|docs`. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const rulesDir = fileURLToPath(new URL('../../rules/', import.meta.url));
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'chorus-commands-'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('portal', () => {
  it('prints { decisions, diagnostics } with every decision id', async () => {
    const run = await runCli(['portal', 'portal/pending-attachment.json', '--format', 'json', '--lang', 'en']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { decisions: Record<string, boolean>; diagnostics: Array<{ ruleId: string }> };
    expect(Object.keys(out)).toEqual(['decisions', 'diagnostics']);
    expect(out.decisions).toEqual({
      'menu.approbation': false,
      'window.structure.create': true,
      'window.structure.requestAttachment': true,
      'window.structure.consultRequests': true,
      'action.depositInvoice': false,
    });
    expect(out.diagnostics.map((d) => d.ruleId)).toContain('portal/deposit-needs-attachment');
  });

  it('prints the decisions as text', async () => {
    const run = await runCli(['portal', 'portal/pending-attachment.json', '--lang', 'en']);
    expect(run.stdout).toMatch(/window\.structure\.consultRequests +yes/);
    expect(run.stdout).toMatch(/action\.depositInvoice +no +\(portal\/deposit-needs-attachment\)/);
  });

  it('prints the decisions in French with --lang fr', async () => {
    const run = await runCli(['portal', 'portal/pending-attachment.json', '--lang', 'fr']);
    expect(run.stdout.split('\n')[0]).toBe('portal/pending-attachment.json  version 3.8.1');
    expect(run.stdout).toMatch(/window\.structure\.consultRequests +oui/);
    expect(run.stdout).toMatch(/action\.depositInvoice +non +\(portal\/deposit-needs-attachment\)/);
    expect(run.stdout).toMatch(/\n\d+ erreurs?, \d+ avertissements?\n$/);
    expect(run.stdout).not.toMatch(/\b(yes|no|release|warnings?)\b/);
  });

  it('exits 1 when the state has an error, and points at it with a JSON pointer', async () => {
    const run = await runCli(['portal', 'portal/structure-at-creation.json', '--format', 'json', '--lang', 'en']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { decisions: Record<string, boolean>; diagnostics: Array<{ ruleId: string; severity: string; location: unknown }> };
    expect(out.decisions['action.depositInvoice']).toBe(false);
    expect(out.diagnostics.find((d) => d.ruleId === 'portal/structure-not-asked-at-creation')).toMatchObject({
      severity: 'error',
      location: { file: 'portal/structure-at-creation.json', pointer: '/account/structureAtCreation' },
    });
    const text = await runCli(['portal', 'portal/structure-at-creation.json', '--lang', 'en']);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/\/account\/structureAtCreation +error +/);
  });

  it('refuses a state that does not follow the schema, naming the JSON pointers', async () => {
    const run = await runCli(['portal', 'portal/bad-state.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/account/loginEmail: must be string');
  });

  it('refuses a missing state file and the formats it has no use for', async () => {
    expect((await runCli(['portal', 'portal/none.json'])).code).toBe(2);
    expect((await runCli(['portal', 'portal/pending-attachment.json', '--format', 'sarif'])).code).toBe(2);
  });
});

describe('rules', () => {
  it('lists the rules of a release, and fewer for the release that lacked the works flows', async () => {
    const latest = JSON.parse((await runCli(['rules', 'list', '--format', 'json'])).stdout) as Array<{ id: string; since: string }>;
    const older = JSON.parse((await runCli(['rules', 'list', '--format', 'json', '--release', '3.8.0'])).stdout) as Array<{ id: string }>;
    expect(latest.map((r) => r.id)).toContain('deposit/works-flow-requires-works-cadre');
    expect(older.map((r) => r.id)).not.toContain('deposit/works-flow-requires-works-cadre');
    const text = await runCli(['rules', 'list', '--lang', 'en']);
    expect(text.stdout).toMatch(/^deposit\/works-flow-requires-works-cadre +error +3\.8\.1\+ +\S/m);
  });

  it('shows one rule with its reference and examples', async () => {
    const run = await runCli(['rules', 'show', 'deposit/works-flow-requires-works-cadre', '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Reference: Chorus Pro V3.8.1 release note');
    expect(run.stdout).toMatch(/Examples:\n {2}- passed/);
    const missing = await runCli(['rules', 'show', 'deposit/works-flow']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('did you mean deposit/works-flow-requires-works-cadre');
  });

  it('lints the shipped rules clean and finds what is wrong in an edited copy', async () => {
    const clean = await runCli(['rules', 'lint', rulesDir]);
    expect(clean.code, clean.stdout).toBe(0);
    const copy = join(tmp, 'rules');
    cpSync(rulesDir, copy, { recursive: true });
    const file = join(copy, 'content/number-max-20-characters.json');
    const rule = JSON.parse(readFileSync(file, 'utf8')) as { severity: string; assert: { fact?: string } };
    rule.severity = 'fatal';
    writeFileSync(file, JSON.stringify(rule));
    const broken = await runCli(['rules', 'lint', copy, '--format', 'json']);
    expect(broken.code).toBe(1);
    const diagnostics = JSON.parse(broken.stdout) as Array<{ location: { file: string }; source: { pointer: string } }>;
    expect(diagnostics.some((d) => d.location.file.endsWith('number-max-20-characters.json') && d.source.pointer === '/severity')).toBe(true);
  });

  it('regenerates the catalogue of a rule directory', async () => {
    const copy = join(tmp, 'docs');
    cpSync(rulesDir, copy, { recursive: true });
    rmSync(join(copy, 'README.md'), { force: true });
    const run = await runCli(['rules', 'docs', copy]);
    expect(run.code).toBe(0);
    const readme = readFileSync(join(copy, 'README.md'), 'utf8');
    expect(readme).toContain('deposit/works-flow-requires-works-cadre');
    // Without a directory: the catalogue of the rules bundled into the build, on standard output.
    const shipped = await runCli(['rules', 'docs']);
    expect(shipped.code).toBe(0);
    expect(shipped.stdout.split('\n')[0]).toBe(readme.split('\n')[0]);
    expect(shipped.stdout).toContain('deposit/works-flow-requires-works-cadre');
  });
});
