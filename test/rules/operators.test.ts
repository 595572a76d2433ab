import { describe, expect, it } from 'vitest';
import { isValidSiret } from '../../packages/core/src/rules/operators/valid-siret.js';
import { CUSTOM_OPERATORS } from '../../packages/core/src/rules/operators/index.js';
import { decimalsOf } from '../../packages/core/src/rules/operators/decimals-at-most.js';
import { getCatalogue } from '../../packages/core/src/catalogue/catalogue.js';
import { editDistance, nearest } from '../../packages/core/src/catalogue/nearest.js';
import { parseEdiFileName } from '../../packages/core/src/catalogue/edi.js';

const op = (name: string) => CUSTOM_OPERATORS[name]!.create({ catalogue: getCatalogue() });

describe('validSiret', () => {
  it.each([
    ['11000201100044', true],
    ['11000201100045', false],
    ['1100020110004', false],
    ['1100020110004A', false],
    ['110 002 011 00044', true],
    ['35600000049837', true],
    ['35600000049838', false],
    // Luhn-valid but La Poste: only the digit-sum rule counts.
    ['35600000000018', false],
  ])('%s → %s', (siret, ok) => expect(isValidSiret(siret)).toBe(ok));
  it('compares with the rule value', () => {
    expect(op('validSiret')('11000201100044', true)).toBe(true);
    expect(op('validSiret')(null, true)).toBe(false);
    expect(op('validSiret')('11000201100045', false)).toBe(true);
  });
});

describe('operators', () => {
  it('maxLength counts characters, not bytes', () => {
    expect(op('maxLength')('é'.repeat(20), 20)).toBe(true);
    expect(op('maxLength')('x'.repeat(21), 20)).toBe(false);
    expect(op('maxLength')(null, 20)).toBe(false);
  });
  it('matches', () => {
    expect(op('matches')('a@b.fr', '^[^@]+@[^@]+\\.[a-z]+$')).toBe(true);
    expect(op('matches')(42, '.')).toBe(false);
  });
  it('decimalsAtMost takes counts and amounts', () => {
    expect(decimalsOf('12.340')).toBe(3);
    expect(decimalsOf('12')).toBe(0);
    expect(op('decimalsAtMost')(2, 2)).toBe(true);
    expect(op('decimalsAtMost')('1.005', 2)).toBe(false);
    expect(op('decimalsAtMost')(null, 2)).toBe(false);
  });
  it('dateNotAfter compares calendar dates', () => {
    expect(op('dateNotAfter')('2024-02-01', '2024-02-01')).toBe(true);
    expect(op('dateNotAfter')('2024-02-01T23:00:00+02:00', '2024-02-01')).toBe(true);
    expect(op('dateNotAfter')('2024-02-02', '2024-02-01')).toBe(false);
    expect(op('dateNotAfter')('garbage', '2024-02-01')).toBe(false);
  });
  it('inCatalogue reads the catalogue lists', () => {
    expect(op('inCatalogue')('A25', 'cadres')).toBe(true);
    expect(op('inCatalogue')('S1', 'cadres')).toBe(false);
    expect(op('inCatalogue')('751', 'typeCodes')).toBe(false);
    expect(op('inCatalogue')('A12', 'cadresRequiringValideur')).toBe(true);
  });
  it('everyIn', () => {
    expect(op('everyIn')(['Data', 'Source'], ['Data', 'Source', 'Alternative'])).toBe(true);
    expect(op('everyIn')(['Unspecified'], ['Data'])).toBe(false);
  });
  it('check the values written in rule files', () => {
    expect(CUSTOM_OPERATORS.maxLength!.checkValue('20')).not.toBeNull();
    expect(CUSTOM_OPERATORS.inCatalogue!.checkValue('flows')).not.toBeNull();
    expect(CUSTOM_OPERATORS.matches!.checkValue('(')).not.toBeNull();
    expect(CUSTOM_OPERATORS.everyIn!.checkValue(['x'])).toBeNull();
  });
});

describe('catalogue lookups', () => {
  const c = getCatalogue();
  it.each([
    ['IN_DP_E1_UBL_INVOICE', 'real', 'FSO1100A', null],
    ['IN_DP_E2_CII_16B', 'alias', 'FSO1116A', 'IN_DP_E2_CII_MIN_16B'],
    ['IN_DP_E1_FACTURX', 'known-wrong', null, 'IN_DP_E2_CII_FACTURX'],
    ['IN_DP_E1_UBL_201', 'known-wrong', null, 'IN_DP_E1_UBL_INVOICE'],
    ['IN_DP_E2_CII_FACTURX_B2B', 'b2b-defect', null, 'IN_DP_E2_CII_FACTURX'],
    ['IN_DP_E5_CII_FACTURX', 'real', 'FSO1137A', null],
    ['IN_DP_E4_UBL_INVOCE', 'unknown', null, 'IN_DP_E4_UBL_INVOICE'],
  ])('%s is %s', (value, status, flow, suggestion) => {
    const r = c.lookupSyntaxe(value);
    expect([r.status, r.flow?.code ?? null, r.suggestion]).toEqual([status, flow, suggestion]);
  });
  // Unknown is not wrong: only a known wrong value or a near miss of a confirmed value is an
  // error; a value in the works-flow types whose values are unpublished may be a real one.
  it.each([
    ['IN_DP_E1_FACTURX', '3.8.1', true],
    ['IN_DP_E2_UBL_INVOCE_MIN', '3.8.1', true],
    ['IN_DP_E1_CII_MIN', '3.8.1', true],
    ['IN-DP-E1-UBL-INVOICE', '3.8.1', true],
    ['IN_DP_E4_UBL_INVOCE', '3.8.1', false],
    ['IN_DP_E5_UBL_INVOICE', '3.8.1', false],
    ['IN_DP_E4_UBL_INVOICE_MIN', '3.8.1', false],
    ['SOMETHING_ELSE', '3.8.1', false],
    ['IN_DP_E1_UBL_INVOICE', '3.8.1', false],
    ['IN_DP_E2_CII_FACTURX_B2B', '3.8.1', false],
    ['IN_DP_E4_UBL_INVOICE', '3.8.0', true],
  ])('%s at %s is a near miss: %s', (value, release, nearMiss) => {
    expect(getCatalogue({ release }).lookupSyntaxe(value).nearMiss).toBe(nearMiss);
  });
  it('lists the flows whose syntaxe is unconfirmed, and says when a suggestion is itself inferred', () => {
    expect(c.unconfirmedSyntaxeFlows).toEqual(['FSO1130A', 'FSO1131A', 'FSO1137A']);
    expect(getCatalogue({ release: '3.8.0' }).unconfirmedSyntaxeFlows).toEqual([]);
    expect(c.lookupSyntaxe('IN_DP_E5_CII_FACTURX_B2B')).toMatchObject({
      status: 'b2b-defect',
      suggestion: 'IN_DP_E5_CII_FACTURX',
      suggestionProvisional: true,
    });
    expect(c.lookupSyntaxe('IN_DP_E2_CII_FACTURX_B2B')).toMatchObject({ suggestion: 'IN_DP_E2_CII_FACTURX', suggestionProvisional: false });
    const overlaid = getCatalogue({ overlay: { flows: [{ code: 'FSO1130A', syntaxe: 'IN_DP_E4_UBL_INVOICE_TRAVAUX' }] } });
    expect(overlaid.unconfirmedSyntaxeFlows).toEqual(['FSO1131A', 'FSO1137A']);
  });
  it('marks inferred values provisional', () => {
    expect(c.flow('FSO1130A')!.provisional).toEqual(['syntaxe']);
    expect(c.flow('FSO1106A')!.provisional).toEqual(['code']);
    expect(c.flow('FSO1100A')!.provisional).toEqual([]);
    expect(c.cadre('A5')!.provisional).toBe(true);
    expect(c.cadre('A4')!.provisional).toBe(false);
  });
  it('nearest and EDI names', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearest('FSO1103A', ['FSO1100A', 'FSO1130A'])).toBe('FSO1100A');
    expect(parseEdiFileName('FSO1100A_XXX999_XXX9991100000000000000001')).toEqual({
      interfaceCode: 'FSO1100A',
      senderApp: 'XXX999',
      sequence: '000000000000001',
    });
    expect(parseEdiFileName('FSO1100A_XXX999.xml')).toBeNull();
  });
});
