/**
 * Gzip input (RFC 1952): a tar.gz parsed as it is inflated, or one compressed file, bounded as
 * it is inflated.
 */
import { fflate } from './inflate.js';
import type { Limits } from '../limits.js';
import { limitDiagnostic } from '../diagnostics/reader.js';
import { looksLikeTar, sniffContainer } from './sniff.js';
import { concat, corrupt, EMPTY, type ArchiveListing, type ArchiveMember, type Spent } from './archive-shared.js';
import { TarStream } from './archive-tar.js';

/**
 * Inflates a gzip step by step and yields its members as they complete: the members of a
 * tar.gz (parsed on the fly, so that only the member being read is held), or the one
 * compressed file. The inflated total is bounded by `maxBatchBytes`, one member by
 * `maxDocumentBytes`; inflating stops at the end of the tar archive, and a lone file that is
 * neither XML, PDF nor an archive is not inflated past its first KB.
 */
export function* gzipMembers(bytes: Uint8Array, file: string, limits: Limits, listing: ArchiveListing, spent: Spent): Generator<ArchiveMember> {
  // RFC 1952 §2.3.1: ISIZE, the last four bytes, is the input size modulo 2^32 (garbage when
  // the file is truncated: only trusted to refuse a lone file early, see `decide`).
  const n = bytes.length;
  const isize =
    n >= 18 ? ((bytes[n - 4] as number) | ((bytes[n - 3] as number) << 8) | ((bytes[n - 2] as number) << 16) | ((bytes[n - 1] as number) << 24)) >>> 0 : null;
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
    // when its trailer declares more (commit 770c501: a lone gzip bomb was inflated up to the
    // 1 GB batch limit first, 2.2 GB RSS and 17 s).
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
  yield {
    name: inner,
    bytes: concat(
      single,
      single.reduce((a, c) => a + c.length, 0),
    ),
    diagnostic: null,
  };
}
