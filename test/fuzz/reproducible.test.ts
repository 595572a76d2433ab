/**
 * A fuzz campaign prints a seed and an input number for every failure: the same seed must build
 * the same bytes on a later run (no clock, no global random), or the failure cannot be replayed.
 */
import { strToU8 } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { TINY_UBL } from '../helpers/build/index.js';
import { Rng, mutateChain } from '../helpers/mutate.js';
import { GENERATORS } from './generators.js';

/** Builds the same inputs twice, the clock moved on by a day in between. */
function twice<T>(build: () => T): [T, T] {
  vi.useFakeTimers({ now: new Date(2024, 5, 1, 10, 0, 0), toFake: ['Date'] });
  try {
    const first = build();
    vi.setSystemTime(new Date(2024, 5, 2, 11, 30, 7));
    return [first, build()];
  } finally {
    vi.useRealTimers();
  }
}

describe('fuzz inputs replay from their seed', () => {
  it.each(Object.keys(GENERATORS))('%s builds the same bytes for the same seed', (kind) => {
    for (let seed = 1; seed <= 6; seed++) {
      const [a, b] = twice(() => GENERATORS[kind]!(new Rng(seed)));
      expect(b.detail).toBe(a.detail);
      expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes)), `${kind} seed ${seed}: ${a.detail}`).toBe(true);
    }
  });

  it('mutation chains (wrapping in archives included) build the same bytes for the same seed', () => {
    const invoice = strToU8(TINY_UBL);
    for (let seed = 1; seed <= 200; seed++) {
      const [a, b] = twice(() => mutateChain(invoice, new Rng(seed)));
      expect(b.chain).toEqual(a.chain);
      expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes)), `seed ${seed}: ${a.chain.join(' | ')}`).toBe(true);
    }
  });
});
