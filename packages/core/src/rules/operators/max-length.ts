import type { OperatorDefinition } from './types.js';

/** `maxLength`: the fact is a string of at most `value` characters (code points). */
export const maxLength: OperatorDefinition = {
  name: 'maxLength',
  description: 'The fact is a string of at most value characters.',
  checkValue: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'maxLength takes a non-negative integer'),
  create: () => (fact, value) => typeof fact === 'string' && [...fact].length <= (value as number),
};
