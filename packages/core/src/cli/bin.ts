#!/usr/bin/env node
/**
 * The `chorus-precheck` command. Node-only entry: everything heavy is imported on demand so
 * that checking one XML invoice starts fast.
 */
import { readAll } from './io.js';
import { main } from './main.js';
import { EXIT } from './usage-error.js';

const io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: (limit: number) => readAll(process.stdin, limit),
};

// `chorus-precheck dir | head`: the reader went away; stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Bad input and usage errors never get here: this is a bug, and it must look like one.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`chorus-precheck: internal error (please report it with the input that caused it)\n${detail}\n`);
    process.exitCode = EXIT.internal;
  },
);
