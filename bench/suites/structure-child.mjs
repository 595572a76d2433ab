// Child process of bench/suites/structure.ts: validates the listed files with the built core's
// structural check, as a whole process (load the engine, compile the schemas, validate each).
import { readFileSync } from 'node:fs';

const { compiledSchema } = await import(new URL('../../packages/core/dist/schema/index.js', import.meta.url).href);
const list = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let invalid = 0;
for (const { path, schema, root } of list) {
  const errors = (await compiledSchema(schema, root)).validate(new Uint8Array(readFileSync(path)), path);
  if (errors.length > 0) invalid++;
}
process.stdout.write(JSON.stringify({ invalid }));
