/**
 * Archive input: zip (archive-zip.ts), gzip and tar.gz (archive-gzip.ts, archive-tar.ts). Each
 * member is extracted within the limits, and never written anywhere.
 */
import type { Limits } from '../limits.js';
import { corrupt, type ArchiveListing, type ArchiveMember, type Spent } from './archive-shared.js';
import { listZip } from './archive-zip.js';
import { gzipMembers } from './archive-gzip.js';

export type { ArchiveListing, ArchiveMember, Spent } from './archive-shared.js';

/**
 * Lists an archive's members (zip, gzip, tar.gz), extracting each within the limits. Never
 * writes anything anywhere: unsafe names (absolute, `..`) and duplicates are only reported.
 */
export function listArchive(bytes: Uint8Array, kind: 'zip' | 'gzip', file: string, limits: Limits, spent: Spent = { bytes: 0 }): ArchiveListing {
  try {
    if (kind === 'zip') return listZip(bytes, file, limits, spent);
    const listing: ArchiveListing = { container: 'gzip', members: [], diagnostics: [] };
    listing.members = safe(gzipMembers(bytes, file, limits, listing, spent), listing, file);
    return listing;
  } catch (e) {
    return {
      container: kind,
      members: [],
      diagnostics: [corrupt(kind, file, e)],
    };
  }
}

/** Wraps a member generator so that an unexpected error ends it with a diagnostic, never a throw. */
function* safe(members: Generator<ArchiveMember>, listing: ArchiveListing, file: string): Generator<ArchiveMember> {
  try {
    yield* members;
  } catch (e) {
    listing.diagnostics.push(corrupt(listing.container, file, e));
  }
}
