// The one cleaning of a deposit context: what precheck, the CLI and the server read the user's
// syntaxe, interface code and EDI file name as.
import { describe, expect, it } from 'vitest';
import { interfaceOrFileName, normaliseContext } from '../../../packages/core/src/facts/deposit-context.js';

describe('normaliseContext', () => {
  it.each([
    [
      { channel: 'API', syntaxe: '  ', interfaceCode: 'FSO1130A' },
      { channel: 'API', interfaceCode: 'FSO1130A' },
    ],
    [
      { channel: 'PORTAIL', syntaxe: ' IN_DP_E1_UBL_INVOICE\t' },
      { channel: 'PORTAIL', syntaxe: 'IN_DP_E1_UBL_INVOICE' },
    ],
    [
      { channel: 'EDI', interfaceCode: ' fso1100a ' },
      { channel: 'EDI', interfaceCode: 'FSO1100A' },
    ],
    [
      { channel: 'EDI', ediFileName: ' FSO1130A_XXX999_XXX9991130000000000000001 ' },
      { channel: 'EDI', interfaceCode: 'FSO1130A', ediFileName: 'FSO1130A_XXX999_XXX9991130000000000000001' },
    ],
    [
      { channel: 'EDI', ediFileName: 'facture.xml' },
      { channel: 'EDI', ediFileName: 'facture.xml' },
    ],
    [{ syntaxe: '', interfaceCode: ' ', ediFileName: '' }, {}],
    [
      { space: 'factures', release: '3.8.1', depositDate: '2024-01-02' },
      { space: 'factures', release: '3.8.1', depositDate: '2024-01-02' },
    ],
  ] as const)('%j → %j', (given, expected) => {
    expect(normaliseContext(given)).toEqual(expected);
    expect(normaliseContext(normaliseContext(given))).toEqual(expected);
  });

  it('takes the deposit file name as the EDI file name only in EDI without an interface code or EDI name', () => {
    expect(normaliseContext({ channel: 'EDI' }, 'fso1137a_XXX999_x.pdf')).toEqual({
      channel: 'EDI',
      ediFileName: 'fso1137a_XXX999_x.pdf',
      interfaceCode: 'FSO1137A',
    });
    expect(normaliseContext({ channel: 'EDI', ediFileName: '  ' }, 'FSO1100A_a.xml')).toEqual({
      channel: 'EDI',
      ediFileName: 'FSO1100A_a.xml',
      interfaceCode: 'FSO1100A',
    });
    expect(normaliseContext({ channel: 'EDI', interfaceCode: 'FSO1100A' }, 'FSO1137A_a.pdf')).toEqual({ channel: 'EDI', interfaceCode: 'FSO1100A' });
    expect(normaliseContext({ channel: 'API' }, 'FSO1137A_a.pdf')).toEqual({ channel: 'API' });
  });
});

describe('interfaceOrFileName', () => {
  it.each([
    ['fso1130a', { interfaceCode: 'FSO1130A' }],
    [' FSO1130A ', { interfaceCode: 'FSO1130A' }],
    ['FSO1130A_XXX999_XXX9991130000000000000001', { ediFileName: 'FSO1130A_XXX999_XXX9991130000000000000001' }],
    [' facture.xml ', { ediFileName: 'facture.xml' }],
  ] as const)('%j → %j', (value, expected) => expect(interfaceOrFileName(value)).toEqual(expected));
});
