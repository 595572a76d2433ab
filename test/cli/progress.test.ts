import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from '../../packages/core/src/cli/progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, columns: 80, chunks, write: (c: string) => chunks.push(c) > 0 };
}

describe('progress bar', () => {
  it('draws count, rate and ETA on a TTY', () => {
    const s = stream(true);
    let t = 0;
    const progress = createProgress(s, 4, true, () => t);
    t = 1000;
    progress.tick();
    t = 2000;
    progress.tick();
    expect(s.chunks.at(-1)).toContain('2/4  1.0 files/s  ETA 2s');
    expect(s.chunks.at(-1)).toMatch(/^\r\[#+-+\]/);
    progress.done();
    expect(s.chunks.at(-1)).toBe('\r\u001b[K');
  });

  it('stays silent off a TTY, when disabled (--quiet) and for one input', () => {
    for (const [tty, enabled, total] of [
      [false, true, 5],
      [true, false, 5],
      [true, true, 1],
    ] as const) {
      const s = stream(tty);
      const progress = createProgress(s, total, enabled);
      progress.tick();
      progress.done();
      expect(s.chunks).toEqual([]);
    }
  });

  it('formats durations', () => {
    expect(formatDuration(0.2)).toBe('1s');
    expect(formatDuration(59)).toBe('59s');
    expect(formatDuration(185)).toBe('3m05s');
  });
});
