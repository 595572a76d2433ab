// Every diagnostic of a report speaks the report's language (reader, limit, schema, rules,
// portal), and a rule's diagnostic links to its documentation page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluatePortal, precheck, type Diagnostic } from '../../../packages/core/src/node.js';
import { defaultPortalState } from '../../../packages/core/src/portal/state.js';

const TRUNCATED = new Uint8Array(readFileSync(new URL('../../cli/data/inputs/truncated.xml', import.meta.url)));
const RULES_DOC = 'https://unpkg.com/@chorus-precheck/core/dist/rules.md#';

function expectLocalised(diagnostics: Diagnostic[], lang: 'fr' | 'en'): void {
  for (const d of diagnostics) {
    expect(d.messages, d.ruleId).toBeDefined();
    expect(d.message, d.ruleId).toBe(d.messages![lang]);
  }
}

describe('localised diagnostics', () => {
  it('--lang fr on a truncated XML gives the French reader message', async () => {
    const report = await precheck(
      { name: 'truncated.xml', bytes: TRUNCATED },
      { channel: 'API', syntaxe: 'IN_DP_E1_UBL_INVOICE' },
      { lang: 'fr', structure: false },
    );
    const diagnostics = report.documents.flatMap((d) => d.diagnostics);
    const truncated = diagnostics.find((d) => d.ruleId === 'read/xml-truncated')!;
    expect(truncated.message).toMatch(/^Le XML s’arrête avant la fin du document \(fichier tronqué \?\)/);
    expectLocalised(diagnostics, 'fr');
    const english = await precheck({ name: 'truncated.xml', bytes: TRUNCATED }, {}, { lang: 'en', structure: false });
    expectLocalised(
      english.documents.flatMap((d) => d.diagnostics),
      'en',
    );
  });

  it('a limit diagnostic is in the report language', async () => {
    const report = await precheck({ name: 'truncated.xml', bytes: TRUNCATED }, {}, { lang: 'fr', limits: { maxXmlDepth: 2 }, structure: false });
    const limit = report.documents.flatMap((d) => d.diagnostics).find((d) => d.ruleId === 'limit/maxXmlDepth')!;
    expect(limit.message).toMatch(/^Limite atteinte/);
  });

  it('fills url with the rule documentation page of rule diagnostics only', async () => {
    const report = await precheck(
      { name: 'truncated.xml', bytes: TRUNCATED },
      { channel: 'API', syntaxe: 'IN_DP_E1_UBL_INVOCE' },
      { lang: 'en', structure: false },
    );
    const diagnostics = report.documents.flatMap((d) => d.diagnostics);
    expect(diagnostics.find((d) => d.ruleId === 'deposit/syntaxe-exists')?.url).toBe(`${RULES_DOC}depositsyntaxe-exists`);
    for (const d of diagnostics) expect(d.url === undefined, d.ruleId).toBe(/^(read|limit)\//.test(d.ruleId));
  });

  it('portal diagnostics are localised, point with a JSON pointer and link to their rule', async () => {
    const state = defaultPortalState();
    state.account.contactEmail = 'not an e-mail';
    const report = await evaluatePortal(state, { lang: 'fr' });
    expect(report.diagnostics.length).toBeGreaterThan(0);
    expectLocalised(report.diagnostics, 'fr');
    for (const d of report.diagnostics) {
      expect(d.location?.xpath, d.ruleId).toBeUndefined();
      expect(d.location?.pointer, d.ruleId).toMatch(/^\/|^$/);
      expect(d.url, d.ruleId).toMatch(new RegExp(`^${RULES_DOC.replace(/[.?]/g, '\\$&')}portal`));
    }
  });
});
