import type { Channel } from '../context.js';
import type { LocalizedText } from '../diagnostics/diagnostic.js';

/** Where a piece of catalogue or rule data comes from (see rules/README.md). */
export type Provenance = 'seed' | 'official' | 'third-party' | 'inferred';

/** Where a catalogue value in force comes from: a shipped provenance, or `user` for a catalogue overlay's. */
export type DataProvenance = Provenance | 'user';

/** Where a catalogue entry comes from: the primary source (document, section, date, quote, URL where public). */
export interface SourceReference {
  document: string;
  section: string;
  /** The date the document gives itself (ISO, as precise as the document is). */
  date?: string;
  quote?: string;
  url?: string;
}

/** A Chorus Pro flow, identified by its interface code. */
export interface Flow {
  code: string;
  type: 'E1' | 'E2' | 'E3' | 'E4' | 'E5';
  formatFamily: 'structured-xml' | 'mixed-xml' | 'facturx-pdf';
  syntaxes: Array<'UBL' | 'CII' | 'CPP'>;
  /** The syntaxe value (API `syntaxeFlux`, portal "Syntaxe") naming this flow. */
  syntaxe: string;
  scope: 'simple+works' | 'works-only' | 'justice-memoirs';
  channels: Channel[];
  channelsProvenance: DataProvenance;
  copyOf?: string;
  since: string;
  until?: string;
  provenance: { code: DataProvenance; syntaxe: DataProvenance };
  /** Which of this flow's values are inferred, hence provisional. */
  provisional: Array<'code' | 'syntaxe'>;
  reference: SourceReference;
  note?: string;
}

/** The status of a syntaxe value in the catalogue. */
export type SyntaxeStatus = 'real' | 'alias' | 'b2b-defect' | 'known-wrong';

/** One syntaxe value: a real one with its portal label, an alias, a 3.8.1 "B2B" defect or a known wrong value. */
export interface SyntaxeEntry {
  value: string;
  status: SyntaxeStatus;
  flow?: string;
  /** The nearest real value (aliases, defects, known wrong values). */
  nearest?: string;
  label?: LocalizedText;
  mention?: 'simple+works' | 'works-only' | 'b2b' | 'none';
  since: string;
  until?: string;
  provenance: DataProvenance;
  provisional: boolean;
  /** The primary source of the value. */
  reference?: SourceReference;
  note?: string;
}

/** A cadre de facturation (BT-23) of Chorus Pro. */
export interface Cadre {
  code: string;
  label: LocalizedText;
  works: boolean;
  worksProvenance: DataProvenance;
  provisional: boolean;
  requiresValideur?: boolean;
  /** Where the label comes from. */
  reference?: SourceReference;
  /** Where the works flag comes from, or why it is inferred. */
  note?: string;
}

/** A Chorus Pro release encoded by the rules. */
export interface Release {
  id: string;
  date: string | null;
  summary: LocalizedText;
  provenance: Provenance;
  reference?: SourceReference;
  note?: string;
}

/** The whole catalogue, as read from rules/catalogue/*.json (after any overlay). */
export interface CatalogueData {
  flows: Flow[];
  syntaxes: SyntaxeEntry[];
  b2bDefect: { since: string; until?: string | null; marker: string; reference: SourceReference & { quote: string } };
  cadres: Cadre[];
  defaultCadre: string;
  reformCodePattern: string;
  typeCodes: { accepted: string[]; refused: string[]; provenance: Provenance };
  releases: Release[];
  latest: string;
}

/**
 * A user-supplied overlay on the catalogue, e.g. the real syntaxe strings of the works flows
 * once known. Entries are merged by key (flow `code`, syntaxe `value`, cadre `code`); a flow
 * whose `syntaxe` is overlaid loses its provisional `syntaxe` mark.
 */
export interface CatalogueOverlay {
  flows?: Array<Partial<Flow> & { code: string }>;
  syntaxes?: Array<Partial<SyntaxeEntry> & { value: string }>;
  cadres?: Array<Partial<Cadre> & { code: string }>;
}
