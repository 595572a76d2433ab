import { bundledCatalogueData } from '../catalogue/catalogue.js';
import { activeAt } from '../catalogue/releases.js';
import { USAGE } from './args.js';

/**
 * The text of `--help`: the options and exit codes, then the values the deposit options take at
 * the latest release, read from the catalogue so that they never drift from what is checked.
 */
export function helpText(): string {
  const data = bundledCatalogueData();
  const syntaxes = data.syntaxes.filter((s) => s.status === 'real' && activeAt(s, data.latest));
  const width = Math.max(...syntaxes.map((s) => s.value.length));
  const lines = [
    '',
    'Channels (--channel): PORTAIL, API, EDI',
    `Releases (--release): ${data.releases.map((r) => r.id).join(', ')} (default: ${data.latest})`,
    `Syntaxe values (--syntaxe) at ${data.latest}, with their flow (--interface for EDI):`,
    ...syntaxes.map((s) => `  ${s.value.padEnd(width)}  ${s.flow ?? ''}${s.provisional ? '  (provisional)' : ''}`),
    '',
  ];
  return `${USAGE}${lines.join('\n')}`;
}

/** The releases the rules encode, oldest first. */
export function knownReleases(): string[] {
  return bundledCatalogueData().releases.map((r) => r.id);
}
