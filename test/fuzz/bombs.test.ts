/**
 * Every generated bomb is answered, with the default limits, by its own diagnostic within a
 * bounded time, in a child process that is killed if it is not; XML never reaches the network;
 * a batch with one bad member still reports every other member.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBombs, externalDtdXml, externalEntityXml, xincludeXml } from '../helpers/bombs.js';
import { TINY_UBL, buildTar, pdfWithEmbedded } from '../helpers/build/index.js';
import { IsolatedRunner, type ChildResult } from './runner.js';
import { TINY_CII } from './seeds.js';

// Generous: a bomb must be refused early, and 2 busy cores must not make the suite flaky.
const BOMB_TIMEOUT_MS = 20_000;
const runner = new IsolatedRunner();
afterAll(() => runner.close());

function explain(r: ChildResult): string {
  return `${r.outcome} in ${Math.round(r.ms)} ms; ids: ${r.ruleIds.join(', ')}\n${[...r.violations, r.error ?? ''].join('\n')}`;
}

describe('bombs', () => {
  for (const bomb of allBombs()) {
    it(
      `${bomb.id}: ${bomb.description}`,
      async () => {
        // The member-count bombs stop in the reader; through precheck they also cost 1 000 rule runs
        // on empty members (seconds of CPU), which the fuzz campaign measures instead.
        const api = bomb.expect.limits?.includes('maxBatchMembers') ? 'read' : 'precheck';
        const r = await runner.run({ api, inputs: [{ bombId: bomb.id }] }, BOMB_TIMEOUT_MS);
        expect(r.outcome, explain(r)).toBe('ok');
        const accepted = [...(bomb.expect.limits ?? []).map((l) => `limit/${l}`)];
        const matched = r.ruleIds.some((id) => accepted.includes(id) || (bomb.expect.ruleIds ?? []).some((re) => re.test(id)));
        expect(matched, `expected one of ${[...accepted, ...(bomb.expect.ruleIds ?? []).map(String)].join(', ')}; got ${r.ruleIds.join(', ')}`).toBe(true);
      },
      BOMB_TIMEOUT_MS + 30_000,
    );
  }
});

describe('no network, no file from XML', () => {
  let server: Server;
  let url = '';
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('<!ENTITY leak "LEAKED">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('external entities, external DTDs, XInclude and schema locations are never fetched', async () => {
    const docs = [externalEntityXml(`${url}/xxe`), externalDtdXml(`${url}/dtd`), xincludeXml(`${url}/xi`)];
    for (const [i, xml] of docs.entries()) {
      for (const wrapAs of ['xml', 'zip', 'pdf'] as const) {
        const bytes = strToU8(xml);
        const input =
          wrapAs === 'xml'
            ? { name: `x${i}.xml`, bytes }
            : wrapAs === 'zip'
              ? { name: `x${i}.zip`, bytes: zipSync({ 'x.xml': bytes }) }
              : { name: `x${i}.pdf`, bytes: pdfWithEmbedded({ name: 'factur-x.xml', stream: bytes }) };
        const r = await runner.run({ api: 'precheck', inputs: [input] }, BOMB_TIMEOUT_MS);
        expect(r.outcome, explain(r)).toBe('ok');
      }
    }
    // Give a stray asynchronous fetch time to land before concluding there was none.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hits).toEqual([]);
  });
});

describe('nothing lost in a batch', () => {
  const good = { 'good1.xml': strToU8(TINY_UBL), 'good2.xml': strToU8(TINY_CII), 'good3.xml': strToU8(TINY_UBL.replace('F-0001', 'F-0003')) };
  const bad: Record<string, Uint8Array> = {
    'garbage.xml': Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff),
    'truncated.xml': strToU8(TINY_UBL.slice(0, 200)),
    'deep.xml': strToU8(`<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</Invoice>`),
    'dtd.xml': strToU8('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Invoice>&a;</Invoice>'),
    'empty.xml': new Uint8Array(0),
    'fake.pdf': strToU8('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'),
  };

  function expectAllGoodReported(r: ChildResult, prefix: string): void {
    expect(r.outcome, explain(r)).toBe('ok');
    for (const name of Object.keys(good)) expect(r.files, `files: ${r.files.join(', ')}`).toContain(`${prefix}${name}`);
  }

  for (const [badName, badBytes] of Object.entries(bad)) {
    it(`zip, tar.gz and an input list with ${badName} still report every good member`, async () => {
      const members = { ...good, [badName]: badBytes };
      const zip = zipSync(members);
      expectAllGoodReported(await runner.run({ api: 'precheck', inputs: [{ name: 'batch.zip', bytes: zip }] }, BOMB_TIMEOUT_MS), 'batch.zip!/');
      const tar = gzipSync(buildTar(Object.entries(members).map(([name, data]) => ({ name, data }))));
      expectAllGoodReported(await runner.run({ api: 'precheck', inputs: [{ name: 'batch.tar.gz', bytes: tar }] }, BOMB_TIMEOUT_MS), 'batch.tar.gz!/');
      const list = Object.entries(members).map(([name, bytes]) => ({ name, bytes }));
      expectAllGoodReported(await runner.run({ api: 'precheck', inputs: list }, BOMB_TIMEOUT_MS), '');
    });
  }

  it('a zip holding a bomb member and path tricks still reports the good members', async () => {
    const x = strToU8(TINY_UBL);
    const deep = strToU8(`<Invoice>${'<a>'.repeat(100_000)}</Invoice>`);
    const zip = zipSync({ ...good, 'deep.xml': deep, '../escape.xml': x, 'nested.zip': zipSync({ 'inner.xml': x }) });
    expectAllGoodReported(await runner.run({ api: 'precheck', inputs: [{ name: 'batch.zip', bytes: zip }] }, BOMB_TIMEOUT_MS), 'batch.zip!/');
  });
});
