import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { evaluatePortal, formatPortal, PortalStateError } from '../portal.js';
import type { PortalReport, PortalState } from '../portal/types.js';
import { printable } from '../report/format-text.js';
import { sortDiagnostics } from '../report/order.js';
import type { Command } from './args.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './usage-error.js';

/**
 * Runs `chorus-precheck portal <state.json>`: the portal decisions (menus, first-login window,
 * invoice deposit) for an account state, with the rules that decided each, and the diagnostics
 * of the account fields. `--format json` prints `{ decisions: { "<id>": boolean }, diagnostics }`.
 */
export async function runPortal(
  command: Extract<Command, { kind: 'portal' }>,
  lang: 'fr' | 'en',
  io: Io,
  emit: (text: string) => Promise<void>,
): Promise<number> {
  if (command.format !== 'text' && command.format !== 'json') {
    throw new UsageError({
      fr: `portal affiche du texte (text) ou du JSON (json), pas ${command.format}`,
      en: `portal prints text or json, not ${command.format}`,
    });
  }
  const path = resolve(io.cwd, command.state);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError({
      fr: `impossible de lire l’état de compte ${command.state} : ${(error as Error).message}`,
      en: `cannot read the account state ${command.state}: ${(error as Error).message}`,
    });
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw new UsageError({
      fr: `l’état de compte ${command.state} n’est pas du JSON : ${(error as Error).message}`,
      en: `the account state ${command.state} is not JSON: ${(error as Error).message}`,
    });
  }
  let report: PortalReport;
  try {
    report = await evaluatePortal(state as PortalState, { lang, file: command.state });
  } catch (error) {
    if (error instanceof PortalStateError) {
      const problems = error.errors.map((e) => `\n  ${e.pointer || '/'} : ${schemaMessageFr(e.message)}`).join('');
      throw new UsageError({ fr: `${command.state} : état de compte invalide :${problems}`, en: `${command.state}: ${error.message}` });
    }
    throw error;
  }
  await emit(command.format === 'json' ? `${JSON.stringify(formatPortal(report), null, 2)}\n` : portalText(report, command.state, command.quiet, lang));
  return report.diagnostics.some((d) => d.severity === 'error') ? EXIT.problems : EXIT.ok;
}

// The account-state schema's messages (ajv's words) in French; one not listed stays in English.
const SCHEMA_MESSAGES_FR: [RegExp, string][] = [
  [/^must have required property '(.*)'$/, 'propriété requise manquante : « $1 »'],
  [/^unknown property "(.*)"$/, 'propriété inconnue « $1 »'],
  [/^must be equal to one of the allowed values$/, 'doit être l’une des valeurs autorisées'],
  [/^must match pattern "(.*)"$/, 'doit correspondre au motif « $1 »'],
  [/^must match format "(.*)"$/, 'doit être au format « $1 »'],
  [/^must be (>=|<=|>|<) (.*)$/, 'doit être $1 $2'],
  [/^must be (\w+)$/, 'doit être de type $1'],
];

function schemaMessageFr(message: string): string {
  const found = SCHEMA_MESSAGES_FR.find(([pattern]) => pattern.test(message));
  return found ? message.replace(found[0], found[1]) : message;
}

/** The words of the portal text report, in both languages. */
const WORDS = {
  fr: { release: 'version', yes: 'oui', no: 'non', absent: 'absent de cette version' },
  en: { release: 'release', yes: 'yes', no: 'no', absent: 'absent in this release' },
};

function portalText(report: PortalReport, file: string, quiet: boolean, lang: 'fr' | 'en'): string {
  const w = WORDS[lang];
  // The state file's name and values come from the user: printed escaped (see printable).
  const lines = [`${printable(file)}  ${w.release} ${printable(report.release)}`];
  const decisions = Object.values(report.decisions);
  const ids = decisions.map((d) => printable(d.id));
  const width = Math.max(...ids.map((id) => id.length));
  decisions.forEach((decision, i) => {
    const value = decision.absentInRelease ? w.absent : decision.value ? w.yes : w.no;
    const why = decision.decidedBy.length > 0 ? `  (${printable(decision.decidedBy.join(', '))})` : '';
    lines.push(`  ${ids[i]!.padEnd(width)}  ${value}${why}`);
  });
  const shown = sortDiagnostics(quiet ? report.diagnostics.filter((d) => d.severity === 'error') : report.diagnostics);
  for (const d of shown)
    lines.push(`  ${printable(d.location?.pointer ?? '').padEnd(width)}  ${d.severity.padEnd(7)}  ${printable(d.message)}  ${printable(d.ruleId)}`);
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  // French takes the singular for 0 and 1, English for 1 only.
  lines.push(
    '',
    lang === 'fr'
      ? `${errors} erreur${errors > 1 ? 's' : ''}, ${warnings} avertissement${warnings > 1 ? 's' : ''}`
      : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}
