/**
 * Child process of bench/suites/cli.ts: a pipe's reader slower than the CLI. Reads its standard
 * input 64 KiB at a time with a 2 ms pause after each chunk and throws the bytes away.
 */
process.stdin.on('data', () => {
  process.stdin.pause();
  setTimeout(() => process.stdin.resume(), 2);
});
