import { SaxesParser } from 'saxes';
import type { XmpFacts } from '../facts/facts.js';

/** PDF/A identification schema (ISO 19005-1 §6.7.11). */
const PDFAID = 'http://www.aiim.org/pdfa/ns/id/';

/** Whether a namespace URI is a Factur-X / ZUGFeRD / XRechnung extension schema (Factur-X 1.0.06 §6.2.2). */
function isInvoiceExtension(uri: string): boolean {
  return /^urn:(factur-x|zugferd|ferd)(:|\.)/i.test(uri) || uri.includes('CrossIndustryDocument');
}

const FX_FIELDS: Record<string, keyof XmpFacts> = {
  DocumentType: 'documentType',
  DocumentFileName: 'documentFileName',
  Version: 'version',
  ConformanceLevel: 'conformanceLevel',
};

/**
 * Parses a raw XMP packet by namespace URI (never by prefix), in element or attribute form:
 * `pdfaid:part`/`conformance` and the Factur-X extension fields. Null when the packet is not
 * well-formed XML.
 */
export function parseXmp(xmp: string, maxLength: number): XmpFacts | null {
  if (xmp.length > maxLength) return null;
  const facts: XmpFacts = {
    pdfaPart: null,
    pdfaConformance: null,
    documentType: null,
    documentFileName: null,
    version: null,
    conformanceLevel: null,
    extensionNamespace: null,
  };
  const parser = new SaxesParser({ xmlns: true, position: false });
  let capture: { field: 'part' | 'conformance' | keyof XmpFacts; ns: string } | null = null;
  let text = '';
  let ok = true;
  const set = (field: string, ns: string, value: string): void => {
    const v = value.trim();
    if (field === 'part') {
      if (facts.pdfaPart === null) {
        const n = Number.parseInt(v, 10);
        facts.pdfaPart = Number.isFinite(n) ? n : null;
      }
    } else if (field === 'conformance') {
      facts.pdfaConformance ??= v;
    } else {
      const key = field as keyof XmpFacts;
      if (facts[key] === null) {
        (facts as unknown as Record<string, string>)[key] = v;
        facts.extensionNamespace ??= ns;
      }
    }
  };
  parser.on('opentag', (tag) => {
    for (const name in tag.attributes) {
      const a = tag.attributes[name];
      if (a === undefined) continue;
      if (a.uri === PDFAID && (a.local === 'part' || a.local === 'conformance')) set(a.local, a.uri, a.value);
      else if (isInvoiceExtension(a.uri) && FX_FIELDS[a.local] !== undefined) set(FX_FIELDS[a.local] as string, a.uri, a.value);
    }
    if (tag.uri === PDFAID && (tag.local === 'part' || tag.local === 'conformance')) {
      capture = { field: tag.local, ns: tag.uri };
      text = '';
    } else if (isInvoiceExtension(tag.uri) && FX_FIELDS[tag.local] !== undefined) {
      capture = { field: FX_FIELDS[tag.local] as keyof XmpFacts, ns: tag.uri };
      text = '';
    }
  });
  parser.on('text', (t) => {
    if (capture !== null) text += t;
  });
  parser.on('closetag', () => {
    if (capture !== null) {
      set(capture.field, capture.ns, text);
      capture = null;
    }
  });
  parser.on('error', () => {
    ok = false;
    throw new Error('xmp');
  });
  try {
    // The xpacket processing instructions are legal XML; trailing padding is whitespace.
    parser.write(xmp.replace(/^\uFEFF/, '')).close();
  } catch {
    ok = false;
  }
  return ok ? facts : null;
}
