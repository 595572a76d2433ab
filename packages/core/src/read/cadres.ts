/**
 * The Chorus Pro cadres de facturation (BT-23) and whether each is a works cadre, from the
 * domain notes §3 (official samples for A4, A7, A10, A13, A14, A22; the other "yes" inferred
 * from the labels). Kept as data behind one lookup so that it can move to the rule catalogue.
 */
const WORKS_BY_CADRE: Readonly<Record<string, boolean>> = Object.freeze({
  A1: false, A2: false, A3: false,
  A4: true, A5: true, A6: true, A7: true, A8: true,
  A9: false,
  A10: true, A11: true,
  A12: false,
  A13: true, A14: true,
  A15: true, A16: true, A17: true, A18: true,
  A19: true, A20: true,
  A21: false,
  A22: true, A23: true, A24: true, A25: true,
});

/** The pattern of a Chorus Pro cadre code (`A1` … `A25`). */
export const CADRE_PATTERN = /^A([1-9]|1[0-9]|2[0-5])$/;

/** Tells whether a normalised cadre code is a works cadre; null when it is not a Chorus cadre. */
export function isWorksCadre(code: string): boolean | null {
  return Object.hasOwn(WORKS_BY_CADRE, code) ? (WORKS_BY_CADRE[code] as boolean) : null;
}
