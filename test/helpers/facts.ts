/**
 * Builders of hand-made invoice facts and read documents, so that rule and report tests do
 * not depend on the reader: a well-formed simple UBL invoice to the State, overridden per test.
 */
import type { Facts, ReadDocument } from '../../packages/core/src/facts/facts.js';
import type { DepositInput } from '../../packages/core/src/read/input.js';
import type { DepositReader } from '../../packages/core/src/precheck.js';
import { defaultExampleFacts } from '../../packages/core/src/rules/example-facts.js';

/** Builds facts: the defaults of the rule examples, with overrides. */
export function facts(overrides: Partial<Facts> = {}): Facts {
  return { ...defaultExampleFacts(), ...overrides };
}

/** The facts of a Factur-X PDF (EN 16931, factur-x.xml, PDF/A-3), with overrides. */
export function facturxFacts(overrides: Partial<Facts> = {}): Facts {
  return facts({
    container: 'pdf',
    syntax: 'CII',
    document: 'CrossIndustryInvoice',
    formatFamily: 'facturx-pdf',
    rootNamespace: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
    pdf: {
      encrypted: false,
      pageCount: 1,
      embeddedFiles: [{ name: 'factur-x.xml', size: 4000, afRelationship: 'Data', subtype: 'text/xml' }],
      invoiceXmlName: 'factur-x.xml',
      invoiceXmlCandidates: ['factur-x.xml'],
      xmp: {
        pdfaPart: 3,
        pdfaConformance: 'B',
        documentType: 'INVOICE',
        documentFileName: 'factur-x.xml',
        version: '1.0',
        conformanceLevel: 'EN 16931',
        extensionNamespace: 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#',
      },
    },
    ...overrides,
  });
}

/** Builds a read document. */
export function doc(file: string, f: Facts = facts(), extra: Partial<ReadDocument> = {}): ReadDocument {
  return { file, facts: f, diagnostics: [], unreadable: false, ...extra };
}

/** An unreadable document with its fatal diagnostic, as the reader gives for broken XML. */
export function unreadableDoc(file: string): ReadDocument {
  return doc(
    file,
    facts({ container: 'xml', syntax: 'unknown', document: null, number: null, issueDate: null, typeCode: null, buyerId: null, formatFamily: 'unknown' }),
    {
      unreadable: true,
      diagnostics: [
        {
          ruleId: 'read/xml-not-well-formed',
          severity: 'error',
          message: 'XML mal formé',
          messages: { fr: 'XML mal formé', en: 'XML not well formed' },
          location: { file, line: 3, column: 7 },
          fatal: true,
        },
      ],
    },
  );
}

/** A reader that returns the given documents for every input, whatever its bytes. */
export function fakeReader(...docs: ReadDocument[]): DepositReader {
  return async () => docs;
}

/** An input of XML bytes. */
export function xmlInput(name = 'invoice.xml'): DepositInput {
  return { name, bytes: new TextEncoder().encode('<?xml version="1.0"?><Invoice/>') };
}

/** An input of zip magic bytes (the fake reader decides what it holds). */
export function zipInput(name = 'batch.zip'): DepositInput {
  return { name, bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]) };
}
