/**
 * Builds the core and the server packages before the server suites when their `dist/` is
 * missing or older than any source file, so that `npx vitest run --project server` works on its
 * own as well as after `npm test`'s build (the suites run the built CLI's `serve`).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function builtAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds each package whose build output is stale. */
export default function setup(): void {
  for (const [name, dir, output] of [
    ['@chorus-precheck/core', 'packages/core', 'dist/cli/bin.js'],
    ['@chorus-precheck/server', 'packages/server', 'dist/index.js'],
  ] as const) {
    const sources = Math.max(newest(join(root, dir, 'src')), newest(join(root, dir, 'package.json')));
    if (builtAt(join(root, dir, output)) >= sources) continue;
    execFileSync('npm', ['run', 'build', '-w', name], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
