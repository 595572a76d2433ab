/**
 * Invoice texts: a full CII D16B and UBL 2.1 invoice with the variations the fixtures need
 * (cadre, guideline, attachment, valideur, dates, decimals), a tiny UBL invoice most generated
 * containers carry, and UBL invoices with a huge attribute, text node or attachment.
 */
import { strToU8 } from 'fflate';

export interface InvoiceSpec {
  number: string;
  cadre?: string | null;
  /** BT-24; default EN 16931. */
  guideline?: string;
  buyerName?: string;
  buyerReference?: string;
  purchaseOrder?: string;
  valideur?: boolean;
  /** CII: the whole udt:DateTimeString element of BT-2 (default: format 102, 20240215). */
  issueDate?: string;
  /** UBL cbc:ProfileID (BT-23 in EN 16931 terms, not the cadre). */
  profileId?: string;
  attachment?: { name: string; mime: string; base64: string };
  amountDecimals?: 2 | 3;
}

export const SELLER_SIRET = '35600000000048';
export const BUYER_SIRET = '11000201100044';

export function xmlEscape(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A CII D16B invoice (Factur-X EN 16931 structure). */
export function cii(s: InvoiceSpec, encodingDecl = 'UTF-8'): string {
  const amount = s.amountDecimals === 3 ? '100.000' : '100.00';
  const cadre =
    s.cadre === undefined || s.cadre === null
      ? ''
      : `\n    <ram:BusinessProcessSpecifiedDocumentContextParameter>\n      <ram:ID>${s.cadre}</ram:ID>\n    </ram:BusinessProcessSpecifiedDocumentContextParameter>`;
  const attachment =
    s.attachment === undefined
      ? ''
      : `
      <ram:AdditionalReferencedDocument>
        <ram:IssuerAssignedID>IMAGE-${s.number}</ram:IssuerAssignedID>
        <ram:TypeCode>916</ram:TypeCode>
        <ram:AttachmentBinaryObject mimeCode="${s.attachment.mime}" filename="${s.attachment.name}">${s.attachment.base64}</ram:AttachmentBinaryObject>
      </ram:AdditionalReferencedDocument>`;
  const valideur =
    s.valideur === true
      ? `
      <ram:InvoiceeTradeParty>
        <ram:Name>Valideur SAS</ram:Name>
        <ram:SpecifiedLegalOrganization>
          <ram:ID schemeID="0009">${SELLER_SIRET}</ram:ID>
        </ram:SpecifiedLegalOrganization>
      </ram:InvoiceeTradeParty>`
      : '';
  return `<?xml version="1.0" encoding="${encodingDecl}"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100" xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100">
  <rsm:ExchangedDocumentContext>${cadre}
    <ram:GuidelineSpecifiedDocumentContextParameter>
      <ram:ID>${s.guideline ?? 'urn:cen.eu:en16931:2017'}</ram:ID>
    </ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>${s.number}</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime>
      ${s.issueDate ?? '<udt:DateTimeString format="102">20240215</udt:DateTimeString>'}
    </ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument>
        <ram:LineID>1</ram:LineID>
      </ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct>
        <ram:Name>Travaux</ram:Name>
      </ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement>
        <ram:NetPriceProductTradePrice>
          <ram:ChargeAmount>100.0000</ram:ChargeAmount>
        </ram:NetPriceProductTradePrice>
      </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery>
        <ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>
      </ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax>
          <ram:TypeCode>VAT</ram:TypeCode>
          <ram:CategoryCode>S</ram:CategoryCode>
          <ram:RateApplicablePercent>20</ram:RateApplicablePercent>
        </ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation>
          <ram:LineTotalAmount>${amount}</ram:LineTotalAmount>
        </ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:BuyerReference>${s.buyerReference ?? 'SERVICE-01'}</ram:BuyerReference>
      <ram:SellerTradeParty>
        <ram:Name>Entreprise du Bâtiment</ram:Name>
        <ram:SpecifiedLegalOrganization>
          <ram:ID schemeID="0009">${SELLER_SIRET}</ram:ID>
        </ram:SpecifiedLegalOrganization>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>${xmlEscape(s.buyerName ?? 'Ministère des Travaux')}</ram:Name>
        <ram:SpecifiedLegalOrganization>
          <ram:ID schemeID="0009">${BUYER_SIRET}</ram:ID>
        </ram:SpecifiedLegalOrganization>
      </ram:BuyerTradeParty>
      <ram:BuyerOrderReferencedDocument>
        <ram:IssuerAssignedID>${s.purchaseOrder ?? 'EJ-2024-0001'}</ram:IssuerAssignedID>
      </ram:BuyerOrderReferencedDocument>${attachment}
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>${valideur}
      <ram:SpecifiedTradeSettlementPaymentMeans>
        <ram:TypeCode>30</ram:TypeCode>
      </ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:ApplicableTradeTax>
        <ram:CalculatedAmount>20.00</ram:CalculatedAmount>
        <ram:TypeCode>VAT</ram:TypeCode>
        <ram:BasisAmount>${amount}</ram:BasisAmount>
        <ram:CategoryCode>S</ram:CategoryCode>
        <ram:RateApplicablePercent>20</ram:RateApplicablePercent>
      </ram:ApplicableTradeTax>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>${amount}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>${amount}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">20.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>120.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount>120.00</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
`;
}

/** A UBL 2.1 invoice; the cadre goes in AIFE's extension (aife:FactureExtension/aife:CategoryCode). */
export function ubl(s: InvoiceSpec): string {
  const extension =
    s.cadre === undefined || s.cadre === null
      ? ''
      : `
  <ext:UBLExtensions xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2">
    <ext:UBLExtension>
      <ext:ExtensionContent>
        <aife:FactureExtension xmlns:aife="urn:AIFE:Facture:Extension">
          <aife:CategoryCode>${s.cadre}</aife:CategoryCode>
        </aife:FactureExtension>
      </ext:ExtensionContent>
    </ext:UBLExtension>
  </ext:UBLExtensions>`;
  const profile = s.profileId === undefined ? '' : `\n  <cbc:ProfileID>${s.profileId}</cbc:ProfileID>`;
  const attachment =
    s.attachment === undefined
      ? ''
      : `
  <cac:AdditionalDocumentReference>
    <cbc:ID>IMAGE-${s.number}</cbc:ID>
    <cac:Attachment>
      <cbc:EmbeddedDocumentBinaryObject mimeCode="${s.attachment.mime}" filename="${s.attachment.name}">${s.attachment.base64}</cbc:EmbeddedDocumentBinaryObject>
    </cac:Attachment>
  </cac:AdditionalDocumentReference>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">${extension}
  <cbc:CustomizationID>${s.guideline ?? 'urn:cen.eu:en16931:2017'}</cbc:CustomizationID>${profile}
  <cbc:ID>${s.number}</cbc:ID>
  <cbc:IssueDate>2024-02-15</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>${s.buyerReference ?? 'SERVICE-01'}</cbc:BuyerReference>
  <cac:OrderReference>
    <cbc:ID>${s.purchaseOrder ?? 'EJ-2024-0001'}</cbc:ID>
  </cac:OrderReference>${attachment}
  <cac:AccountingSupplierParty>
    <cac:Party>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>Entreprise du Bâtiment</cbc:RegistrationName>
        <cbc:CompanyID schemeID="0009">${SELLER_SIRET}</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>${xmlEscape(s.buyerName ?? 'Ministère des Travaux')}</cbc:RegistrationName>
        <cbc:CompanyID schemeID="0009">${BUYER_SIRET}</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
  </cac:PaymentMeans>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">20.00</cbc:TaxAmount>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">120.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">120.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>Travaux</cbc:Name>
    </cac:Item>
    <cac:Price>
      <cbc:PriceAmount currencyID="EUR">100.0000</cbc:PriceAmount>
    </cac:Price>
  </cac:InvoiceLine>
</Invoice>
`;
}

/** A tiny well-formed UBL invoice, the payload most generated containers carry. */
export const TINY_UBL = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>F-0001</cbc:ID>
  <cbc:IssueDate>2026-01-15</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>SERVICE1</cbc:BuyerReference>
</Invoice>
`;

/** The opening of a UBL invoice up to its number, for invoices whose end is built in bytes. */
export const UBL_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">\n<cbc:ID>F-0001</cbc:ID>\n';

/** An UBL invoice carrying `count` copies of `byte` in an attribute or a text node. */
export function hugeXml(kind: 'attribute' | 'text' | 'attachment', count: number, byte = 0x41): Uint8Array {
  let open: string;
  let close: string;
  if (kind === 'attribute') {
    open = `${UBL_OPEN}<cbc:Note cbc:x="`;
    close = '">n</cbc:Note>\n</Invoice>\n';
  } else if (kind === 'text') {
    open = `${UBL_OPEN}<cbc:Note>`;
    close = '</cbc:Note>\n</Invoice>\n';
  } else {
    open = `${UBL_OPEN}<cac:AdditionalDocumentReference><cbc:ID>A1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">`;
    close = '</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>\n</Invoice>\n';
  }
  const a = strToU8(open);
  const b = strToU8(close);
  const out = new Uint8Array(a.length + count + b.length);
  out.set(a);
  out.fill(byte, a.length, a.length + count);
  out.set(b, a.length + count);
  return out;
}
