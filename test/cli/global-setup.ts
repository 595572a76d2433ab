/**
 * Builds the core package before the CLI suites when its `dist/` is missing or older than any
 * source file, so that `npx vitest run test/cli` works on its own as well as after `npm test`'s build.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = fileURLToPath(new URL('../../packages/core/', import.meta.url));

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds the core when its build output is stale. */
export default function setup(): void {
  let built = 0;
  try {
    built = statSync(join(core, 'dist/cli/bin.js')).mtimeMs;
  } catch {
    built = 0;
  }
  const sources = Math.max(newest(join(core, 'src')), newest(join(core, 'package.json')));
  if (built >= sources) return;
  execFileSync('npm', ['run', 'build', '-w', '@chorus-precheck/core'], {
    cwd: join(core, '../..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
