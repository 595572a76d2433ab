/**
 * Globs are matched segment by segment: a pattern with many globstars against a deep path
 * answers at once (as a backtracking regular expression, eleven `**` segments took 83 s).
 */
import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../packages/core/src/cli/glob.js';

describe('glob matching is linear in the number of globstars', () => {
  it('eleven globstars against a 60-segment path that does not match, then one that does', () => {
    const glob = `${'**/'.repeat(11)}*.xml`;
    const deep = 'a/'.repeat(60);
    expect(globToRegExp(glob).test(`${deep}x.txt`)).toBe(false);
    expect(globToRegExp(glob).test(`${deep}x.xml`)).toBe(true);
  });

  it('globstars with literals between them, and many stars in one segment', () => {
    const glob = `${'**/a/'.repeat(10)}*a*a*a*a*a*a*a*b`;
    expect(globToRegExp(glob).test(`${'a/'.repeat(40)}${'a'.repeat(200)}`)).toBe(false);
    expect(globToRegExp(glob).test(`${'a/'.repeat(40)}${'a'.repeat(200)}b`)).toBe(true);
  });

  it('braces expand, classes and ? keep their meaning', () => {
    expect(globToRegExp('{in,out}/**/f-[0-9]?.{xml,pdf}').test('out/2024/01/f-12.pdf')).toBe(true);
    expect(globToRegExp('{in,out}/**/f-[!0-9]?.xml').test('in/f-12.xml')).toBe(false);
  });
});
