import { bundledCatalogueData } from '../catalogue/catalogue.js';

/** The pattern of a Chorus Pro cadre code (`A1` … `A25`). */
export const CADRE_PATTERN = /^A([1-9]|1[0-9]|2[0-5])$/;

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
