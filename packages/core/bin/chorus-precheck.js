#!/usr/bin/env node
// The `chorus-precheck` command: loads the built CLI. This file is committed so that npm links
// the command when the repository is installed: it links no bin whose file is missing, and
// dist/ is built only afterwards, by the root's `prepare` script.
import('../dist/cli/bin.js').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('bin.js')) throw error;
  process.stderr.write('chorus-precheck: the command is not built; run `npm run build` at the root of the repository.\n');
  process.exitCode = 70;
});
