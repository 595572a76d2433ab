import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globToRegExp, splitGlob } from '../../packages/core/src/cli/glob.js';
import { expandInputs } from '../../packages/core/src/cli/inputs.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chorus-inputs-'));
  for (const file of [
    'b.xml',
    'a.XML',
    'notes.txt',
    'sub/c.pdf',
    'sub/deep/d.tar.gz',
    'sub/deep/e.zip',
    '.hidden/x.xml',
    'node_modules/y.xml',
    'docs/readme.txt',
  ]) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '<x/>');
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const names = async (args: string[]) => (await expandInputs(args, dir)).map((i) => i.name);

describe('expandInputs', () => {
  it('walks a directory recursively, deposit files only, sorted, skipping hidden folders and node_modules', async () => {
    expect(await names(['.'])).toEqual(['a.XML', 'b.xml', 'sub/c.pdf', 'sub/deep/d.tar.gz', 'sub/deep/e.zip']);
  });

  it('keeps the order of the arguments and lists each file once', async () => {
    expect(await names(['sub/c.pdf', 'notes.txt', '.', 'b.xml'])).toEqual(['sub/c.pdf', 'notes.txt', 'a.XML', 'b.xml', 'sub/deep/d.tar.gz', 'sub/deep/e.zip']);
  });

  it('expands globs', async () => {
    expect(await names(['**/*.{zip,pdf}'])).toEqual(['sub/c.pdf', 'sub/deep/e.zip']);
    expect(await names(['sub/*/d.*'])).toEqual(['sub/deep/d.tar.gz']);
    expect(await names(['[ab].*'])).toEqual(['a.XML', 'b.xml']);
  });

  it('takes - as standard input, once', async () => {
    expect(await expandInputs(['-', 'b.xml', '-'], dir)).toEqual([
      { kind: 'stdin', name: '<stdin>' },
      { kind: 'file', path: join(dir, 'b.xml'), name: 'b.xml' },
    ]);
  });

  it.each([
    [['missing.xml'], /no such file or directory: missing.xml/],
    [['*.json'], /no file matches \*\.json/],
    [['docs'], /no deposit file/],
  ])('refuses %j', async (args, message) => {
    await expect(expandInputs(args, dir)).rejects.toThrow(message);
  });
});

describe('globs', () => {
  it.each([
    ['*.xml', 'a.xml', true],
    ['*.xml', 'd/a.xml', false],
    ['**/*.xml', 'a.xml', true],
    ['**/*.xml', 'd/e/a.xml', true],
    ['d/**', 'd/e/a.xml', true],
    ['?.xml', 'ab.xml', false],
    ['[!a].xml', 'b.xml', true],
    ['[!a].xml', 'a.xml', false],
    ['{a,b}.xml', 'b.xml', true],
    ['a+b.xml', 'a+b.xml', true],
  ])('%s against %s is %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });

  it('splits the walk root from the pattern', () => {
    expect(splitGlob('in/2024/**/*.xml')).toEqual({ base: 'in/2024', rest: '**/*.xml' });
    expect(splitGlob('*.xml')).toEqual({ base: '.', rest: '*.xml' });
  });
});
