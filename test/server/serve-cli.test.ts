/**
 * `chorus-precheck serve` as users start it: the built CLI, which loads the optional server
 * package, prints the URL once it listens, and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'packages/core/dist/cli/bin.js');

function run(bin: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('chorus-precheck serve', () => {
  it('binds 127.0.0.1, prints its URL when ready, answers, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--release', '3.8.0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = (await (await fetch(`${first}/health`)).json()) as { status: string; release: string };
      expect(health).toMatchObject({ status: 'ok', release: '3.8.0' });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses an unknown release with exit 2', async () => {
    const result = await run(BIN, ['serve', '--port', '0', '--release', '9.9.9']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown Chorus Pro release "9\.9\.9"; known: 3\.8\.0, 3\.8\.1/);
  });

  it('says how to install the server package when it is missing, with exit 2', async () => {
    // The core alone, as installed without @chorus-precheck/server.
    const dir = mkdtempSync(join(tmpdir(), 'chorus-serve-'));
    try {
      for (const part of ['dist', 'package.json', 'schema']) cpSync(join(ROOT, 'packages/core', part), join(dir, 'core', part), { recursive: true });
      const result = await run(join(dir, 'core/dist/cli/bin.js'), ['serve']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('npm install @chorus-precheck/server');
      expect(result.stdout).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
