import type { LocalizedText } from '@chorus-precheck/core';

/** A built-in sample: one or several fixture files opened together. */
export interface Sample {
  id: string;
  label: LocalizedText;
  group: 'simple' | 'works' | 'facturx' | 'broken' | 'batch';
  files: { name: string; url: string }[];
}

// Each sample file becomes a static asset of the build; the browser fetches one only when its
// sample is opened (same origin, allowed by the Content-Security-Policy's connect-src 'self').
// The list is literal because Vite resolves it at build time.
const FIXTURES = import.meta.glob<string>(
  [
    '../../../../fixtures/corpus/ph-ubl/UBL-Invoice-2.1-Example.xml',
    '../../../../fixtures/generated/cadre-absent-cii.xml',
    '../../../../fixtures/generated/valideur-a9-cii.xml',
    '../../../../fixtures/generated/mixed-ubl-pdf-attachment.xml',
    '../../../../fixtures/generated/mixed-cii-zip-attachment.xml',
    '../../../../fixtures/generated/works-a4-ubl.xml',
    '../../../../fixtures/generated/works-a13-cii.xml',
    '../../../../fixtures/generated/works-a4-facturx.pdf',
    '../../../../fixtures/corpus/ZUGFeRD-csharp/zugferd_2p1_MINIMUM_Rechnung.pdf',
    '../../../../fixtures/corpus/akretion-factur-x/factur-x-basicwl.xml',
    '../../../../fixtures/corpus/akretion-factur-x/factur-x-basic.xml',
    '../../../../fixtures/corpus/akretion-factur-x/invoice_EN16931.pdf',
    '../../../../fixtures/corpus/akretion-factur-x/factur-x-extended.xml',
    '../../../../fixtures/corpus/ZUGFeRD-csharp/XRECHNUNG_Einfach.pdf',
    '../../../../fixtures/generated/truncated-cii.xml',
    '../../../../fixtures/generated/truncated-facturx.pdf',
    '../../../../fixtures/generated/password.pdf',
    '../../../../fixtures/generated/batch.tar.gz',
    '../../../../fixtures/generated/batch.zip',
  ],
  { query: '?url', import: 'default', eager: true },
);

/** The sample files by their path relative to fixtures/. */
export const FIXTURE_URLS: ReadonlyMap<string, string> = new Map(
  Object.entries(FIXTURES).map(([path, url]) => [path.replace(/^(\.\.\/)+fixtures\//, ''), url]),
);

interface SampleSpec {
  id: string;
  group: Sample['group'];
  label: LocalizedText;
  paths: string[];
}

const spec = (id: string, group: Sample['group'], fr: string, en: string, ...paths: string[]): SampleSpec => ({
  id,
  group,
  label: { fr, en },
  paths,
});

/** The curated gallery, by path under fixtures/ (provenance in fixtures/README.md). */
const SPECS: SampleSpec[] = [
  spec('ubl-simple', 'simple', 'UBL, facture simple', 'UBL, simple invoice', 'corpus/ph-ubl/UBL-Invoice-2.1-Example.xml'),
  spec('cii-simple', 'simple', 'CII, facture simple', 'CII, simple invoice', 'generated/cadre-absent-cii.xml'),
  spec('cii-a9', 'simple', 'CII, sous-traitant A9 avec valideur', 'CII, subcontractor A9 with valideur', 'generated/valideur-a9-cii.xml'),
  spec('ubl-mixed', 'simple', 'XML mixte UBL (PDF joint)', 'Mixed XML UBL (PDF attached)', 'generated/mixed-ubl-pdf-attachment.xml'),
  spec('cii-mixed', 'simple', 'XML mixte CII (ZIP joint)', 'Mixed XML CII (ZIP attached)', 'generated/mixed-cii-zip-attachment.xml'),
  spec('ubl-works', 'works', 'UBL, travaux A4', 'UBL, works A4', 'generated/works-a4-ubl.xml'),
  spec('cii-works', 'works', 'CII, travaux A13', 'CII, works A13', 'generated/works-a13-cii.xml'),
  spec('facturx-works', 'works', 'Factur-X, travaux A4', 'Factur-X, works A4', 'generated/works-a4-facturx.pdf'),
  spec('facturx-minimum', 'facturx', 'Factur-X MINIMUM', 'Factur-X MINIMUM', 'corpus/ZUGFeRD-csharp/zugferd_2p1_MINIMUM_Rechnung.pdf'),
  spec('facturx-basicwl', 'facturx', 'Factur-X BASIC WL (XML)', 'Factur-X BASIC WL (XML)', 'corpus/akretion-factur-x/factur-x-basicwl.xml'),
  spec('facturx-basic', 'facturx', 'Factur-X BASIC (XML)', 'Factur-X BASIC (XML)', 'corpus/akretion-factur-x/factur-x-basic.xml'),
  spec('facturx-en16931', 'facturx', 'Factur-X EN 16931', 'Factur-X EN 16931', 'corpus/akretion-factur-x/invoice_EN16931.pdf'),
  spec('facturx-extended', 'facturx', 'Factur-X EXTENDED (XML)', 'Factur-X EXTENDED (XML)', 'corpus/akretion-factur-x/factur-x-extended.xml'),
  spec('facturx-xrechnung', 'facturx', 'ZUGFeRD XRECHNUNG', 'ZUGFeRD XRECHNUNG', 'corpus/ZUGFeRD-csharp/XRECHNUNG_Einfach.pdf'),
  spec('broken-xml', 'broken', 'XML tronqué', 'Truncated XML', 'generated/truncated-cii.xml'),
  spec('broken-pdf', 'broken', 'PDF tronqué', 'Truncated PDF', 'generated/truncated-facturx.pdf'),
  spec('password-pdf', 'broken', 'PDF protégé par mot de passe', 'Password-protected PDF', 'generated/password.pdf'),
  spec('batch-tar', 'batch', 'Lot tar.gz (EDI)', 'tar.gz batch (EDI)', 'generated/batch.tar.gz'),
  spec('batch-zip', 'batch', 'Lot zip', 'zip batch', 'generated/batch.zip'),
  spec(
    'batch-files',
    'batch',
    'Trois fichiers de travaux',
    'Three works files',
    'generated/works-a4-ubl.xml',
    'generated/works-a13-cii.xml',
    'generated/works-a4-facturx.pdf',
  ),
];

/** The samples whose files are all present in this build. */
export const SAMPLES: Sample[] = SPECS.flatMap((spec) => {
  const files = spec.paths.map((path) => ({ name: path.split('/').pop()!, url: FIXTURE_URLS.get(path) }));
  if (files.some((f) => f.url === undefined)) return [];
  return [{ id: spec.id, group: spec.group, label: spec.label, files: files as { name: string; url: string }[] }];
});

/** Fetches a sample's files from this origin as File objects, as if the user had dropped them. */
export async function fetchSample(sample: Sample): Promise<File[]> {
  return Promise.all(
    sample.files.map(async ({ name, url }) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return new File([await response.blob()], name);
    }),
  );
}
