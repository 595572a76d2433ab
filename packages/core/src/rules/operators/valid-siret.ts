import type { OperatorDefinition } from './types.js';

/**
 * Tells whether a string is a valid SIRET: 14 digits with a Luhn key, except La Poste's
 * establishments (SIREN 356000000), whose SIRETs have a digit sum that is a multiple of 5.
 */
export function isValidSiret(raw: string): boolean {
  const s = raw.replace(/\s+/g, '');
  if (!/^[0-9]{14}$/.test(s)) return false;
  if (s.startsWith('356000000')) {
    // INSEE: La Poste SIRETs do not follow Luhn; their digits sum to a multiple of 5.
    let sum = 0;
    for (const ch of s) sum += ch.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = s.charCodeAt(13 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** `validSiret`: the fact is (or is not, with value false) a valid SIRET. */
export const validSiret: OperatorDefinition = {
  name: 'validSiret',
  description: 'The fact is a valid SIRET (Luhn, La Poste 356000000 variant) when the value is true; not one when false.',
  checkValue: (v) => (typeof v === 'boolean' ? null : 'validSiret takes true or false'),
  create: () => (fact, value) => (typeof fact === 'string' && isValidSiret(fact)) === value,
};
