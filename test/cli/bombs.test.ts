/**
 * The built CLI on bombs and garbage: it exits 0 or 1 with a JSON report on standard output,
 * never with an uncaught exception or an internal error on standard error, and in bounded time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBombs } from '../helpers/bombs.js';
import { TINY_UBL } from '../helpers/build/index.js';
import { Rng, flipBytes } from '../helpers/mutate.js';

const BIN = fileURLToPath(new URL('../../packages/core/dist/cli/bin.js', import.meta.url));
const TIMEOUT_MS = 45_000;
// Uncaught exceptions print a stack (`    at f (file:1:2)`); the bin's own safety net says "internal error".
const CRASH = /internal error|Uncaught|UnhandledPromiseRejection|\n\s+at .+:\d+:\d+\)?\n|FATAL ERROR|heap out of memory/i;

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const CLI_BOMBS = [
  'xml-billion-laughs',
  'xml-external-entity',
  'xml-deep-nesting',
  'gzip-1gb',
  'zip-overlapping',
  'zip-nested',
  'zip-garbage-entry-count',
  'tar-paths',
  'pdf-embedded-bomb',
  'pdf-xref-loop',
  'pdf-encrypted',
  'pdf-truncated-header',
];

let dir = '';
const files: { label: string; path: string; alone: boolean }[] = [];
// Each CLI start costs a second or two on a busy machine: these run alone, the rest together.
const ALONE = new Set([
  'gzip-1gb',
  'zip-garbage-entry-count',
  'pdf-truncated-header',
  'xml-deep-nesting',
  'empty',
  'random bytes',
  'random bytes behind %PDF',
  'random bytes behind PK',
]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chorus-precheck-cli-fuzz-'));
  const add = (label: string, name: string, bytes: Uint8Array) => {
    const path = join(dir, `${files.length}-${name}`);
    writeFileSync(path, bytes);
    files.push({ label, path, alone: ALONE.has(label) });
  };
  // One bomb of each kind; all of them run through the API in bombs.test.ts. Batches of
  // thousands of members are left out here: their JSON reports run to 40 MB each.
  for (const b of allBombs().filter((x) => CLI_BOMBS.includes(x.id))) add(b.id, b.name, b.build());
  const rng = new Rng(7);
  add('empty', 'empty.xml', new Uint8Array(0));
  add('random bytes', 'random.xml', rng.bytes(4096));
  add('random bytes behind %PDF', 'random.pdf', new Uint8Array([...strToU8('%PDF-1.4\n'), ...rng.bytes(2048)]));
  add('random bytes behind PK', 'random.zip', new Uint8Array([0x50, 0x4b, 3, 4, ...rng.bytes(2048)]));
  add('flipped UBL', 'flipped.xml', flipBytes(strToU8(TINY_UBL), rng).bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function explain(r: CliRun): string {
  return `exit ${r.code ?? r.signal}\nstderr: ${r.stderr.slice(0, 3000)}`;
}

describe('CLI on hostile input', () => {
  it(
    'bombs and garbage files alone: exit 0 or 1, a JSON report, no crash on stderr',
    async () => {
      const failures: string[] = [];
      // Two at a time: the suite runs on two cores.
      const queue = files.filter((f) => f.alone);
      await Promise.all(
        [0, 1].map(async () => {
          for (let f = queue.shift(); f; f = queue.shift()) {
            const r = await runCli([f.path, '--format', 'json', '--quiet', '--jobs', '1']);
            let json = true;
            try {
              JSON.parse(r.stdout);
            } catch {
              json = false;
            }
            if ((r.code !== 0 && r.code !== 1) || CRASH.test(r.stderr) || !json)
              failures.push(`${f.label}: ${explain(r)}${json ? '' : '\nstdout is not JSON: ' + r.stdout.slice(0, 300)}`);
          }
        }),
      );
      expect(failures).toEqual([]);
    },
    TIMEOUT_MS * 4,
  );

  it(
    'every bomb and garbage file in one run: exit 1, no crash on stderr',
    async () => {
      const r = await runCli([...files.map((f) => f.path), '--format', 'json', '--quiet']);
      expect(r.code, explain(r)).toBe(1);
      expect(r.stderr).not.toMatch(CRASH);
    },
    TIMEOUT_MS * 2,
  );
});
