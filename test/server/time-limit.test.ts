/**
 * The time limit of a check. The core's reader stops at its cancellation points (between the
 * members of an archive, around a PDF's reading), which a timer can reach only when the check
 * waits on real I/O: here the first PDF of this process loads pdf.js from disk, so this file runs
 * on its own (vitest isolates test files) and deposits a zip whose PDF member comes before others.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../packages/server/src/index.js';
import { base64, chorusHeaders, fixture, post, start, token } from './helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await start({ checkTimeoutMs: 1 });
});
afterAll(() => server.close());

it('answers 503 with codeRetour 50301 and records nothing when a check outlasts checkTimeoutMs', async () => {
  const answer = await post(`${server.url}/cpro/factures/v1/deposer/flux`, chorusHeaders(await token(server.url)), {
    fichierFlux: base64('fixtures/generated/batch.zip'),
    nomFichier: 'batch.zip',
    syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
  });
  expect([answer.status, answer.body.codeRetour]).toEqual([503, 50301]);
  expect(answer.body.libelle).toMatch(/dépassé 1 ms/);
  const health = (await (await fetch(`${server.url}/health`)).json()) as { deposits: number };
  expect(health.deposits).toBe(0);
});

it('answers a check that ends in time as usual', async () => {
  const response = await fetch(`${server.url}/v1/precheck?name=a.xml`, { method: 'POST', body: fixture('fixtures/generated/utf-8-bom-ubl.xml') });
  expect(response.status).toBe(200);
});
