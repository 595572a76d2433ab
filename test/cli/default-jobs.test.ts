import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchSize, defaultJobs } from '../../packages/core/src/cli/check.js';

const idle = (cores: number) => ({ cores, load: 0 });

describe('default --jobs', () => {
  it('keeps one thread for a batch too small to repay starting another', () => {
    expect(defaultJobs({ files: 2, bytes: 40_000 }, idle(8))).toBe(1);
    // 1,200 invoices of 20 kB: about 0.8 s of work on one thread.
    expect(defaultJobs({ files: 1_200, bytes: 24e6 }, idle(8))).toBe(1);
  });

  it('adds threads as the batch grows, up to the cores V8 and the machine leave free', () => {
    expect(defaultJobs({ files: 5_000, bytes: 100e6 }, idle(8))).toBe(2);
    expect(defaultJobs({ files: 20_000, bytes: 400e6 }, idle(8))).toBe(7);
    expect(defaultJobs({ files: 2_000, bytes: 2e9 }, idle(8))).toBe(3);
  });

  it('stays on one thread on 2 cores, where a second one does not pay, and on a loaded machine', () => {
    expect(defaultJobs({ files: 100_000, bytes: 2e9 }, idle(2))).toBe(1);
    expect(defaultJobs({ files: 100_000, bytes: 2e9 }, { cores: 8, load: 7.5 })).toBe(1);
    expect(defaultJobs({ files: 100_000, bytes: 2e9 }, { cores: 8, load: 4 })).toBe(3);
  });

  it('measures a batch by its files and their sizes, stdin included, without failing on a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chorus-jobs-'));
    try {
      writeFileSync(join(dir, 'a.xml'), 'x'.repeat(1000));
      expect(
        batchSize([
          { name: 'a.xml', path: join(dir, 'a.xml') },
          { name: '-', bytes: new Uint8Array(24) },
          { name: 'gone.xml', path: join(dir, 'gone.xml') },
        ]),
      ).toEqual({ files: 3, bytes: 1024 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
