import { unzipSync, Gunzip, type UnzipFileInfo } from 'fflate';
import type { Container } from './facts.js';
import type { Diagnostic } from '../report/diagnostic.js';
import type { Limits } from '../limits.js';
import { limitDiagnostic, readDiagnostic } from './diagnostics.js';
import { looksLikeTar, sniffContainer } from './sniff.js';

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
  members: ArchiveMember[];
  diagnostics: Diagnostic[];
}

const EMPTY = new Uint8Array(0);

/**
 * Lists an archive's members (zip, gzip, tar.gz), extracting each within the limits. Never
 * writes anything anywhere: unsafe names (absolute, `..`) and duplicates are only reported.
 */
export function listArchive(bytes: Uint8Array, kind: 'zip' | 'gzip', file: string, limits: Limits): ArchiveListing {
  try {
    return kind === 'zip' ? listZip(bytes, file, limits) : listGzip(bytes, file, limits);
  } catch (e) {
    return {
      container: kind,
      members: [],
      diagnostics: [corrupt(kind, file, e)],
    };
  }
}

function corrupt(kind: string, file: string, e: unknown): Diagnostic {
  const why = e instanceof Error ? e.message : String(e);
  return readDiagnostic('archive-corrupt', 'error', {
    fr: `L’archive ${kind} est illisible (${why}).`,
    en: `The ${kind} archive is unreadable (${why}).`,
  }, { location: { file }, fatal: true });
}

/** Checks a member name and returns what is wrong with it, for the archive's diagnostics. */
function nameProblems(name: string, seen: Set<string>, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const location = { file: `${file}!/${name}` };
  const parts = name.split(/[\\/]/);
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || parts.includes('..')) {
    out.push(readDiagnostic('archive-unsafe-name', 'error', {
      fr: `Le fichier « ${name} » de l’archive a un chemin absolu ou remontant (..) : il est lu mais jamais écrit, et Chorus Pro peut refuser l’archive.`,
      en: `The archive member "${name}" has an absolute or parent-relative (..) path: it is read but never written anywhere, and Chorus Pro may refuse the archive.`,
    }, { location, actual: name }));
  }
  if (seen.has(name)) {
    out.push(readDiagnostic('archive-duplicate-name', 'error', {
      fr: `Le nom « ${name} » apparaît plusieurs fois dans l’archive.`,
      en: `The name "${name}" appears more than once in the archive.`,
    }, { location, actual: name }));
  }
  seen.add(name);
  return out;
}

function listZip(bytes: Uint8Array, file: string, limits: Limits): ArchiveListing {
  const diagnostics: Diagnostic[] = [];
  const infos: UnzipFileInfo[] = [];
  // First pass: the central directory only (the filter extracts nothing).
  unzipSync(bytes, {
    filter: (info) => {
      infos.push({ name: info.name, size: info.size, originalSize: info.originalSize, compression: info.compression });
      return false;
    },
  });
  // Entries whose compressed data add up to more than the archive itself share their data:
  // the overlapping-entries zip bomb (D. Fifield, "A better zip bomb", 2019). Refused whole.
  const compressed = infos.reduce((sum, info) => sum + info.size, 0);
  if (compressed > bytes.length) {
    return {
      container: 'zip',
      members: [],
      diagnostics: [readDiagnostic('archive-overlapping-entries', 'error', {
        fr: `Les fichiers de l’archive se chevauchent (${compressed} octets compressés déclarés pour une archive de ${bytes.length} octets) : c’est une bombe zip, elle n’est pas lue.`,
        en: `The archive's members overlap (${compressed} compressed bytes declared in an archive of ${bytes.length} bytes): this is a zip bomb, it is not read.`,
      }, { location: { file }, fatal: true, actual: compressed, expected: bytes.length })],
    };
  }
  const members: ArchiveMember[] = [];
  const seen = new Set<string>();
  let total = 0;
  let fileCount = 0;
  for (let index = 0; index < infos.length; index++) {
    const info = infos[index] as UnzipFileInfo;
    if (info.name.endsWith('/') && info.originalSize === 0) continue; // a directory entry
    fileCount++;
    if (fileCount > limits.maxBatchMembers) {
      diagnostics.push(limitDiagnostic('maxBatchMembers', limits.maxBatchMembers, { file }, infos.length));
      break;
    }
    const problems = nameProblems(info.name, seen, file);
    if (info.originalSize > limits.maxDocumentBytes) {
      members.push({ name: info.name, bytes: EMPTY, diagnostic: limitDiagnostic('maxDocumentBytes', limits.maxDocumentBytes, { file: `${file}!/${info.name}` }, info.originalSize) });
      continue;
    }
    total += info.originalSize;
    if (total > limits.maxBatchBytes) {
      diagnostics.push(limitDiagnostic('maxBatchBytes', limits.maxBatchBytes, { file }, total));
      break;
    }
    const extract = (): { bytes: Uint8Array; diagnostic: Diagnostic | null } => {
      let extracted: Uint8Array | undefined;
      let failure: Diagnostic | null = null;
      try {
        // Extract this one entry: fflate sizes the output from the declared size, so a lying
        // header cannot make it allocate more than what was checked above.
        let i = -1;
        const out = unzipSync(bytes, { filter: () => ++i === index });
        extracted = Object.values(out)[0];
      } catch (e) {
        failure = corrupt('zip', `${file}!/${info.name}`, e);
      }
      if (failure === null && extracted === undefined) failure = corrupt('zip', `${file}!/${info.name}`, 'entry not found');
      return { bytes: extracted ?? EMPTY, diagnostic: failure };
    };
    members.push({ name: info.name, bytes: EMPTY, diagnostic: null, extract });
    if (problems.length > 0) diagnostics.push(...problems);
  }
  return { container: 'zip', members, diagnostics };
}

/**
 * Streams a gzip through fflate, refusing as soon as the output passes `max` bytes. Once the
 * first KB is known, `onHead` may stop early, or lower `max` (a lone file, not a tar).
 */
function gunzipBounded(bytes: Uint8Array, max: number, onHead: (head: Uint8Array) => { stop: boolean; max?: number }): { out: Uint8Array; exceeded: boolean; stopped: boolean } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let exceeded = false;
  let stopped = false;
  let head: Uint8Array | null = null;
  const gz = new Gunzip((chunk) => {
    if (exceeded || stopped) return;
    size += chunk.length;
    if (size > max) {
      exceeded = true;
      return;
    }
    chunks.push(chunk);
    if (head === null && size >= 1024) {
      head = concat(chunks, size);
      chunks.length = 0;
      chunks.push(head);
      const decision = onHead(head);
      if (decision.stop) stopped = true;
      if (decision.max !== undefined && decision.max < max) {
        max = decision.max;
        if (size > max) {
          exceeded = true;
          chunks.length = 0;
        }
      }
    }
  });
  const STEP = 64 * 1024;
  for (let off = 0; off < bytes.length && !exceeded && !stopped; off += STEP) {
    const end = Math.min(bytes.length, off + STEP);
    gz.push(bytes.subarray(off, end), end === bytes.length);
  }
  return { out: exceeded ? EMPTY : concat(chunks, Math.min(size, max)), exceeded, stopped };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && (chunks[0] as Uint8Array).length === size) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c.subarray(0, Math.min(c.length, size - o)), o);
    o += c.length;
    if (o >= size) break;
  }
  return out;
}

function listGzip(bytes: Uint8Array, file: string, limits: Limits): ArchiveListing {
  // RFC 1952 §2.3.1: ISIZE, the last four bytes, is the input size modulo 2^32. A declared
  // size beyond the batch limit is refused before inflating anything.
  let isize: number | null = null;
  if (bytes.length >= 18) {
    const n = bytes.length;
    isize = ((bytes[n - 4] as number) | ((bytes[n - 3] as number) << 8) | ((bytes[n - 2] as number) << 16) | ((bytes[n - 1] as number) << 24)) >>> 0;
    if (isize > limits.maxBatchBytes) {
      return { container: 'gzip', members: [], diagnostics: [limitDiagnostic('maxBatchBytes', limits.maxBatchBytes, { file }, isize)] };
    }
  }
  let isTar = false;
  const r = gunzipBounded(bytes, limits.maxBatchBytes, (head) => {
    isTar = looksLikeTar(head);
    if (isTar) return { stop: false };
    // A single compressed file that is neither XML, PDF nor zip is not worth inflating whole;
    // one that is, is one document: bounded by the document limit, not the batch limit
    // (otherwise a gzip bomb is inflated up to 1 GB in memory before being refused).
    // A lone file declaring more than the document limit is refused on its first KB.
    const c = sniffContainer(head).container;
    const max = isize !== null && isize > limits.maxDocumentBytes ? 0 : limits.maxDocumentBytes;
    return { stop: c !== 'xml' && c !== 'pdf' && c !== 'zip' && c !== 'gzip', max };
  });
  const base = file.split('!/').pop() ?? file;
  const inner = base.replace(/\.t?gz$/i, '') || 'content';
  if (r.exceeded && !isTar && limits.maxDocumentBytes < limits.maxBatchBytes) {
    return { container: 'gzip', members: [{ name: inner, bytes: EMPTY, diagnostic: limitDiagnostic('maxDocumentBytes', limits.maxDocumentBytes, { file }, Math.max(isize ?? 0, limits.maxDocumentBytes + 1)) }], diagnostics: [] };
  }
  if (r.exceeded) {
    return { container: 'gzip', members: [], diagnostics: [limitDiagnostic('maxBatchBytes', limits.maxBatchBytes, { file }, limits.maxBatchBytes + 1)] };
  }
  if (!isTar && r.out.length >= 512) isTar = looksLikeTar(r.out);
  if (isTar) return listTar(r.out, file, limits);
  // A lone compressed file (invoice.xml.gz): one member named after the archive.
  if (r.out.length > limits.maxDocumentBytes) {
    return { container: 'gzip', members: [{ name: inner, bytes: EMPTY, diagnostic: limitDiagnostic('maxDocumentBytes', limits.maxDocumentBytes, { file }, r.out.length) }], diagnostics: [] };
  }
  return { container: 'gzip', members: [{ name: inner, bytes: r.out, diagnostic: null }], diagnostics: [] };
}

function readString(b: Uint8Array, from: number, len: number): string {
  let end = from;
  const stop = Math.min(b.length, from + len);
  while (end < stop && b[end] !== 0) end++;
  return new TextDecoder('utf-8').decode(b.subarray(from, end));
}

function readOctal(b: Uint8Array, from: number, len: number): number {
  // GNU base-256 encoding for sizes of 8 GiB and more: high bit of the first byte set.
  if (((b[from] as number) & 0x80) !== 0) {
    let v = (b[from] as number) & 0x7f;
    for (let i = from + 1; i < from + len; i++) v = v * 256 + (b[i] as number);
    return v;
  }
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = b[i] as number;
    if (c >= 0x30 && c <= 0x37) v = v * 8 + (c - 0x30);
    else if (c === 0 || c === 0x20) { if (v > 0) break; } else return -1;
  }
  return v;
}

/** Parses pax extended header records (`<len> key=value\n`, POSIX.1-2001). */
function parsePax(data: Uint8Array): Record<string, string> {
  const text = new TextDecoder('utf-8').decode(data);
  const out: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(' ', i);
    if (sp < 0) break;
    const len = Number.parseInt(text.slice(i, sp), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = text.slice(sp + 1, i + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}

/** Lists a tar stream (ustar, GNU long names, pax headers): regular files only. */
export function listTar(tar: Uint8Array, file: string, limits: Limits): ArchiveListing {
  const members: ArchiveMember[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  let off = 0;
  let longName: string | null = null;
  let pax: Record<string, string> = {};
  let count = 0;
  while (off + 512 <= tar.length) {
    if (tar[off] === 0) {
      // Two zero blocks end the archive; one is enough to stop here.
      break;
    }
    if (!looksLikeTar(tar, off)) {
      diagnostics.push(corrupt('tar', file, `bad header at byte ${off}`));
      break;
    }
    const size = readOctal(tar, off + 124, 12);
    const type = String.fromCharCode(tar[off + 156] as number);
    const prefix = tar[off + 257] === 0x75 /* ustar */ ? readString(tar, off + 345, 155) : '';
    let name = readString(tar, off, 100);
    if (prefix !== '') name = `${prefix}/${name}`;
    const dataStart = off + 512;
    if (size < 0 || dataStart + size > tar.length) {
      diagnostics.push(corrupt('tar', file, `member "${name}" runs past the end of the archive (truncated?)`));
      break;
    }
    const data = tar.subarray(dataStart, dataStart + size);
    off = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') { longName = readString(data, 0, data.length); continue; }
    if (type === 'x') { pax = parsePax(data); continue; }
    if (type === 'g') continue;
    if (longName !== null) { name = longName; longName = null; }
    if (pax['path'] !== undefined) name = pax['path'];
    pax = {};
    // Regular files only ('0', NUL, '7'); links, directories and devices hold no invoice.
    if (type !== '0' && type !== '\0' && type !== '7') continue;
    count++;
    if (count > limits.maxBatchMembers) {
      diagnostics.push(limitDiagnostic('maxBatchMembers', limits.maxBatchMembers, { file }, count));
      break;
    }
    diagnostics.push(...nameProblems(name, seen, file));
    if (size > limits.maxDocumentBytes) {
      members.push({ name, bytes: EMPTY, diagnostic: limitDiagnostic('maxDocumentBytes', limits.maxDocumentBytes, { file: `${file}!/${name}` }, size) });
      continue;
    }
    members.push({ name, bytes: data, diagnostic: null });
  }
  return { container: 'tar.gz', members, diagnostics };
}
