/**
 * The fuzz runner itself: a child that never answers is reported as a hang and replaced, one
 * that dies is reported as an exit, and the next input runs in a fresh child. Without this,
 * a hang in the reader could pass the fuzz properties unnoticed.
 */
import { strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_UBL } from '../helpers/build/index.js';
import { IsolatedRunner } from './runner.js';

const runner = new IsolatedRunner();
afterAll(() => runner.close());
const invoice = { name: 'ubl.xml', bytes: strToU8(TINY_UBL) };

describe('fuzz runner', () => {
  it('reports a spinning child as a hang, then runs the next input in a fresh child', async () => {
    const hung = await runner.run({ api: 'read', inputs: [invoice], selfTest: 'spin' }, 1_000);
    expect(hung.outcome).toBe('hang');
    const next = await runner.run({ api: 'read', inputs: [invoice] }, 30_000);
    expect(next.outcome, next.error).toBe('ok');
    expect(runner.starts).toBe(2);
  }, 60_000);

  it('reports a child that waits on nothing as a hang, though it spends no CPU time', async () => {
    const stalled = await runner.run({ api: 'read', inputs: [invoice], selfTest: 'stall' }, 300);
    expect(stalled.outcome).toBe('hang');
    expect(stalled.error).toMatch(/without CPU progress/);
    const next = await runner.run({ api: 'read', inputs: [invoice] }, 30_000);
    expect(next.outcome, next.error).toBe('ok');
  }, 60_000);

  it('reports a child that dies as an exit, then recovers', async () => {
    const died = await runner.run({ api: 'read', inputs: [invoice], selfTest: 'exit' }, 30_000);
    expect(died.outcome).toBe('exit');
    const next = await runner.run({ api: 'read', inputs: [invoice] }, 30_000);
    expect(next.outcome, next.error).toBe('ok');
  }, 60_000);
});
