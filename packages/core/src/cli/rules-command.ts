import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { catalogueFromFiles } from '../catalogue/catalogue.js';
import { CATALOGUE_FILES } from '../generated/rules-data.js';
import { printable } from '../report/format-text.js';
import { sortDiagnostics } from '../report/order.js';
import { renderRulesReadme } from '../rules/docs.js';
import { bundledTraceability, type Traceability } from '../rules/traceability.js';
import { lintRuleDirectory, loadErrorDiagnostic, readRuleDirectory } from '../rules/lint.node.js';
import { catalogueErrors, compileRuleFiles, loadRuleSet } from '../rules/load.js';
import { listRules, type RuleInfo } from '../rules/registry.js';
import { RuleSet } from '../rules/rule-set.js';
import type { Diagnostic, LocalizedText } from '../diagnostics/diagnostic.js';
import type { Command } from './args.js';
import type { Io } from './io.js';
import { say } from './messages.js';
import { openOutputFile } from './output.js';
import { EXIT, UsageError } from './usage-error.js';

type RulesCommand = Extract<Command, { kind: 'rules' }>;

/**
 * Runs `chorus-precheck rules list|show <ID>|lint <dir>|docs [dir]`: the rules of a release, one
 * rule with its reference and examples, the consistency checks over a directory of rule files
 * (for regulators editing rules), and the generated catalogue.
 */
export async function runRules(command: RulesCommand, lang: 'fr' | 'en', io: Io, emit: (text: string) => Promise<void>): Promise<number> {
  if (command.format !== 'text' && command.format !== 'json') {
    throw new UsageError({
      fr: `rules ${command.action} affiche du texte (text) ou du JSON (json), pas ${command.format}`,
      en: `rules ${command.action} prints text or json, not ${command.format}`,
    });
  }
  const asJson = command.format === 'json';
  switch (command.action) {
    case 'list': {
      const rules = listRulesOf(command.release);
      await emit(asJson ? json(rules) : listText(rules, lang));
      return EXIT.ok;
    }
    case 'show': {
      const id = command.argument ?? '';
      const rules = listRulesOf(command.release);
      const rule = rules.find((r) => r.id === id);
      if (!rule) {
        const near = rules.filter((r) => r.id.includes(id.split('/').pop() ?? id) || id.includes(r.id.split('/').pop() ?? '')).map((r) => r.id);
        const shown = near.slice(0, 3).join(', ');
        throw new UsageError({
          fr: `aucune règle ${id}${near.length > 0 ? ` ; vouliez-vous dire ${shown} ?` : ''} (chorus-precheck rules list)`,
          en: `no rule ${id}${near.length > 0 ? `; did you mean ${shown}?` : ''} (chorus-precheck rules list)`,
        });
      }
      await emit(asJson ? json(rule) : showText(rule, lang));
      return EXIT.ok;
    }
    case 'lint': {
      const dir = await directory(command.argument ?? '', io);
      const diagnostics = sortDiagnostics(await readingRules(command.argument ?? '', () => lintRuleDirectory(dir))).map((d) =>
        asGiven(d, dir, command.argument ?? ''),
      );
      await emit(asJson ? json(diagnostics) : lintText(diagnostics, command.argument ?? dir));
      return diagnostics.some((d) => d.severity === 'error') ? EXIT.problems : EXIT.ok;
    }
    case 'docs': {
      if (command.argument === null) {
        await emit(renderRulesReadme(ruleSetOfDirectory(null).set));
        return EXIT.ok;
      }
      const dir = await directory(command.argument, io);
      const { set, errors, traceability } = await readingRules(command.argument, async () => ruleSetOfDirectory(dir));
      if (errors.length > 0) {
        io.stderr.write(
          lintText(
            errors.map((d) => asGiven(d, dir, command.argument ?? '')),
            command.argument,
          ),
        );
        return EXIT.problems;
      }
      const target = command.output === null ? join(dir, 'README.md') : null;
      if (target) {
        // Written whole or not at all, and never through a README.md that is a link out of the directory.
        const file = openOutputFile(target, { option: 'rules docs', shown: join(command.argument, 'README.md') });
        try {
          file.write(renderRulesReadme(set, traceability));
          file.close();
        } catch (error) {
          file.abort();
          throw error;
        }
        io.stderr.write(`chorus-precheck: ${printable(say(lang, { fr: `fichier écrit : ${target}`, en: `wrote ${target}` }))}\n`);
      } else {
        await emit(renderRulesReadme(set, traceability));
      }
      return EXIT.ok;
    }
  }
}

/**
 * Runs what reads a rule directory: a directory the file system cannot walk (a symbolic link
 * loop, a folder that cannot be listed) is the caller's problem, exit 2, not a bug.
 */
async function readingRules<T>(given: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (typeof e?.code !== 'string' || typeof e.syscall !== 'string') throw error;
    const where = e.path ? ` (${e.path})` : '';
    const why =
      e.code === 'ELOOP'
        ? { fr: 'une boucle de liens symboliques', en: 'a symbolic link loop' }
        : e.code === 'EACCES' || e.code === 'EPERM'
          ? { fr: 'permission refusée', en: 'permission denied' }
          : { fr: e.message, en: e.message };
    throw new UsageError({
      fr: `impossible de lire le dossier de règles ${given} : ${why.fr}${where}`,
      en: `cannot read the rule directory ${given}: ${why.en}${where}`,
    });
  }
}

function listRulesOf(release: string | null): RuleInfo[] {
  try {
    return listRules(release ? { release } : {});
  } catch (error) {
    const e = error as { code?: string; messages?: LocalizedText; message: string };
    if (e.code === 'UNKNOWN_RELEASE') throw new UsageError(e.messages ?? { fr: e.message, en: e.message });
    throw error;
  }
}

async function directory(path: string, io: Io): Promise<string> {
  const dir = resolve(io.cwd, path);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError({ fr: `${path} n’est pas un dossier`, en: `not a directory: ${path}` });
  return dir;
}

/** Builds the rule set of a directory of rule files (its own catalogue, else the shipped one). */
function ruleSetOfDirectory(dir: string | null): { set: RuleSet; errors: Diagnostic[]; traceability: Traceability | null } {
  const read = dir === null ? null : readRuleDirectory(dir);
  const catalogue = read && read.catalogue.length > 0 ? read.catalogue : CATALOGUE_FILES;
  const errors = [...(read?.errors ?? []), ...(read && read.catalogue.length > 0 ? catalogueErrors(read.catalogue) : [])];
  const compiled = read ? compileRuleFiles(read.rules) : null;
  errors.push(...(compiled?.errors ?? []));
  const set = compiled ? new RuleSet(compiled.rules, catalogueFromFiles(catalogue)) : loadRuleSet();
  // A directory documents its own traceability file, or none; the shipped rules, the shipped one.
  const traceability = read ? ((read.traceability?.json as Traceability | undefined) ?? null) : bundledTraceability();
  return { set, errors: errors.map(loadErrorDiagnostic), traceability };
}

/** A diagnostic whose file lies under `dir`, named under the directory as the user wrote it. */
function asGiven(diagnostic: Diagnostic, dir: string, given: string): Diagnostic {
  const file = diagnostic.location?.file;
  if (!file || !isAbsolute(file)) return diagnostic;
  const rel = relative(dir, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return diagnostic;
  const slashed = rel.split(sep).join('/');
  const name = given === '.' || given === './' ? slashed : /[\\/]$/.test(given) ? `${given}${slashed}` : `${given}/${slashed}`;
  return { ...diagnostic, location: { ...diagnostic.location!, file: name } };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function listText(rules: readonly RuleInfo[], lang: 'fr' | 'en'): string {
  const width = Math.max(...rules.map((r) => printable(r.id).length));
  const lines = rules.map((r) => {
    const range = r.until ? `${r.since}–${r.until}` : `${r.since}+`;
    return printable(`${printable(r.id).padEnd(width)}  ${r.severity.padEnd(7)}  ${range.padEnd(12)}  ${r.title[lang]}${r.deprecated ? ' (deprecated)' : ''}`);
  });
  return `${lines.join('\n')}\n\n${rules.length} rules\n`;
}

function showText(rule: RuleInfo, lang: 'fr' | 'en'): string {
  const lines = [
    `${rule.id}  ${rule.severity}  ${rule.until ? `${rule.since}–${rule.until}` : `since ${rule.since}`}  ${rule.provenance}`,
    '',
    rule.title[lang],
    '',
    `Message: ${rule.message[lang]}`,
    `Reference: ${rule.reference.document}, ${rule.reference.section}`,
    `  “${rule.reference.quote}”`,
    ...(rule.reference.url ? [`  ${rule.reference.url}`] : []),
    `Rationale: ${rule.rationale}`,
    `File: ${rule.file}`,
  ];
  if (rule.deprecated) lines.push(`Deprecated${rule.replacedBy ? `, replaced by ${rule.replacedBy}` : ''}.`);
  lines.push('', 'Applies when:');
  if (rule.when.length === 0) lines.push('  always');
  for (const c of rule.when) lines.push(`  - ${c.name ?? JSON.stringify(c)}`);
  lines.push('Requires:', `  - ${rule.assert.name ?? JSON.stringify(rule.assert)}`);
  lines.push('', 'Examples:');
  for (const e of rule.examples)
    lines.push(
      `  - ${e.expected}${e.title ? ` (${e.title})` : ''}: ${JSON.stringify({ ...(e.context ? { context: e.context } : {}), ...(e.facts ? { facts: e.facts } : {}), ...(e.state ? { state: e.state } : {}) })}`,
    );
  // A rule file's texts are the user's: their control characters show as escapes (`\n`, `\x1b`).
  return `${lines.map(printable).join('\n')}\n`;
}

function lintText(diagnostics: readonly Diagnostic[], dir: string): string {
  if (diagnostics.length === 0) return `${printable(dir)}: no problems\n`;
  const lines = diagnostics.map((d) => printable(`${d.location?.file ?? dir}#${d.source?.pointer ?? ''}  ${d.severity}  ${d.message}  ${d.ruleId}`));
  return `${lines.join('\n')}\n\n${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}\n`;
}
