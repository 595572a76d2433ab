import { describe, expect, it } from 'vitest';
import { defaultJobs } from '../../packages/core/src/cli/check.js';

describe('default --jobs', () => {
  it('uses every core for a large batch and none for a few files', () => {
    expect(defaultJobs(1, 8)).toBe(1);
    expect(defaultJobs(19, 8)).toBe(1);
    expect(defaultJobs(40, 8)).toBe(2);
    expect(defaultJobs(10_000, 8)).toBe(8);
    expect(defaultJobs(10_000, 2)).toBe(2);
  });
});
