import type { ProgressStream } from './progress.js';

/** The process the CLI talks to, injected so that tests can run it in memory. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Standard output; `once('drain')` when writes can be asynchronous (a pipe), to wait for its reader. */
  stdout: ProgressStream & { once?(event: 'drain', listener: () => void): unknown };
  stderr: ProgressStream;
  readStdin(): Promise<Uint8Array>;
}

/** Reads a whole readable stream (standard input) into one byte array. */
export async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    size += bytes.byteLength;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
