import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer, type StartOptions } from '../../packages/server/src/index.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A simple (cadre A1, non-works) UBL invoice the current rules accept on IN_DP_E1_UBL_INVOICE. */
export const SIMPLE_UBL = 'fixtures/generated/utf-8-bom-ubl.xml';

/** Reads a fixture's bytes. */
export function fixture(path: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(new URL(`../../${path}`, import.meta.url)));
}

/** A fixture in base64, as Chorus Pro clients send files. */
export function base64(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url)).toString('base64');
}

/** Starts the real server on an ephemeral port of 127.0.0.1. */
export function start(options: StartOptions = {}): Promise<RunningServer> {
  return startServer({ port: 0, ...options });
}

/** Gets a bearer token the way PISTE clients do (form-encoded client credentials). */
export async function token(url: string): Promise<string> {
  const response = await fetch(`${url}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=id&client_secret=secret&scope=openid',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The headers of an authenticated Chorus Pro call. */
export function chorusHeaders(bearer: string): Record<string, string> {
  return {
    authorization: `Bearer ${bearer}`,
    'cpro-account': Buffer.from('tech@example.fr:password').toString('base64'),
    'content-type': 'application/json;charset=utf-8',
  };
}

/** POSTs JSON and returns the status and the parsed body. */
export async function post(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown>; type: string }> {
  const response = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, type: response.headers.get('content-type') ?? '' };
}
