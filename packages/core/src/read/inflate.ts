/**
 * fflate, loaded on first need: most deposits are plain XML, and the CLI should not pay for
 * parsing the inflater at start-up. Callers that may inflate (archives, PDFs) await
 * `loadFflate()` once, then reach the module synchronously through `fflate()`.
 */
type Fflate = typeof import('fflate');

let loaded: Fflate | null = null;

/** Loads fflate (once per process). */
export async function loadFflate(): Promise<Fflate> {
  loaded ??= await import('fflate');
  return loaded;
}

/** The loaded fflate module; throws if `loadFflate()` was not awaited first. */
export function fflate(): Fflate {
  if (loaded === null) throw new Error('fflate is used before loadFflate() was awaited');
  return loaded;
}
