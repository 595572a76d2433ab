import { describe, expect, it } from 'vitest';
import { parseInline } from '../../../packages/playground/src/lib/markdown.js';

describe('parseInline', () => {
  it.each([
    ['plain text', [{ kind: 'text', text: 'plain text' }]],
    [
      'a **SIRET** here',
      [
        { kind: 'text', text: 'a ' },
        { kind: 'strong', text: 'SIRET' },
        { kind: 'text', text: ' here' },
      ],
    ],
    [
      '`1`, `0002`',
      [
        { kind: 'code', text: '1' },
        { kind: 'text', text: ', ' },
        { kind: 'code', text: '0002' },
      ],
    ],
    [
      'see [the spec](https://example.org/a)',
      [
        { kind: 'text', text: 'see ' },
        { kind: 'link', text: 'the spec', href: 'https://example.org/a' },
      ],
    ],
    [
      'an *emphasis*',
      [
        { kind: 'text', text: 'an ' },
        { kind: 'em', text: 'emphasis' },
      ],
    ],
    // Markup inside code stays literal; a lone star or an arithmetic one is text.
    ['`**x**`', [{ kind: 'code', text: '**x**' }]],
    ['2 * 3 * 4', [{ kind: 'text', text: '2 * 3 * 4' }]],
    ['B1, S1, M1 … S8', [{ kind: 'text', text: 'B1, S1, M1 … S8' }]],
  ])('reads %j', (source, tokens) => {
    expect(parseInline(source)).toEqual(tokens);
  });

  it('makes links only of http(s) URLs: anything else stays text', () => {
    expect(parseInline('[x](javascript:alert(1))')).toEqual([{ kind: 'text', text: '[x](javascript:alert(1))' }]);
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });
});
