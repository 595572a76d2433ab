/**
 * Where the documents rules cite can be read: their public page, when there is one. A document
 * without one (a stylesheet copy, a client's source) is named, not linked.
 */
const PUBLIC_SOURCES: readonly [RegExp, string][] = [
  // The release notes and the documentation of Chorus Pro are published on its community site.
  [/^Chorus Pro (V\d|community documentation)/, 'https://communaute.chorus-pro.gouv.fr/'],
  [/^Factur-X/, 'https://fnfe-mpe.org/factur-x/'],
];

/** The public page of a cited document: the rule's own URL when it has one, else its publisher's. */
export function sourceUrl(reference: { document: string; url?: string }): string | null {
  if (reference.url) return reference.url;
  return PUBLIC_SOURCES.find(([pattern]) => pattern.test(reference.document))?.[1] ?? null;
}
