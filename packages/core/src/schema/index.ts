/**
 * The structural check: validates an invoice XML against the published schema of its syntax
 * (UBL 2.1, CII D16B, the Factur-X profile of BT-24, ZUGFeRD 1.0) and returns grouped, located
 * findings. Browser-safe; the schema engine and each schema set are loaded on first need and
 * compiled once per process (or worker).
 */
import type { Facts } from '../facts/facts.js';
import type { StructureResult } from '../read/input.js';
import type { CompiledSchema } from './libxml2.js';
import { findingsOf } from './findings.js';
import { shortenPayloads } from './payloads.js';
import { SCHEMA_SETS, schemaFor, type SchemaName } from './sets.js';

export { schemaFor, SCHEMA_SETS, type SchemaName, type SchemaSet } from './sets.js';
export { shortenPayloads } from './payloads.js';

const compiled = new Map<string, Promise<CompiledSchema>>();

/** The compiled schema of a set for a root element, compiled on first use. */
export function compiledSchema(name: SchemaName, root: string): Promise<CompiledSchema> | null {
  const set = SCHEMA_SETS[name];
  const entry = set.entries[root];
  if (entry === undefined) return null;
  const key = `${name}|${entry}`;
  let p = compiled.get(key);
  if (p === undefined) {
    p = Promise.all([import('./libxml2.js'), set.load()]).then(([engine, files]) => engine.compileSchema(name, files, entry));
    compiled.set(key, p);
    // A failed load (e.g. WebAssembly refused) may be retried by a later document.
    p.catch(() => compiled.delete(key));
  }
  return p;
}

/**
 * Validates the bytes of one invoice XML, whose facts the reader has read, against the schema
 * of its syntax. Resolves null when no schema applies; never rejects (an engine that cannot be
 * loaded gives `valid: null` and the reason).
 */
export async function validateStructure(bytes: Uint8Array, facts: Facts, file: string): Promise<StructureResult | null> {
  const name = schemaFor(facts);
  if (name === null || facts.document === null) return null;
  const schema = compiledSchema(name, facts.document);
  if (schema === null) return null;
  let errors;
  // The shortened document has the lines and columns of the original: it is located too.
  const shortened = shortenPayloads(bytes);
  try {
    errors = (await schema).validate(shortened, file);
  } catch (e) {
    return { schema: { name, valid: null, errorCount: 0 }, findings: [], problem: e instanceof Error ? e.message : String(e) };
  }
  if (errors.length === 0) return { schema: { name, valid: true, errorCount: 0 }, findings: [] };
  return { schema: { name, valid: false, errorCount: errors.length }, findings: findingsOf(errors, shortened, file) };
}
