/**
 * The one place the playground reads the core's catalogue (flows, syntaxe values, releases),
 * turned into the shapes its forms and tables need.
 */

/** A "Syntaxe" value as the deposit form offers it. */
export interface SyntaxeOption {
  value: string;
  /** The interface code of the flow the value deposits on. */
  flow: string | null;
  /** The label the portal shows beside it ("Pour factures simples et factures de travaux", …). */
  portalLabel: string | null;
  /** The known 3.8.1 defect: a "B2B" value wrongly offered by the portal. */
  defective: boolean;
  /** The value is inferred, not confirmed by an AIFE source. */
  provisional: boolean;
}

/** The Chorus Pro releases the rules encode, oldest first. */
export function releases(): string[] {
  return ['3.8.0', '3.8.1'];
}

/** The syntaxe values the portal offers in a release. */
export function syntaxeOptions(_release: string): SyntaxeOption[] {
  return [];
}

/** The interface codes of the flows of a release. */
export function flowCodes(_release: string): string[] {
  return [];
}
