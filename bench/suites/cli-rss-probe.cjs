/**
 * Preloaded (`node -r`) into a CLI run by bench/suites/cli.ts: at exit, appends the process's
 * peak resident set size in KiB (worker threads included) to the file CHORUS_BENCH_RSS names.
 */
const { appendFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.CHORUS_BENCH_RSS;
  if (file) appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
});
