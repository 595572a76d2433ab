/**
 * What the archive readers (archive-zip.ts, archive-gzip.ts, archive-tar.ts) share: the shapes
 * of a listing and its members, member-name checks, the corrupt-archive diagnostic.
 */
import type { Container } from '../facts/facts.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readDiagnostic } from '../diagnostics/reader.js';
import { clip } from './clip.js';

/** What the whole input has cost so far (see `Run.spent` in index.ts): bytes decompressed. */
export interface Spent {
  bytes: number;
}

/** One member of an archive: its bytes, or the diagnostic that kept them from being read. */
export interface ArchiveMember {
  name: string;
  bytes: Uint8Array;
  /** Set when the member could not be extracted (limit, corrupt data): `bytes` is then empty. */
  diagnostic: Diagnostic | null;
  /** Extracts the member when it is read (zip), instead of holding every member's bytes at once. */
  extract?: () => { bytes: Uint8Array; diagnostic: Diagnostic | null };
}

/** The members of an archive and what was wrong with the archive itself. */
export interface ArchiveListing {
  container: Container;
  /** Produced lazily for gzip: each member is inflated when the previous one has been read. */
  members: Iterable<ArchiveMember>;
  /** Problems of the archive itself; complete once `members` has been iterated. */
  diagnostics: Diagnostic[];
}

/** The bytes of a member not extracted. */
export const EMPTY = new Uint8Array(0);

/** `read/archive-corrupt`: the archive (or member) `file` of this kind cannot be read, `e` says why. */
export function corrupt(kind: string, file: string, e: unknown): Diagnostic {
  const why = e instanceof Error ? e.message : String(e);
  return readDiagnostic(
    'archive-corrupt',
    'error',
    {
      fr: `L’archive ${kind} est illisible (${why}).`,
      en: `The ${kind} archive is unreadable (${why}).`,
    },
    { location: { file }, fatal: true },
  );
}

/** Checks a member name and returns what is wrong with it, for the archive's diagnostics. */
export function nameProblems(name: string, seen: Set<string>, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Names are cut in what is reported: a 1 MB name would otherwise be copied into each diagnostic.
  const shown = clip(name);
  const location = { file: `${file}!/${shown}` };
  const parts = name.split(/[\\/]/);
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || parts.includes('..')) {
    out.push(
      readDiagnostic(
        'archive-unsafe-name',
        'error',
        {
          fr: `Le fichier « ${shown} » de l’archive a un chemin absolu ou remontant (..) : il est lu mais jamais écrit, et Chorus Pro peut refuser l’archive.`,
          en: `The archive member "${shown}" has an absolute or parent-relative (..) path: it is read but never written anywhere, and Chorus Pro may refuse the archive.`,
        },
        { location, actual: shown },
      ),
    );
  }
  // `./a.xml` and `a.xml` (or `d//a.xml` and `d/a.xml`) name one file once extracted: duplicates.
  const key = parts.filter((p) => p !== '' && p !== '.').join('/');
  if (seen.has(key)) {
    out.push(
      readDiagnostic(
        'archive-duplicate-name',
        'error',
        {
          fr: `Le nom « ${shown} » apparaît plusieurs fois dans l’archive.`,
          en: `The name "${shown}" appears more than once in the archive.`,
        },
        { location, actual: shown },
      ),
    );
  }
  seen.add(key);
  return out;
}

/** Joins chunks into one array of `size` bytes (the chunk itself when there is one). */
export function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && (chunks[0] as Uint8Array).length === size) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    const n = Math.min(c.length, size - o);
    out.set(c.subarray(0, n), o);
    o += n;
    if (o >= size) break;
  }
  return out;
}
