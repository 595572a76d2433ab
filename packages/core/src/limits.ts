/**
 * The bounds on work done per input. Defaults mirror Chorus Pro's own limits where it has
 * them (120 MB per invoice with attachments, 1 GB per flow, 500 invoices per E1 flow), and
 * are otherwise chosen so that no input can hang or exhaust a worker. Each limit reached
 * gives its own diagnostic (`limit/<name>`) naming the limit and how to raise it.
 */
export interface Limits {
  /** Bytes of one input file (Chorus: an E1 flow ≤ 1 GB). */
  maxInputBytes: number;
  /** Bytes of one invoice document with its attachments (Chorus: 120 MB). */
  maxDocumentBytes: number;
  /**
   * Total bytes decompressed out of one input, whatever the nesting: archive members at every
   * level (zip, gzip, tar.gz) and PDF streams.
   */
  maxBatchBytes: number;
  /** Members of one archive. */
  maxBatchMembers: number;
  /** Documents read out of one input, whatever the nesting (a zip of zips cannot multiply them). */
  maxInputDocuments: number;
  /** Characters of the report of one input, as JSON: what is read past it is not reported. */
  maxReportChars: number;
  /** Characters of one XML element or attribute name. */
  maxNameLength: number;
  /** XML element nesting depth. */
  maxXmlDepth: number;
  /** Characters of one attribute value. */
  maxAttributeLength: number;
  /** Characters of one text node other than base64 attachments. */
  maxTextLength: number;
  /** Decoded bytes of one embedded attachment (Chorus: 100 MB for Factur-X attachments). */
  maxAttachmentBytes: number;
  /** Objects a PDF may declare. */
  maxPdfObjects: number;
  /** Decoded bytes of any one PDF stream: the outputs of every filter of its chain, added up. */
  maxPdfStreamBytes: number;
  /** Nested archives (zip in zip, tar.gz in zip). */
  maxArchiveNesting: number;
}

/** The default limits. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxInputBytes: 1024 * 1024 * 1024,
  maxDocumentBytes: 120 * 1024 * 1024,
  maxBatchBytes: 1024 * 1024 * 1024,
  maxBatchMembers: 1000,
  maxInputDocuments: 1000,
  maxReportChars: 64 * 1024 * 1024,
  maxNameLength: 1024,
  maxXmlDepth: 256,
  maxAttributeLength: 64 * 1024,
  maxTextLength: 1024 * 1024,
  maxAttachmentBytes: 100 * 1024 * 1024,
  maxPdfObjects: 200_000,
  maxPdfStreamBytes: 120 * 1024 * 1024,
  maxArchiveNesting: 2,
});
