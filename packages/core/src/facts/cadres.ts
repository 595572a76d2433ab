import { bundledCatalogueData, type Catalogue } from '../catalogue/catalogue.js';

/** The pattern of a Chorus Pro cadre code (`A1` … `A25`). */
export const CADRE_PATTERN = /^A([1-9]|1[0-9]|2[0-5])$/;

/**
 * The billing modes of the 2026 French e-invoicing reform (FNFE-MPE CTC rules, BR-FR-08), written
 * in BT-23 by invoices made for the B2B reform flow: they are not Chorus Pro cadres.
 */
export const REFORM_BILLING_MODES: readonly string[] = [
  'B1',
  'S1',
  'M1',
  'B2',
  'S2',
  'M2',
  'S3',
  'B4',
  'S4',
  'M4',
  'S5',
  'S6',
  'B7',
  'S7',
  'B8',
  'S8',
  'M8',
  'B9',
  'S9',
  'M9',
];

let worksByCadre: ReadonlyMap<string, boolean> | null = null;

/**
 * Tells whether a normalised cadre code is a works cadre in the shipped cadre catalogue
 * (`rules/catalogue/cadres.json`); null when it is not a Chorus cadre. A check reads the flag
 * with {@link worksFlag}, from the catalogue after the user's overlay.
 */
export function isWorksCadre(code: string): boolean | null {
  worksByCadre ??= new Map(bundledCatalogueData().cadres.map((c) => [c.code, c.works]));
  return worksByCadre.get(code) ?? null;
}

/**
 * The works flag of a document's cadre, from the catalogue of the check (after the user's
 * overlay, which may correct an inferred flag); null when the cadre is not a Chorus cadre.
 * Computed once per document, by the deposit facts; the report shows the same value.
 */
export function worksFlag(cadre: string, catalogue: Catalogue): boolean | null {
  return catalogue.cadre(cadre)?.works ?? null;
}
