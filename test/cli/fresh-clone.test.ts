/**
 * The first minutes of a new user: a copy of the repository as a clone has it (the tracked
 * files, no node_modules, no dist), `npm install` as the README says, then the README's CLI
 * commands. npm runs offline here, so that a command resolving to anything but our own bin,
 * e.g. an unrelated `chorus-precheck` package of the registry, fails instead of being fetched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const version = (JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8')) as { version: string }).version;
let clone: string;

/** The `npx …` commands of the README's code blocks. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((b) => b.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => /(^|\| )npx /.test(line));
}

function npx(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('npx', args, {
    cwd: clone,
    encoding: 'utf8',
    env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false', NO_COLOR: '1', LANG: 'C.UTF-8' },
  });
}

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), 'chorus-clone-'));
  // What `git clone` gives: the tracked files as they are in the working tree.
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    const from = join(root, file);
    if (!statSync(from, { throwIfNoEntry: false })?.isFile()) continue;
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(from, join(clone, file));
  }
  // The packages are in npm's cache since the workspace install: no network needed.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: clone, stdio: ['ignore', 'ignore', 'inherit'] });
});

afterAll(() => {
  if (clone) rmSync(clone, { recursive: true, force: true });
});

describe('a fresh clone, after npm install', () => {
  it('runs `npx chorus-precheck file.xml` with our own bin', () => {
    const run = npx(['chorus-precheck', 'test/cli/data/inputs/ubl-simple.xml', '--lang', 'en']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^test\/cli\/data\/inputs\/ubl-simple\.xml {2}UBL Invoice/);
    expect(npx(['chorus-precheck', '--version']).stdout.trim()).toBe(version);
  });

  it('runs the README commands with our bin: `npx @chorus-precheck/core …` resolves to the workspace', () => {
    const commands = readmeCommands();
    expect(commands.length).toBeGreaterThan(5);
    // Every command names our package or our bin: nothing else can be fetched from the registry.
    for (const command of commands) expect(command).toMatch(/npx (@chorus-precheck\/core|chorus-precheck) /);
    const run = npx(['@chorus-precheck/core', 'rules', 'show', 'deposit/works-flow-requires-works-cadre']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^deposit\/works-flow-requires-works-cadre {2}error/);
  });

  it('checks the README example of an account state with `portal`', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = /<!-- account-state\.json -->\n```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const state = join(clone, 'account-state.json');
    execFileSync('node', ['-e', `require('node:fs').writeFileSync(${JSON.stringify(state)}, process.argv[1])`, example!]);
    const run = npx(['@chorus-precheck/core', 'portal', 'account-state.json', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as { decisions: Record<string, boolean> };
    expect(Object.keys(answer.decisions).sort()).toEqual(
      ['action.depositInvoice', 'menu.approbation', 'window.structure.consultRequests', 'window.structure.create', 'window.structure.requestAttachment'].sort(),
    );
    // The text the README shows is what the command prints, up to its `…`.
    const shown = /```text\n\$ npx @chorus-precheck\/core portal account-state\.json --lang en\n([\s\S]*?)\n  …\n```/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const text = npx(['@chorus-precheck/core', 'portal', 'account-state.json', '--lang', 'en']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout.startsWith(shown! + '\n')).toBe(true);
  });
});
