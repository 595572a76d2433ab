import type { Profile } from './facts.js';

/**
 * Reads the Factur-X / ZUGFeRD profile named by a BT-24 value (domain notes §4). ZUGFeRD 1.0
 * names are mapped to their 2.x successors (COMFORT became EN 16931). Null when the value
 * names no profile of the table (Peppol, CEN BII, French CTC, …).
 */
export function profileOf(guideline: string | null): Profile | null {
  if (guideline === null) return null;
  const g = guideline.trim().toLowerCase();
  if (g === 'urn:cen.eu:en16931:2017') return 'EN 16931';
  if (g.includes('xrechnung')) return 'XRECHNUNG';
  const known = g.includes('factur-x.eu') || g.includes('zugferd.de') || g.includes('urn:ferd:');
  if (!known) return null;
  if (g.endsWith(':minimum')) return 'MINIMUM';
  if (g.endsWith(':basicwl')) return 'BASIC WL';
  if (g.endsWith(':basic')) return 'BASIC';
  if (g.endsWith(':extended')) return 'EXTENDED';
  if (g.endsWith(':comfort') || g.endsWith(':en16931')) return 'EN 16931';
  return null;
}

const PROFILE_BY_LEVEL: Record<string, Profile> = {
  MINIMUM: 'MINIMUM',
  'BASIC WL': 'BASIC WL',
  BASICWL: 'BASIC WL',
  BASIC: 'BASIC',
  'EN 16931': 'EN 16931',
  EN16931: 'EN 16931',
  COMFORT: 'EN 16931',
  EXTENDED: 'EXTENDED',
  XRECHNUNG: 'XRECHNUNG',
};

/** Reads the profile named by an XMP `fx:ConformanceLevel` (ZUGFeRD's COMFORT is EN 16931). */
export function profileOfConformanceLevel(level: string | null | undefined): string | null {
  if (!level) return null;
  const key = level.trim().toUpperCase().replace(/\s+/g, ' ');
  return PROFILE_BY_LEVEL[key] ?? key;
}
