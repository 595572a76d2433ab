import { fflate } from './inflate.js';
import type { Container } from '../facts/facts.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Limits } from '../limits.js';
import { limitDiagnostic, readDiagnostic } from '../diagnostics/reader.js';
import { looksLikeTar, sniffContainer } from './sniff.js';
import { clip } from './clip.js';
import { crc32 } from './crc32.js';

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

const EMPTY = new Uint8Array(0);

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
  // Names are cut in what is reported: a 1 MB name would otherwise be copied into each diagnostic.
  const shown = clip(name);
  const location = { file: `${file}!/${shown}` };
  const parts = name.split(/[\\/]/);
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || parts.includes('..')) {
    out.push(readDiagnostic('archive-unsafe-name', 'error', {
      fr: `Le fichier « ${shown} » de l’archive a un chemin absolu ou remontant (..) : il est lu mais jamais écrit, et Chorus Pro peut refuser l’archive.`,
      en: `The archive member "${shown}" has an absolute or parent-relative (..) path: it is read but never written anywhere, and Chorus Pro may refuse the archive.`,
    }, { location, actual: shown }));
  }
  // `./a.xml` and `a.xml` (or `d//a.xml` and `d/a.xml`) name one file once extracted: duplicates.
  const key = parts.filter((p) => p !== '' && p !== '.').join('/');
  if (seen.has(key)) {
    out.push(readDiagnostic('archive-duplicate-name', 'error', {
      fr: `Le nom « ${shown} » apparaît plusieurs fois dans l’archive.`,
      en: `The name "${shown}" appears more than once in the archive.`,
    }, { location, actual: shown }));
  }
  seen.add(key);
  return out;
}

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
      for (let p = o + 46 + n; p + 4 <= o + 46 + n + x; ) {
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
  constructor(readonly declared: number, readonly computed: number) {
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

function listZip(bytes: Uint8Array, file: string, limits: Limits, spent: Spent): ArchiveListing {
  const diagnostics: Diagnostic[] = [];
  // One entry past the member limit is enough to know it is exceeded.
  const { entries, declared } = readCentralDirectory(bytes, limits.maxBatchMembers + 1);
  // Entries whose compressed data add up to more than the archive itself share their data:
  // the overlapping-entries zip bomb (D. Fifield, "A better zip bomb", 2019). Refused whole.
  const compressed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
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
      problems.push(readDiagnostic('archive-name-mismatch', 'error', {
        fr: `Le fichier « ${clip(entry.name)} » de l’archive porte un autre nom dans son en-tête local (« ${clip(local)} ») : selon l’outil qui l’extrait, ce n’est pas le même fichier.`,
        en: `The archive member "${clip(entry.name)}" has another name in its local header ("${clip(local)}"): depending on the tool that extracts it, it is not the same file.`,
      }, { location: { file: at }, actual: clip(local), expected: clip(entry.name) }));
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
            diagnostic: readDiagnostic('archive-crc-mismatch', 'error', {
              fr: `Le fichier « ${clip(entry.name)} » de l’archive est endommagé : son contenu n’a pas la somme de contrôle CRC-32 déclarée (${e.message}). Il n’est pas lu.`,
              en: `The archive member "${clip(entry.name)}" is damaged: its content does not have the declared CRC-32 checksum (${e.message}). It is not read.`,
            }, { location: { file: at }, fatal: true, actual: hex(e.computed), expected: hex(e.declared) }),
          };
        }
        return { bytes: EMPTY, diagnostic: corrupt('zip', at, e) };
      }
    };
    members.push({ name: entry.name, bytes: EMPTY, diagnostic: null, extract });
    if (problems.length > 0) diagnostics.push(...problems);
  }
  return { container: 'zip', members, diagnostics };
}

/** Joins chunks into one array of `size` bytes (the chunk itself when there is one). */
function concat(chunks: Uint8Array[], size: number): Uint8Array {
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

/**
 * Inflates a gzip step by step and yields its members as they complete: the members of a
 * tar.gz (parsed on the fly, so that only the member being read is held), or the one
 * compressed file. The inflated total is bounded by `maxBatchBytes`, one member by
 * `maxDocumentBytes`; inflating stops at the end of the tar archive, and a lone file that is
 * neither XML, PDF nor an archive is not inflated past its first KB.
 */
function* gzipMembers(bytes: Uint8Array, file: string, limits: Limits, listing: ArchiveListing, spent: Spent): Generator<ArchiveMember> {
  // RFC 1952 §2.3.1: ISIZE, the last four bytes, is the input size modulo 2^32 (garbage when
  // the file is truncated: only trusted to refuse a lone file early, see `decide`).
  const n = bytes.length;
  const isize = n >= 18 ? ((bytes[n - 4] as number) | ((bytes[n - 3] as number) << 8) | ((bytes[n - 2] as number) << 16) | ((bytes[n - 1] as number) << 24)) >>> 0 : null;
  const queue: Uint8Array[] = [];
  const gz = new (fflate().Gunzip)((chunk) => queue.push(chunk));
  const tar = new TarStream(file, limits, listing.diagnostics);
  type Mode = 'head' | 'tar' | 'single' | 'done';
  let mode = 'head' as Mode;
  const head: Uint8Array[] = [];
  let headSize = 0;
  const base = file.split('!/').pop() ?? file;
  const inner = base.replace(/\.t?gz$/i, '') || 'content';
  const single: Uint8Array[] = [];
  let singleSize = 0;
  let tooBig: number | null = null;

  const decide = (final: boolean): void => {
    const h = concat(head, headSize);
    if (looksLikeTar(h)) {
      mode = 'tar';
      listing.container = 'tar.gz';
      tar.push(h);
      if (tar.ended) mode = 'done';
      return;
    }
    // A lone file is one document: bounded by the document limit, refused on its first KB
    // when its trailer declares more.
    if (isize !== null && isize > limits.maxDocumentBytes) {
      tooBig = isize;
      mode = 'done';
      return;
    }
    mode = 'single';
    single.push(h);
    singleSize = h.length;
    const c = sniffContainer(h).container;
    if (!final && c !== 'xml' && c !== 'pdf' && c !== 'zip' && c !== 'gzip') mode = 'done';
  };
  const feed = (chunk: Uint8Array): void => {
    if (mode === 'head') {
      head.push(chunk);
      headSize += chunk.length;
      if (headSize >= 1024) decide(false);
    } else if (mode === 'tar') {
      tar.push(chunk);
      if (tar.ended) mode = 'done';
    } else if (mode === 'single') {
      singleSize += chunk.length;
      if (singleSize > limits.maxDocumentBytes) {
        tooBig = limits.maxDocumentBytes + 1;
        single.length = 0;
        mode = 'done';
      } else single.push(chunk);
    }
  };

  const STEP = 64 * 1024;
  let failure: unknown = null;
  for (let off = 0; off < n && mode !== 'done'; off += STEP) {
    const end = Math.min(n, off + STEP);
    try {
      gz.push(bytes.subarray(off, end), end === n);
    } catch (e) {
      failure = e;
    }
    for (const chunk of queue) {
      spent.bytes += chunk.length;
      if (spent.bytes > limits.maxBatchBytes) {
        listing.diagnostics.push(limitDiagnostic('maxBatchBytes', limits.maxBatchBytes, { file }, spent.bytes));
        return;
      }
      if ((mode as Mode) !== 'done') feed(chunk);
    }
    queue.length = 0;
    yield* tar.take();
    if (failure !== null) break;
  }
  if (mode === 'head' && headSize > 0) decide(true);
  if (listing.container === 'tar.gz') {
    if (failure !== null && !tar.ended) listing.diagnostics.push(corrupt('tar.gz', file, failure));
    else tar.finish();
    yield* tar.take();
    return;
  }
  if (tooBig !== null) {
    yield { name: inner, bytes: EMPTY, diagnostic: limitDiagnostic('maxDocumentBytes', limits.maxDocumentBytes, { file }, tooBig) };
    return;
  }
  if (failure !== null) {
    listing.diagnostics.push(corrupt('gzip', file, failure));
    return;
  }
  if (headSize === 0 && single.length === 0) return;
  yield { name: inner, bytes: concat(single, single.reduce((a, c) => a + c.length, 0)), diagnostic: null };
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

/**
 * Parses a tar stream (ustar, GNU long names, pax headers) fed in chunks; regular files only.
 * A member's data is kept only up to `maxDocumentBytes`; larger members are skipped and reported.
 */
class TarStream {
  private readonly members: ArchiveMember[] = [];
  private readonly seen = new Set<string>();
  private readonly header = new Uint8Array(512);
  private headerFill = 0;
  private remaining = 0;
  private pad = 0;
  private current: { name: string; type: string; size: number; chunks: Uint8Array[]; keep: boolean } | null = null;
  private longName: string | null = null;
  private pax: Record<string, string> = {};
  private count = 0;
  ended = false;

  constructor(
    private readonly file: string,
    private readonly limits: Limits,
    private readonly diagnostics: Diagnostic[],
  ) {}

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && !this.ended) {
      if (this.current !== null && this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - i);
        if (this.current.keep) this.current.chunks.push(chunk.slice(i, i + n));
        this.remaining -= n;
        i += n;
        if (this.remaining === 0) this.complete();
        continue;
      }
      if (this.pad > 0) {
        const n = Math.min(this.pad, chunk.length - i);
        this.pad -= n;
        i += n;
        continue;
      }
      const n = Math.min(512 - this.headerFill, chunk.length - i);
      this.header.set(chunk.subarray(i, i + n), this.headerFill);
      this.headerFill += n;
      i += n;
      if (this.headerFill === 512) {
        this.headerFill = 0;
        this.onHeader();
      }
    }
  }

  private onHeader(): void {
    const h = this.header;
    if (h[0] === 0) {
      // A zero block ends the archive (POSIX asks for two; one is enough to stop).
      this.ended = true;
      return;
    }
    const size = looksLikeTar(h) ? readOctal(h, 124, 12) : -1;
    if (size < 0) {
      this.diagnostics.push(corrupt('tar', this.file, 'bad tar header'));
      this.ended = true;
      return;
    }
    const type = String.fromCharCode(h[156] as number);
    const prefix = h[257] === 0x75 /* ustar */ ? readString(h, 345, 155) : '';
    let name = readString(h, 0, 100);
    if (prefix !== '') name = `${prefix}/${name}`;
    const meta = type === 'L' || type === 'x' || type === 'g';
    const regular = type === '0' || type === '\0' || type === '7';
    if (!meta) {
      if (this.longName !== null) name = this.longName;
      if (this.pax['path'] !== undefined) name = this.pax['path'];
      this.longName = null;
      this.pax = {};
    }
    const keep = meta ? size <= 1024 * 1024 : regular && size <= this.limits.maxDocumentBytes;
    this.current = { name, type, size, chunks: [], keep };
    this.remaining = size;
    this.pad = (512 - (size % 512)) % 512;
    if (regular) {
      this.count++;
      if (this.count > this.limits.maxBatchMembers) {
        this.diagnostics.push(limitDiagnostic('maxBatchMembers', this.limits.maxBatchMembers, { file: this.file }, this.count));
        this.ended = true;
        this.current = null;
        return;
      }
      this.diagnostics.push(...nameProblems(name, this.seen, this.file));
    }
    if (size === 0) this.complete();
  }

  private complete(): void {
    const c = this.current;
    this.current = null;
    if (c === null) return;
    const data = c.keep ? concat(c.chunks, c.size) : EMPTY;
    if (c.type === 'L') { this.longName = readString(data, 0, data.length); return; }
    if (c.type === 'x') { this.pax = parsePax(data); return; }
    if (c.type !== '0' && c.type !== '\0' && c.type !== '7') return; // links, directories, devices
    if (c.size > this.limits.maxDocumentBytes) {
      this.members.push({ name: c.name, bytes: EMPTY, diagnostic: limitDiagnostic('maxDocumentBytes', this.limits.maxDocumentBytes, { file: `${this.file}!/${c.name}` }, c.size) });
      return;
    }
    this.members.push({ name: c.name, bytes: data, diagnostic: null });
  }

  /** At the end of the input: a member cut short is reported. */
  finish(): void {
    if (!this.ended && (this.current !== null || this.headerFill > 0)) {
      this.diagnostics.push(corrupt('tar', this.file, `member "${clip(this.current?.name ?? '?')}" runs past the end of the archive (truncated?)`));
    }
    this.ended = true;
  }

  /** The members completed since the last call. */
  take(): ArchiveMember[] {
    return this.members.splice(0, this.members.length);
  }
}
