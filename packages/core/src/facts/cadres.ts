import { bundledCatalogueData } from '../catalogue/catalogue.js';

/** The pattern of a Chorus Pro cadre code (`A1` … `A25`). */
export const CADRE_PATTERN = /^A([1-9]|1[0-9]|2[0-5])$/;

/**
 * The billing modes of the 2026 French e-invoicing reform (FNFE-MPE CTC rules, BR-FR-08), written
 * in BT-23 by invoices made for the B2B reform flow: they are not Chorus Pro cadres.
 */
export const REFORM_BILLING_MODES: readonly string[] = [
  'B1', 'S1', 'M1', 'B2', 'S2', 'M2', 'S3', 'B4', 'S4', 'M4', 'S5', 'S6', 'B7', 'S7', 'B8', 'S8', 'M8', 'B9', 'S9', 'M9',
];

let worksByCadre: ReadonlyMap<string, boolean> | null = null;

/**
 * Tells whether a normalised cadre code is a works cadre; null when it is not a Chorus cadre.
 * The flags come from the shipped cadre catalogue (`rules/catalogue/cadres.json`), the one
 * place they are written; a catalogue overlay applies later, when the rules run.
 */
export function isWorksCadre(code: string): boolean | null {
  worksByCadre ??= new Map(bundledCatalogueData().cadres.map((c) => [c.code, c.works]));
  return worksByCadre.get(code) ?? null;
}
