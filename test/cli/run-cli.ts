/** Runs the built CLI (`packages/core/dist/cli/bin.js`) in a child process, as users run it. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built bin. */
export const BIN = fileURLToPath(new URL('../../packages/core/dist/cli/bin.js', import.meta.url));
/** The folder of the CLI suites' own inputs. */
export const DATA = fileURLToPath(new URL('./data/', import.meta.url));

/** What a CLI run gave. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with the given arguments, optional standard input, in `cwd` (default: the test data folder). */
export function runCli(args: string[], options: { stdin?: Uint8Array | string; cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? DATA,
      // A fixed locale and no colour, so that outputs compare byte for byte.
      env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
