/**
 * The one shape of every finding the product reports: rule results, reading problems,
 * limits reached. Modelled on vfile-message, ajv errors and ESLint messages.
 */

/** The severity of a diagnostic: `error` only where Chorus Pro would reject the deposit. */
export type Severity = 'error' | 'warning' | 'info';

/** A message in both languages the product speaks. */
export interface LocalizedText {
  fr: string;
  en: string;
}

/**
 * The place in the user's input a diagnostic points at. Lines and columns are 1-based;
 * the XPath uses canonical prefixes (cbc, cac, rsm, ram, udt, …) and positions (`[1]`).
 * A JSON input (the portal account state) is pointed at with a JSON pointer instead.
 */
export interface Location {
  /** Display name of the input, with `!/` for archive members and embedded files (`a.zip!/b.xml`). */
  file: string;
  /** In an XML input: the element's XPath. Never a JSON pointer (see `pointer`). */
  xpath?: string;
  /** In a JSON input (the portal account state): a JSON pointer (RFC 6901), e.g. `/account/profiles`. */
  pointer?: string;
  line?: number;
  column?: number;
  /** EN 16931 business term, e.g. `BT-23`. */
  businessTerm?: string;
}

/** Where the rule that produced a diagnostic is defined: a rule file and a JSON pointer in it. */
export interface SourceRef {
  file: string;
  pointer: string;
}

/** A finding. Bad input is reported as data through this shape, never thrown. */
export interface Diagnostic {
  /** Stable id: a rule id (`deposit/works-flow-requires-works-cadre`) or a reader id (`read/xml-not-well-formed`). */
  ruleId: string;
  severity: Severity;
  /** The message in the report's language: `messages[lang]`, set in one place (`localise`) for every diagnostic of a report. */
  message: string;
  /** The message in both languages. */
  messages?: LocalizedText;
  location?: Location;
  source?: SourceRef;
  actual?: unknown;
  expected?: unknown;
  /** True when the input could not be read at all: the rules that needed it are skipped. */
  fatal?: boolean;
  /** The rule's documentation page (its section in the rules documentation); absent for reader and limit diagnostics. */
  url?: string;
  /** The text of the third-party engine behind the finding (e.g. libxml2 for schema errors), as it wrote it. */
  detail?: string;
  /** How many occurrences in the document this diagnostic stands for (grouped findings); 1 when absent. */
  count?: number;
}
