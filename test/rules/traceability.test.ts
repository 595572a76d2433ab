// The traceability table of rules/README.md: every statement of the V3.8.1 release note that
// states a behaviour, quoted verbatim, with the rules that encode it. Checked against the note's
// text (fixtures/release-note/) and the rule set.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRuleDirectory } from '../../packages/core/src/rules/lint.node.js';
import { loadRuleSet } from '../../packages/core/src/rules/load.js';
import { traceabilityErrors, type Traceability } from '../../packages/core/src/rules/traceability.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = readRuleDirectory(join(root, 'rules'));
const set = loadRuleSet({ ruleFiles: dir.rules, catalogueFiles: dir.catalogue });
const trace = dir.traceability!.json as Traceability;
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
const note = normalise(readFileSync(join(root, 'fixtures/release-note/chorus-pro-v3.8.1.txt'), 'utf8'));

describe('rules/traceability.json', () => {
  it('is valid, names only existing rules and catalogue entries, and names every rule that rests on the note', () => {
    expect(traceabilityErrors(trace, set)).toEqual([]);
    const named = new Set(trace.statements.flatMap((s) => s.rules));
    for (const rule of set.rules) if (rule.meta.provenance === 'seed') expect(named).toContain(rule.id);
  });

  it('quotes the release note verbatim', () => {
    for (const q of [...trace.statements, ...trace.notStatements].map((s) => s.quote)) expect(note).toContain(normalise(q));
  });

  it('covers the whole note: once its statements and its other text are taken out, only bullets and colons are left', () => {
    let rest = note;
    const quotes = [...trace.statements, ...trace.notStatements].map((s) => normalise(s.quote)).sort((a, b) => b.length - a.length);
    for (const q of quotes) rest = rest.split(q).join(' ');
    expect(normalise(rest)).toMatch(/^[\s•o:]*$/);
  });

  it('says why for every statement not fully encoded, and links encoded ones to rules or catalogue entries', () => {
    for (const s of trace.statements) {
      if (s.status !== 'encoded') expect([s.id, s.why?.trim() ?? '']).not.toEqual([s.id, '']);
      if (s.status !== 'not-encodable') expect([s.id, s.rules.length + s.catalogue.length]).not.toEqual([s.id, 0]);
    }
  });

  it('reports an unknown rule, an unknown catalogue entry and a seed rule left out, with JSON pointers', () => {
    const broken = structuredClone(trace);
    broken.statements[0]!.rules.push('portal/no-such-rule');
    broken.statements[0]!.catalogue.push('flows#FSO9999A');
    broken.statements = broken.statements.map((s) => ({ ...s, rules: s.rules.filter((r) => r !== 'deposit/syntaxe-b2b-defect') }));
    expect(traceabilityErrors(broken, set).map((e) => [e.pointer, e.message])).toEqual([
      ['/statements/0/rules/0', 'unknown rule "portal/no-such-rule"'],
      ['/statements/0/catalogue/1', 'unknown catalogue entry "flows#FSO9999A"'],
      ['/statements', 'rule "deposit/syntaxe-b2b-defect" rests on the release note but encodes none of its statements'],
    ]);
    const noWhy = structuredClone(trace);
    delete noWhy.statements.find((s) => s.status === 'partly')!.why;
    const errors = traceabilityErrors(noWhy, set);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.code === 'schema')).toBe(true);
  });
});
