/**
 * The plain pre-check API over real HTTP: the CLI's JSON report for a raw body or multipart
 * parts, the rules, the catalogue, the health, and the OpenAPI 3.1 document that describes them.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRules } from '@chorus-precheck/core/node';
import type { RunningServer } from '../../packages/server/src/index.js';
import { fixture, ROOT, SIMPLE_UBL, start } from './helpers.js';
import { schemaErrors } from './openapi-schemas.js';

let server: RunningServer;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server.close());

function cliJson(args: string[]): unknown {
  try {
    return JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'packages/core/dist/cli/bin.js'), ...args, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }),
    );
  } catch (error) {
    // Exit 1 (errors found) still prints the report.
    return JSON.parse((error as { stdout: string }).stdout);
  }
}

async function problem(response: Response, status: number): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(schemaErrors('Problem', body)).toEqual([]);
  return body;
}

describe('POST /v1/precheck', () => {
  it("answers a raw body with the CLI's JSON report for the same file and context", async () => {
    const query = new URLSearchParams({ channel: 'API', syntaxe: 'IN_DP_E4_UBL_INVOICE', depositDate: '2026-01-15', lang: 'fr', name: SIMPLE_UBL });
    const response = await fetch(`${server.url}/v1/precheck?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: fixture(SIMPLE_UBL),
    });
    expect(response.status).toBe(200);
    const served = await response.json();
    const cli = cliJson([SIMPLE_UBL, '--channel', 'API', '--syntaxe', 'IN_DP_E4_UBL_INVOICE', '--deposit-date', '2026-01-15', '--lang', 'fr']);
    expect(served).toEqual(cli);
    expect((served as { verdict: string }[])[0]!.verdict).toBe('rejected');
  });

  it('takes the bytes whatever the content type says: a JSON file is sniffed, not parsed', async () => {
    const response = await fetch(`${server.url}/v1/precheck?name=not-xml.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: fixture('fixtures/generated/not-xml.json'),
    });
    expect(response.status).toBe(200);
    const [doc] = (await response.json()) as { file: string; facts: { container: string } }[];
    expect(doc!.file).toBe('not-xml.json');
  });

  it('takes several files and the context as multipart form fields, one entry per document', async () => {
    const form = new FormData();
    form.append('channel', 'API');
    form.append('syntaxe', 'IN_DP_E1_UBL_INVOICE');
    form.append('lang', 'en');
    form.append('file', new Blob([fixture(SIMPLE_UBL)]), 'simple.xml');
    form.append('file', new Blob([fixture('fixtures/generated/works-a4-ubl.xml')]), 'works.xml');
    const response = await fetch(`${server.url}/v1/precheck`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const docs = (await response.json()) as { file: string; verdict: string; facts: { cadre: string } }[];
    expect(docs.map((d) => [d.file, d.verdict, d.facts.cadre])).toEqual([
      ['simple.xml', 'accepted', 'A1'],
      ['works.xml', 'accepted', 'A4'],
    ]);
  });

  it('answers problem details for no file, a bad channel, an unknown release', async () => {
    expect((await problem(await fetch(`${server.url}/v1/precheck`, { method: 'POST' }), 400)).title).toBe('No file');
    const channel = await problem(await fetch(`${server.url}/v1/precheck?channel=FAX`, { method: 'POST', body: fixture(SIMPLE_UBL) }), 400);
    expect(channel.detail).toMatch(/channel must be PORTAIL, API or EDI, not "FAX"/);
    const release = await problem(await fetch(`${server.url}/v1/precheck?release=1.0`, { method: 'POST', body: fixture(SIMPLE_UBL) }), 400);
    expect(release.detail).toMatch(/release must be one of 3\.8\.0, 3\.8\.1/);
    const misspelt = await problem(await fetch(`${server.url}/v1/precheck?syntax=IN_DP_E1_UBL_INVOICE`, { method: 'POST', body: fixture(SIMPLE_UBL) }), 400);
    expect(misspelt.detail).toMatch(/^Unknown parameter\(s\): syntax; known: channel, syntaxe,/);
  });

  it('answers 413 for files over the configured limit', async () => {
    const small = await start({ config: { file: 'inline', context: {}, severity: {}, catalogue: null, limits: { maxInputBytes: 1000 } } });
    try {
      await problem(
        await fetch(`${small.url}/v1/precheck`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: fixture(SIMPLE_UBL) }),
        413,
      );
      const form = new FormData();
      form.append('file', new Blob([fixture(SIMPLE_UBL)]), 'simple.xml');
      await problem(await fetch(`${small.url}/v1/precheck`, { method: 'POST', body: form }), 413);
    } finally {
      await small.close();
    }
  });
});

describe('rules, catalogue, health', () => {
  it('GET /v1/rules lists the rules of the release asked for', async () => {
    const all = (await (await fetch(`${server.url}/v1/rules`)).json()) as { id: string }[];
    expect(all.map((r) => r.id)).toEqual(listRules({ release: '3.8.1' }).map((r) => r.id));
    for (const rule of all) expect(schemaErrors('Rule', rule)).toEqual([]);
    const older = (await (await fetch(`${server.url}/v1/rules?release=3.8.0`)).json()) as { id: string }[];
    expect(older.map((r) => r.id)).toEqual(listRules({ release: '3.8.0' }).map((r) => r.id));
    await problem(await fetch(`${server.url}/v1/rules?release=2.0`), 400);
  });

  it('GET /v1/catalogue gives the flows and syntaxe values of the release, works flows from 3.8.1 only', async () => {
    const now = (await (await fetch(`${server.url}/v1/catalogue`)).json()) as { flows: { code: string }[]; syntaxes: { value: string }[] };
    expect(schemaErrors('Catalogue', now)).toEqual([]);
    expect(now.flows.map((f) => f.code)).toContain('FSO1130A');
    expect(now.syntaxes.map((s) => s.value)).toContain('IN_DP_E1_UBL_INVOICE');
    const before = (await (await fetch(`${server.url}/v1/catalogue?release=3.8.0`)).json()) as { flows: { code: string }[] };
    expect(before.flows.map((f) => f.code)).not.toContain('FSO1130A');
  });

  it('GET /health says it is up, with the release it checks against', async () => {
    const health = await (await fetch(`${server.url}/health`)).json();
    expect(schemaErrors('Health', health)).toEqual([]);
    expect(health).toMatchObject({ status: 'ok', release: '3.8.1' });
  });

  it('answers an unknown path with problem details', async () => {
    await problem(await fetch(`${server.url}/v2/precheck`), 404);
  });
});

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document that describes every route the server answers', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/oauth/token',
      '/cpro/factures/v1/deposer/flux',
      '/cpro/factures/v1/deposer/pdf',
      '/cpro/transverses/v1/consulterCR',
      '/cpro/transverses/v1/consulterCRDetaille',
      '/health',
      '/openapi.json',
      '/v1/catalogue',
      '/v1/precheck',
      '/v1/rules',
    ]);
  });
});
