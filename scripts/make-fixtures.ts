/**
 * Generates the fixtures the sample corpus lacks (fixtures/generated/) and their expected facts
 * (fixtures/generated/expected.json), both from the same construction parameters: works
 * cadres A4/A13/A22 in UBL, CII and Factur-X PDF; mixed XML whose attachment is a base64 ZIP
 * holding a PDF; tar.gz and zip batches; truncated, mis-encoded, UTF-16 and ISO-8859-1 files;
 * hostile XML; a PDF with two invoice XMLs; a password-protected PDF. PDFs are written byte by
 * byte (PDF 1.7 / PDF/A-3 structure with an embedded factur-x.xml and its XMP), no PDF library.
 * Deterministic: running it twice gives the same bytes.
 *
 *   npm run fixtures
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, zipSync, zlibSync } from 'fflate';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/generated');
const enc = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Invoice XML builders

interface InvoiceSpec {
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

const SELLER_SIRET = '35600000000048';
const BUYER_SIRET = '11000201100044';

function xmlEscape(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A CII D16B invoice (Factur-X EN 16931 structure). */
function cii(s: InvoiceSpec, encodingDecl = 'UTF-8'): string {
  const amount = s.amountDecimals === 3 ? '100.000' : '100.00';
  const cadre = s.cadre === undefined || s.cadre === null ? '' :
    `\n    <ram:BusinessProcessSpecifiedDocumentContextParameter>\n      <ram:ID>${s.cadre}</ram:ID>\n    </ram:BusinessProcessSpecifiedDocumentContextParameter>`;
  const attachment = s.attachment === undefined ? '' : `
      <ram:AdditionalReferencedDocument>
        <ram:IssuerAssignedID>IMAGE-${s.number}</ram:IssuerAssignedID>
        <ram:TypeCode>916</ram:TypeCode>
        <ram:AttachmentBinaryObject mimeCode="${s.attachment.mime}" filename="${s.attachment.name}">${s.attachment.base64}</ram:AttachmentBinaryObject>
      </ram:AdditionalReferencedDocument>`;
  const valideur = s.valideur === true ? `
      <ram:InvoiceeTradeParty>
        <ram:Name>Valideur SAS</ram:Name>
        <ram:SpecifiedLegalOrganization>
          <ram:ID schemeID="0009">${SELLER_SIRET}</ram:ID>
        </ram:SpecifiedLegalOrganization>
      </ram:InvoiceeTradeParty>` : '';
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
function ubl(s: InvoiceSpec): string {
  const extension = s.cadre === undefined || s.cadre === null ? '' : `
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
  const attachment = s.attachment === undefined ? '' : `
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

// ---------------------------------------------------------------------------------------------
// PDF writer (ISO 32000-1 §7.5: header, numbered objects, xref table, trailer)

interface EmbeddedSpec {
  name: string;
  bytes: Uint8Array;
  subtype: string;
  afRelationship: string;
}

interface PdfSpec {
  embedded: EmbeddedSpec[];
  /** XMP packet; omitted when null. */
  xmp: string | null;
  compressXmp?: boolean;
  /** Standard security handler with this user password (RC4 40-bit, R2). */
  userPassword?: string;
}

function xmpPacket(conformance: string, attributeForm: boolean, fileName = 'factur-x.xml'): string {
  const fx = attributeForm
    ? `<rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#" fx:DocumentType="INVOICE" fx:DocumentFileName="${fileName}" fx:Version="1.0" fx:ConformanceLevel="${conformance}"/>`
    : `<rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
   <fx:DocumentType>INVOICE</fx:DocumentType>
   <fx:DocumentFileName>${fileName}</fx:DocumentFileName>
   <fx:Version>1.0</fx:Version>
   <fx:ConformanceLevel>${conformance}</fx:ConformanceLevel>
  </rdf:Description>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  ${fx}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** PDF name with `#xx` escapes for delimiters (ISO 32000-1 §7.3.5). */
function pdfName(s: string): string {
  return '/' + s.replace(/[^A-Za-z0-9._-]/g, (c) => `#${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

const PASSWORD_PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[n] = (data[n] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 0xff] as number);
  }
  return out;
}

function padPassword(p: string): Uint8Array {
  const b = enc.encode(p).subarray(0, 32);
  const out = new Uint8Array(32);
  out.set(b);
  out.set(PASSWORD_PAD.subarray(0, 32 - b.length), b.length);
  return out;
}

function md5(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

/** Writes a one-page PDF with embedded files, XMP and the PDF/A-3 /AF array. */
function makePdf(spec: PdfSpec): Uint8Array {
  const objects: Array<Uint8Array> = [];
  const add = (body: string | Uint8Array): number => {
    objects.push(typeof body === 'string' ? enc.encode(body) : body);
    return objects.length;
  };
  const stream = (dict: string, data: Uint8Array): Uint8Array => {
    const head = enc.encode(`<< ${dict} /Length ${data.length} >>\nstream\n`);
    const tail = enc.encode('\nendstream');
    const out = new Uint8Array(head.length + data.length + tail.length);
    out.set(head);
    out.set(data, head.length);
    out.set(tail, head.length + data.length);
    return out;
  };
  // Reserve 1 catalog, 2 pages, 3 page, 4 contents.
  add('');
  add('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  add('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>');
  add(stream('', enc.encode('0 0 m 100 100 l S')));
  let metadataRef = '';
  if (spec.xmp !== null) {
    const data = enc.encode(spec.xmp);
    const n = spec.compressXmp === true
      ? add(stream('/Type /Metadata /Subtype /XML /Filter /FlateDecode', zlibSync(data)))
      : add(stream('/Type /Metadata /Subtype /XML', data));
    metadataRef = ` /Metadata ${n} 0 R`;
  }
  const specs: number[] = [];
  for (const e of spec.embedded) {
    const ef = add(stream(`/Type /EmbeddedFile /Subtype ${pdfName(e.subtype)} /Params << /Size ${e.bytes.length} >> /Filter /FlateDecode`, zlibSync(e.bytes)));
    specs.push(add(`<< /Type /Filespec /F (${e.name}) /UF (${e.name}) /AFRelationship /${e.afRelationship} /Desc (${e.name}) /EF << /F ${ef} 0 R /UF ${ef} 0 R >> >>`));
  }
  const names = specs.length === 0 ? '' :
    ` /Names << /EmbeddedFiles << /Names [${spec.embedded.map((e, i) => `(${e.name}) ${specs[i]} 0 R`).join(' ')}] >> >> /AF [${specs.map((n) => `${n} 0 R`).join(' ')}]`;
  objects[0] = enc.encode(`<< /Type /Catalog /Pages 2 0 R${metadataRef}${names} >>`);
  const id = md5(enc.encode(JSON.stringify(spec.embedded.map((e) => e.name)) + (spec.xmp ?? '')));
  let encrypt = '';
  if (spec.userPassword !== undefined) {
    // ISO 32000-1 §7.6.3.4, algorithms 3 and 4 (revision 2, 40-bit key).
    const ownerKey = md5(padPassword('owner')).subarray(0, 5);
    const O = rc4(ownerKey, padPassword(spec.userPassword));
    const P = -44;
    const p = new Uint8Array(4);
    new DataView(p.buffer).setInt32(0, P, true);
    const key = md5(padPassword(spec.userPassword), O, p, id).subarray(0, 5);
    const U = rc4(key, PASSWORD_PAD);
    const n = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex(O)}> /U <${hex(U)}> /P ${P} >>`);
    encrypt = ` /Encrypt ${n} 0 R`;
  }
  // ISO 32000-1 §7.5.2: a comment of four bytes above 127 marks the file as binary.
  const parts: Uint8Array[] = [enc.encode('%PDF-1.7\n'), Uint8Array.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])];
  let offset = parts.reduce((a, p) => a + p.length, 0);
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const head = enc.encode(`${i + 1} 0 obj\n`);
    const tail = enc.encode('\nendobj\n');
    parts.push(head, body, tail);
    offset += head.length + body.length + tail.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(enc.encode(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} /ID [<${hex(id)}> <${hex(id)}>] >>\nstartxref\n${offset}\n%%EOF\n`));
  const total = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

function facturX(xml: string, opts: Partial<PdfSpec> & { conformance?: string; attributeForm?: boolean; extra?: EmbeddedSpec[] } = {}): Uint8Array {
  return makePdf({
    embedded: [{ name: 'factur-x.xml', bytes: enc.encode(xml), subtype: 'text/xml', afRelationship: 'Data' }, ...(opts.extra ?? [])],
    xmp: xmpPacket(opts.conformance ?? 'EN 16931', opts.attributeForm ?? false),
    ...(opts.compressXmp === undefined ? {} : { compressXmp: opts.compressXmp }),
    ...(opts.userPassword === undefined ? {} : { userPassword: opts.userPassword }),
  });
}

// ---------------------------------------------------------------------------------------------
// Archives

/** A ustar archive (POSIX.1-1988) of the given members, written by hand. */
function tar(members: Array<[string, Uint8Array]>): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, data] of members) {
    const h = new Uint8Array(512);
    const put = (s: string, at: number, len: number): void => h.set(enc.encode(s).subarray(0, len), at);
    put(name, 0, 100);
    put('0000644\0', 100, 8);
    put('0000000\0', 108, 8);
    put('0000000\0', 116, 8);
    put(data.length.toString(8).padStart(11, '0') + '\0', 124, 12);
    put('14611127400\0', 136, 12);
    put('        ', 148, 8);
    put('0', 156, 1);
    put('ustar\0', 257, 6);
    put('00', 263, 2);
    let sum = 0;
    for (const b of h) sum += b;
    put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
    blocks.push(h, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const total = blocks.reduce((a, b) => a + b.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of blocks) { out.set(b, o); o += b.length; }
  return out;
}

const ZIP_TIME = new Date(Date.UTC(2024, 1, 15, 12, 0, 0));
function zip(members: Array<[string, Uint8Array]>): Uint8Array {
  // fflate's object form cannot hold duplicate names: build from distinct keys, then rename.
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  members.forEach(([, data], i) => { files[`m${String(i).padStart(4, '0')}`] = [data, { mtime: ZIP_TIME }]; });
  let out = zipSync(files, { level: 6 });
  // Rename in place (local headers and central directory), names padded to the same length.
  members.forEach(([name], i) => {
    const key = enc.encode(`m${String(i).padStart(4, '0')}`);
    if (enc.encode(name).length !== key.length) throw new Error(`zip member names must be 5 bytes here: ${name}`);
    const target = enc.encode(name);
    for (let p = 0; p + key.length <= out.length; p++) {
      let ok = true;
      for (let j = 0; j < key.length; j++) if (out[p + j] !== key[j]) { ok = false; break; }
      if (ok) out.set(target, p);
    }
  });
  return out;
}
/** A zip from an object (distinct names), deterministic timestamps. */
function zipNamed(members: Record<string, Uint8Array>): Uint8Array {
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [k, v] of Object.entries(members)) files[k] = [v, { mtime: ZIP_TIME }];
  return zipSync(files, { level: 6 });
}

const gzip = (b: Uint8Array): Uint8Array => gzipSync(b, { mtime: ZIP_TIME.getTime() });

function base64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

// ---------------------------------------------------------------------------------------------
// The fixtures and what they must read as

interface ExpectedDoc {
  file: string;
  unreadable: boolean;
  facts: Record<string, unknown>;
  /** Rule ids of the diagnostics, in any order. */
  diagnostics: string[];
}
const expected: Record<string, { description: string; documents: ExpectedDoc[] }> = {};

function write(name: string, bytes: Uint8Array | string, description: string, documents: ExpectedDoc[]): void {
  writeFileSync(join(OUT, name), typeof bytes === 'string' ? enc.encode(bytes) : bytes);
  expected[name] = { description, documents };
}

const invoiceFacts = (syntax: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  syntax,
  typeCode: '380',
  currency: 'EUR',
  issueDate: '2024-02-15',
  buyerReference: 'SERVICE-01',
  purchaseOrder: 'EJ-2024-0001',
  buyerId: { value: BUYER_SIRET, scheme: '0009' },
  sellerId: { value: SELLER_SIRET, scheme: '0009' },
  maxAmountDecimals: 2,
  paymentMeansCodes: ['30'],
  profile: 'EN 16931',
  ...over,
});

// A minimal PDF standing for the invoice image (no invoice XML inside: a plain PDF).
const imagePdf = makePdf({ embedded: [], xmp: null });

function main(): void {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  // Works cadres in the three formats (domain notes §3: A4, A13, A22 are works, official samples).
  for (const cadre of ['A4', 'A13', 'A22']) {
    const number = `TRAV-${cadre}-001`;
    const works = { cadre, cadreRaw: cadre, cadreSource: 'BT-23', isWorks: true, number };
    write(`works-${cadre.toLowerCase()}-ubl.xml`, ubl({ number, cadre }), `UBL 2.1 invoice, cadre ${cadre} in AIFE's extension`, [
      { file: `works-${cadre.toLowerCase()}-ubl.xml`, unreadable: false, facts: invoiceFacts('UBL', { ...works, container: 'xml', document: 'Invoice', formatFamily: 'structured-xml', buyerName: 'Ministère des Travaux' }), diagnostics: [] },
    ]);
    write(`works-${cadre.toLowerCase()}-cii.xml`, cii({ number, cadre }), `CII D16B invoice, cadre ${cadre} in BT-23`, [
      { file: `works-${cadre.toLowerCase()}-cii.xml`, unreadable: false, facts: invoiceFacts('CII', { ...works, container: 'xml', document: 'CrossIndustryInvoice', formatFamily: 'structured-xml', hasValideur: false }), diagnostics: [] },
    ]);
    write(`works-${cadre.toLowerCase()}-facturx.pdf`, facturX(cii({ number, cadre })), `Factur-X EN 16931 PDF, cadre ${cadre}`, [
      { file: `works-${cadre.toLowerCase()}-facturx.pdf`, unreadable: false, facts: invoiceFacts('CII', { ...works, container: 'pdf', formatFamily: 'facturx-pdf', pdf: { encrypted: false, pageCount: 1, invoiceXmlName: 'factur-x.xml', invoiceXmlCandidates: ['factur-x.xml'], embeddedFiles: [{ name: 'factur-x.xml', afRelationship: 'Data', subtype: 'text/xml' }], xmp: { pdfaPart: 3, pdfaConformance: 'B', documentType: 'INVOICE', documentFileName: 'factur-x.xml', version: '1.0', conformanceLevel: 'EN 16931' } } }), diagnostics: [] },
    ]);
  }

  // UBL: cbc:ProfileID is BT-23 in EN 16931 terms, a profile identifier, never the cadre.
  write('peppol-profile-ubl.xml', ubl({ number: 'F-PEPPOL', profileId: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0' }), 'UBL with a Peppol cbc:ProfileID and no AIFE extension: cadre A1 by default', [
    { file: 'peppol-profile-ubl.xml', unreadable: false, facts: invoiceFacts('UBL', { number: 'F-PEPPOL', cadre: 'A1', cadreRaw: null, cadreSource: 'default', isWorks: false, businessProcess: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0' }), diagnostics: [] },
  ]);
  write('reform-billing-mode-ubl.xml', ubl({ number: 'F-S1', profileId: 'S1' }), 'UBL made for the 2026 reform: billing mode S1 in cbc:ProfileID, no AIFE extension', [
    { file: 'reform-billing-mode-ubl.xml', unreadable: false, facts: invoiceFacts('UBL', { number: 'F-S1', cadre: 'A1', cadreSource: 'default', businessProcess: 'S1' }), diagnostics: ['read/reform-billing-mode'] },
  ]);
  // BT-2 as AIFE's official samples write it (no format attribute), and a date naming no day.
  write('date-without-format-cii.xml', cii({ number: 'F-DATE', issueDate: '<udt:DateTimeString>20240215</udt:DateTimeString>' }), 'CII whose BT-2 has no format attribute (as in the official samples)', [
    { file: 'date-without-format-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'F-DATE', issueDate: '2024-02-15', issueDateRaw: '20240215' }), diagnostics: [] },
  ]);
  write('date-unreadable-cii.xml', cii({ number: 'F-BADDATE', issueDate: '<udt:DateTimeString format="102">20241345</udt:DateTimeString>' }), 'CII whose BT-2 names no calendar day (month 13)', [
    { file: 'date-unreadable-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'F-BADDATE', issueDate: null, issueDateRaw: '20241345' }), diagnostics: ['read/unreadable-date'] },
  ]);
  write('cadre-absent-cii.xml', cii({ number: 'F-ABSENT' }), 'CII without BT-23: cadre A1 by default', [
    { file: 'cadre-absent-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'F-ABSENT', cadre: 'A1', cadreRaw: null, cadreSource: 'default', isWorks: false }), diagnostics: [] },
  ]);
  write('cadre-empty-cii.xml', cii({ number: 'F-EMPTY', cadre: '' }), 'CII with an empty BT-23: cadre A1 by default', [
    { file: 'cadre-empty-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'F-EMPTY', cadre: 'A1', cadreRaw: '', cadreSource: 'default', isWorks: false }), diagnostics: [] },
  ]);
  write('cadre-in-bt24-cii.xml', cii({ number: 'F-BT24', guideline: 'A10' }), 'CII with the cadre A10 written in BT-24 (one exporter does this)', [
    { file: 'cadre-in-bt24-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'F-BT24', cadre: 'A10', cadreRaw: null, cadreSource: 'BT-24', isWorks: true, guideline: 'A10', profile: null }), diagnostics: ['read/cadre-in-bt24'] },
  ]);
  write('valideur-a9-cii.xml', cii({ number: 'F-A9', cadre: 'A9', valideur: true }), 'CII subcontractor invoice (A9) with a valideur (InvoiceeTradeParty)', [
    { file: 'valideur-a9-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'F-A9', cadre: 'A9', isWorks: false, hasValideur: true }), diagnostics: [] },
  ]);
  write('decimals-3-cii.xml', cii({ number: 'F-DEC', amountDecimals: 3 }), 'CII with amounts written with 3 decimals (unit prices with 4 are not amounts)', [
    { file: 'decimals-3-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'F-DEC', maxAmountDecimals: 3 }), diagnostics: [] },
  ]);

  // Mixed XML: the invoice image attached in base64 (domain notes §4: a ZIP holding the PDF).
  const zipped = zipNamed({ 'facture.pdf': imagePdf });
  write('mixed-cii-zip-attachment.xml', cii({ number: 'MIX-001', attachment: { name: 'facture.pdf', mime: 'application/pdf', base64: base64(zipped) } }),
    'Mixed CII: AttachmentBinaryObject declared application/pdf holding a base64 ZIP of the PDF', [
      { file: 'mixed-cii-zip-attachment.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'MIX-001', formatFamily: 'mixed-xml', attachments: [{ name: 'facture.pdf', declaredMime: 'application/pdf', size: zipped.length, sniffed: 'zip' }] }), diagnostics: [] },
    ]);
  write('mixed-ubl-pdf-attachment.xml', ubl({ number: 'MIX-002', attachment: { name: 'facture.pdf', mime: 'application/pdf', base64: base64(imagePdf).replace(/(.{76})/g, '$1\n') } }),
    'Mixed UBL: EmbeddedDocumentBinaryObject with the PDF in base64, wrapped at 76 columns', [
      { file: 'mixed-ubl-pdf-attachment.xml', unreadable: false, facts: invoiceFacts('UBL', { number: 'MIX-002', formatFamily: 'mixed-xml', attachments: [{ name: 'facture.pdf', declaredMime: 'application/pdf', size: imagePdf.length, sniffed: 'pdf' }] }), diagnostics: [] },
    ]);
  write('bad-base64-cii.xml', cii({ number: 'B64', attachment: { name: 'x.pdf', mime: 'application/pdf', base64: 'JVBERi0x*LjQK' } }), 'Attachment with a character outside the base64 alphabet', [
    { file: 'bad-base64-cii.xml', unreadable: false, facts: { syntax: 'CII', number: 'B64' }, diagnostics: ['read/attachment-bad-base64'] },
  ]);

  // Encodings.
  const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));
  write('iso-8859-1-cii.xml', latin1(cii({ number: 'ENC-LATIN1', buyerName: 'Société Générale' }, 'ISO-8859-1')), 'CII declared and encoded ISO-8859-1', [
    { file: 'iso-8859-1-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'ENC-LATIN1', buyerName: 'Société Générale' }), diagnostics: [] },
  ]);
  const utf16 = (s: string, le: boolean, bom: boolean): Uint8Array => {
    const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
    let o = 0;
    const put = (cu: number): void => { out[o++] = le ? cu & 0xff : cu >> 8; out[o++] = le ? cu >> 8 : cu & 0xff; };
    if (bom) put(0xfeff);
    for (let i = 0; i < s.length; i++) put(s.charCodeAt(i));
    return out;
  };
  write('utf-16le-bom-cii.xml', utf16(cii({ number: 'ENC-16LE', buyerName: 'Société Générale' }, 'UTF-16'), true, true), 'CII in UTF-16LE with BOM', [
    { file: 'utf-16le-bom-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'ENC-16LE', buyerName: 'Société Générale' }), diagnostics: [] },
  ]);
  write('utf-16be-bom-ubl.xml', utf16(ubl({ number: 'ENC-16BE', buyerName: 'Société Générale' }).replace('encoding="UTF-8"', 'encoding="UTF-16"'), false, true), 'UBL in UTF-16BE with BOM', [
    { file: 'utf-16be-bom-ubl.xml', unreadable: false, facts: invoiceFacts('UBL', { number: 'ENC-16BE', buyerName: 'Société Générale' }), diagnostics: [] },
  ]);
  write('utf-16le-nobom-cii.xml', utf16(cii({ number: 'ENC-16NB' }, 'UTF-16'), true, false), 'CII in UTF-16LE without BOM (detected from the <? pattern)', [
    { file: 'utf-16le-nobom-cii.xml', unreadable: false, facts: invoiceFacts('CII', { number: 'ENC-16NB' }), diagnostics: [] },
  ]);
  write('utf-8-bom-ubl.xml', new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(ubl({ number: 'ENC-BOM' }))]), 'UBL in UTF-8 with BOM', [
    { file: 'utf-8-bom-ubl.xml', unreadable: false, facts: invoiceFacts('UBL', { number: 'ENC-BOM' }), diagnostics: [] },
  ]);
  write('mis-encoded-latin1-as-utf8.xml', latin1(cii({ number: 'ENC-BAD', buyerName: 'Société Générale' })), 'Declared UTF-8 but written in ISO-8859-1 (é as byte E9)', [
    { file: 'mis-encoded-latin1-as-utf8.xml', unreadable: true, facts: { container: 'xml' }, diagnostics: ['read/xml-bad-encoding'] },
  ]);
  write('unsupported-encoding.xml', enc.encode(cii({ number: 'ENC-EBCDIC' }, 'EBCDIC-CP-FR')), 'Declares an encoding the reader does not support', [
    { file: 'unsupported-encoding.xml', unreadable: true, facts: { container: 'xml' }, diagnostics: ['read/xml-unsupported-encoding'] },
  ]);

  // Truncated files.
  const full = cii({ number: 'TRUNC' });
  write('truncated-cii.xml', full.slice(0, Math.floor(full.length / 2)), 'CII cut in the middle (an interrupted upload)', [
    { file: 'truncated-cii.xml', unreadable: true, facts: { syntax: 'CII', number: 'TRUNC' }, diagnostics: ['read/xml-truncated'] },
  ]);
  const pdf = facturX(cii({ number: 'TRUNC-PDF' }));
  write('truncated-facturx.pdf', pdf.subarray(0, 600), 'Factur-X PDF cut after 600 bytes', [
    { file: 'truncated-facturx.pdf', unreadable: true, facts: { container: 'pdf' }, diagnostics: ['read/pdf-broken'] },
  ]);

  // Hostile XML.
  write('doctype-entities.xml', `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"><rsm:ExchangedDocument>&lol2;&xxe;</rsm:ExchangedDocument></rsm:CrossIndustryInvoice>
`, 'Entity expansion and external entity declared in a DTD: never expanded', [
    { file: 'doctype-entities.xml', unreadable: true, facts: { syntax: 'CII' }, diagnostics: ['read/xml-doctype', 'read/xml-not-well-formed'] },
  ]);
  write('xinclude.xml', cii({ number: 'XI' }).replace('<ram:ApplicableHeaderTradeDelivery/>', '<ram:ApplicableHeaderTradeDelivery><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="http://example.invalid/x.xml"/></ram:ApplicableHeaderTradeDelivery>'),
    'CII with an XInclude element: never resolved', [
      { file: 'xinclude.xml', unreadable: false, facts: { syntax: 'CII', number: 'XI' }, diagnostics: ['read/xml-xinclude'] },
    ]);

  // Non-invoice inputs.
  write('empty.xml', '', 'An empty file', [{ file: 'empty.xml', unreadable: true, facts: { container: 'unknown' }, diagnostics: ['read/unrecognised-content'] }]);
  write('not-xml.json', '{"invoice": 1}\n', 'JSON text with an invoice-like name', [{ file: 'not-xml.json', unreadable: true, facts: { container: 'unknown' }, diagnostics: ['read/unrecognised-content'] }]);
  write('image.png.xml', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'PNG bytes behind an .xml name', [
    { file: 'image.png.xml', unreadable: true, facts: { container: 'unknown' }, diagnostics: ['read/unrecognised-content'] },
  ]);

  // PDFs.
  write('facturx-xmp-attributes.pdf', facturX(cii({ number: 'XMP-ATTR' }), { attributeForm: true, compressXmp: true }), 'Factur-X with the XMP extension fields in attribute form, XMP stream Flate-compressed', [
    { file: 'facturx-xmp-attributes.pdf', unreadable: false, facts: { number: 'XMP-ATTR', formatFamily: 'facturx-pdf', pdf: { xmp: { pdfaPart: 3, documentType: 'INVOICE', documentFileName: 'factur-x.xml', conformanceLevel: 'EN 16931', extensionNamespace: 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#' } } }, diagnostics: [] },
  ]);
  write('facturx-two-invoice-xml.pdf', facturX(cii({ number: 'TWO-FX' }), { extra: [{ name: 'zugferd-invoice.xml', bytes: enc.encode(cii({ number: 'TWO-ZF' })), subtype: 'text/xml', afRelationship: 'Alternative' }] }),
    'PDF holding both factur-x.xml and zugferd-invoice.xml: factur-x.xml is read, with a warning', [
      { file: 'facturx-two-invoice-xml.pdf', unreadable: false, facts: { number: 'TWO-FX', formatFamily: 'facturx-pdf', pdf: { invoiceXmlName: 'factur-x.xml', invoiceXmlCandidates: ['factur-x.xml', 'zugferd-invoice.xml'] } }, diagnostics: ['read/pdf-several-invoice-xml'] },
    ]);
  write('facturx-with-attachment.pdf', facturX(cii({ number: 'FX-ATT' }), { extra: [{ name: 'bon-de-livraison.pdf', bytes: imagePdf, subtype: 'application/pdf', afRelationship: 'Supplement' }] }),
    'Factur-X with a supplementary PDF attached', [
      { file: 'facturx-with-attachment.pdf', unreadable: false, facts: { number: 'FX-ATT', formatFamily: 'facturx-pdf', attachments: [{ name: 'bon-de-livraison.pdf', declaredMime: 'application/pdf', size: imagePdf.length, sniffed: 'pdf' }] }, diagnostics: [] },
    ]);
  write('plain.pdf', imagePdf, 'A PDF without invoice XML (plain PDF, Chorus OCR route)', [
    { file: 'plain.pdf', unreadable: false, facts: { container: 'pdf', syntax: 'unknown', formatFamily: 'plain-pdf', pdf: { embeddedFiles: [], invoiceXmlName: null, xmp: null } }, diagnostics: ['read/pdf-no-invoice-xml'] },
  ]);
  write('password.pdf', facturX(cii({ number: 'PWD' }), { userPassword: 'secret' }), 'Factur-X PDF protected by a user password', [
    { file: 'password.pdf', unreadable: true, facts: { container: 'pdf', pdf: { encrypted: true } }, diagnostics: ['read/pdf-encrypted'] },
  ]);

  // Batches.
  const members: Array<[string, Uint8Array]> = [
    ['FSO1100A_XXX999_XXX9991100000000000000001.xml', enc.encode(ubl({ number: 'LOT-1', cadre: 'A1' }))],
    ['FSO1100A_XXX999_XXX9991100000000000000002.xml', enc.encode(cii({ number: 'LOT-2', cadre: 'A4' }))],
    ['notes.txt', enc.encode('not an invoice\n')],
    ['FSO1100A_XXX999_XXX9991100000000000000003.xml', enc.encode(cii({ number: 'LOT-3' }).slice(0, 700))],
  ];
  write('batch.tar.gz', gzip(tar(members)), 'tar.gz of two invoices, a text file and a truncated invoice (EDI batch)', [
    { file: `batch.tar.gz!/${members[0]![0]}`, unreadable: false, facts: { container: 'tar.gz', syntax: 'UBL', number: 'LOT-1', cadre: 'A1' }, diagnostics: [] },
    { file: `batch.tar.gz!/${members[1]![0]}`, unreadable: false, facts: { container: 'tar.gz', syntax: 'CII', number: 'LOT-2', cadre: 'A4', isWorks: true }, diagnostics: [] },
    { file: 'batch.tar.gz!/notes.txt', unreadable: true, facts: { container: 'tar.gz' }, diagnostics: ['read/unrecognised-content'] },
    { file: `batch.tar.gz!/${members[3]![0]}`, unreadable: true, facts: { container: 'tar.gz', syntax: 'CII' }, diagnostics: ['read/xml-truncated'] },
  ]);
  write('batch.zip', zipNamed({
    'a/invoice-ubl.xml': enc.encode(ubl({ number: 'ZIP-1', cadre: 'A13' })),
    'b/facturx.pdf': facturX(cii({ number: 'ZIP-2', cadre: 'A22' })),
    'inner.zip': zipNamed({ 'nested.xml': enc.encode(cii({ number: 'ZIP-3' })) }),
    'logo.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  }), 'zip batch: UBL, Factur-X PDF, a nested zip and an image', [
    { file: 'batch.zip!/a/invoice-ubl.xml', unreadable: false, facts: { container: 'zip', syntax: 'UBL', number: 'ZIP-1', cadre: 'A13', isWorks: true }, diagnostics: [] },
    { file: 'batch.zip!/b/facturx.pdf', unreadable: false, facts: { container: 'zip', syntax: 'CII', number: 'ZIP-2', cadre: 'A22', formatFamily: 'facturx-pdf' }, diagnostics: [] },
    { file: 'batch.zip!/inner.zip!/nested.xml', unreadable: false, facts: { container: 'zip', syntax: 'CII', number: 'ZIP-3' }, diagnostics: [] },
    { file: 'batch.zip!/logo.png', unreadable: true, facts: { container: 'zip' }, diagnostics: ['read/unrecognised-content'] },
  ]);
  write('batch-unsafe-names.zip', zip([
    ['../x1', enc.encode(ubl({ number: 'U-1' }))],
    ['/abs1', enc.encode(ubl({ number: 'U-2' }))],
    ['dup01', enc.encode(ubl({ number: 'U-3' }))],
    ['dup01', enc.encode(ubl({ number: 'U-4' }))],
  ]), 'zip whose members have a parent path, an absolute path and a duplicate name', [
    { file: 'batch-unsafe-names.zip!/../x1', unreadable: false, facts: { number: 'U-1' }, diagnostics: ['read/archive-unsafe-name', 'read/archive-unsafe-name', 'read/archive-duplicate-name'] },
    { file: 'batch-unsafe-names.zip!//abs1', unreadable: false, facts: { number: 'U-2' }, diagnostics: [] },
    { file: 'batch-unsafe-names.zip!/dup01', unreadable: false, facts: { number: 'U-3' }, diagnostics: [] },
    { file: 'batch-unsafe-names.zip!/dup01', unreadable: false, facts: { number: 'U-4' }, diagnostics: [] },
  ]);
  write('empty.zip', zipNamed({}), 'A zip with no member', [
    { file: 'empty.zip', unreadable: true, facts: { container: 'zip' }, diagnostics: ['read/archive-empty'] },
  ]);
  write('invoice.xml.gz', gzip(enc.encode(cii({ number: 'GZ-1' }))), 'One gzip-compressed CII invoice', [
    { file: 'invoice.xml.gz!/invoice.xml', unreadable: false, facts: { container: 'gzip', syntax: 'CII', number: 'GZ-1' }, diagnostics: [] },
  ]);
  const tgz = gzip(tar(members.slice(0, 2)));
  write('truncated-batch.tar.gz', tgz.subarray(0, Math.floor(tgz.length * 0.6)), 'tar.gz cut short: the complete first member is still read', [
    { file: 'truncated-batch.tar.gz', unreadable: true, facts: { container: 'tar.gz' }, diagnostics: ['read/archive-corrupt'] },
    { file: `truncated-batch.tar.gz!/${members[0]![0]}`, unreadable: false, facts: { container: 'tar.gz', syntax: 'UBL', number: 'LOT-1' }, diagnostics: [] },
  ]);

  writeFileSync(join(OUT, 'expected.json'), JSON.stringify({ $comment: 'Written by scripts/make-fixtures.ts from the parameters each fixture was built with: do not edit by hand.', files: expected }, null, 2) + '\n');
  process.stdout.write(`${Object.keys(expected).length} fixtures written to ${OUT}\n`);
}

main();
