import type { OperatorDefinition } from './types.js';

/** `everyIn`: the fact is a list whose every element is in the list `value`. */
export const everyIn: OperatorDefinition = {
  name: 'everyIn',
  description: 'The fact is a list whose every element is in the value list.',
  checkValue: (v) => (Array.isArray(v) ? null : 'everyIn takes a list'),
  create: () => (fact, value) => Array.isArray(fact) && fact.every((x) => (value as unknown[]).includes(x)),
};
