import type { OperatorDefinition } from './types.js';

const cache = new Map<string, RegExp>();

/** `matches`: the fact is a string matching the regular expression `value` (ECMAScript, unicode). */
export const matches: OperatorDefinition = {
  name: 'matches',
  description: 'The fact is a string matching the regular expression value.',
  checkValue: (v) => {
    if (typeof v !== 'string') return 'matches takes a regular expression string';
    try {
      new RegExp(v, 'u');
      return null;
    } catch (e) {
      return `invalid regular expression: ${(e as Error).message}`;
    }
  },
  create: () => (fact, value) => {
    if (typeof fact !== 'string') return false;
    let re = cache.get(value as string);
    if (!re) {
      re = new RegExp(value as string, 'u');
      cache.set(value as string, re);
    }
    return re.test(fact);
  },
};
