/**
 * `maxTextLength` outside the elements whose text is read: the reader does not ask saxes for
 * that text, measures the characters between tags instead, and reads the document again with
 * all text when they may exceed the limit. These cases pin that the outcome is that of a
 * reader seeing every text node: the same diagnostic at the same place, and no diagnostic when
 * only the raw characters (entities, CRLF, markup) are over the limit.
 */
import { describe, expect, it } from 'vitest';
import { readDeposit } from '../../../packages/core/src/index.js';

const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const RAM_NS = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const enc = new TextEncoder();

/** A CII invoice with `inner` between its number and its payment means code. */
const cii = (inner: string, after = ''): string =>
  `<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}" xmlns:ram="${RAM_NS}">\n` +
  '<rsm:ExchangedDocument><ram:ID>INV-1</ram:ID></rsm:ExchangedDocument>\n' +
  `${inner}\n` +
  '<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode></ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>\n' +
  `</rsm:CrossIndustryInvoice>${after}`;

const read = async (xml: string, maxTextLength: number) => {
  const [doc] = await readDeposit({ name: 'inv.xml', bytes: enc.encode(xml) }, { limits: { maxTextLength } });
  return doc!;
};

// Longer than any tag of `cii`, so that only the text under test can reach it.
const LIMIT = 400;
// 42 raw characters per line, 9 once decoded (CRLF is one line feed): 360 over 40 lines.
const ENTITY_LINES = `${'&amp;&lt;&gt;&quot;'.repeat(2)}\r\n`.repeat(40);

describe('maxTextLength on text no fact reads', () => {
  it('is not reached by raw characters that decode to fewer (entities, CRLF)', async () => {
    const doc = await read(cii(`<rsm:Note>${ENTITY_LINES}${'x'.repeat(LIMIT - 360)}</rsm:Note>`), LIMIT);
    expect(doc.diagnostics.map((d) => d.ruleId)).toEqual([]);
    expect(doc.facts.number).toBe('INV-1');
    expect(doc.facts.currency).toBe('EUR');
  });

  it('is reached by one character more, located where the text ends', async () => {
    const doc = await read(cii(`<rsm:Note>${ENTITY_LINES}${'x'.repeat(LIMIT - 359)}</rsm:Note>`), LIMIT);
    expect(doc.unreadable).toBe(true);
    expect(doc.diagnostics).toHaveLength(1);
    expect(doc.diagnostics[0]).toMatchObject({
      ruleId: 'limit/maxTextLength',
      actual: LIMIT + 1,
      expected: LIMIT,
      location: { file: 'inv.xml', line: 43, column: 42 },
    });
    // Facts before the text are read; the reader stops at the text.
    expect(doc.facts.number).toBe('INV-1');
    expect(doc.facts.currency).toBeNull();
  });

  it('is reported before a well-formedness error that follows the text', async () => {
    const doc = await read(cii(`<rsm:Note>${'y'.repeat(LIMIT + 50)}<!-- a -- b --></rsm:Note>`), LIMIT);
    expect(doc.diagnostics.map((d) => d.ruleId)).toEqual(['limit/maxTextLength']);
  });

  it('counts blanks after the root element', async () => {
    const doc = await read(cii('', ' '.repeat(LIMIT + 10)), LIMIT);
    expect(doc.diagnostics.map((d) => d.ruleId)).toEqual(['limit/maxTextLength']);
  });

  it('is not reached by long markup between short texts', async () => {
    const long = 'z'.repeat(2 * LIMIT);
    const doc = await read(cii(`<rsm:Note a="${long}">short</rsm:Note><!--${long}--><?pi ${long}?>`), LIMIT);
    expect(doc.diagnostics.map((d) => d.ruleId)).toEqual([]);
    expect(doc.facts.currency).toBe('EUR');
  });
});
