/**
 * Child process of bench/suites/cli.ts: imports `precheck` from the library entry given (by
 * default the package name, resolved as users resolve it) and checks one invoice. Timed as a
 * whole process against `node -e 0`.
 */
import { readFileSync } from 'node:fs';

const [file, entry = '@chorus-precheck/core'] = process.argv.slice(2);
const { precheck } = await import(entry);
const report = await precheck({ name: 'invoice.xml', bytes: new Uint8Array(readFileSync(file)) }, {}, {});
if (report.documents.length !== 1) process.exitCode = 3;
