/**
 * The traceability of a release note (rules/traceability.json): every statement of the note
 * that states a behaviour, quoted, with the rules and catalogue entries that encode it and their
 * status, checked against the rule set and rendered at the head of rules/README.md.
 */
import { TRACEABILITY_FILE } from '../generated/rules-data.js';
import { schemaErrors } from './load.js';
import type { RuleSet } from './rule-set.js';
import type { RuleLoadError } from './types.js';

/** How far the rules encode a statement of the release note. */
export type TraceabilityStatus = 'encoded' | 'partly' | 'not-encodable';

/** One statement of the release note that states a behaviour. */
export interface TraceabilityStatement {
  id: string;
  section: string;
  /** The note's own words, verbatim (whitespace aside). */
  quote: string;
  status: TraceabilityStatus;
  rules: string[];
  /** Catalogue entries that encode it: `flows#FSO1130A`, `syntaxes#<value>`, `syntaxes#b2bDefect`, `cadres#A4`, `releases#3.8.1`. */
  catalogue: string[];
  /** What is not encoded and why (every status but `encoded`). */
  why?: string;
}

/** The traceability file of a release note. */
export interface Traceability {
  $schema?: string;
  source: { document: string; date: string; release: string; url?: string; note?: string };
  statements: TraceabilityStatement[];
  /** The note's other text (headings, metadata, links), with why it states no behaviour. */
  notStatements: Array<{ quote: string; why: string }>;
}

/** The traceability shipped with the package (rules/traceability.json, bundled). */
export function bundledTraceability(): Traceability {
  return TRACEABILITY_FILE.json as Traceability;
}

/** Tells whether a catalogue reference (`flows#FSO1130A`) names an entry of the rule set's catalogue. */
function catalogueEntryExists(set: RuleSet, ref: string): boolean {
  const [file, key] = ref.split('#') as [string, string];
  const data = set.catalogueData;
  if (file === 'flows') return data.flows.some((f) => f.code === key);
  if (file === 'syntaxes') return key === 'b2bDefect' || data.syntaxes.some((s) => s.value === key);
  if (file === 'cadres') return data.cadres.some((c) => c.code === key);
  return data.releases.some((r) => r.id === key);
}

/**
 * Checks a traceability file against its schema and a rule set: every rule and catalogue entry
 * it names exists, and every rule whose provenance is the release note (`seed`) encodes one of
 * its statements. Returns the problems as load errors of `file` (empty when none).
 */
export function traceabilityErrors(json: unknown, set: RuleSet, file = 'rules/traceability.json'): RuleLoadError[] {
  const schema = schemaErrors('traceability', json, file);
  if (schema.length > 0) return schema;
  const t = json as Traceability;
  const errors: RuleLoadError[] = [];
  const named = new Set<string>();
  t.statements.forEach((s, i) => {
    s.rules.forEach((id, j) => {
      named.add(id);
      if (!set.rule(id)) errors.push({ file, pointer: `/statements/${i}/rules/${j}`, code: 'traceability', message: `unknown rule "${id}"` });
    });
    s.catalogue.forEach((ref, j) => {
      if (!catalogueEntryExists(set, ref))
        errors.push({ file, pointer: `/statements/${i}/catalogue/${j}`, code: 'traceability', message: `unknown catalogue entry "${ref}"` });
    });
  });
  for (const rule of set.rules) {
    if (rule.meta.provenance === 'seed' && !named.has(rule.id)) {
      errors.push({
        file,
        pointer: '/statements',
        code: 'traceability',
        message: `rule "${rule.id}" rests on the release note but encodes none of its statements`,
      });
    }
  }
  return errors;
}
