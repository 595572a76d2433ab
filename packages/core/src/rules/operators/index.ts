import { dateNotAfter } from './date-not-after.js';
import { decimalsAtMost } from './decimals-at-most.js';
import { everyIn } from './every-in.js';
import { inCatalogue } from './in-catalogue.js';
import { matches } from './matches.js';
import { maxLength } from './max-length.js';
import type { OperatorDefinition } from './types.js';
import { validSiret } from './valid-siret.js';

/** The custom operators, by name. */
export const CUSTOM_OPERATORS: Readonly<Record<string, OperatorDefinition>> = Object.freeze(
  Object.fromEntries([validSiret, maxLength, matches, decimalsAtMost, dateNotAfter, inCatalogue, everyIn].map((o) => [o.name, o])),
);

/** The json-rules-engine built-in operators rule files may use. */
export const BUILTIN_OPERATORS: readonly string[] = Object.freeze([
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
]);

/** Tells whether an operator name is known. */
export function isKnownOperator(name: string): boolean {
  return BUILTIN_OPERATORS.includes(name) || name in CUSTOM_OPERATORS;
}

export type { OperatorDefinition, OperatorContext } from './types.js';
