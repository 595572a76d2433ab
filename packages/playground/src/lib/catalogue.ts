/**
 * The core's catalogue (releases, flows, syntaxe values, cadres) as the deposit form and the
 * catalogue page use it. Light enough for the first page load: the rule registry, which
 * compiles every rule, lives in registry.ts and is loaded only by the pages that need it.
 */
import { getCatalogue, type Cadre, type Catalogue, type Flow, type LocalizedText, type Release, type SyntaxeEntry } from '@chorus-precheck/core';

/** A "Syntaxe" value as the portal's drop-down offers it. */
export interface SyntaxeOption {
  value: string;
  /** The label the portal shows, with its mention ("Pour factures simples et factures de travaux", …). */
  label: LocalizedText | null;
  flow: string | null;
  mention: string | null;
  /** The known 3.8.1 defect: a "B2B" value wrongly offered by the portal. */
  defective: boolean;
  /** The value is inferred, not confirmed by an AIFE source. */
  provisional: boolean;
}

const latest = getCatalogue();

/** The Chorus Pro releases the rules encode, oldest first. */
export function releaseEntries(): Release[] {
  return latest.data.releases;
}

/** The ids of the releases, oldest first. */
export function releases(): string[] {
  return releaseEntries().map((r) => r.id);
}

/** The release checks run against when none is chosen. */
export function latestRelease(): string {
  return latest.data.latest;
}

/** Whether the rules encode this release. */
export function isKnownRelease(release: string): boolean {
  return releases().includes(release);
}

/** The catalogue at a release; the latest one for a release the rules do not encode. */
export function catalogueAt(release: string): Catalogue {
  if (!isKnownRelease(release)) return latest;
  let catalogue = byRelease.get(release);
  if (!catalogue) byRelease.set(release, (catalogue = getCatalogue({ release })));
  return catalogue;
}
const byRelease = new Map<string, Catalogue>();

const at = catalogueAt;

/**
 * The values of the portal's "Syntaxe" drop-down at a release: the real values with their
 * labels, and (3.8.1) the "B2B" values the portal wrongly offers. Aliases and the wrong values
 * seen in third-party code are not in the portal.
 */
export function syntaxeOptions(release: string): SyntaxeOption[] {
  const catalogue = at(release);
  return catalogue.data.syntaxes
    .filter((s) => (s.status === 'real' || s.status === 'b2b-defect') && catalogue.lookupSyntaxe(s.value).entry === s)
    .map((s) => ({
      value: s.value,
      label: s.label ?? null,
      flow: s.flow ?? null,
      mention: s.mention ?? null,
      defective: s.status === 'b2b-defect',
      provisional: s.provisional,
    }));
}

/** The interface codes of the flows in force at a release. */
export function flowCodes(release: string): string[] {
  return at(release).flows.map((f) => f.code);
}

/** Every flow of the catalogue, all releases. */
export function flows(): Flow[] {
  return latest.data.flows;
}

/** Every value of the syntaxe catalogue: real, alias, B2B defect and known wrong values. */
export function syntaxeEntries(): SyntaxeEntry[] {
  return latest.data.syntaxes;
}

/** The cadres de facturation. */
export function cadres(): Cadre[] {
  return latest.data.cadres;
}
