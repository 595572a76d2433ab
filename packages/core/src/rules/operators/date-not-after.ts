import { isFactReference } from '../conditions.js';
import type { OperatorDefinition } from './types.js';

const ISO = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/;

/** `dateNotAfter`: the fact is an ISO date on or before the date `value` (usually `{ "fact": "depositDate" }`). */
export const dateNotAfter: OperatorDefinition = {
  name: 'dateNotAfter',
  description: 'The fact is an ISO date (YYYY-MM-DD) on or before the date value.',
  checkValue: (v) => ((typeof v === 'string' && ISO.test(v)) || isFactReference(v) ? null : 'dateNotAfter takes an ISO date or a fact reference'),
  create: () => (fact, value) => {
    if (typeof fact !== 'string' || typeof value !== 'string') return false;
    const a = ISO.exec(fact);
    const b = ISO.exec(value);
    // Compare the calendar date only: a time part or zone never moves an invoice date.
    return !!a && !!b && `${a[1]}${a[2]}${a[3]}` <= `${b[1]}${b[2]}${b[3]}`;
  },
};
