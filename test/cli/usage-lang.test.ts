/**
 * Usage and configuration errors speak the run's language: `--lang fr|en`, even on a command
 * line that does not parse, else the configuration's `lang`, else the locale environment.
 * Each one exits 2, names what the user gave as given (escaped), and ends with the line that
 * points to `--help`, in the same language.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReleases } from '../../packages/core/src/index.js';
import { runCli } from './run-cli.js';

const KNOWN = listReleases()
  .map((r) => r.id)
  .join(', ');
const HELP = { fr: 'Lancez chorus-precheck --help pour les options.\n', en: 'Run chorus-precheck --help for the options.\n' };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chorus-usage-lang-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A configuration file in the test folder; its absolute path. */
function config(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

interface Case {
  name: string;
  /** The arguments, after `--lang fr|en`; a function when they name a configuration file. */
  args: () => string[];
  fr: (string | (() => string))[];
  en: (string | (() => string))[];
}

const CASES: Case[] = [
  {
    name: 'an unknown option',
    args: () => ['--fromat', 'json', 'a.xml'],
    fr: ['chorus-precheck: option inconnue --fromat ; vouliez-vous dire `--format` ?\n'],
    en: ['chorus-precheck: unknown option --fromat; did you mean `--format`?\n'],
  },
  {
    name: 'an option without its value',
    args: () => ['a.xml', '--format'],
    fr: ['chorus-precheck: --format attend une valeur\n'],
    en: ['chorus-precheck: --format needs a value\n'],
  },
  {
    name: 'no input',
    args: () => [],
    fr: ['chorus-precheck: aucune entrée : donnez des fichiers, des dossiers, des motifs (globs) ou « - » pour l’entrée standard\n'],
    en: ['chorus-precheck: no input: give files, directories, globs or - for standard input\n'],
  },
  {
    name: 'a value out of a list',
    args: () => ['--channel', 'fax', 'a.xml'],
    fr: ['chorus-precheck: --channel doit être l’une des valeurs PORTAIL, API, EDI ; reçu « FAX »\n'],
    en: ['chorus-precheck: --channel must be one of PORTAIL, API, EDI; got "FAX"\n'],
  },
  {
    name: 'a bad --max-warnings',
    args: () => ['--max-warnings', 'many', 'a.xml'],
    fr: ['chorus-precheck: --max-warnings doit être un nombre d’avertissements, 0 ou plus ; reçu « many » (sans l’option, pas de limite)\n'],
    en: ['chorus-precheck: --max-warnings must be a number of warnings, 0 or more; got "many" (leave the option out for no limit)\n'],
  },
  {
    name: 'an impossible date',
    args: () => ['--deposit-date', '2024-02-30', 'a.xml'],
    fr: ['chorus-precheck: --deposit-date doit être une date AAAA-MM-JJ ; reçu « 2024-02-30 »\n'],
    en: ['chorus-precheck: --deposit-date must be a date YYYY-MM-DD; got "2024-02-30"\n'],
  },
  {
    name: 'an unknown release',
    args: () => ['--release', '3.9', 'a.xml'],
    fr: [() => `chorus-precheck: version de Chorus Pro inconnue « 3.9 » (--release) ; versions connues : ${KNOWN}\n`],
    en: [() => `chorus-precheck: unknown Chorus Pro release "3.9" (--release); known releases: ${KNOWN}\n`],
  },
  {
    name: 'a file that does not exist, its name escaped',
    args: () => ['no\u0007such.xml'],
    fr: ['chorus-precheck: fichier ou dossier introuvable : no\\x07such.xml\n'],
    en: ['chorus-precheck: no such file or directory: no\\x07such.xml\n'],
  },
  {
    name: 'an unknown rule',
    args: () => ['rules', 'show', 'nothing/like-this'],
    fr: ['chorus-precheck: aucune règle nothing/like-this (chorus-precheck rules list)\n'],
    en: ['chorus-precheck: no rule nothing/like-this (chorus-precheck rules list)\n'],
  },
  {
    name: 'a rule directory that is not one',
    args: () => ['rules', 'lint', 'nowhere'],
    fr: ['chorus-precheck: nowhere n’est pas un dossier\n'],
    en: ['chorus-precheck: not a directory: nowhere\n'],
  },
  {
    name: 'an account state that does not match its schema',
    args: () => ['portal', config('state.json', { account: 1 })],
    fr: [
      () => `chorus-precheck: ${join(dir, 'state.json')} : état de compte invalide :\n`,
      '  / : propriété requise manquante : « now »\n',
      '  /account : doit être de type object\n',
    ],
    en: [
      () => `chorus-precheck: ${join(dir, 'state.json')}: invalid account state:\n`,
      "  /: must have required property 'now'\n",
      '  /account: must be object\n',
    ],
  },
  {
    name: 'a configuration with an unknown key and a bad value',
    args: () => ['a.xml', '--config', config('keys.json', { zz: 1, lang: 'de' })],
    fr: [
      'chorus-precheck: configuration invalide :\n',
      () => `  ${join(dir, 'keys.json')}#/ : clé inconnue « zz »\n`,
      '#/lang : doit être l’une des valeurs autorisées : "fr", "en"\n',
    ],
    en: [
      'chorus-precheck: invalid configuration:\n',
      () => `  ${join(dir, 'keys.json')}#/: unknown key "zz"\n`,
      '#/lang: must be equal to one of the allowed values: "fr", "en"\n',
    ],
  },
  {
    name: 'a configuration that is not JSON',
    args: () => ['a.xml', '--config', config('broken.json', '{\n  "lang": ')],
    fr: [() => `chorus-precheck: le fichier de configuration ${join(dir, 'broken.json')} n’est pas du JSON (ligne 2, colonne 11)\n`],
    en: [() => `chorus-precheck: the configuration file ${join(dir, 'broken.json')} is not JSON (line 2, column 11)\n`],
  },
  {
    name: 'a configuration that cannot be read',
    args: () => ['a.xml', '--config', dir],
    fr: [() => `chorus-precheck: impossible de lire le fichier de configuration ${dir} : pas un fichier ordinaire\n`],
    en: [() => `chorus-precheck: cannot read the configuration file ${dir}: not a regular file\n`],
  },
  {
    name: 'an unknown release in a configuration',
    args: () => ['a.xml', '--config', config('release.json', { context: { release: '3.9' } })],
    fr: [() => `version de Chorus Pro inconnue « 3.9 » (context.release dans ${join(dir, 'release.json')}) ; versions connues : ${KNOWN}\n`],
    en: [() => `unknown Chorus Pro release "3.9" (context.release in ${join(dir, 'release.json')}); known releases: ${KNOWN}\n`],
  },
];

/** Checks a usage error's output: exit 2, nothing on standard output, the texts, the help line, nothing unfilled. */
function expectUsage(run: { code: number | null; stdout: string; stderr: string }, lang: 'fr' | 'en', texts: (string | (() => string))[]): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  for (const text of texts) expect(run.stderr).toContain(typeof text === 'string' ? text : text());
  expect(run.stderr.endsWith(`\n${HELP[lang]}`)).toBe(true);
  expect(run.stderr).not.toContain(HELP[lang === 'fr' ? 'en' : 'fr']);
  expect(run.stderr).not.toMatch(/null|undefined|—|\{[a-z]\w*\}|\[object /);
}

describe('usage and configuration errors', () => {
  describe.each(['fr', 'en'] as const)('with --lang %s', (lang) => {
    it.each(CASES)('$name', async (c) => {
      expectUsage(await runCli(['--lang', lang, ...c.args()]), lang, c[lang]);
    });
  });

  it.each(CASES.filter((c) => ['an unknown option', 'no input', 'an unknown release', 'a configuration that is not JSON'].includes(c.name)))(
    'are in French with only LANG=fr_FR.UTF-8: $name',
    async (c) => {
      expectUsage(await runCli(c.args(), { env: { LANG: 'fr_FR.UTF-8' } }), 'fr', c.fr);
    },
  );

  it('take --lang over the environment, and the environment when --lang itself is wrong', async () => {
    expectUsage(await runCli(['--fromat', 'json', 'a.xml', '--lang', 'en'], { env: { LANG: 'fr_FR.UTF-8' } }), 'en', CASES[0]!.en);
    expectUsage(await runCli(['--lang', 'de', 'a.xml'], { env: { LANG: 'fr_FR.UTF-8' } }), 'fr', [
      'chorus-precheck: --lang doit être l’une des valeurs fr, en ; reçu « de »\n',
    ]);
    expectUsage(await runCli(['--lang', 'de', 'a.xml']), 'en', ['chorus-precheck: --lang must be one of fr, en; got "de"\n']);
  });

  it("take a valid configuration's lang when the command line has none", async () => {
    const path = config('fr.json', { lang: 'fr', context: { release: '3.9' } });
    expectUsage(await runCli(['a.xml', '--config', path]), 'fr', [`version de Chorus Pro inconnue « 3.9 » (context.release dans ${path})`]);
  });
});
