import type { ProgressStream } from './progress.js';

/** The process the CLI talks to, injected so that tests can run it in memory. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Standard output; `once('drain')` when writes can be asynchronous (a pipe), to wait for its reader. */
  stdout: ProgressStream & { once?(event: 'drain', listener: () => void): unknown };
  stderr: ProgressStream;
  /** Standard input whole, or `null` once it has given more than `limit` bytes (the rest is not read). */
  readStdin(limit: number): Promise<Uint8Array | null>;
}

/**
 * Reads a whole readable stream (standard input) into one byte array, or stops and gives `null`
 * as soon as it exceeds `limit` bytes: 5 GB piped in then cost no more memory than the limit.
 */
export async function readAll(stream: AsyncIterable<Uint8Array | string>, limit = Infinity): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.byteLength;
    if (size > limit) return null;
    chunks.push(bytes);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
