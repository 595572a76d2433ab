import type { Catalogue } from '../../catalogue/catalogue.js';
import type { OperatorDefinition } from './types.js';

/** The catalogue lists `inCatalogue` can test against. */
export const CATALOGUE_LISTS: Record<string, (c: Catalogue) => readonly string[]> = {
  cadres: (c) => c.cadreCodes(),
  cadresRequiringValideur: (c) => c.data.cadres.filter((x) => x.requiresValideur).map((x) => x.code),
  worksCadres: (c) => c.data.cadres.filter((x) => x.works).map((x) => x.code),
  typeCodes: (c) => c.data.typeCodes.accepted,
  interfaceCodes: (c) => c.flows.map((f) => f.code),
  syntaxes: (c) => c.realSyntaxes,
};

/** `inCatalogue`: the fact is in the catalogue list named by `value` (after any overlay). */
export const inCatalogue: OperatorDefinition = {
  name: 'inCatalogue',
  description: `The fact is in the catalogue list named by value (${Object.keys(CATALOGUE_LISTS).join(', ')}).`,
  checkValue: (v) => (typeof v === 'string' && v in CATALOGUE_LISTS ? null : `inCatalogue takes one of ${Object.keys(CATALOGUE_LISTS).join(', ')}`),
  create: ({ catalogue }) => {
    const sets = new Map(Object.entries(CATALOGUE_LISTS).map(([k, f]) => [k, new Set(f(catalogue))]));
    return (fact, value) => typeof fact === 'string' && (sets.get(value as string)?.has(fact) ?? false);
  },
};
