/**
 * Any bytes get a report: random bytes (raw and behind each container's magic number),
 * seeded mutations of the seeds, truncations and encoding swaps. Each input runs in a child
 * process with a timeout, so a hang fails the property instead of freezing the suite; the
 * child checks the invariants (see invariants.ts), the input hash included.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { ENCODING_SWAPS, Rng, encodingSwap, mutateChain, truncations } from '../helpers/mutate.js';
import { IsolatedRunner, type ChildResult } from './runner.js';
import { allSeeds, builtinSeeds } from './seeds.js';

const SEED = 20261127;
const TIMEOUT_MS = 10_000;
const runner = new IsolatedRunner();
afterAll(() => runner.close());

function explain(r: ChildResult, what: string): string {
  return `${what}: ${r.outcome}\n${[...r.violations, r.error ?? ''].join('\n')}`;
}

async function expectSound(name: string, bytes: Uint8Array, what: string, api: 'precheck' | 'read' = 'precheck'): Promise<void> {
  const r = await runner.run({ api, inputs: [{ name, bytes }] }, TIMEOUT_MS);
  expect(r.outcome, explain(r, what)).toBe('ok');
}

const MAGIC = [
  '',
  '%PDF-1.7\n',
  'PK\u0003\u0004',
  '\u001f\u008b\u0008\u0000',
  '<?xml version="1.0"?>',
  '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">',
  '\uFEFF<',
];

describe('any bytes', () => {
  it('random bytes, raw or behind a magic number, give a sound report', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MAGIC),
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom('x.xml', 'x.pdf', 'x.zip', 'x.tar.gz', 'x'),
        async (magic, tail, name) => {
          const m = strToU8(magic, true);
          const bytes = new Uint8Array(m.length + tail.length);
          bytes.set(m);
          bytes.set(tail, m.length);
          await expectSound(name, bytes, `random ${JSON.stringify(magic)} + ${tail.length} bytes`);
        },
      ),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('seeded mutation chains over the seeds give a sound report (precheck and readDeposit)', async () => {
    const seeds = allSeeds(256 * 1024);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.nat(), fc.boolean(), async (which, mseed, read) => {
        const seed = seeds[which]!;
        const m = mutateChain(seed.bytes, new Rng(mseed));
        await expectSound(m.wrappedAs ?? seed.name, m.bytes, `${seed.name} seed ${mseed}: ${m.chain.join(' | ')}`, read ? 'read' : 'precheck');
      }),
      { seed: SEED, numRuns: 250 },
    );
  });

  it('truncation of every built-in seed at sampled boundaries gives a sound report', async () => {
    const rng = new Rng(SEED);
    for (const seed of builtinSeeds()) {
      for (const t of truncations(seed.bytes, 24, rng)) await expectSound(seed.name, t.bytes, `${seed.name} ${t.detail}`);
    }
  });

  it('truncation of the UBL seed at every byte gives a sound report', async () => {
    const ubl = builtinSeeds()[0]!;
    for (const t of truncations(ubl.bytes, Number.POSITIVE_INFINITY, new Rng(SEED))) await expectSound(ubl.name, t.bytes, t.detail, 'read');
  });

  it('every encoding swap of the XML seeds gives a sound report', async () => {
    for (const seed of builtinSeeds().filter((s) => s.name.endsWith('.xml'))) {
      for (const swap of ENCODING_SWAPS) {
        const m = encodingSwap(seed.bytes, new Rng(SEED), swap);
        await expectSound(seed.name, m.bytes, `${seed.name} ${swap}`);
      }
    }
  });
});
