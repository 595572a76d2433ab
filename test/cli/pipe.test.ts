/**
 * Reports written to a pipe whose reader is slower than the checks: the CLI waits for the reader
 * (stream backpressure) instead of piling the report up in memory, and what comes out of the
 * pipe is complete and byte for byte the `--output` file. Peak memory is measured by the CLI
 * bench (`npm run bench -- cli`), not here.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/core/src/cli/main.js';
import { openDestination } from '../../packages/core/src/cli/output.js';
import { BIN, DATA, runCli } from './run-cli.js';

const COMMON = ['--lang', 'en', '--deposit-date', '2024-03-01', '--release', '3.8.1'];
const SAMPLES = ['ubl-simple.xml', 'ubl-works-problems.xml', 'truncated.xml', 'ubl-warning.xml'];

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chorus-pipe-'));
  // Enough documents for reports of several pipe buffers (64 KiB on Linux).
  for (let i = 0; i < 240; i++) {
    const sub = join(dir, 'in', String(Math.floor(i / 50)));
    mkdirSync(sub, { recursive: true });
    copyFileSync(join(DATA, 'inputs', SAMPLES[i % SAMPLES.length]!), join(sub, `${String(i).padStart(4, '0')}.xml`));
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built CLI with its standard output read only after `delay` ms, then in small sips. */
function runIntoSlowPipe(args: string[], delay: number): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', NO_COLOR: '1' } });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout.pause();
    child.stdout.on('data', (c: Buffer) => {
      chunks.push(c);
      // A reader slower than the writer: a pause after every chunk.
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    setTimeout(() => child.stdout.resume(), delay);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr }));
  });
}

describe('a report written into a slow pipe', () => {
  for (const format of ['json', 'text']) {
    for (const jobs of ['1', '2']) {
      it(`comes out complete and equal to --output (${format}, --jobs ${jobs})`, async () => {
        const file = join(dir, `out-${format}-${jobs}`);
        const written = await runCli(['in', '--format', format, '--jobs', jobs, '-o', file, ...COMMON], { cwd: dir });
        expect(written.stderr).toBe('');
        const piped = await runIntoSlowPipe(['in', '--format', format, '--jobs', jobs, ...COMMON], 300);
        expect(piped.stderr).toBe('');
        expect(piped.code).toBe(written.code);
        const expected = readFileSync(file);
        expect(expected.length).toBeGreaterThan(65536);
        expect(piped.stdout.equals(expected)).toBe(true);
      });
    }
  }
});

describe('worker threads writing into a pipe nobody reads yet', () => {
  // Linux counts the bytes a process has read in /proc/PID/io.
  it.runIf(existsSync('/proc/self/io'))(
    'stop taking files a window ahead of the output, then finish when it is read',
    async () => {
      const big = join(dir, 'big');
      const invoice = readFileSync(join(DATA, 'inputs', 'ubl-simple.xml'), 'utf8');
      // 1,000 invoices of 40 kB (a long comment each): 40 MB to read in all.
      const padded = invoice.replace('?>', `?>\n<!-- ${'x'.repeat(40_000)} -->`);
      for (let i = 0; i < 1000; i++) {
        const sub = join(big, String(Math.floor(i / 100)));
        mkdirSync(sub, { recursive: true });
        writeFileSync(join(sub, `${String(i).padStart(4, '0')}.xml`), padded);
      }
      const total = 1000 * Buffer.byteLength(padded);
      const child = spawn(process.execPath, [BIN, 'big', '--format', 'json', '--jobs', '2', ...COMMON], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' },
      });
      child.stdout.pause();
      const readBytes = (): number => Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${child.pid}/io`, 'utf8'))?.[1] ?? NaN);
      // Wait until the process stops reading input (nothing read for a second).
      let last = -1;
      for (let now = readBytes(); now !== last; now = readBytes()) {
        last = now;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      // About 256 files ahead of the few the pipe holds, and the code: far from the whole batch.
      expect(last).toBeLessThan(0.6 * total);
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stdout.resume();
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(code).toBe(0);
      expect((JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]).length).toBe(1000);
    },
    60_000,
  );
});

describe('the standard output destination', () => {
  /** A stream whose buffer is always full: every write asks to wait for 'drain', emitted later. */
  function fullPipe() {
    const listeners: Array<() => void> = [];
    const state = { text: '', writesWhileFull: 0, full: false, listenersAdded: 0 };
    const stream = {
      isTTY: false,
      write(chunk: string) {
        if (state.full) state.writesWhileFull++;
        state.text += chunk;
        state.full = true;
        setTimeout(() => {
          state.full = false;
          for (const listener of listeners.splice(0)) listener();
        }, 1);
        return false;
      },
      once(_event: 'drain', listener: () => void) {
        state.listenersAdded++;
        listeners.push(listener);
        return stream;
      },
    };
    return { stream, state };
  }

  it('waits for the reader between documents, never writing into a full pipe', async () => {
    const { stream, state } = fullPipe();
    const stderr = { text: '', write: (c: string) => (stderr.text += c) > '' };
    const io = { cwd: dir, env: {}, stdout: stream, stderr, readStdin: async () => new Uint8Array() };
    const code = await main(['in/0', 'in/1', '--format', 'json', '--jobs', '1', ...COMMON], io);
    expect(stderr.text).toBe('');
    expect(state.writesWhileFull).toBe(0);
    const file = join(dir, 'in-memory.json');
    await main(['in/0', 'in/1', '--format', 'json', '--jobs', '1', '-o', file, ...COMMON], { ...io, stdout: fullPipe().stream });
    expect(state.text).toBe(readFileSync(file, 'utf8'));
    expect(code).toBe(1);
  });

  it('waits on one drain listener however many writes come while the pipe is full', async () => {
    const { stream, state } = fullPipe();
    const destination = openDestination(null, { cwd: dir, env: {}, stdout: stream, stderr: stream, readStdin: async () => new Uint8Array() });
    const waits = Array.from({ length: 20 }, (_, i) => destination.write(`${i}\n`));
    expect(waits.every((w) => w instanceof Promise)).toBe(true);
    expect(state.listenersAdded).toBe(1);
    await Promise.all(waits);
    expect(state.text.split('\n')).toHaveLength(21);
  });
});
