/**
 * The one place the playground reads the core's catalogue, rule registry and portal rules,
 * turned into the plain shapes its pages need. Pages never read rules/ themselves: what they
 * show is what the core evaluates.
 */
import type { LocalizedText, Severity } from '@chorus-precheck/core';
import type { PortalState, PortalView } from './portal.svelte';

/** A "Syntaxe" value as the deposit form offers it. */
export interface SyntaxeOption {
  value: string;
  /** The label the portal shows, with its mention ("Pour factures simples et factures de travaux", …). */
  label: LocalizedText | null;
  /** The interface code of the flow the value deposits on. */
  flow: string | null;
  /** `simple+works`, `works-only`, `b2b` (the 3.8.1 defect), or null. */
  mention: string | null;
  /** The known 3.8.1 defect: a "B2B" value wrongly offered by the portal. */
  defective: boolean;
  /** The value is inferred, not confirmed by an AIFE source. */
  provisional: boolean;
}

/** A flow of the catalogue as the catalogue page lists it. */
export interface FlowEntry {
  code: string;
  type: string;
  formatFamily: string;
  syntaxes: string[];
  syntaxe: string | null;
  scope: string;
  channels: string[];
  since: string;
  provenance: Record<string, string>;
  /** The fields whose value is inferred (shown as provisional). */
  provisional: string[];
}

/** Any value of the syntaxe catalogue, real, alias, wrong or defective. */
export interface SyntaxeEntry {
  value: string;
  status: string;
  flow: string | null;
  label: LocalizedText | null;
  mention: string | null;
  nearest: string | null;
  since: string;
  provenance: string;
  provisional: boolean;
  note: string | null;
}

/** A cadre de facturation. */
export interface CadreEntry {
  code: string;
  label: LocalizedText;
  works: boolean;
  provenance: string;
  provisional: boolean;
}

/** A rule as the rule catalogue shows it to a reviewer. */
export interface RuleEntry {
  id: string;
  area: string;
  title: LocalizedText;
  message: LocalizedText;
  severity: Severity;
  since: string;
  until: string | null;
  reference: { document: string; section?: string; quote?: string };
  rationale: string;
  provenance: string;
  examples: { facts?: unknown; context?: unknown; state?: unknown; expected: string }[];
  deprecated: boolean;
}

/** A Chorus Pro release the rules encode. */
export interface ReleaseEntry {
  id: string;
  date: string | null;
  summary: LocalizedText;
}

/** The releases the rules encode, oldest first. */
export function releases(): string[] {
  return releaseEntries().map((r) => r.id);
}

/** The releases with their summaries, oldest first. */
export function releaseEntries(): ReleaseEntry[] {
  return [];
}

/** The release checks run against when none is chosen. */
export function latestRelease(): string {
  return releases().at(-1) ?? '';
}

/** The syntaxe values the portal's "Syntaxe" drop-down offers in a release. */
export function syntaxeOptions(_release: string): SyntaxeOption[] {
  return [];
}

/** The interface codes of the flows of a release. */
export function flowCodes(release: string): string[] {
  return flows(release).map((f) => f.code);
}

/** The flows of a release. */
export function flows(_release?: string): FlowEntry[] {
  return [];
}

/** Every value of the syntaxe catalogue. */
export function syntaxeEntries(): SyntaxeEntry[] {
  return [];
}

/** The cadres de facturation. */
export function cadres(): CadreEntry[] {
  return [];
}

/** Every rule, all releases. */
export function rules(): RuleEntry[] {
  return [];
}

/** What the portal would show for an account state; null while the core lacks the portal rules. */
export function evaluatePortalState(_state: PortalState): PortalView | null {
  return null;
}
