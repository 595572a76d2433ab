// A typo in a rule file is a load error naming the file and the JSON pointer, never a
// silently passing rule.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRuleFile } from '../../packages/core/src/rules/load.js';
import { loadRuleSet, RuleSetError } from '../../packages/core/src/rules/load.js';
import { lintRuleDirectory } from '../../packages/core/src/rules/lint.node.js';
import { RULE_FILES } from '../../packages/core/src/generated/rules-data.js';

const FILE = 'rules/deposit/works-flow-requires-works-cadre.json';
const original = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../..', FILE), 'utf8'));
const mutate = (f: (r: any) => void) => {
  const r = structuredClone(original);
  f(r);
  return r;
};
const errorsOf = (json: unknown, file = FILE) => compileRuleFile(file, json).errors.map((e) => ({ file: e.file, pointer: e.pointer, code: e.code }));

describe('load errors', () => {
  it('the unmodified file loads', () => expect(errorsOf(original)).toEqual([]));

  it.each([
    [
      'unknown fact',
      (r: any) => {
        r.assert.fact = 'isWork';
      },
      '/assert/fact',
      'fact',
    ],
    [
      'a name every object inherits is no fact',
      (r: any) => {
        r.assert.fact = 'toString';
      },
      '/assert/fact',
      'fact',
    ],
    [
      'inherited name in a compared value',
      (r: any) => {
        r.when[1].value = { fact: 'constructor' };
      },
      '/when/1/value/fact',
      'fact',
    ],
    [
      'inherited name as target',
      (r: any) => {
        r.target = '__proto__';
      },
      '/target',
      'target',
    ],
    [
      'unknown fact in a compared value',
      (r: any) => {
        r.when[1].value = { fact: 'flowz' };
      },
      '/when/1/value/fact',
      'fact',
    ],
    [
      'portal fact in a deposit rule',
      (r: any) => {
        r.when[0].fact = 'pendingApprovals';
      },
      '/when/0/fact',
      'fact',
    ],
    [
      'unknown operator',
      (r: any) => {
        r.when[1].operator = 'equals';
      },
      '/when/1/operator',
      'operator',
    ],
    [
      'unusable operator value',
      (r: any) => {
        r.assert = { name: 'x', fact: 'number', operator: 'matches', value: '([' };
      },
      '/assert/value',
      'value',
    ],
    [
      'bad placeholder',
      (r: any) => {
        r.message.fr = 'Le flux {flux} refuse {cadre}';
      },
      '/message/fr',
      'placeholder',
    ],
    [
      'missing failing example',
      (r: any) => {
        r.examples = r.examples.filter((e: any) => e.expected !== 'failed');
      },
      '/examples',
      'examples',
    ],
    [
      'no examples at all',
      (r: any) => {
        r.examples = [];
      },
      '/examples',
      'examples',
    ],
    [
      'unknown example fact',
      (r: any) => {
        r.examples[0].facts.cadreCode = 'A4';
      },
      '/examples/0/facts/cadreCode',
      'fact',
    ],
    [
      'unknown target',
      (r: any) => {
        r.target = 'cadreCode';
      },
      '/target',
      'target',
    ],
    [
      'id not the path',
      (r: any) => {
        r.id = 'deposit/works-only';
      },
      '/id',
      'id',
    ],
    [
      'a condition of two forms, half of which the engine would ignore',
      (r: any) => {
        r.when[1].any = [r.when[0]];
      },
      '/when/1',
      'schema',
    ],
    [
      'unknown property (schema)',
      (r: any) => {
        r.severty = 'error';
      },
      '',
      'schema',
    ],
    [
      'bad severity (schema)',
      (r: any) => {
        r.severity = 'fatal';
      },
      '/severity',
      'schema',
    ],
    [
      'until before since',
      (r: any) => {
        r.until = '3.8.0';
      },
      '/until',
      'release',
    ],
  ])('%s', (_name, change, pointer, code) => {
    expect(errorsOf(mutate(change))).toContainEqual({ file: FILE, pointer, code });
  });

  it('reports every error of a file (allErrors), not only the first', () => {
    const errors = errorsOf(
      mutate((r) => {
        r.assert.fact = 'nope';
        r.when[0].operator = 'nope';
        r.message.en = '{nope}';
      }),
    );
    expect(errors.map((e) => e.pointer).sort()).toEqual(['/assert/fact', '/message/en', '/when/0/operator']);
  });

  it('loadRuleSet throws a typed error carrying every problem', () => {
    const files = [
      ...RULE_FILES.filter((f) => f.file !== FILE),
      {
        file: FILE,
        json: mutate((r) => {
          r.assert.fact = 'nope';
        }),
      },
    ];
    let caught: unknown;
    try {
      loadRuleSet({ ruleFiles: files });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RuleSetError);
    expect((caught as RuleSetError).code).toBe('RULES_INVALID');
    expect((caught as RuleSetError).errors).toContainEqual(expect.objectContaining({ file: FILE, pointer: '/assert/fact' }));
  });

  it('rejects duplicate ids', () => {
    let caught: RuleSetError | undefined;
    try {
      loadRuleSet({ ruleFiles: [...RULE_FILES, RULE_FILES[0]!] });
    } catch (e) {
      caught = e as RuleSetError;
    }
    expect(caught?.errors.map((e) => e.code)).toEqual(['duplicate']);
  });
});

describe('lintRuleDirectory', () => {
  it('gives diagnostics with file and JSON pointer, including failing examples and broken JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-lint-'));
    try {
      mkdirSync(join(dir, 'deposit'));
      mkdirSync(join(dir, 'content'));
      writeFileSync(
        join(dir, 'deposit', 'works-flow-requires-works-cadre.json'),
        JSON.stringify(
          mutate((r) => {
            r.examples[2].expected = 'failed';
            r.examples[2].message = r.examples[1].message;
            r.examples[2].target = r.examples[1].target;
          }),
        ),
      );
      mkdirSync(join(dir, 'facturx'));
      writeFileSync(
        join(dir, 'facturx', 'wrong-message.json'),
        JSON.stringify(
          mutate((r) => {
            r.id = 'facturx/wrong-message';
            r.examples[1].message = { ...r.examples[1].message, en: 'Not what the rule says.' };
          }),
        ),
      );
      writeFileSync(
        join(dir, 'facturx', 'no-message.json'),
        JSON.stringify(
          mutate((r) => {
            r.id = 'facturx/no-message';
            delete r.examples[1].message;
          }),
        ),
      );
      writeFileSync(join(dir, 'content', 'bad.json'), '{ "id": ');
      writeFileSync(
        join(dir, 'content', 'typo.json'),
        JSON.stringify(
          mutate((r) => {
            r.id = 'content/typo';
            r.assert.operator = 'equalz';
          }),
        ),
      );
      const diagnostics = await lintRuleDirectory(dir);
      const brief = diagnostics.map((d) => ({ ruleId: d.ruleId, file: d.source!.file.replace(dir, '<dir>'), pointer: d.source!.pointer }));
      expect(brief).toContainEqual({ ruleId: 'rules/json', file: '<dir>/content/bad.json', pointer: '' });
      expect(brief).toContainEqual({ ruleId: 'rules/operator', file: '<dir>/content/typo.json', pointer: '/assert/operator' });
      expect(brief).toContainEqual({ ruleId: 'rules/example-failed', file: '<dir>/deposit/works-flow-requires-works-cadre.json', pointer: '/examples/2' });
      // A failing example states the message the rule gives (both languages) and its target.
      const wrong = diagnostics.find((d) => d.source!.file.endsWith('wrong-message.json'))!;
      expect([wrong.ruleId, wrong.source!.pointer]).toEqual(['rules/example-failed', '/examples/1']);
      expect(wrong.message).toContain('Not what the rule says.');
      expect(brief).toContainEqual({ ruleId: 'rules/schema', file: '<dir>/facturx/no-message.json', pointer: '/examples/1' });
      expect(diagnostics.every((d) => d.severity === 'error' && d.location?.file === d.source?.file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds nothing wrong in the shipped rules', async () => {
    expect(await lintRuleDirectory(join(dirname(fileURLToPath(import.meta.url)), '../../rules'))).toEqual([]);
  });
});
