/**
 * Child process of bench/suites/cli.ts: the floor of our parser over a batch, a bare saxes parse
 * (positions on, as the reader runs it; no handlers) of every `.xml` file under a directory, read
 * and decoded one after the other in one Node process. Timed as a whole process, like the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';

const dir = process.argv[2];
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.xml'))
  .map((e) => join(e.parentPath, e.name))
  .sort();
const decoder = new TextDecoder();
let errors = 0;
for (const file of files) {
  const parser = new SaxesParser({ position: true });
  parser.on('error', () => errors++);
  try {
    parser.write(decoder.decode(readFileSync(file))).close();
  } catch {
    errors++;
  }
}
process.stderr.write(`${files.length} files, ${errors} parse errors\n`);
