/**
 * The classification the corpus MANIFEST.tsv states for a file, in the reader's terms. Shared
 * by the corpus sweep (scripts/corpus-sweep.ts) and the corpus tests over the fixtures copied
 * from the corpus, so that both read the manifest the same way.
 */
import type { Container, FormatFamily, Profile, Syntax } from '../../packages/core/src/index.js';

/** One MANIFEST.tsv row (column names as in its header). */
export interface ManifestRow {
  repo: string;
  path: string;
  size: string;
  category: string;
  profile_family: string;
  neg_label: string;
  'customization/guideline': string;
  'profile/BT-23': string;
  typecode: string;
  xmp_conformance: string;
  pdf_embedded_names: string;
  flags: string;
}

/** What the manifest says, as reader facts; `undefined` where it says nothing comparable. */
export interface Expected {
  container?: Container;
  syntax?: Syntax;
  profile?: Profile | null;
  /** BT-23 as written (trimmed), null when absent: the manifest's `profile/BT-23` (UBL `cbc:ProfileID`). */
  businessProcess?: string | null;
  formatFamily?: FormatFamily;
  unreadable?: boolean;
  /** BT-3, when the manifest gives it. */
  typeCode?: string;
  /** XMP `fx:ConformanceLevel`, when the manifest gives it. */
  xmpConformance?: string;
  /** Names of the PDF's embedded files, sorted, when the manifest lists them. */
  embeddedNames?: string[];
}

/** Manifest profile families → reader profiles. ZUGFeRD 1 COMFORT became EN 16931 in 2.x. */
const PROFILES: Record<string, Profile | null> = {
  EN16931: 'EN 16931',
  EXTENDED: 'EXTENDED',
  BASIC: 'BASIC',
  'BASIC-WL': 'BASIC WL',
  MINIMUM: 'MINIMUM',
  'ZF2.0-EXTENDED': 'EXTENDED',
  'ZF2.0-BASIC': 'BASIC',
  'ZF2.0-MINIMUM': 'MINIMUM',
  'ZF1-BASIC': 'BASIC',
  'ZF1-COMFORT': 'EN 16931',
  'ZF1-EXTENDED': 'EXTENDED',
};

function profileOfFamily(family: string): Profile | null {
  if (family in PROFILES) return PROFILES[family] as Profile | null;
  if (family.startsWith('XRECHNUNG')) return 'XRECHNUNG';
  return null;
}

/** Maps a manifest row to the facts the reader should find. */
export function expectedFromManifest(row: ManifestRow): Expected {
  const extra: Expected = {};
  if (row.typecode.trim() !== '') extra.typeCode = row.typecode.trim();
  if (row.xmp_conformance.trim() !== '') extra.xmpConformance = row.xmp_conformance.trim();
  if (row.pdf_embedded_names.trim() !== '')
    extra.embeddedNames = row.pdf_embedded_names
      .split(',')
      .map((n) => n.trim())
      .sort();
  return { ...classify(row), ...extra };
}

function classify(row: ManifestRow): Expected {
  const c = row.category;
  const embedsPdf = row.flags.split(';').includes('XML-embeds-PDF');
  const cadre = row['profile/BT-23'].trim();
  const invoiceFacts = { profile: profileOfFamily(row.profile_family), businessProcess: cadre === '' ? null : cadre };
  if (c === 'CII CrossIndustryInvoice') {
    return { container: 'xml', syntax: 'CII', formatFamily: embedsPdf ? 'mixed-xml' : 'structured-xml', unreadable: false, ...invoiceFacts };
  }
  if (c === 'UBL-Invoice' || c === 'UBL-CreditNote') {
    return { container: 'xml', syntax: 'UBL', formatFamily: embedsPdf ? 'mixed-xml' : 'structured-xml', unreadable: false, ...invoiceFacts };
  }
  if (c === 'ZF1 CrossIndustryDocument XML') {
    return { container: 'xml', syntax: 'ZUGFeRD1', formatFamily: 'structured-xml', unreadable: false, ...invoiceFacts };
  }
  if (c.startsWith('PDF ZF1')) return { container: 'pdf', syntax: 'ZUGFeRD1', formatFamily: 'facturx-pdf', unreadable: false, ...invoiceFacts };
  if (c.startsWith('PDF Factur-X') || c.startsWith('PDF ZF2')) {
    return { container: 'pdf', syntax: 'CII', formatFamily: 'facturx-pdf', unreadable: false, ...invoiceFacts };
  }
  if (c.startsWith('PDF-plain')) return { container: 'pdf', syntax: 'unknown', formatFamily: 'plain-pdf', profile: null, businessProcess: null };
  if (c === 'UBL other doc (SelfBilledCreditNote)') return { container: 'xml', syntax: 'UBL', formatFamily: 'unknown', unreadable: true };
  if (c === 'XML unparseable') return { container: 'unknown', syntax: 'unknown', formatFamily: 'unknown', unreadable: true };
  // CDAR, Order-X and other roots: XML, not an invoice.
  return { container: 'xml', syntax: 'unknown', formatFamily: 'unknown', unreadable: true };
}
