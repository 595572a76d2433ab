// Pins the public API: an export added or removed is a visible, reviewed change of this list
// (and of the package's README reference), never an accident of a refactoring.
import { describe, expect, it } from 'vitest';

const MAIN = [
  'Catalogue',
  'CatalogueError',
  'ConfigError',
  'DECISION_IDS',
  'DEFAULT_LIMITS',
  'DEPOSIT_FACTS',
  'INVOICE_XML_NAMES',
  'PORTAL_FACTS',
  'PortalStateError',
  'PrecheckError',
  'PreparedRules',
  'RuleSet',
  'RuleSetError',
  'SARIF_SCHEMA_URI',
  'activeAt',
  'checkDocument',
  'compareDiagnostics',
  'compareReleases',
  'contextProblems',
  'detectXmlEncoding',
  'diffReleases',
  'evaluatePortal',
  'formatJson',
  'formatJunit',
  'formatPortal',
  'formatSarif',
  'formatText',
  'getCatalogue',
  'getRuleDescriptors',
  'interfaceOrFileName',
  'isWorksCadre',
  'listReleases',
  'listRules',
  'loadRuleSet',
  'normaliseContext',
  'precheck',
  'profileOf',
  'readDeposit',
  'renderRulesReadme',
  'ruleDescriptorLookup',
  'ruleInfo',
  'runAllExamples',
  'runExample',
  'severityRank',
  'sniffContainer',
  'sortDiagnostics',
  'toJsonDocuments',
  'toSarif',
  'toUri',
  'validatePortalState',
];
// The Node entry re-exports the main entry (with Node defaults) and adds the file-system helpers.
const NODE_ONLY = ['lintRuleDirectory', 'loadConfig', 'nodePdfjsLoader', 'readRuleDirectory'];

describe('public API', () => {
  it('the browser-safe entry exports exactly these names', async () => {
    expect(Object.keys(await import('../../packages/core/src/index.js')).sort()).toEqual([...MAIN].sort());
  });

  it('the Node entry exports the same names plus the Node-only helpers', async () => {
    expect(Object.keys(await import('../../packages/core/src/node.js')).sort()).toEqual([...MAIN, ...NODE_ONLY].sort());
  });
});
