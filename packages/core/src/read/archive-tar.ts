/** Tar archives (ustar, GNU long names, pax headers), parsed from chunks as they arrive. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Limits } from '../limits.js';
import { limitDiagnostic, readDiagnostic } from '../diagnostics/reader.js';
import { looksLikeTar } from './sniff.js';
import { clip } from './clip.js';
import { concat, corrupt, EMPTY, nameProblems, type ArchiveMember } from './archive-shared.js';

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
    else if (c === 0 || c === 0x20) {
      if (v > 0) break;
    } else return -1;
  }
  return v;
}

/** The largest extended header read (a long name or pax records): names are cut far below it in reports. */
const MAX_META_BYTES = 1024 * 1024;

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
export class TarStream {
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
    const keep = meta ? size <= MAX_META_BYTES : regular && size <= this.limits.maxDocumentBytes;
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
    if ((c.type === 'L' || c.type === 'x') && !c.keep) {
      // Not read (over 1 MB): the next member keeps its short name, and the report says why.
      this.diagnostics.push(
        readDiagnostic(
          'archive-long-header-skipped',
          'warning',
          {
            fr: `L’en-tête étendu (nom long ou en-tête pax) de ${c.size} octets placé avant le membre suivant dépasse 1 Mo et n’est pas lu : ce membre est signalé sous son nom court.`,
            en: `The ${c.size}-byte extended header (long name or pax header) before the next member is over 1 MB and is not read: that member is reported under its short name.`,
          },
          { location: { file: this.file }, actual: c.size, expected: MAX_META_BYTES },
        ),
      );
      return;
    }
    if (c.type === 'L') {
      this.longName = readString(data, 0, data.length);
      return;
    }
    if (c.type === 'x') {
      this.pax = parsePax(data);
      return;
    }
    if (c.type !== '0' && c.type !== '\0' && c.type !== '7') return; // links, directories, devices
    if (c.size > this.limits.maxDocumentBytes) {
      this.members.push({
        name: c.name,
        bytes: EMPTY,
        diagnostic: limitDiagnostic('maxDocumentBytes', this.limits.maxDocumentBytes, { file: `${this.file}!/${c.name}` }, c.size),
      });
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
