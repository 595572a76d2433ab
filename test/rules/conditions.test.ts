// The condition-tree visitor shared by rule loading and the flow table: which nodes it visits,
// in which order and under which JSON pointer; which facts a node and a tree read.
import { describe, expect, it } from 'vitest';
import { factReferences, factsOf, isFactReference, mapConditions, visitConditions } from '../../packages/core/src/rules/conditions.js';
import type { RuleCondition } from '../../packages/core/src/rules/types.js';

const leaf = (fact: string, value: unknown = null, path?: string): RuleCondition => ({ fact, operator: 'equal', value, ...(path ? { path } : {}) });

/** Each tree, the nodes visited (pointer and fact, `·` for a boolean node) and the facts read, in order. */
const trees: Array<[string, RuleCondition, string[], string[]]> = [
  ['a leaf', leaf('syntax', 'UBL'), [':syntax'], ['syntax']],
  ['a leaf comparing two facts', { fact: 'issueDate', operator: 'dateNotAfter', value: { fact: 'depositDate' } }, [':issueDate'], ['issueDate', 'depositDate']],
  ['all of two leaves', { all: [leaf('channel'), leaf('syntaxe')] }, [':·', '/all/0:channel', '/all/1:syntaxe'], ['channel', 'syntaxe']],
  [
    'any inside not',
    { not: { any: [leaf('cadre'), leaf('isWorks', true)] } },
    [':·', '/not:·', '/not/any/0:cadre', '/not/any/1:isWorks'],
    ['cadre', 'isWorks'],
  ],
  [
    'nested all, any and not, parent first',
    { name: 'outer', all: [{ any: [leaf('flow', null, '$.type'), { not: leaf('channel', 'EDI') }] }, leaf('release', '3.8.1')] },
    [':·', '/all/0:·', '/all/0/any/0:flow', '/all/0/any/1:·', '/all/0/any/1/not:channel', '/all/1:release'],
    ['flow', 'channel', 'release'],
  ],
  [
    // The schema allows `all` and `any` on one node: both are walked, `all` first, then `not`.
    'all, any and not on one node',
    { all: [leaf('a')], any: [leaf('b')], not: leaf('c') },
    [':·', '/all/0:a', '/any/0:b', '/not:c'],
    ['a', 'b', 'c'],
  ],
  [
    'a fact read twice is listed once',
    { any: [leaf('number'), { fact: 'buyerReference', operator: 'equal', value: { fact: 'number' } }] },
    [':·', '/any/0:number', '/any/1:buyerReference'],
    ['number', 'buyerReference'],
  ],
];

describe('visitConditions', () => {
  it.each(trees)('%s: visits every node once, parent first, with its pointer', (_, tree, visited) => {
    const seen: string[] = [];
    visitConditions(tree, (c, pointer) => seen.push(`${pointer}:${c.fact ?? '·'}`));
    expect(seen).toEqual(visited);
  });

  it('starts pointers at the one given for the root', () => {
    const seen: string[] = [];
    const tree: RuleCondition = { all: [leaf('x')] };
    visitConditions(tree, (_, pointer) => seen.push(pointer), '/when/2');
    expect(seen).toEqual(['/when/2', '/when/2/all/0']);
  });
});

describe('factsOf', () => {
  it.each(trees)('%s: lists the facts read, node facts and compared-value references', (_, tree, __, facts) => {
    expect([...factsOf(tree)]).toEqual(facts);
  });

  it('adds to the set it is given', () => {
    const out = new Set(['kept']);
    expect(factsOf(leaf('syntax'), out)).toBe(out);
    expect([...out]).toEqual(['kept', 'syntax']);
  });
});

describe('isFactReference', () => {
  it.each([
    [{ fact: 'depositDate' }, true],
    [{ fact: 'flow', path: '$.type' }, true],
    // Any `fact` key makes a reference: one that names no fact is a load error, not a constant.
    [{ fact: 42 }, true],
    [{ fact: undefined }, true],
    [{ value: 'x' }, false],
    [['fact'], false],
    [null, false],
    ['fact', false],
    [0, false],
    [undefined, false],
  ])('%j → %s', (value, expected) => expect(isFactReference(value)).toBe(expected));
});

describe('factReferences', () => {
  it.each<[string, RuleCondition, Array<{ fact: string; path: unknown }>]>([
    ['a leaf', leaf('syntax'), [{ fact: 'syntax', path: undefined }]],
    ['a leaf with a path', leaf('flow', 'x', '$.type'), [{ fact: 'flow', path: '$.type' }]],
    [
      'a leaf comparing two facts',
      { fact: 'flow', path: '$.scope', operator: 'equal', value: { fact: 'flow', path: '$.type' } },
      [
        { fact: 'flow', path: '$.scope' },
        { fact: 'flow', path: '$.type' },
      ],
    ],
    ['a reference naming no fact by a string', { fact: 'a', operator: 'equal', value: { fact: 7 } }, [{ fact: 'a', path: undefined }]],
    ['a constant object value', { fact: 'a', operator: 'equal', value: { scheme: '0002' } }, [{ fact: 'a', path: undefined }]],
    ['a boolean node reads nothing itself', { all: [leaf('a')] }, []],
  ])('%s', (_, node, refs) => expect(factReferences(node)).toEqual(refs));
});

describe('mapConditions', () => {
  const tree = {
    priority: 2,
    all: [
      { priority: 2, fact: 'flow', value: null },
      { priority: 1, not: { any: [{ fact: 'a', value: { fact: 'flow' } }] } },
    ],
  };

  it('gives edit a copy of every node, children already mapped, and leaves the tree as it was', () => {
    const before = JSON.stringify(tree);
    const order: string[] = [];
    const out = mapConditions<Record<string, unknown>>(tree, (c) => {
      order.push(
        String(
          c.fact ??
            Object.keys(c)
              .filter((k) => k !== 'priority')
              .join('+'),
        ),
      );
      if (c.fact === 'flow') c.fact = 'flow@X';
      return c;
    });
    expect(order).toEqual(['flow', 'a', 'any', 'not', 'all']);
    expect(JSON.stringify(tree)).toBe(before);
    expect(out).toEqual({
      priority: 2,
      all: [
        { priority: 2, fact: 'flow@X', value: null },
        { priority: 1, not: { any: [{ fact: 'a', value: { fact: 'flow' } }] } },
      ],
    });
    expect(out.all).not.toBe(tree.all);
  });

  it('keeps what edit returns', () => {
    expect(mapConditions<Record<string, unknown>>({ not: { fact: 'a' } }, (c) => (c.fact ? { fact: 'b' } : c))).toEqual({ not: { fact: 'b' } });
  });
});
