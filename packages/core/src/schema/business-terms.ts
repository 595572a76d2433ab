/**
 * The EN 16931 business term of an element, from its XPath (CEN/TS 16931-3-2 for UBL, -3-3
 * for CII): the terms a schema error most often touches. Unmapped elements have none.
 */

// Paths below the root element, without positions.
const TERMS: ReadonlyMap<string, string> = new Map([
  // UBL Invoice / CreditNote
  ['cbc:ID', 'BT-1'],
  ['cbc:IssueDate', 'BT-2'],
  ['cbc:InvoiceTypeCode', 'BT-3'],
  ['cbc:CreditNoteTypeCode', 'BT-3'],
  ['cbc:DocumentCurrencyCode', 'BT-5'],
  ['cbc:DueDate', 'BT-9'],
  ['cbc:BuyerReference', 'BT-10'],
  ['cbc:Note', 'BT-22'],
  ['cbc:CustomizationID', 'BT-24'],
  ['cac:OrderReference', 'BT-13'],
  ['cac:OrderReference/cbc:ID', 'BT-13'],
  ['cac:InvoicePeriod', 'BG-14'],
  ['cac:AccountingSupplierParty', 'BG-4'],
  ['cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName', 'BT-27'],
  ['cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID', 'BT-30'],
  ['cac:AccountingCustomerParty', 'BG-7'],
  ['cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName', 'BT-44'],
  ['cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID', 'BT-47'],
  ['cac:Delivery', 'BG-13'],
  ['cac:PaymentMeans', 'BG-16'],
  ['cac:PaymentMeans/cbc:PaymentMeansCode', 'BT-81'],
  ['cac:TaxTotal/cac:TaxSubtotal', 'BG-23'],
  ['cac:LegalMonetaryTotal', 'BG-22'],
  ['cac:LegalMonetaryTotal/cbc:PayableAmount', 'BT-115'],
  ['cac:InvoiceLine', 'BG-25'],
  ['cac:CreditNoteLine', 'BG-25'],
  // CII
  ['rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter', 'BT-23'],
  ['rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID', 'BT-23'],
  ['rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter', 'BT-24'],
  ['rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID', 'BT-24'],
  ['rsm:ExchangedDocument/ram:ID', 'BT-1'],
  ['rsm:ExchangedDocument/ram:TypeCode', 'BT-3'],
  ['rsm:ExchangedDocument/ram:IssueDateTime', 'BT-2'],
  ['rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString', 'BT-2'],
  ['rsm:ExchangedDocument/ram:IncludedNote', 'BG-1'],
  ['rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem', 'BG-25'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerReference', 'BT-10'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty', 'BG-4'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty/ram:Name', 'BT-27'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID', 'BT-30'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty', 'BG-7'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/ram:Name', 'BT-44'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID', 'BT-47'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID', 'BT-13'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery', 'BG-13'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode', 'BT-5'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementPaymentMeans', 'BG-16'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode', 'BT-81'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax', 'BG-23'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementHeaderMonetarySummation', 'BG-22'],
  ['rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount', 'BT-115'],
]);

/**
 * The business term of a schema error at the element `xpath` (canonical prefixes, positions):
 * that of the missing child `child` when given and mapped, else the element's own, else that of
 * the sibling `sibling` the schema expected in its place (a name such as `cac:Delivery`).
 */
export function businessTermOf(xpath: string, child: string | null, sibling: string | null = null): string | null {
  // Drop the positions and the root step.
  const steps = xpath
    .replace(/\[\d+\]/g, '')
    .split('/')
    .filter((s) => s !== '')
    .slice(1);
  const path = steps.join('/');
  const under = (parent: string, name: string) => TERMS.get(parent === '' ? name : `${parent}/${name}`);
  if (child !== null) {
    const c = under(path, child);
    if (c !== undefined) return c;
  }
  const own = TERMS.get(path);
  if (own !== undefined) return own;
  return sibling === null ? null : (under(steps.slice(0, -1).join('/'), sibling) ?? null);
}
