import type { Diagnostic, LocalizedText, Location } from '../diagnostics/diagnostic.js';

/** The container the bytes turned out to be (sniffed, never taken from the extension). */
export type Container = 'xml' | 'pdf' | 'zip' | 'tar.gz' | 'gzip' | 'unknown';

/** The invoice syntax recognised from the XML root element and its namespace. */
export type Syntax = 'UBL' | 'CII' | 'CPP' | 'ZUGFeRD1' | 'unknown';

/** The Factur-X / ZUGFeRD profile named by BT-24 (or XRECHNUNG for the German CIUS). */
export type Profile = 'MINIMUM' | 'BASIC WL' | 'BASIC' | 'EN 16931' | 'EXTENDED' | 'XRECHNUNG';

/** The format family Chorus Pro flows are defined on. */
export type FormatFamily = 'structured-xml' | 'mixed-xml' | 'facturx-pdf' | 'plain-pdf' | 'unknown';

/** Where the cadre was found: BT-23 (in UBL, AIFE's extension that carries it), defaulted to A1, or BT-24 by mistake. */
export type CadreSource = 'BT-23' | 'default' | 'BT-24';

/** A binary attachment embedded in the invoice XML (mixed XML) or attached to the PDF. */
export interface Attachment {
  name: string | null;
  /** The mime code the file declares (`mimeCode` attribute or PDF subtype). */
  declaredMime: string | null;
  /** Size of the decoded bytes. */
  size: number;
  /** Real type, sniffed from the decoded magic bytes. */
  sniffed: 'pdf' | 'zip' | 'other';
  location?: Location;
}

/** A file embedded in a PDF (its name tree or file-attachment annotations). */
export interface EmbeddedFile {
  name: string;
  size: number | null;
  /** `/AFRelationship`, or `null` when the PDF library does not expose it ("not checked"). */
  afRelationship: string | null;
  subtype: string | null;
}

/** What the raw XMP packet says, read by namespace URI. */
export interface XmpFacts {
  pdfaPart: number | null;
  pdfaConformance: string | null;
  /** Factur-X / ZUGFeRD extension schema fields, whatever their prefix, element or attribute form. */
  documentType: string | null;
  documentFileName: string | null;
  version: string | null;
  conformanceLevel: string | null;
  /** Namespace URI the Factur-X fields were found under. */
  extensionNamespace: string | null;
}

/** What was read from a PDF container. */
export interface PdfFacts {
  encrypted: boolean;
  pageCount: number | null;
  embeddedFiles: EmbeddedFile[];
  /** Name of the embedded file chosen as the invoice XML, if any. */
  invoiceXmlName: string | null;
  /** All embedded files whose name is one of the recognised invoice XML names. */
  invoiceXmlCandidates: string[];
  xmp: XmpFacts | null;
}

/** The structural check of an invoice XML against the published schema of its syntax. */
export interface SchemaFacts {
  /** The schema set: `ubl-2.1`, `cii-d16b`, `factur-x-<profile>`, `zugferd-1.0`. */
  name: string;
  /** Whether the document is valid against it; null when the check could not run. */
  valid: boolean | null;
  /** How many errors the schema engine reported. */
  errorCount: number;
}

/** The kind of a schema error. */
export type SchemaErrorKind =
  | 'missing-element'
  | 'unexpected-element'
  | 'missing-attribute'
  | 'unexpected-attribute'
  | 'invalid-value'
  | 'invalid-content'
  | 'root-not-declared'
  | 'not-well-formed'
  | 'other';

/** Schema errors of one kind on one element, located at the first occurrence. */
export interface SchemaFinding {
  kind: SchemaErrorKind;
  /** What is wrong, in both languages (a sentence without the rule's opening). */
  messages: LocalizedText;
  location: Location;
  /** How many errors of the document this finding stands for. */
  count: number;
  /** The schema engine's own text for the first occurrence. */
  detail: string;
  /** The element names the schema expected there, when it says. */
  expected?: string[];
  /** The value found, for an invalid value. */
  value?: string;
}

/** A party's legal identifier with its scheme attribute (`schemeID`, `0002`, `0009`, `1`, …). */
export interface PartyId {
  value: string;
  scheme: string | null;
}

/**
 * The facts read from one invoice document. Plain values only, so that rules can use them
 * as json-rules-engine facts; where each value was found is in `locations`, keyed by fact name.
 */
export interface Facts {
  /** For a batch member (`a.zip!/b.xml`), the container of the deposit file itself (`zip`, `tar.gz`, `gzip`). */
  container: Container;
  syntax: Syntax;
  /** Root element local name (`Invoice`, `CreditNote`, `CrossIndustryInvoice`, `CPPFactureMixte`, …), or null when no XML was read. */
  document: string | null;
  rootNamespace: string | null;
  /** BT-1 */
  number: string | null;
  /** BT-2, the calendar day as ISO `YYYY-MM-DD`; null when absent or when it names no day (see `issueDateRaw`). */
  issueDate: string | null;
  /** BT-2 as written (`20180101`, `2018-01-01`, …), null when absent. */
  issueDateRaw: string | null;
  /** BT-3 */
  typeCode: string | null;
  /** BT-5 */
  currency: string | null;
  /** BT-10: the Chorus service code. */
  buyerReference: string | null;
  /** BT-13: the Chorus engagement juridique. */
  purchaseOrder: string | null;
  /**
   * BT-23 (business process type) as written, null when absent: in CII the cadre de facturation;
   * in UBL `cbc:ProfileID`, a profile identifier (e.g. a Peppol URN), never the cadre.
   */
  businessProcess: string | null;
  /** The cadre de facturation as written where Chorus Pro reads it (CII: BT-23; UBL: AIFE's extension), or null when absent. */
  cadreRaw: string | null;
  /** Normalised cadre (trimmed, upper-case), `A1` when absent or empty. */
  cadre: string;
  cadreSource: CadreSource;
  /**
   * Whether the cadre is a works cadre, from the cadre catalogue after the user's overlay: set
   * when the document is checked (null in the reader's own facts, and when the cadre is not a
   * known Chorus cadre).
   */
  isWorks: boolean | null;
  /** BT-24 as written. */
  guideline: string | null;
  profile: Profile | null;
  formatFamily: FormatFamily;
  /** BT-30 seller legal registration identifier. */
  sellerId: PartyId | null;
  /** BT-47 buyer legal registration identifier. */
  buyerId: PartyId | null;
  /** BT-44 */
  buyerName: string | null;
  /** Whether a valideur party is present (CII `ram:InvoiceeTradeParty`). */
  hasValideur: boolean;
  /** The largest number of decimals used in any amount element. */
  maxAmountDecimals: number;
  /** Payment means codes (BT-81). */
  paymentMeansCodes: string[];
  attachments: Attachment[];
  pdf: PdfFacts | null;
  /** The check of the invoice XML against its schema; null when not checked (no schema applies, or the reader was given no validator). */
  schema: SchemaFacts | null;
  /** Where each fact was found, keyed by fact name (`number`, `cadre`, `buyerId`, …). */
  locations: Record<string, Location>;
}

/** One invoice document found in the input (a file, an archive member, a PDF's invoice XML). */
export interface ReadDocument {
  /** Display name: `batch.tar.gz!/member.xml`. */
  file: string;
  facts: Facts;
  /** Problems found while reading; a `fatal` one means the facts are incomplete. */
  diagnostics: Diagnostic[];
  /** True when the document could not be read far enough to run the content rules. */
  unreadable: boolean;
  /** The schema errors of the invoice XML, grouped, when `facts.schema` says it is invalid. */
  schemaFindings?: SchemaFinding[];
}
