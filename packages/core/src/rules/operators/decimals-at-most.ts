import type { OperatorDefinition } from './types.js';

/** The number of decimals written in an amount string (`12.340` → 3). */
export function decimalsOf(amount: string): number {
  const m = /\.([0-9]*)$/.exec(amount.trim());
  return m ? m[1]!.length : 0;
}

/** `decimalsAtMost`: an amount string, or a count of decimals, has at most `value` decimals. */
export const decimalsAtMost: OperatorDefinition = {
  name: 'decimalsAtMost',
  description: 'The fact (a decimal count or an amount string) has at most value decimals.',
  checkValue: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'decimalsAtMost takes a non-negative integer'),
  create: () => (fact, value) => {
    if (typeof fact === 'number') return fact <= (value as number);
    if (typeof fact === 'string') return decimalsOf(fact) <= (value as number);
    return false;
  },
};
