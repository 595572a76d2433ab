/**
 * The well-formed inputs mutations start from: small invoices built here (UBL, CII, mixed
 * XML, Factur-X-like PDF, archives) plus every small file under `fixtures/`, when there.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { TINY_UBL, buildTar, facturxPdf, plainPdf } from '../helpers/build/index.js';

/** One seed: a display name and its bytes. */
export interface Seed {
  name: string;
  bytes: Uint8Array;
}

/** A small CII (Factur-X EN 16931) invoice with a cadre and party identifiers. */
export const TINY_CII = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>A9</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>FA-2026-001</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20260115</udt:DateTimeString></ram:IssueDateTime>
    <ram:IncludedNote><ram:Content>Travaux — situation n°1 é</ram:Content></ram:IncludedNote>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:BuyerReference>SERVICE1</ram:BuyerReference>
      <ram:SellerTradeParty><ram:Name>Vendeur</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">123456789</ram:ID></ram:SpecifiedLegalOrganization></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>Acheteur public</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0009">11000201100044</ram:ID></ram:SpecifiedLegalOrganization></ram:BuyerTradeParty>
      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>EJ-42</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>30</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:GrandTotalAmount>120.00</ram:GrandTotalAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
`;

/** A UBL invoice carrying a small base64 PDF attachment (mixed XML). */
export function mixedUbl(): string {
  const pdf = Buffer.from(plainPdf())
    .toString('base64')
    .replace(/(.{76})/g, '$1\n');
  return TINY_UBL.replace(
    '</Invoice>',
    `  <cac:AdditionalDocumentReference><cbc:ID>PJ1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="pj.pdf">${pdf}</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>\n</Invoice>`,
  );
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const SEED_EXTENSIONS = /\.(xml|pdf|zip|gz|tgz)$/i;

function walk(dir: string, out: string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (SEED_EXTENSIONS.test(e)) out.push(p);
  }
}

/** The built-in seeds: independent of anything on disk. */
export function builtinSeeds(): Seed[] {
  const ubl = strToU8(TINY_UBL);
  const cii = strToU8(TINY_CII);
  return [
    { name: 'ubl.xml', bytes: ubl },
    { name: 'cii.xml', bytes: cii },
    { name: 'mixed.xml', bytes: strToU8(mixedUbl()) },
    { name: 'facturx.pdf', bytes: facturxPdf(cii) },
    { name: 'plain.pdf', bytes: plainPdf() },
    { name: 'batch.zip', bytes: zipSync({ 'a.xml': ubl, 'b.xml': cii }) },
    {
      name: 'batch.tar.gz',
      bytes: gzipSync(
        buildTar([
          { name: 'a.xml', data: ubl },
          { name: 'b.xml', data: cii },
        ]),
      ),
    },
    { name: 'invoice.xml.gz', bytes: gzipSync(cii) },
  ];
}

/** The XML, PDF and archive files under `root` of at most `maxBytes`, in a stable order. */
export function seedsUnder(root: string, maxBytes: number): Seed[] {
  const files: string[] = [];
  walk(root, files);
  return files
    .filter((f) => statSync(f).size <= maxBytes)
    .map((f) => ({ name: relative(root, f).replaceAll('\\', '/'), bytes: new Uint8Array(readFileSync(f)) }));
}

/** The files under `fixtures/` of at most `maxBytes` (none when the folder is empty). */
export function fixtureSeeds(maxBytes = 2 * 1024 * 1024): Seed[] {
  return seedsUnder(FIXTURES, maxBytes);
}

/** Every seed: built-in first, then fixtures. */
export function allSeeds(maxBytes?: number): Seed[] {
  return [...builtinSeeds(), ...fixtureSeeds(maxBytes)];
}
