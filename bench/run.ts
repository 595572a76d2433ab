/**
 * Runs every benchmark suite in `bench/suites/` in its own process (so that peak-memory
 * figures are not shared between suites) and prints their reports one after the other.
 * A suite prints Markdown: its measurements as ratios against a baseline measured in the
 * same run. `npm run bench -- read` runs only the suites whose file name contains `read`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv.slice(2);
const suites = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

let failed = 0;
for (const suite of suites) {
  process.stdout.write(`\n## ${suite.replace(/\.ts$/, '')}\n\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, 'suites', suite)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    failed++;
    process.stdout.write(`\n(suite ${suite} exited with ${run.status ?? run.signal})\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
