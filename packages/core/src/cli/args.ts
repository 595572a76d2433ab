import { parseArgs } from 'node:util';
import type { Channel, DepositContext, PortalSpace } from '../context.js';
import { editDistance } from '../catalogue/nearest.js';
import { interfaceOrFileName } from '../facts/deposit-context.js';
import type { LocalizedText } from '../diagnostics/diagnostic.js';
import { UsageError } from './usage-error.js';

/** The report formats the CLI prints. */
export type OutputFormat = 'text' | 'json' | 'sarif' | 'junit';

/** The options shared by every command. */
export interface CommonOptions {
  format: OutputFormat;
  output: string | null;
  quiet: boolean;
  lang: 'fr' | 'en' | null;
  config: string | null;
}

/** A parsed command line. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({ kind: 'check'; inputs: string[]; maxWarnings: number; jobs: number | null; explain: boolean; strict: boolean; context: DepositContext } & CommonOptions)
  | ({ kind: 'portal'; state: string } & CommonOptions)
  | ({ kind: 'rules'; action: 'list' | 'show' | 'lint' | 'docs'; argument: string | null; release: string | null } & CommonOptions)
  | ({ kind: 'serve'; host: string; port: number; release: string | null } & CommonOptions);

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  'max-warnings': { type: 'string' },
  strict: { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  explain: { type: 'boolean' },
  channel: { type: 'string' },
  syntaxe: { type: 'string' },
  interface: { type: 'string' },
  space: { type: 'string' },
  release: { type: 'string' },
  'deposit-date': { type: 'string' },
  lang: { type: 'string' },
  config: { type: 'string', short: 'c' },
  host: { type: 'string' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'junit'];
const CHANNELS: readonly Channel[] = ['PORTAIL', 'API', 'EDI'];
const SPACES: readonly PortalSpace[] = ['factures', 'factures-de-travaux'];

/** The usage text printed by `--help`, before the catalogue's values (see help.ts). */
export const USAGE = `Usage: chorus-precheck [options] <file|directory|glob|->...
       chorus-precheck portal <state.json> [--format text|json]
       chorus-precheck rules list [--release X] | show <ID> | lint <dir> | docs [dir]
       chorus-precheck serve [--host 127.0.0.1] [--port 8080] [--release X] [--config F]

Checks invoice deposits against Chorus Pro before anything is sent.

Options:
  -f, --format <text|json|sarif|junit>  report format (default: text)
  -o, --output <file>                   write the report to a file instead of standard output
  -q, --quiet                           report errors only, no progress bar
      --max-warnings <n>                exit 1 when more than n warnings are found
      --strict                          every XML schema finding is an error (full conformance)
      --explain                         json: add every rule's outcome and explanation
  -j, --jobs <n>                        worker threads (default: one, more only for a
                                        batch large enough and cores to spare)
      --channel <PORTAIL|API|EDI>       deposit channel
      --syntaxe <value>                 the "Syntaxe" value (PORTAIL and API)
      --interface <code|file name>      interface code (FSO1130A) or EDI file name (EDI)
      --space <factures|factures-de-travaux>  portal space
      --release <x.y.z>                 Chorus Pro release (default: the latest encoded)
      --deposit-date <YYYY-MM-DD>       deposit date (default: today)
      --lang <fr|en>                    language of the messages
  -c, --config <file>                   chorus-precheck.config.json
      --host <address>                  serve: the address to bind (default: 127.0.0.1)
      --port <n>                        serve: the port (default: 8080; 0 picks a free one)
  -h, --help                            print this help
  -v, --version                         print the version

Exit codes:
  0   no error (warnings within --max-warnings)
  1   errors found, unreadable input included, or more warnings than --max-warnings
  2   usage error: unknown option, bad value, unknown release, no input matched,
      invalid configuration
  70  internal error: a bug, reported with its stack
`;

/** Parses the CLI's arguments; throws a {@link UsageError} for anything it cannot accept. */
export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseErrorMessage(error as Error & { code?: string }, argv));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const format = oneOf('--format', values.format ?? 'text', FORMATS);
  const common: CommonOptions = {
    format,
    output: values.output ?? null,
    quiet: values.quiet === true,
    lang: values.lang === undefined ? null : oneOf('--lang', values.lang, ['fr', 'en'] as const),
    config: values.config ?? null,
  };

  const [first, ...rest] = positionals;
  if (first === 'portal') {
    if (rest.length !== 1) {
      throw new UsageError({
        fr: 'portal prend exactement un fichier d’état de compte : chorus-precheck portal <state.json>',
        en: 'portal takes exactly one account state file: chorus-precheck portal <state.json>',
      });
    }
    return { kind: 'portal', state: rest[0]!, ...common };
  }
  if (first === 'rules') {
    const [action, argument, ...extra] = rest;
    if (action === undefined) {
      throw new UsageError({
        fr: 'rules attend une action : list, show <ID>, lint <dossier> ou docs',
        en: 'rules needs an action: list, show <ID>, lint <dir> or docs',
      });
    }
    const kind = oneOf('rules', action, ['list', 'show', 'lint', 'docs'] as const);
    if ((kind === 'show' || kind === 'lint') && argument === undefined) {
      throw new UsageError({
        fr: `rules ${kind} attend ${kind === 'show' ? 'un identifiant de règle' : 'un dossier'}`,
        en: `rules ${kind} needs ${kind === 'show' ? 'a rule id' : 'a directory'}`,
      });
    }
    if (extra.length > 0 || (kind === 'list' && argument !== undefined)) {
      throw new UsageError({ fr: `trop d’arguments pour rules ${kind}`, en: `too many arguments for rules ${kind}` });
    }
    return { kind: 'rules', action: kind, argument: argument ?? null, release: values.release ?? null, ...common };
  }

  if (first === 'serve') {
    if (rest.length > 0) {
      throw new UsageError({
        fr: 'serve ne prend pas d’argument : chorus-precheck serve [--host H] [--port P] [--release R] [--config F]',
        en: 'serve takes no argument: chorus-precheck serve [--host H] [--port P] [--release R] [--config F]',
      });
    }
    const release = values.release;
    if (release !== undefined && !/^\d+\.\d+(\.\d+)?$/.test(release)) {
      throw new UsageError({ fr: `--release doit avoir la forme 3.8.1 ; reçu « ${release} »`, en: `--release must look like 3.8.1, got "${release}"` });
    }
    const port = values.port === undefined ? 8080 : integer('--port', values.port, 0);
    if (port > 65535)
      throw new UsageError({ fr: `--port doit valoir au plus 65535 ; reçu « ${values.port} »`, en: `--port must be at most 65535; got "${values.port}"` });
    return { kind: 'serve', host: values.host === undefined ? '127.0.0.1' : nonEmpty('--host', values.host), port, release: release ?? null, ...common };
  }
  if (values.host !== undefined || values.port !== undefined) {
    throw new UsageError({ fr: '--host et --port sont des options de chorus-precheck serve', en: '--host and --port are options of chorus-precheck serve' });
  }

  if (positionals.length === 0) {
    throw new UsageError({
      fr: 'aucune entrée : donnez des fichiers, des dossiers, des motifs (globs) ou « - » pour l’entrée standard',
      en: 'no input: give files, directories, globs or - for standard input',
    });
  }
  return {
    kind: 'check',
    inputs: positionals,
    maxWarnings: values['max-warnings'] === undefined ? -1 : maxWarnings(values['max-warnings']),
    jobs: values.jobs === undefined ? null : integer('--jobs', values.jobs, 1),
    explain: values.explain === true,
    strict: values.strict === true,
    context: contextOf(values),
    ...common,
  };
}

function contextOf(values: Record<string, string | boolean | undefined>): DepositContext {
  const context: DepositContext = {};
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const channel = text('channel');
  if (channel !== undefined) context.channel = oneOf('--channel', channel.toUpperCase(), CHANNELS);
  const syntaxe = text('syntaxe');
  if (syntaxe !== undefined) context.syntaxe = nonEmpty('--syntaxe', syntaxe);
  const iface = text('interface');
  if (iface !== undefined) {
    Object.assign(context, interfaceOrFileName(nonEmpty('--interface', iface)));
  }
  const space = text('space');
  if (space !== undefined) context.space = oneOf('--space', space, SPACES);
  // Checked against the releases the rules encode once the configuration is read (main.ts).
  const release = text('release');
  if (release !== undefined) context.release = nonEmpty('--release', release);
  const date = text('deposit-date');
  if (date !== undefined) context.depositDate = isoDate('--deposit-date', date);
  return context;
}

/**
 * The language asked for by `--lang fr|en` on a command line that may not parse: the language of
 * the error that refuses it. Null when no valid `--lang` comes before a `--`.
 */
export function langOfArgv(argv: readonly string[]): 'fr' | 'en' | null {
  let lang: 'fr' | 'en' | null = null;
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const value = argv[i] === '--lang' ? argv[i + 1] : argv[i]!.startsWith('--lang=') ? argv[i]!.slice('--lang='.length) : undefined;
    if (value === 'fr' || value === 'en') lang = value;
  }
  return lang;
}

/** The long option names, for suggestions. */
const OPTION_NAMES = Object.keys(OPTIONS).map((name) => `--${name}`);

/**
 * Rewrites the errors of `util.parseArgs` for people, in both languages: an unknown option gets
 * the nearest known one ("did you mean `--format`?"), an option whose value starts with a dash
 * says how to pass it.
 */
function parseErrorMessage(error: Error & { code?: string }, argv: readonly string[]): LocalizedText {
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'(-[^']*)'/.exec(error.message)?.[1] ?? '';
    const name = option.split('=')[0]!;
    const suggestion = closestOption(name);
    return {
      fr: `option inconnue ${name}${suggestion ? ` ; vouliez-vous dire \`${suggestion}\` ?` : ''}`,
      en: `unknown option ${name}${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
    };
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // "Option '-f, --format <value>' argument missing": the option is named by its long name.
    const missing = /'(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(error.message)?.[1];
    if (missing) return { fr: `${missing} attend une valeur`, en: `${missing} needs a value` };
    const flag = /'(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(error.message)?.[1];
    if (flag) return { fr: `${flag} ne prend pas de valeur`, en: `${flag} takes no value` };
    const option = /'(--?[\w-]+)/.exec(error.message)?.[1];
    const value = option ? argv[argv.indexOf(option) + 1] : undefined;
    if (option === '--max-warnings' && value !== undefined) return maxWarningsMessage(value);
    if (option && value !== undefined && value.startsWith('-')) {
      return {
        fr: `${option} attend une valeur ; pour en donner une qui commence par un tiret, écrivez ${option}=${value}`,
        en: `${option} needs a value; to give one that starts with a dash, write ${option}=${value}`,
      };
    }
  }
  // Any other refusal of parseArgs: its own (English) words.
  return { fr: error.message, en: error.message };
}

/** The known long option nearest to a mistyped one, when it is close enough to be what was meant. */
function closestOption(option: string): string | null {
  const typed = option.replace(/^-+/, '').toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of OPTION_NAMES) {
    const known = name.slice(2);
    // A prefix (`--form`) or a typo of at most a third of the name (`--fromat`, `--max-warning`).
    const distance = known.startsWith(typed) && typed.length >= 2 ? 0 : editDistance(typed, known);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor((best.length - 2) / 3)) ? best : null;
}

function maxWarningsMessage(value: string): LocalizedText {
  return {
    fr: `--max-warnings doit être un nombre d’avertissements, 0 ou plus ; reçu « ${value} » (sans l’option, pas de limite)`,
    en: `--max-warnings must be a number of warnings, 0 or more; got "${value}" (leave the option out for no limit)`,
  };
}

function maxWarnings(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(maxWarningsMessage(value));
  return Number(value);
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError({
    fr: `${option} doit être l’une des valeurs ${allowed.join(', ')} ; reçu « ${value} »`,
    en: `${option} must be one of ${allowed.join(', ')}; got "${value}"`,
  });
}

function integer(option: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError({ fr: `${option} doit être un entier ≥ ${min} ; reçu « ${value} »`, en: `${option} must be an integer ≥ ${min}; got "${value}"` });
  }
  return Number(value);
}

function nonEmpty(option: string, value: string): string {
  if (value.trim() === '') throw new UsageError({ fr: `${option} ne doit pas être vide`, en: `${option} must not be empty` });
  return value.trim();
}

function isoDate(option: string, value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  // Date.UTC rolls 2024-02-30 over to March: compare back to catch impossible dates.
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError({ fr: `${option} doit être une date AAAA-MM-JJ ; reçu « ${value} »`, en: `${option} must be a date YYYY-MM-DD; got "${value}"` });
  }
  return value;
}
