import { describe, expect, it } from 'vitest';
import { messageOf, parseEngineMessage } from './findings.js';
import { businessTermOf } from './business-terms.js';

const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const UDT = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100';

describe('parseEngineMessage: libxml2 schema errors by kind', () => {
  it.each([
    [
      `Element '{${CAC}}InvoiceLine': Missing child element(s). Expected is ( {${CBC}}ID ).`,
      'missing-element',
      ['cbc:ID'],
      'A required element is missing in cac:InvoiceLine: cbc:ID expected.',
    ],
    [`Element '{${CAC}}Foo': This element is not expected.`, 'unexpected-element', [], 'Element cac:Foo is not expected here.'],
    [
      `Element '{${UDT}}DateTimeString': The attribute 'format' is required but missing.`,
      'missing-attribute',
      [],
      'The required attribute format is missing on udt:DateTimeString.',
    ],
    [`Element '{${CBC}}ID', attribute 'bogus': The attribute 'bogus' is not allowed.`, 'unexpected-attribute', [], 'Attribute bogus is not allowed on cbc:ID.'],
    [
      `Element '{${CBC}}IssueDate': '2024-13-45' is not a valid value of the atomic type 'xs:date'.`,
      'invalid-value',
      [],
      'The value "2024-13-45" of cbc:IssueDate is not allowed by its type.',
    ],
    [
      `Element '{${CBC}}Amount': [facet 'pattern'] The value 'x' is not accepted by the pattern '[0-9]+'.`,
      'invalid-value',
      [],
      'The value "x" of cbc:Amount is not allowed by its type.',
    ],
    [
      `Element 'Invoice': No matching global declaration available for the validation root.`,
      'root-not-declared',
      [],
      'The root element Invoice is not declared by this schema.',
    ],
    [
      `Element '{${CAC}}Party': Character content other than whitespace is not allowed because the content type is 'element-only'.`,
      'invalid-content',
      [],
      'The content of cac:Party is not what the schema allows.',
    ],
    ['Something libxml2 says that we do not classify.', 'other', [], 'The document does not follow the schema (see the detail).'],
  ])('%s', (message, kind, expected, en) => {
    const p = parseEngineMessage(message, false);
    expect(p.kind).toBe(kind);
    expect(p.expected).toEqual(expected);
    const m = messageOf(p);
    expect(m.en.charAt(0).toUpperCase() + m.en.slice(1)).toBe(en);
    expect(m.fr).not.toMatch(/undefined|null|\{/);
  });

  it('a parse error is "not well-formed", whatever its text', () => {
    expect(parseEngineMessage('Opening and ending tag mismatch', true).kind).toBe('not-well-formed');
  });

  it('long lists of expected elements are cut', () => {
    const names = Array.from({ length: 10 }, (_, i) => `{${CBC}}N${i}`).join(', ');
    const m = messageOf(parseEngineMessage(`Element '{${CAC}}X': This element is not expected. Expected is one of ( ${names} ).`, false));
    expect(m.en).toBe('element cac:X is not expected here (expected: cbc:N0, cbc:N1, cbc:N2, …).');
  });
});

describe('businessTermOf', () => {
  it.each([
    ['/ubl:Invoice[1]/cbc:IssueDate[1]', null, null, 'BT-2'],
    ['/ubl:Invoice[1]', 'cac:AccountingSupplierParty', null, 'BG-4'],
    [
      '/rsm:CrossIndustryInvoice[1]/rsm:SupplyChainTradeTransaction[1]/ram:ApplicableHeaderTradeSettlement[1]',
      null,
      'ram:ApplicableHeaderTradeDelivery',
      'BG-13',
    ],
    ['/ubl:Invoice[1]/cac:Signature[1]', null, null, null],
  ])('%s (%s, %s) → %s', (xpath, child, sibling, bt) => {
    expect(businessTermOf(xpath, child, sibling)).toBe(bt);
  });
});
