import type { LocalizedText } from '@chorus-precheck/core';

/** A built-in sample: one or several fixture files opened together. */
export interface Sample {
  id: string;
  label: LocalizedText;
  group: 'simple' | 'works' | 'facturx' | 'broken' | 'batch';
  files: { name: string; url: string }[];
}

// Every fixture becomes a static asset of the build; the browser fetches one only when the
// sample is opened (same origin, allowed by the Content-Security-Policy's connect-src 'self').
const FIXTURES = import.meta.glob<string>('../../../../fixtures/**/*.{xml,pdf,zip,gz,tgz}', {
  query: '?url',
  import: 'default',
  eager: true,
});

/** The fixture files by their path relative to fixtures/. */
export const FIXTURE_URLS: ReadonlyMap<string, string> = new Map(
  Object.entries(FIXTURES).map(([path, url]) => [path.replace(/^(\.\.\/)+fixtures\//, ''), url]),
);

interface SampleSpec {
  id: string;
  group: Sample['group'];
  label: LocalizedText;
  paths: string[];
}

/** The curated gallery, by fixture path; entries whose fixtures are missing are left out. */
const SPECS: SampleSpec[] = [];

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
