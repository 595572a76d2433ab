/**
 * Builds the playground and serves the built files with `vite preview` on a free localhost
 * port, so that the browser tests run against exactly what would be deployed.
 */
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The origin of the served playground, e.g. `http://127.0.0.1:41234`. */
    playgroundUrl: string;
  }
}

const root = fileURLToPath(new URL('../../packages/playground', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let server: PreviewServer | undefined;

/** Builds and serves the playground; the returned function stops the server. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build({ root, logLevel: 'error' });
  const port = await freePort();
  server = await preview({ root, logLevel: 'error', preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  project.provide('playgroundUrl', `http://127.0.0.1:${port}`);
  return async () => {
    await server?.close();
  };
}
