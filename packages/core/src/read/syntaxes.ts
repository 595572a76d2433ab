import type { Syntax } from '../facts/facts.js';
import type { LocalizedText } from '../diagnostics/diagnostic.js';

/** Namespace URIs of the invoice syntaxes (domain notes §4). */
export const NS = {
  ublInvoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  ublCreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  ext: 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2',
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  zf1rsm: 'urn:ferd:CrossIndustryDocument:invoice:1p0',
  zf1ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12',
  zf1udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15',
  zf1qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:12',
  xinclude: 'http://www.w3.org/2001/XInclude',
  /** AIFE's UBL extension, which carries the cadre de facturation of a UBL invoice. */
  aife: 'urn:AIFE:Facture:Extension',
} as const;

/** The prefix every XPath we print uses for a namespace URI, whatever the document wrote. */
export const CANONICAL_PREFIX: ReadonlyMap<string, string> = new Map([
  [NS.ublInvoice, 'ubl'],
  [NS.ublCreditNote, 'cn'],
  [NS.cbc, 'cbc'],
  [NS.cac, 'cac'],
  [NS.ext, 'ext'],
  [NS.aife, 'aife'],
  [NS.rsm, 'rsm'],
  [NS.ram, 'ram'],
  [NS.udt, 'udt'],
  [NS.qdt, 'qdt'],
  [NS.zf1rsm, 'rsm'],
  [NS.zf1ram, 'ram'],
  [NS.zf1udt, 'udt'],
  [NS.zf1qdt, 'qdt'],
]);

/** How a fact's value is taken from its element. */
export type FactKind =
  /** trimmed text, first occurrence wins */
  | 'text'
  /** text as written (BT-23 keeps its raw form) */
  | 'raw'
  /** a date, read as a calendar day (ISO) with its text as written beside it */
  | 'date'
  /** an identifier with its `schemeID` */
  | 'party'
  /** every occurrence, in document order */
  | 'list'
  /** element presence only */
  | 'presence';

/** One fact the reader extracts, at a fixed path under the root element. */
export interface FactSpec {
  fact: string;
  businessTerm: string | undefined;
  kind: FactKind;
}

/**
 * A node of the path trie walked while parsing, matched by local name and URI. Children are
 * a short array: comparing an element name with a few local names (by length first) is
 * cheaper than hashing the name for a Map.
 */
export interface TrieNode {
  local: string;
  uri: string;
  children: TrieNode[] | null;
  spec: FactSpec | null;
}

type Table = ReadonlyArray<readonly [path: string, fact: string, bt: string | undefined, kind: FactKind]>;

// EN 16931-1 syntax bindings (CEN/TS 16931-3-2 for UBL, -3-3 for CII) and the Chorus Pro
// placement of BT-23 (domain notes §3).
const CII: Table = [
  ['rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID', 'cadreRaw', 'BT-23', 'raw'],
  ['rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID', 'guideline', 'BT-24', 'text'],
  ['rsm:ExchangedDocument/ram:ID', 'number', 'BT-1', 'text'],
  ['rsm:ExchangedDocument/ram:TypeCode', 'typeCode', 'BT-3', 'text'],
  ['rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString', 'issueDate', 'BT-2', 'date'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerReference', 'buyerReference', 'BT-10', 'text'],
  [
    'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID',
    'purchaseOrder',
    'BT-13',
    'text',
  ],
  [
    'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID',
    'sellerId',
    'BT-30',
    'party',
  ],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID', 'buyerId', 'BT-47', 'party'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/ram:Name', 'buyerName', 'BT-44', 'text'],
  // The valideur: Chorus samples put the invoicee party in the header agreement or settlement.
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:InvoiceeTradeParty', 'hasValideur', undefined, 'presence'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:InvoiceeTradeParty', 'hasValideur', undefined, 'presence'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode', 'currency', 'BT-5', 'text'],
  [
    'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode',
    'paymentMeansCodes',
    'BT-81',
    'list',
  ],
];

// ZUGFeRD 1.0 (CrossIndustryDocument, D13B-based): recognised, so its facts are read too.
const ZF1: Table = [
  ['rsm:SpecifiedExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID', 'cadreRaw', 'BT-23', 'raw'],
  ['rsm:SpecifiedExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID', 'guideline', 'BT-24', 'text'],
  ['rsm:HeaderExchangedDocument/ram:ID', 'number', 'BT-1', 'text'],
  ['rsm:HeaderExchangedDocument/ram:TypeCode', 'typeCode', 'BT-3', 'text'],
  ['rsm:HeaderExchangedDocument/ram:IssueDateTime/udt:DateTimeString', 'issueDate', 'BT-2', 'date'],
  ['rsm:SpecifiedSupplyChainTradeTransaction/ram:ApplicableSupplyChainTradeAgreement/ram:BuyerReference', 'buyerReference', 'BT-10', 'text'],
  [
    'rsm:SpecifiedSupplyChainTradeTransaction/ram:ApplicableSupplyChainTradeAgreement/ram:BuyerOrderReferencedDocument/ram:ID',
    'purchaseOrder',
    'BT-13',
    'text',
  ],
  [
    'rsm:SpecifiedSupplyChainTradeTransaction/ram:ApplicableSupplyChainTradeAgreement/ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID',
    'sellerId',
    'BT-30',
    'party',
  ],
  [
    'rsm:SpecifiedSupplyChainTradeTransaction/ram:ApplicableSupplyChainTradeAgreement/ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID',
    'buyerId',
    'BT-47',
    'party',
  ],
  ['rsm:SpecifiedSupplyChainTradeTransaction/ram:ApplicableSupplyChainTradeAgreement/ram:BuyerTradeParty/ram:Name', 'buyerName', 'BT-44', 'text'],
  ['rsm:SpecifiedSupplyChainTradeTransaction/ram:ApplicableSupplyChainTradeSettlement/ram:InvoiceeTradeParty', 'hasValideur', undefined, 'presence'],
  ['rsm:SpecifiedSupplyChainTradeTransaction/ram:ApplicableSupplyChainTradeSettlement/ram:InvoiceCurrencyCode', 'currency', 'BT-5', 'text'],
  [
    'rsm:SpecifiedSupplyChainTradeTransaction/ram:ApplicableSupplyChainTradeSettlement/ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode',
    'paymentMeansCodes',
    'BT-81',
    'list',
  ],
];

function ublTable(typeCode: string): Table {
  return [
    // Chorus Pro reads the cadre of a UBL invoice in AIFE's extension (AIFE's FSO1100A display
    // stylesheet); cbc:ProfileID is BT-23 in EN 16931 terms, a profile identifier, never the cadre.
    ['ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/aife:FactureExtension/aife:CategoryCode', 'cadreRaw', 'BT-23', 'raw'],
    ['cbc:ProfileID', 'businessProcess', 'BT-23', 'text'],
    ['cbc:CustomizationID', 'guideline', 'BT-24', 'text'],
    ['cbc:ID', 'number', 'BT-1', 'text'],
    ['cbc:IssueDate', 'issueDate', 'BT-2', 'date'],
    [`cbc:${typeCode}`, 'typeCode', 'BT-3', 'text'],
    ['cbc:DocumentCurrencyCode', 'currency', 'BT-5', 'text'],
    ['cbc:BuyerReference', 'buyerReference', 'BT-10', 'text'],
    ['cac:OrderReference/cbc:ID', 'purchaseOrder', 'BT-13', 'text'],
    ['cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID', 'sellerId', 'BT-30', 'party'],
    ['cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID', 'buyerId', 'BT-47', 'party'],
    ['cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName', 'buyerName', 'BT-44', 'text'],
    ['cac:PaymentMeans/cbc:PaymentMeansCode', 'paymentMeansCodes', 'BT-81', 'list'],
  ];
}

function buildTrie(rootUri: string, table: Table, prefixes: Record<string, string>): TrieNode {
  const root: TrieNode = { local: '', uri: rootUri, children: null, spec: null };
  for (const [path, fact, businessTerm, kind] of table) {
    let node = root;
    for (const step of path.split('/')) {
      const [prefix, local] = step.split(':') as [string, string];
      const uri = prefixes[prefix];
      if (uri === undefined) throw new Error(`unknown prefix ${prefix} in ${path}`);
      node.children ??= [];
      let child = node.children.find((c) => c.local === local && c.uri === uri);
      if (child === undefined) {
        child = { local, uri, children: null, spec: null };
        node.children.push(child);
      }
      node = child;
    }
    node.spec = { fact, businessTerm, kind };
  }
  return root;
}

/** The recognised root elements: syntax, and the fact trie to walk under them. */
export interface RootInfo {
  syntax: Syntax;
  trie: TrieNode | null;
  /** Whether this root is an invoice document Chorus Pro may accept. */
  invoice: boolean;
  /** Named when the root is known but is not an invoice (or not a Chorus syntax). */
  label: LocalizedText | null;
}

const CII_TRIE = buildTrie(NS.rsm, CII, { rsm: NS.rsm, ram: NS.ram, udt: NS.udt });
const ZF1_TRIE = buildTrie(NS.zf1rsm, ZF1, { rsm: NS.zf1rsm, ram: NS.zf1ram, udt: NS.zf1udt });
const UBL_PREFIXES = { cbc: NS.cbc, cac: NS.cac, ext: NS.ext, aife: NS.aife };
const UBL_INVOICE_TRIE = buildTrie(NS.ublInvoice, ublTable('InvoiceTypeCode'), UBL_PREFIXES);
const UBL_CREDIT_NOTE_TRIE = buildTrie(NS.ublCreditNote, ublTable('CreditNoteTypeCode'), UBL_PREFIXES);

const UBL_DOC_PREFIX = 'urn:oasis:names:specification:ubl:schema:xsd:';

/** Names of well-known non-invoice roots, so that the diagnostic can say what the file is. */
const OTHER_ROOTS: ReadonlyArray<{ local: string; ns?: RegExp; name: LocalizedText }> = [
  { local: 'FatturaElettronica', name: { fr: 'une facture italienne FatturaPA', en: 'an Italian FatturaPA invoice' } },
  { local: 'SCRDMCCBDACIOMessageStructure', name: { fr: 'une commande Order-X', en: 'an Order-X order' } },
  { local: 'CrossIndustryOrder', name: { fr: 'une commande CII (Order-X)', en: 'a CII order (Order-X)' } },
  { local: 'CrossDomainAcknowledgementAndResponse', name: { fr: 'un statut de cycle de vie CDAR', en: 'a CDAR lifecycle status message' } },
  { local: 'Signature', ns: /xmldsig/, name: { fr: 'une signature XML seule', en: 'a detached XML signature' } },
  { local: 'html', name: { fr: 'une page HTML', en: 'an HTML page' } },
  { local: 'svg', name: { fr: 'une image SVG', en: 'an SVG image' } },
  { local: 'Envelope', ns: /soap/i, name: { fr: 'une enveloppe SOAP', en: 'a SOAP envelope' } },
];

/** Recognises the syntax from the root element's local name and namespace URI. */
export function rootInfo(local: string, uri: string): RootInfo {
  if (local === 'Invoice' && uri === NS.ublInvoice) return { syntax: 'UBL', trie: UBL_INVOICE_TRIE, invoice: true, label: null };
  if (local === 'CreditNote' && uri === NS.ublCreditNote) return { syntax: 'UBL', trie: UBL_CREDIT_NOTE_TRIE, invoice: true, label: null };
  if (local === 'CrossIndustryInvoice' && uri === NS.rsm) return { syntax: 'CII', trie: CII_TRIE, invoice: true, label: null };
  if (local === 'CrossIndustryDocument' && uri === NS.zf1rsm) {
    return { syntax: 'ZUGFeRD1', trie: ZF1_TRIE, invoice: true, label: { fr: 'une facture ZUGFeRD 1.0', en: 'a ZUGFeRD 1.0 invoice' } };
  }
  if (local === 'CPPFactureMixte' || local === 'CPPFacturePivot') return { syntax: 'CPP', trie: null, invoice: true, label: null };
  if (uri.startsWith(UBL_DOC_PREFIX)) {
    return { syntax: 'UBL', trie: null, invoice: false, label: { fr: `un document UBL ${local}`, en: `a UBL ${local} document` } };
  }
  for (const o of OTHER_ROOTS) {
    if (o.local === local && (o.ns === undefined || o.ns.test(uri))) return { syntax: 'unknown', trie: null, invoice: false, label: o.name };
  }
  const q = uri === '' ? local : `{${uri}}${local}`;
  return { syntax: 'unknown', trie: null, invoice: false, label: { fr: `un document XML de racine ${q}`, en: `an XML document with root ${q}` } };
}
