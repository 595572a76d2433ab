/**
 * The XML schemas invoices are validated against, and which one a document gets: the schema
 * of its syntax (UBL 2.1, CII D16B, the Factur-X profile named by BT-24, ZUGFeRD 1.0).
 */
import type { Facts } from '../facts/facts.js';

/** The name of a schema set (a folder of `packages/core/xsd/`). */
export type SchemaName =
  'ubl-2.1' | 'cii-d16b' | 'factur-x-minimum' | 'factur-x-basic-wl' | 'factur-x-basic' | 'factur-x-en16931' | 'factur-x-extended' | 'zugferd-1.0';

/** One schema set: its rule, its label in messages, its entry schema per root element, its files. */
export interface SchemaSet {
  name: SchemaName;
  /** The rule reporting its findings (`rules/structure/<name>.json`). */
  ruleId: string;
  /** How messages name it. */
  label: string;
  /** The entry schema, relative to the set's folder, by root element local name. */
  entries: Readonly<Record<string, string>>;
  /** Loads the set's files (a module of its own: loaded only when a document needs it). */
  load(): Promise<Readonly<Record<string, string>>>;
}

/** Every schema set, by name. */
export const SCHEMA_SETS: Readonly<Record<SchemaName, SchemaSet>> = {
  'ubl-2.1': {
    name: 'ubl-2.1',
    ruleId: 'structure/ubl-2-1',
    label: 'UBL 2.1',
    entries: { Invoice: 'maindoc/UBL-Invoice-2.1.xsd', CreditNote: 'maindoc/UBL-CreditNote-2.1.xsd' },
    load: async () => (await import('../generated/xsd/ubl-2.1.js')).default,
  },
  'cii-d16b': {
    name: 'cii-d16b',
    ruleId: 'structure/cii-d16b',
    label: 'CII D16B (EN 16931)',
    entries: { CrossIndustryInvoice: 'uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd' },
    load: async () => (await import('../generated/xsd/cii-d16b.js')).default,
  },
  'factur-x-minimum': {
    name: 'factur-x-minimum',
    ruleId: 'structure/factur-x-minimum',
    label: 'Factur-X MINIMUM',
    entries: { CrossIndustryInvoice: 'FACTUR-X_MINIMUM.xsd' },
    load: async () => (await import('../generated/xsd/factur-x-minimum.js')).default,
  },
  'factur-x-basic-wl': {
    name: 'factur-x-basic-wl',
    ruleId: 'structure/factur-x-basic-wl',
    label: 'Factur-X BASIC WL',
    entries: { CrossIndustryInvoice: 'FACTUR-X_BASICWL.xsd' },
    load: async () => (await import('../generated/xsd/factur-x-basic-wl.js')).default,
  },
  'factur-x-basic': {
    name: 'factur-x-basic',
    ruleId: 'structure/factur-x-basic',
    label: 'Factur-X BASIC',
    entries: { CrossIndustryInvoice: 'FACTUR-X_BASIC.xsd' },
    load: async () => (await import('../generated/xsd/factur-x-basic.js')).default,
  },
  'factur-x-en16931': {
    name: 'factur-x-en16931',
    ruleId: 'structure/factur-x-en16931',
    label: 'Factur-X EN 16931',
    entries: { CrossIndustryInvoice: 'FACTUR-X_EN16931.xsd' },
    load: async () => (await import('../generated/xsd/factur-x-en16931.js')).default,
  },
  'factur-x-extended': {
    name: 'factur-x-extended',
    ruleId: 'structure/factur-x-extended',
    label: 'Factur-X EXTENDED',
    entries: { CrossIndustryInvoice: 'FACTUR-X_EXTENDED.xsd' },
    load: async () => (await import('../generated/xsd/factur-x-extended.js')).default,
  },
  'zugferd-1.0': {
    name: 'zugferd-1.0',
    ruleId: 'structure/zugferd-1-0',
    label: 'ZUGFeRD 1.0',
    entries: { CrossIndustryDocument: 'ZUGFeRD1p0.xsd' },
    load: async () => (await import('../generated/xsd/zugferd-1.0.js')).default,
  },
};

const FACTUR_X_BY_PROFILE: Readonly<Record<string, SchemaName>> = {
  MINIMUM: 'factur-x-minimum',
  'BASIC WL': 'factur-x-basic-wl',
  BASIC: 'factur-x-basic',
  'EN 16931': 'factur-x-en16931',
  EXTENDED: 'factur-x-extended',
};

/**
 * The schema a document is validated against, from what the reader found; null when none
 * applies (CPP, unknown roots, no invoice XML).
 * - UBL Invoice and CreditNote: UBL 2.1.
 * - CII in a Factur-X PDF: the Factur-X profile schema BT-24 names (Factur-X 1.0 §7: each
 *   profile has its schema); CII D16B when BT-24 names no Factur-X profile.
 * - CII as XML: the MINIMUM, BASIC WL, BASIC and EXTENDED profiles are not subsets of the
 *   EN 16931 CII schema, so BT-24 naming one of them picks its Factur-X schema; any other CII
 *   (EN 16931, XRechnung, no BT-24) is checked against CII D16B, the syntax of flows
 *   FSO1106A and FSO1116A.
 * - ZUGFeRD 1.0: its CrossIndustryDocument schema.
 */
export function schemaFor(facts: Pick<Facts, 'syntax' | 'document' | 'profile' | 'formatFamily'>): SchemaName | null {
  if (facts.syntax === 'UBL') return facts.document === 'Invoice' || facts.document === 'CreditNote' ? 'ubl-2.1' : null;
  if (facts.syntax === 'ZUGFeRD1') return 'zugferd-1.0';
  if (facts.syntax !== 'CII' || facts.document !== 'CrossIndustryInvoice') return null;
  const fxSchema = facts.profile === null ? undefined : FACTUR_X_BY_PROFILE[facts.profile];
  if (fxSchema === undefined) return 'cii-d16b';
  if (facts.formatFamily === 'facturx-pdf' || fxSchema !== 'factur-x-en16931') return fxSchema;
  return 'cii-d16b';
}
