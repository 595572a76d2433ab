import type { Facts } from '../facts/facts.js';

/**
 * The facts of a well-formed, simple UBL invoice to the State (cadre A1, structured XML): the
 * defaults that rule examples override. Every example states only what differs from this.
 */
export function defaultExampleFacts(): Facts {
  return {
    container: 'xml',
    syntax: 'UBL',
    document: 'Invoice',
    rootNamespace: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
    number: 'F2024-0001',
    issueDate: '2024-02-01',
    issueDateRaw: '2024-02-01',
    typeCode: '380',
    currency: 'EUR',
    buyerReference: null,
    purchaseOrder: null,
    businessProcess: null,
    cadreRaw: null,
    cadre: 'A1',
    cadreSource: 'default',
    isWorks: false,
    guideline: 'urn:cen.eu:en16931:2017',
    profile: 'EN 16931',
    formatFamily: 'structured-xml',
    sellerId: { value: '35600000049837', scheme: '0009' },
    buyerId: { value: '11000201100044', scheme: '0009' },
    buyerName: 'Etat',
    hasValideur: false,
    maxAmountDecimals: 2,
    paymentMeansCodes: ['30'],
    attachments: [],
    pdf: null,
    schema: { name: 'ubl-2.1', valid: true, errorCount: 0 },
    locations: {},
  };
}

/** The deposit date examples use unless their context gives one, so that examples never depend on today. */
export const EXAMPLE_DEPOSIT_DATE = '2024-03-01';
