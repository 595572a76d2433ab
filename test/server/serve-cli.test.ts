/**
 * `chorus-precheck serve` as users start it: the built CLI, which loads the optional server
 * package, prints the URL once it listens, and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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

/** Starts `chorus-precheck serve` and waits for the URL it prints. */
async function serve(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { child, url };
}

describe('chorus-precheck serve', () => {
  it('binds 127.0.0.1, prints its URL when ready, answers, and exits 0 on SIGTERM', async () => {
    const { child, url: first } = await serve(['--release', '3.8.0']);
    try {
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

  it('accepts the tokens of another instance started with the same CHORUS_PRECHECK_TOKEN_SECRET, not of others', async () => {
    const secret = { CHORUS_PRECHECK_TOKEN_SECRET: 'one secret for the pool' };
    const servers = await Promise.all([serve([], secret), serve([], secret), serve([])]);
    try {
      const [a, b, other] = servers.map((s) => s.url);
      const answer = await fetch(`${a}/api/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=erp',
      });
      const { access_token: token } = (await answer.json()) as { access_token: string };
      const report = (url: string) =>
        fetch(`${url}/cpro/transverses/v1/consulterCR`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'cpro-account': 'ZXJwOmVycA==', 'content-type': 'application/json' },
          body: JSON.stringify({ numeroFluxDepot: 'CPP0000000000000000000001' }),
        }).then(async (r) => [r.status, ((await r.json()) as { codeRetour: number }).codeRetour]);
      // Past the token check, the unknown flow: the same answer from both instances of the pool.
      expect(await report(b!)).toEqual([400, 40004]);
      expect(await report(a!)).toEqual([400, 40004]);
      expect(await report(other!)).toEqual([401, 40102]);
    } finally {
      for (const s of servers) s.child.kill('SIGTERM');
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
