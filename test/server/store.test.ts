/** The in-memory deposit store's bounds, and the tokens' expiry, on an injected clock. */
import { describe, expect, it } from 'vitest';
import { DepositStore, TokenIssuer, type DepositRecord } from '../../packages/server/src/index.js';

function record(numeroFluxDepot: string): DepositRecord {
  return {
    numeroFluxDepot,
    nomFichier: 'f.xml',
    syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
    dateDepot: '2026-01-15T10:00:00.000Z',
    codeInterface: 'FSO1100A',
    etat: 'IN_INTEGRE',
    erreursDP: [],
    erreursTechniques: [],
  };
}

describe('DepositStore', () => {
  it('keeps at most max deposits, dropping the oldest first', () => {
    const store = new DepositStore(3, 60_000);
    for (const n of ['A', 'B', 'C', 'D']) store.add(record(n));
    expect(store.size).toBe(3);
    expect(store.get('A')).toBeNull();
    expect(['B', 'C', 'D'].map((n) => store.get(n)?.numeroFluxDepot)).toEqual(['B', 'C', 'D']);
  });

  it('forgets a deposit once its time is up, and sweeps expired ones on the next deposit', () => {
    let now = 0;
    const store = new DepositStore(100, 1_000, () => now);
    store.add(record('A'));
    now = 500;
    store.add(record('B'));
    now = 999;
    expect(store.get('A')).not.toBeNull();
    now = 1_000;
    expect(store.get('A')).toBeNull();
    now = 1_600;
    store.add(record('C'));
    expect(store.size).toBe(1);
    expect(store.get('C')).not.toBeNull();
  });

  it('numbers deposits as Chorus Pro does: CPP and 22 digits, never twice', () => {
    const numbers = new Set(Array.from({ length: 1000 }, () => DepositStore.newNumber()));
    expect(numbers.size).toBe(1000);
    for (const n of numbers) expect(n).toMatch(/^CPP\d{22}$/);
  });
});

describe('TokenIssuer', () => {
  it('accepts its tokens until they expire, and those of an instance with the same secret', () => {
    const a = new TokenIssuer('s', 60);
    const token = a.issue(1_000_000);
    expect(a.verify(token, 1_000_000 + 59_000)).toBe('valid');
    expect(a.verify(token, 1_000_000 + 60_000)).toBe('expired');
    expect(new TokenIssuer('s', 60).verify(token, 1_000_000)).toBe('valid');
  });

  it('refuses tokens of another secret and altered ones', () => {
    const token = new TokenIssuer('s', 60).issue();
    expect(new TokenIssuer('t', 60).verify(token)).toBe('invalid');
    const [expiry, nonce, mac] = token.split('.');
    expect(new TokenIssuer('s', 60).verify(`${Number(expiry) + 1000}.${nonce}.${mac}`)).toBe('invalid');
    expect(new TokenIssuer('s', 60).verify('garbage')).toBe('invalid');
  });
});
