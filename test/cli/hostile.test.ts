/**
 * Hostile inputs to the built CLI, each built here: names and fields that would drive the
 * terminal, `--output` paths that would write where they should not, inputs too large to hold,
 * and files that cannot be read in the middle of a batch.
 */
import { execFileSync } from 'node:child_process';
import {
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../packages/core/src/cli/io.js';
import { openOutputFile } from '../../packages/core/src/cli/output.js';
import { runCli } from './run-cli.js';

const SIMPLE = readFileSync(fileURLToPath(new URL('./data/inputs/ubl-simple.xml', import.meta.url)), 'utf8');
const COMMON = ['--lang', 'en', '--deposit-date', '2024-03-01', '--release', '3.8.1'];
// What a terminal acts on: every C0 control but the line feed, DEL, the C1 controls, the bidi overrides.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

interface JsonDocument {
  file: string;
  diagnostics: Array<{ ruleId: string; severity: string; message: string; fatal?: boolean; location?: { file: string } }>;
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'chorus-hostile-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dir(name: string): string {
  const path = join(tmp, name);
  mkdirSync(path, { recursive: true });
  return path;
}

describe('terminal injection', () => {
  it('prints member names, file names and invoice fields with their control characters escaped', async () => {
    const cwd = dir('terminal');
    // A member name that forges a whole finding line, then clears the screen and sets the title.
    const forged = 'a.xml\n  forged.xml:1:1  error    Forged finding  read/x\r\u001b[2J\u001b]0;pwned\u0007.xml';
    writeFileSync(join(cwd, 'batch.zip'), zipSync({ [forged]: strToU8(SIMPLE) }));
    // A file name with an escape sequence, and an invoice number with an 8-bit CSI and a carriage
    // return written as XML character references (allowed in XML 1.0).
    const fileName = 'in\u001b[31mvoice.xml';
    writeFileSync(join(cwd, fileName), SIMPLE.replace(/<cbc:ID>[^<]*<\/cbc:ID>/, `<cbc:ID>${'9'.repeat(25)}&#x9B;2J&#13;&#10;x.xml:1:1  error</cbc:ID>`));
    const run = await runCli(['batch.zip', fileName, '--syntaxe', 'IN_DP_E1_UBL_INVOICE', ...COMMON], { cwd });
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).not.toMatch(/^\s*(forged|x)\.xml:1:1/m);
    expect(run.stdout).toContain('batch.zip!/a.xml\\n  forged.xml:1:1  error    Forged finding  read/x\\r\\x1b[2J\\x1b]0;pwned\\x07.xml');
    expect(run.stdout).toContain('in\\x1b[31mvoice.xml');
    expect(run.stdout).toContain(`Invoice number ${'9'.repeat(25)}\\u009b2J\\r\\nx.xml:1:1  error is longer than 20 characters.`);
    // JSON keeps every character as given.
    const json = JSON.parse((await runCli(['batch.zip', fileName, '--format', 'json', ...COMMON], { cwd })).stdout) as JsonDocument[];
    expect(json.map((d) => d.file)).toEqual([`batch.zip!/${forged}`, fileName]);
  });

  it('prints the portal state file name and its values escaped', async () => {
    const cwd = dir('portal');
    const state = JSON.parse(readFileSync(fileURLToPath(new URL('./data/portal/structure-at-creation.json', import.meta.url)), 'utf8')) as {
      account: Record<string, unknown>;
    };
    state.account.contactEmail = 'jeanne\u001b]8;;https://evil.example\u0007@\u009b';
    const name = 'state\r\u001b[2K.json';
    writeFileSync(join(cwd, name), JSON.stringify(state));
    const run = await runCli(['portal', name, '--lang', 'en'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('state\\r\\x1b[2K.json  release 3.8.1');
    expect(run.stdout).toContain('jeanne\\x1b]8;;https://evil.example\\x07@\\u009b');
  });

  it('escapes what a usage error quotes from the command line', async () => {
    const run = await runCli(['missing\u001b[2J.xml'], { cwd: dir('usage') });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain('missing\\x1b[2J.xml');
  });
});

describe('--output', () => {
  it('refuses a symbolic link, a FIFO and a directory as the target, and leaves them as they were', async () => {
    const cwd = dir('targets');
    writeFileSync(join(cwd, 'a.xml'), SIMPLE);
    writeFileSync(join(cwd, 'victim.txt'), 'keep me');
    symlinkSync(join(cwd, 'victim.txt'), join(cwd, 'link.json'));
    execFileSync('mkfifo', [join(cwd, 'fifo.json')]);
    mkdirSync(join(cwd, 'folder.json'));
    for (const [target, kind] of [
      ['link.json', 'a symbolic link'],
      ['fifo.json', 'a named pipe (FIFO)'],
      ['folder.json', 'a directory'],
    ] as const) {
      const run = await runCli(['a.xml', '--format', 'json', '-o', target, ...COMMON], { cwd });
      expect(run.code, target).toBe(2);
      expect(run.stderr).toContain(`--output ${target} is ${kind}, not a regular file`);
    }
    const fr = await runCli(['a.xml', '-o', 'link.json', '--lang', 'fr'], { cwd });
    expect(fr.stderr).toContain('--output link.json est un lien symbolique, pas un fichier ordinaire');
    expect(lstatSync(join(cwd, 'link.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(cwd, 'fifo.json')).isFIFO()).toBe(true);
    expect(readFileSync(join(cwd, 'victim.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(cwd).sort()).toEqual(['a.xml', 'fifo.json', 'folder.json', 'link.json', 'victim.txt']);
  });

  it('refuses to write the report over one of the files it checks, by any name', async () => {
    const cwd = dir('over-input');
    writeFileSync(join(cwd, 'a.xml'), SIMPLE);
    mkdirSync(join(cwd, 'in'));
    writeFileSync(join(cwd, 'in/b.xml'), SIMPLE);
    linkSync(join(cwd, 'a.xml'), join(cwd, 'hard-link.xml'));
    for (const args of [
      ['a.xml', '-o', 'a.xml'],
      ['in', '-o', 'in/b.xml'],
      ['a.xml', '-o', 'hard-link.xml'],
    ]) {
      const run = await runCli([...args, '--format', 'junit', ...COMMON], { cwd });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('is one of the files being checked');
    }
    expect(readFileSync(join(cwd, 'a.xml'), 'utf8')).toBe(SIMPLE);
    expect(readFileSync(join(cwd, 'in/b.xml'), 'utf8')).toBe(SIMPLE);
  });

  it('creates its temporary file exclusively: a link planted at a predictable name is not followed', () => {
    const cwd = dir('planted');
    writeFileSync(join(cwd, 'victim.txt'), 'keep me');
    const target = join(cwd, 'report.json');
    // Where the report used to be written first.
    symlinkSync(join(cwd, 'victim.txt'), `${target}.${process.pid}.tmp`);
    const file = openOutputFile(target);
    file.write('{"ok":true}\n');
    file.close();
    expect(readFileSync(target, 'utf8')).toBe('{"ok":true}\n');
    expect(readFileSync(join(cwd, 'victim.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(cwd).sort()).toEqual(['report.json', `report.json.${process.pid}.tmp`, 'victim.txt']);
  });

  it('keeps the mode of the report it replaces, and leaves nothing behind when it gives up', () => {
    const cwd = dir('mode');
    const target = join(cwd, 'private.txt');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const file = openOutputFile(target);
    file.write('new');
    file.close();
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const aborted = openOutputFile(target);
    aborted.write('half');
    aborted.abort();
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(cwd)).toEqual(['private.txt']);
  });

  it('portal and rules write --output whole, through the same checks', async () => {
    const cwd = dir('commands');
    writeFileSync(join(cwd, 'victim.txt'), 'keep me');
    symlinkSync(join(cwd, 'victim.txt'), join(cwd, 'link.txt'));
    const state = readFileSync(fileURLToPath(new URL('./data/portal/pending-attachment.json', import.meta.url)), 'utf8');
    writeFileSync(join(cwd, 'state.json'), state);
    for (const args of [
      ['portal', 'state.json'],
      ['rules', 'list'],
    ]) {
      const refused = await runCli([...args, '-o', 'link.txt'], { cwd });
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toContain('is a symbolic link, not a regular file');
      const written = await runCli([...args, '-o', 'out/report.txt'], { cwd });
      expect(written.code, args.join(' ')).toBe(0);
      expect(readFileSync(join(cwd, 'out/report.txt'), 'utf8')).toBe((await runCli(args, { cwd })).stdout);
    }
    expect((await runCli(['portal', 'state.json', '-o', 'state.json'], { cwd })).stderr).toContain('is one of the files being checked');
    expect(readFileSync(join(cwd, 'state.json'), 'utf8')).toBe(state);
    expect(readFileSync(join(cwd, 'victim.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(join(cwd, 'out'))).toEqual(['report.txt']);
  });

  it('rules docs <dir> does not write through a README.md link out of the directory', async () => {
    const cwd = dir('docs');
    const rules = join(cwd, 'rules');
    execFileSync('cp', ['-r', fileURLToPath(new URL('../../rules/', import.meta.url)), rules]);
    rmSync(join(rules, 'README.md'));
    writeFileSync(join(cwd, 'outside.txt'), 'keep me');
    symlinkSync(join(cwd, 'outside.txt'), join(rules, 'README.md'));
    const run = await runCli(['rules', 'docs', 'rules'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules docs rules/README.md is a symbolic link, not a regular file');
    expect(readFileSync(join(cwd, 'outside.txt'), 'utf8')).toBe('keep me');
  });
});

describe('large inputs', () => {
  it('reports a file over maxInputBytes without reading it, and still reports the rest of the batch', async () => {
    const cwd = dir('large');
    writeFileSync(join(cwd, 'a.xml'), SIMPLE);
    // Sparse: 3 GB on paper, nothing on disk. Read whole, it would not even fit in a Buffer.
    writeFileSync(join(cwd, 'huge.xml'), '');
    truncateSync(join(cwd, 'huge.xml'), 3 * 1024 ** 3);
    for (const jobs of ['1', '2']) {
      const run = await runCli(['huge.xml', 'a.xml', '--format', 'json', '--jobs', jobs, ...COMMON], { cwd });
      expect(run.code, `--jobs ${jobs}`).toBe(1);
      const docs = JSON.parse(run.stdout) as JsonDocument[];
      expect(docs.map((d) => d.file)).toEqual(['huge.xml', 'a.xml']);
      expect(docs[0]!.diagnostics).toEqual([
        expect.objectContaining({ ruleId: 'limit/maxInputBytes', severity: 'error', fatal: true, location: { file: 'huge.xml' } }),
      ]);
      expect(docs[0]!.diagnostics[0]!.message).toContain(`exceeds maxInputBytes = ${1024 ** 3} (${3 * 1024 ** 3})`);
      expect(docs[1]!.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
    const fr = await runCli(['huge.xml', '--lang', 'fr'], { cwd });
    expect(fr.stdout).toContain('Limite atteinte : la taille du fichier dépasse maxInputBytes');
  });

  it('stops reading standard input past maxInputBytes, and reports it located at <stdin>', async () => {
    const cwd = dir('stdin');
    writeFileSync(join(cwd, 'config.json'), JSON.stringify({ limits: { maxInputBytes: 1000 } }));
    const run = await runCli(['-', '--config', 'config.json', '--format', 'json', ...COMMON], { cwd, stdin: 'x'.repeat(5000) });
    expect(run.code).toBe(1);
    const docs = JSON.parse(run.stdout) as JsonDocument[];
    expect(docs[0]!.diagnostics).toEqual([expect.objectContaining({ ruleId: 'limit/maxInputBytes', location: { file: '<stdin>' } })]);
    // An endless stream: the reader stops at the limit instead of holding it all.
    let given = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        given++;
        yield new Uint8Array(64 * 1024);
      }
    }
    expect(await readAll(endless(), 1024 * 1024)).toBeNull();
    expect(given).toBe(17);
    expect(
      await readAll(
        (async function* () {
          yield strToU8('abc');
        })(),
        3,
      ),
    ).toEqual(strToU8('abc'));
  });
});

describe('inputs that cannot be read', () => {
  it('says what a FIFO or a device is, and goes on with the batch', async () => {
    const cwd = dir('special');
    writeFileSync(join(cwd, 'a.xml'), SIMPLE);
    execFileSync('mkfifo', [join(cwd, 'pipe.xml')]);
    // Opening a FIFO for reading would wait for a writer: the run must end on its own.
    const run = await runCli(['pipe.xml', '/dev/null', 'a.xml', '--format', 'json', ...COMMON], { cwd });
    expect(run.code).toBe(1);
    const docs = JSON.parse(run.stdout) as JsonDocument[];
    expect(docs.map((d) => [d.file, d.diagnostics.map((x) => x.ruleId)])).toEqual([
      ['pipe.xml', ['read/not-a-file']],
      ['/dev/null', ['read/not-a-file']],
      ['a.xml', []],
    ]);
    expect(docs[0]!.diagnostics[0]!.message).toContain('not a regular file but a named pipe (FIFO)');
    expect(docs[1]!.diagnostics[0]!.message).toContain('not a regular file but a character device');
    const fr = await runCli(['pipe.xml', '--lang', 'fr'], { cwd });
    expect(fr.stdout).toContain('un tube nommé (FIFO)');
  });

  it('reports one file that cannot be read as a document with a fatal diagnostic, and the rest of the batch', async () => {
    const cwd = dir('unreadable');
    writeFileSync(join(cwd, 'a.xml'), SIMPLE);
    writeFileSync(join(cwd, 'c.xml'), SIMPLE);
    symlinkSync('loop-b.xml', join(cwd, 'loop-a.xml'));
    symlinkSync('loop-a.xml', join(cwd, 'loop-b.xml'));
    for (const jobs of ['1', '2']) {
      const run = await runCli(['a.xml', 'loop-a.xml', 'c.xml', '--format', 'json', '--jobs', jobs, ...COMMON], { cwd });
      expect(run.code).toBe(1);
      const docs = JSON.parse(run.stdout) as JsonDocument[];
      expect(docs.map((d) => d.file)).toEqual(['a.xml', 'loop-a.xml', 'c.xml']);
      expect(docs[1]!.diagnostics).toEqual([
        expect.objectContaining({ ruleId: 'read/file-unreadable', severity: 'error', fatal: true, location: { file: 'loop-a.xml' } }),
      ]);
      expect(docs[1]!.diagnostics[0]!.message).toContain('too many symbolic links (a loop) (ELOOP)');
    }
  });

  it('exits 1 when a deposit holds no invoice at all, and says so', async () => {
    const cwd = dir('no-invoice');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    writeFileSync(join(cwd, 'images.zip'), zipSync({ 'scan.png': png }));
    writeFileSync(join(cwd, 'mixed.zip'), zipSync({ 'scan.png': png, 'a.xml': strToU8(SIMPLE) }));
    const only = await runCli(['images.zip', ...COMMON], { cwd });
    expect(only.stdout).toContain('0 errors');
    expect(only.code).toBe(1);
    expect(only.stderr).toContain('images.zip holds no readable invoice');
    expect((await runCli(['images.zip', '--lang', 'fr'], { cwd })).stderr).toContain('images.zip ne contient aucune facture lisible');
    const mixed = await runCli(['mixed.zip', ...COMMON], { cwd });
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).toBe('');
  });
});

describe('configuration and rule directories', () => {
  it('refuses malformed and deeply nested catalogue overlays with exit 2, not as a crash', async () => {
    const cwd = dir('overlays');
    writeFileSync(join(cwd, 'a.xml'), SIMPLE);
    const cases: Array<[unknown, string]> = [
      [{ catalogue: { flows: 5 } }, '#/catalogue: "flows" must be a list'],
      [{ catalogue: { flows: [{ syntaxe: 'X' }] } }, '#/catalogue: flows[0] must be an object with a string "code"'],
      [{ catalogue: { cadres: [null] } }, 'cadres[0] must be an object with a string "code"'],
    ];
    for (const [i, [config, message]] of cases.entries()) {
      writeFileSync(join(cwd, `c${i}.json`), JSON.stringify(config));
      const run = await runCli(['a.xml', '-c', `c${i}.json`], { cwd });
      expect(run.code, message).toBe(2);
      expect(run.stderr).toContain(message);
    }
    writeFileSync(join(cwd, 'deep.json'), `${'{"flows":[{"code":"X","a":'.repeat(1)}${'['.repeat(20_000)}${']'.repeat(20_000)}}]}`);
    writeFileSync(join(cwd, 'deep-config.json'), JSON.stringify({ catalogue: 'deep.json' }));
    const deep = await runCli(['a.xml', '-c', 'deep-config.json'], { cwd });
    expect(deep.code).toBe(2);
    expect(deep.stderr).toContain('nests deeper than 32 levels');
  });

  it('does not echo the first bytes of a catalogue path that is not JSON', async () => {
    const cwd = dir('secret');
    writeFileSync(join(cwd, 'a.xml'), SIMPLE);
    writeFileSync(join(cwd, 'secret.env'), 'API_TOKEN=hunter2-do-not-print\n');
    writeFileSync(join(cwd, 'config.json'), JSON.stringify({ catalogue: 'secret.env' }));
    const run = await runCli(['a.xml', '-c', 'config.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('secret.env is not JSON');
    expect(run.stderr).not.toContain('API_TOKEN');
    expect(run.stderr).not.toContain('hunter2');
    // A device given as the overlay is refused before it is read (/dev/zero never ends).
    writeFileSync(join(cwd, 'zero.json'), JSON.stringify({ catalogue: '/dev/zero' }));
    const zero = await runCli(['a.xml', '-c', 'zero.json'], { cwd });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('cannot read the catalogue overlay /dev/zero: not a regular file');
  });

  it('refuses a rule directory with a symbolic link loop with exit 2', async () => {
    const cwd = dir('lint-loop');
    mkdirSync(join(cwd, 'rules'));
    symlinkSync('.', join(cwd, 'rules/loop'));
    symlinkSync('../rules', join(cwd, 'rules/again'));
    const run = await runCli(['rules', 'lint', 'rules'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read the rule directory rules: a symbolic link loop');
  });
});
