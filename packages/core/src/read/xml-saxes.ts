/**
 * The saxes internals the XML reader reads between writes, beyond saxes' public API: the parser
 * state and the text it has accumulated. Reading them lets the reader stream an attachment's
 * base64 past saxes and bound a text or attribute value before saxes has finished it.
 * Pinned twice: packages/core/package.json names saxes' exact version (6.0.0), and
 * `xml-saxes.test.ts` fails if a saxes update renames, renumbers or changes what they hold.
 */
import type { SaxesParser } from 'saxes';

// saxes states (saxes 6 `S_*` constants) in which `parser.text` accumulates character data
// or an attribute value: read to stream attachments and to enforce length limits early.
export const S_TEXT = 13;
export const S_CDATA = 20;
export const S_ATTRIB_VALUE_QUOTED = 40;
export const S_ATTRIB_VALUE_UNQUOTED = 42;

/** The saxes internals read between writes (stable in saxes 6). */
export interface SaxesInternals {
  text: string;
  state: number;
}

/** The parser itself, seen through the private fields the reader reads and writes. */
export function saxesInternals(parser: SaxesParser<{ position: true }>): SaxesInternals {
  return parser as unknown as SaxesInternals;
}
