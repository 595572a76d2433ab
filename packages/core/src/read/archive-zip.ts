/**
 * Zip archives (APPNOTE 6.3): the central directory walked here, entries checked against the
 * limits before anything is inflated, members extracted one at a time when read.
 */
import { fflate } from './inflate.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Limits } from '../limits.js';
import { limitDiagnostic, readDiagnostic } from '../diagnostics/reader.js';
import { clip } from './clip.js';
import { crc32 } from './crc32.js';
import { corrupt, EMPTY, nameProblems, type ArchiveListing, type ArchiveMember, type Spent } from './archive-shared.js';

/** One entry of a zip's central directory. */
interface ZipEntry {
  name: string;
  /** The name's bytes as the central directory writes them. */
  rawName: Uint8Array;
  crc: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const LATIN1 = (b: Uint8Array): string => {
  let out = '';
  for (const c of b) out += String.fromCharCode(c);
  return out;
};

/**
 * Reads at most `max` entries of a zip's central directory (APPNOTE 6.3 §4.3.12, §4.3.16,
 * ZIP64 §4.3.14–15, §4.5.3). Walked here rather than by fflate's `unzipSync`, which trusts the
 * entry count of the end record (garbage can declare 2^32 entries in 78 bytes) and walks the
 * whole directory again for every member extracted (10 000 members: 4 s; 65 000: 20 s).
 */
function readCentralDirectory(b: Uint8Array, max: number): { entries: ZipEntry[]; declared: number } {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const floor = Math.max(0, b.length - 22 - 0xffff);
  let e = b.length - 22;
  while (e >= floor && dv.getUint32(e, true) !== 0x06054b50) e--;
  if (e < floor) throw new Error('no end of central directory record');
  let declared = dv.getUint16(e + 10, true);
  let o = dv.getUint32(e + 16, true);
  if (e >= 20 && dv.getUint32(e - 20, true) === 0x07064b50) {
    const z = Number(dv.getBigUint64(e - 12, true));
    if (z + 56 <= b.length && dv.getUint32(z, true) === 0x06064b50) {
      declared = Number(dv.getBigUint64(z + 32, true));
      o = Number(dv.getBigUint64(z + 48, true));
    }
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < declared && entries.length < max; i++) {
    if (o + 46 > b.length || dv.getUint32(o, true) !== 0x02014b50) throw new Error(`central directory entry ${i + 1} of ${declared} is missing or damaged`);
    const flags = dv.getUint16(o + 8, true);
    const method = dv.getUint16(o + 10, true);
    const crc = dv.getUint32(o + 16, true);
    let compressedSize = dv.getUint32(o + 20, true);
    let size = dv.getUint32(o + 24, true);
    const n = dv.getUint16(o + 28, true);
    const x = dv.getUint16(o + 30, true);
    const c = dv.getUint16(o + 32, true);
    let localOffset = dv.getUint32(o + 42, true);
    if (o + 46 + n + x + c > b.length) throw new Error(`central directory entry ${i + 1} runs past the end of the archive`);
    const raw = b.subarray(o + 46, o + 46 + n);
    // Bit 11: the name is UTF-8; otherwise CP437, read byte per byte as fflate does.
    const name = (flags & 0x800) !== 0 ? new TextDecoder('utf-8').decode(raw) : LATIN1(raw);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // ZIP64 extended information: only the fields that overflowed are present, in this order.
      for (let p = o + 46 + n; p + 4 <= o + 46 + n + x;) {
        const id = dv.getUint16(p, true);
        const len = dv.getUint16(p + 2, true);
        if (id === 0x0001) {
          let q = p + 4;
          const fieldEnd = Math.min(p + 4 + len, b.length);
          const next = () => (q + 8 <= fieldEnd ? Number(dv.getBigUint64((q += 8) - 8, true)) : null);
          if (size === 0xffffffff) size = next() ?? size;
          if (compressedSize === 0xffffffff) compressedSize = next() ?? compressedSize;
          if (localOffset === 0xffffffff) localOffset = next() ?? localOffset;
          break;
        }
        p += 4 + len;
      }
    }
    entries.push({ name, rawName: raw, crc, method, compressedSize, size, localOffset });
    o += 46 + n + x + c;
  }
  return { entries, declared };
}

/** Extracts one entry: stored, or deflated into a buffer of the declared size (never more). */
function extractEntry(b: Uint8Array, entry: ZipEntry): Uint8Array {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const o = entry.localOffset;
  if (o + 30 > b.length || dv.getUint32(o, true) !== 0x04034b50) throw new Error('its local header is missing or damaged');
  const start = o + 30 + dv.getUint16(o + 26, true) + dv.getUint16(o + 28, true);
  const end = start + entry.compressedSize;
  if (end > b.length) throw new Error('its data runs past the end of the archive');
  const data = b.subarray(start, end);
  let out: Uint8Array;
  if (entry.method === 0) out = data.slice(0, entry.size);
  // A lying size cannot make this allocate more than what was checked against the limits.
  else if (entry.method === 8) out = fflate().inflateSync(data, { out: new Uint8Array(entry.size) });
  else throw new Error(`compression method ${entry.method} is not supported`);
  // APPNOTE §4.4.7: the CRC-32 of the uncompressed data. A mismatch is damaged (or altered) data.
  const crc = crc32(out);
  if (crc !== entry.crc) throw new CrcMismatch(entry.crc, crc);
  return out;
}

/** The data of a zip member does not have the CRC-32 its entry declares. */
class CrcMismatch extends Error {
  constructor(
    readonly declared: number,
    readonly computed: number,
  ) {
    super(`CRC-32 ${hex(computed)} where ${hex(declared)} is declared`);
  }
}
const hex = (n: number): string => n.toString(16).padStart(8, '0');

/** The name a local header writes, when it differs from the central directory's (APPNOTE §4.4.17). */
function localNameMismatch(b: Uint8Array, entry: ZipEntry): string | null {
  const o = entry.localOffset;
  if (o + 30 > b.length || b[o] !== 0x50 || b[o + 1] !== 0x4b || b[o + 2] !== 0x03 || b[o + 3] !== 0x04) return null;
  const n = (b[o + 26] as number) | ((b[o + 27] as number) << 8);
  const local = b.subarray(o + 30, Math.min(b.length, o + 30 + n));
  const raw = entry.rawName;
  let same = local.length === raw.length;
  for (let i = 0; same && i < raw.length; i++) if (local[i] !== raw[i]) same = false;
  return same ? null : new TextDecoder('utf-8').decode(local);
}

/** Lists a zip's members, each extracted when read (`extract`); problems of the archive in `diagnostics`. */
export function listZip(bytes: Uint8Array, file: string, limits: Limits, spent: Spent): ArchiveListing {
  const diagnostics: Diagnostic[] = [];
  // One entry past the member limit is enough to know it is exceeded.
  const { entries, declared } = readCentralDirectory(bytes, limits.maxBatchMembers + 1);
  // Entries whose compressed data add up to more than the archive itself share their data:
  // the overlapping-entries zip bomb (D. Fifield, "A better zip bomb", 2019). Refused whole
  // (commit 83cb445: it was inflated up to the 1 GB batch limit, 18 s and 1 GB RSS).
  const compressed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  if (compressed > bytes.length) {
    return {
      container: 'zip',
      members: [],
      diagnostics: [
        readDiagnostic(
          'archive-overlapping-entries',
          'error',
          {
            fr: `Les fichiers de l’archive se chevauchent (${compressed} octets compressés déclarés pour une archive de ${bytes.length} octets) : c’est une bombe zip, elle n’est pas lue.`,
            en: `The archive's members overlap (${compressed} compressed bytes declared in an archive of ${bytes.length} bytes): this is a zip bomb, it is not read.`,
          },
          { location: { file }, fatal: true, actual: compressed, expected: bytes.length },
        ),
      ],
    };
  }
  const members: ArchiveMember[] = [];
  const seen = new Set<string>();
  let total = 0;
  let fileCount = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.size === 0) continue; // a directory entry
    fileCount++;
    if (fileCount > limits.maxBatchMembers) {
      diagnostics.push(limitDiagnostic('maxBatchMembers', limits.maxBatchMembers, { file }, declared));
      break;
    }
    const problems = nameProblems(entry.name, seen, file);
    const at = `${file}!/${clip(entry.name)}`;
    const local = localNameMismatch(bytes, entry);
    if (local !== null) {
      problems.push(
        readDiagnostic(
          'archive-name-mismatch',
          'error',
          {
            fr: `Le fichier « ${clip(entry.name)} » de l’archive porte un autre nom dans son en-tête local (« ${clip(local)} ») : selon l’outil qui l’extrait, ce n’est pas le même fichier.`,
            en: `The archive member "${clip(entry.name)}" has another name in its local header ("${clip(local)}"): depending on the tool that extracts it, it is not the same file.`,
          },
          { location: { file: at }, actual: clip(local), expected: clip(entry.name) },
        ),
      );
    }
    if (entry.size > limits.maxDocumentBytes) {
      members.push({ name: entry.name, bytes: EMPTY, diagnostic: limitDiagnostic('maxDocumentBytes', limits.maxDocumentBytes, { file: at }, entry.size) });
      continue;
    }
    // The declared sizes, with what the rest of the input has already cost (nested archives).
    total += entry.size;
    if (spent.bytes + total > limits.maxBatchBytes) {
      diagnostics.push(limitDiagnostic('maxBatchBytes', limits.maxBatchBytes, { file }, spent.bytes + total));
      break;
    }
    const extract = (): { bytes: Uint8Array; diagnostic: Diagnostic | null } => {
      if (spent.bytes + entry.size > limits.maxBatchBytes) {
        return { bytes: EMPTY, diagnostic: limitDiagnostic('maxBatchBytes', limits.maxBatchBytes, { file: at }, spent.bytes + entry.size) };
      }
      spent.bytes += entry.size;
      try {
        return { bytes: extractEntry(bytes, entry), diagnostic: null };
      } catch (e) {
        if (e instanceof CrcMismatch) {
          return {
            bytes: EMPTY,
            diagnostic: readDiagnostic(
              'archive-crc-mismatch',
              'error',
              {
                fr: `Le fichier « ${clip(entry.name)} » de l’archive est endommagé : son contenu n’a pas la somme de contrôle CRC-32 déclarée (${e.message}). Il n’est pas lu.`,
                en: `The archive member "${clip(entry.name)}" is damaged: its content does not have the declared CRC-32 checksum (${e.message}). It is not read.`,
              },
              { location: { file: at }, fatal: true, actual: hex(e.computed), expected: hex(e.declared) },
            ),
          };
        }
        return { bytes: EMPTY, diagnostic: corrupt('zip', at, e) };
      }
    };
    // Extracted when read, so that one member's bytes are held at a time, not all (commit 83cb445).
    members.push({ name: entry.name, bytes: EMPTY, diagnostic: null, extract });
    if (problems.length > 0) diagnostics.push(...problems);
  }
  return { container: 'zip', members, diagnostics };
}
