import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/config.js';
import { printable } from '../report/format-text.js';
import type { Report } from '../report/report.js';
import type { LocalizedText } from '../diagnostics/diagnostic.js';
import { langOfArgv, parseCommandLine, type Command, type OutputFormat } from './args.js';
import type { CheckedReport, CheckSettings } from './check-input.js';
import { BlockWriter, openDestination } from './output.js';
import type { Io } from './io.js';
import { say } from './messages.js';
import { EXIT, UsageError } from './usage-error.js';

/**
 * Runs the CLI with its arguments and returns the exit code: 0 no error, 1 errors found
 * (or more warnings than --max-warnings), 2 usage error. Anything thrown out of here is a bug,
 * reported by the bin as an internal error.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    // The command line did not parse: its --lang if it has a valid one, else the environment's.
    return usage(error, io, langOfArgv(argv) ?? envLang(io.env));
  }
  if (command.kind === 'help') {
    const { helpText } = await import('./help.js');
    io.stdout.write(helpText());
    return EXIT.ok;
  }
  if (command.kind === 'version') {
    io.stdout.write(`${await packageVersion()}\n`);
    return EXIT.ok;
  }

  // Until the configuration is read, errors speak the language of --lang or of the environment.
  let lang = command.lang ?? envLang(io.env);
  try {
    const config = command.config ? await loadConfigFile(command.config, io) : null;
    lang = command.lang ?? config?.lang ?? envLang(io.env);
    await checkRelease(command, config);

    if (command.kind === 'rules') {
      const { runRules } = await import('./rules-command.js');
      return await runRules(command, lang, io, (text) => emit(text, command.output, io));
    }
    if (command.kind === 'serve') {
      const { runServe } = await import('./serve-command.js');
      return await runServe(command, config, lang, io);
    }
    if (command.kind === 'portal') {
      const { runPortal } = await import('./portal-command.js');
      return await runPortal(command, lang, io, (text) => emit(text, command.output, io, [resolve(io.cwd, command.state)]));
    }

    const color = command.format === 'text' && command.output === null && wantsColor(io);
    const settings: CheckSettings = {
      context: { ...config?.context, ...command.context },
      lang,
      config: config ? { severity: config.severity, catalogue: config.catalogue, limits: config.limits } : null,
      strict: command.strict || config?.strict === true,
      dropExplanations: !(command.format === 'json' && command.explain),
      preformat:
        command.format === 'json' || command.format === 'text'
          ? { format: command.format, quiet: command.quiet, color, ...(command.explain ? { explain: true } : {}) }
          : null,
    };
    const { runChecks } = await import('./check.js');
    const { expandInputs } = await import('./inputs.js');
    const inputs = await expandInputs(command.inputs, io.cwd);
    // The report never replaces one of the files it checks.
    const destination = openDestination(command.output, io, { inputs: inputs.flatMap((i) => (i.kind === 'file' ? [i.path] : [])) });
    let report: CheckedReport;
    try {
      const writer = settings.preformat ? new BlockWriter(settings.preformat, destination) : null;
      // Text and JSON are written document by document as the batch goes, except on a
      // terminal, where a progress bar may be drawn: there the report comes whole at the end.
      const streaming = writer !== null && (command.output !== null || io.stdout.isTTY !== true);
      report = await runChecks(command, settings, io, streaming ? (blocks) => writer.add(blocks) : undefined, inputs);
      if (writer !== null) {
        await writer.add(report.formatted ?? []);
        await writer.end(report);
      } else {
        await destination.write(await format(report, command.format, { quiet: command.quiet, color, explain: command.explain }));
      }
      destination.close();
    } catch (error) {
      destination.abort();
      throw error;
    }

    if (report.summary.errors > 0) return EXIT.problems;
    if (report.withoutInvoice && report.withoutInvoice.length > 0) {
      // Nothing in them is an error on its own (a batch of images, members that are not
      // invoices), but there is nothing to deposit either: the run fails, and says why.
      for (const name of report.withoutInvoice) {
        io.stderr.write(
          `chorus-precheck: ${printable(say(lang, { fr: `${name} ne contient aucune facture lisible`, en: `${name} holds no readable invoice` }))}\n`,
        );
      }
      return EXIT.problems;
    }
    if (command.maxWarnings >= 0 && report.summary.warnings > command.maxWarnings) {
      const { warnings } = report.summary;
      const text = say(lang, {
        fr: `${warnings} avertissement${warnings > 1 ? 's' : ''}, plus que --max-warnings ${command.maxWarnings}`,
        en: `${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${command.maxWarnings}`,
      });
      io.stderr.write(`chorus-precheck: ${text}\n`);
      return EXIT.problems;
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || isConfigError(error)) return usage(error, io, lang);
    throw error;
  }
}

/** Formats a report in one of the CLI's formats; the formatter module is loaded only when used. */
export async function format(report: Report, name: OutputFormat, options: { quiet: boolean; color: boolean; explain?: boolean }): Promise<string> {
  switch (name) {
    case 'text':
      return (await import('../report/format-text.js')).formatText(report, options);
    case 'json':
      return (await import('../report/format-json.js')).formatJson(report, options);
    case 'sarif': {
      const { ruleDescriptors } = await import('./rule-metadata.js');
      return (await import('../report/format-sarif.js')).formatSarif(report, {
        ...options,
        rules: await ruleDescriptors(),
        toolVersion: await packageVersion(),
      });
    }
    case 'junit':
      return (await import('../report/format-junit.js')).formatJunit(report, options);
  }
}

/** Writes the whole output of a command: to standard output, or atomically to `--output` (see openOutputFile). */
async function emit(text: string, output: string | null, io: Io, inputs: readonly string[] = []): Promise<void> {
  const destination = openDestination(output, io, { inputs });
  try {
    await destination.write(text);
    destination.close();
  } catch (error) {
    destination.abort();
    throw error;
  }
}

/**
 * An unknown release (`--release 3.9`, a configuration's `context.release`) is a usage error
 * naming the known ones, before anything is read: never a crash nor a silent check against
 * another release.
 */
async function checkRelease(command: Exclude<Command, { kind: 'help' | 'version' }>, config: LoadedConfig | null): Promise<void> {
  const given = command.kind === 'rules' ? command.release : command.kind === 'check' ? command.context.release : undefined;
  const configured = config?.context?.release;
  const release = given ?? (command.kind === 'check' ? configured : undefined);
  if (release === undefined || release === null) return;
  const { knownReleases } = await import('./help.js');
  const known = knownReleases();
  if (known.includes(release)) return;
  const fromOption = given !== undefined && given !== null;
  throw new UsageError({
    fr: `version de Chorus Pro inconnue « ${release} » (${fromOption ? '--release' : `context.release dans ${command.config}`}) ; versions connues : ${known.join(', ')}`,
    en: `unknown Chorus Pro release "${release}" (${fromOption ? '--release' : `context.release in ${command.config}`}); known releases: ${known.join(', ')}`,
  });
}

async function loadConfigFile(path: string, io: Io): Promise<LoadedConfig> {
  const { loadConfig } = await import('../config/load.node.js');
  return loadConfig(resolve(io.cwd, path));
}

function usage(error: unknown, io: Io, lang: 'fr' | 'en'): number {
  // UsageError, ConfigError and CatalogueError carry their text in both languages.
  const messages = (error as { messages?: LocalizedText }).messages;
  const text = messages ? say(lang, messages) : (error as Error).message;
  // The message names what the user gave (file names, values): each of its lines is escaped.
  const message = text.split('\n').map(printable).join('\n');
  const help = say(lang, { fr: 'Lancez chorus-precheck --help pour les options.', en: 'Run chorus-precheck --help for the options.' });
  io.stderr.write(`chorus-precheck: ${message}\n${help}\n`);
  return EXIT.usage;
}

// A catalogue overlay that cannot be applied is found when the configuration is read; one that
// only the catalogue can refuse (CatalogueError) is the configuration's problem too.
function isConfigError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ConfigError' || error.name === 'CatalogueError');
}

/** Whether the text report gets colours: on a TTY, unless NO_COLOR is set; FORCE_COLOR decides first. */
export function wantsColor(io: Pick<Io, 'env' | 'stdout'>): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  // https://no-color.org: any non-empty value turns colour off.
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

/** The message language from the locale environment: French for `fr*`, English otherwise. */
export function envLang(env: Record<string, string | undefined>): 'fr' | 'en' {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^fr\b|^fr_/i.test(locale) ? 'fr' : 'en';
}

let version: string | undefined;

/** The version of the core package. */
export async function packageVersion(): Promise<string> {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
