/**
 * Child process of bench/suites/read.ts (plain JavaScript so that it runs under plain node
 * against the built core): builds a 100 MB XML invoice, mostly one base64 attachment, in
 * place, reads it once with `readDeposit` from CORE_ENTRY and prints one JSON line with the
 * RSS after loading the modules, after building the input, the peak, and the result.
 */
const MB = 1024 * 1024;
const { readDeposit } = await import(process.env.CORE_ENTRY);
globalThis.gc?.();
const rssModules = process.memoryUsage().rss;
const enc = new TextEncoder();
const head = enc.encode(`<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
<rsm:ExchangedDocument><ram:ID>BIG-1</ram:ID><ram:TypeCode>380</ram:TypeCode></rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement><ram:AdditionalReferencedDocument>
<ram:AttachmentBinaryObject mimeCode="application/pdf" filename="big.pdf">JVBERi0xLjcK`);
const tail = enc.encode(
  '</ram:AttachmentBinaryObject></ram:AdditionalReferencedDocument></ram:ApplicableHeaderTradeAgreement></rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>\n',
);
const body = 100 * MB - head.length - tail.length;
const bytes = new Uint8Array(head.length + body + tail.length);
bytes.set(head);
// Base64 lines of 76 characters, as MIME writers wrap them.
const line = enc.encode('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n');
for (let o = 0; o < body; o += line.length) bytes.set(line.subarray(0, Math.min(line.length, body - o)), head.length + o);
bytes.set(tail, head.length + body);
globalThis.gc?.();
const before = process.memoryUsage().rss;
const t0 = performance.now();
const docs = await readDeposit({ name: 'big.xml', bytes });
const ms = performance.now() - t0;
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  JSON.stringify({
    inputBytes: bytes.length,
    rssModules,
    rssBeforeRead: before,
    peakRss: peak,
    ms,
    attachmentSize: docs[0]?.facts.attachments[0]?.size ?? null,
    diagnostics: docs[0]?.diagnostics.map((d) => d.ruleId) ?? [],
  }) + '\n',
);
