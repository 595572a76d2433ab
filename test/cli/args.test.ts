import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../packages/core/src/cli/args.js';
import { UsageError } from '../../packages/core/src/cli/usage-error.js';

describe('parseCommandLine', () => {
  it('reads a check with every deposit option', () => {
    const command = parseCommandLine([
      'a.xml',
      'dir',
      '-',
      '--format',
      'sarif',
      '-o',
      'out.sarif',
      '--quiet',
      '--max-warnings',
      '0',
      '--jobs',
      '2',
      '--explain',
      '--channel',
      'api',
      '--syntaxe',
      'IN_DP_E4_UBL_INVOICE',
      '--space',
      'factures-de-travaux',
      '--release',
      '3.8.1',
      '--deposit-date',
      '2024-02-29',
      '--lang',
      'fr',
      '--config',
      'c.json',
      '--strict',
    ]);
    expect(command).toEqual({
      kind: 'check',
      inputs: ['a.xml', 'dir', '-'],
      format: 'sarif',
      output: 'out.sarif',
      quiet: true,
      maxWarnings: 0,
      jobs: 2,
      explain: true,
      strict: true,
      lang: 'fr',
      config: 'c.json',
      context: { channel: 'API', syntaxe: 'IN_DP_E4_UBL_INVOICE', space: 'factures-de-travaux', release: '3.8.1', depositDate: '2024-02-29' },
    });
  });

  it('takes an interface code or an EDI file name from --interface', () => {
    expect(parseCommandLine(['a.xml', '--interface', 'fso1130a'])).toMatchObject({ context: { interfaceCode: 'FSO1130A' } });
    expect(parseCommandLine(['a.xml', '--interface', 'FSO1100A_XXX999_XXX9991100000000000000001'])).toMatchObject({
      context: { ediFileName: 'FSO1100A_XXX999_XXX9991100000000000000001' },
    });
  });

  it('defaults to text, no limit on warnings, jobs chosen at run time', () => {
    expect(parseCommandLine(['a.xml'])).toMatchObject({ format: 'text', maxWarnings: -1, jobs: null, explain: false, quiet: false, lang: null, output: null });
  });

  it('reads serve: 127.0.0.1:8080 by default, --host, --port, --release, --config, --lang', () => {
    expect(parseCommandLine(['serve'])).toMatchObject({ kind: 'serve', host: '127.0.0.1', port: 8080, release: null, config: null, lang: null });
    expect(parseCommandLine(['serve', '--host', '0.0.0.0', '--port', '0', '--release', '3.8.0', '-c', 'c.json', '--lang', 'en'])).toMatchObject({
      kind: 'serve',
      host: '0.0.0.0',
      port: 0,
      release: '3.8.0',
      config: 'c.json',
      lang: 'en',
    });
  });

  it('reads the subcommands', () => {
    expect(parseCommandLine(['portal', 'state.json', '--format', 'json'])).toMatchObject({ kind: 'portal', state: 'state.json', format: 'json' });
    expect(parseCommandLine(['rules', 'list', '--release', '3.8.0'])).toMatchObject({ kind: 'rules', action: 'list', release: '3.8.0' });
    expect(parseCommandLine(['rules', 'show', 'deposit/x'])).toMatchObject({ kind: 'rules', action: 'show', argument: 'deposit/x' });
    expect(parseCommandLine(['rules', 'lint', 'rules'])).toMatchObject({ kind: 'rules', action: 'lint', argument: 'rules' });
    expect(parseCommandLine(['rules', 'docs'])).toMatchObject({ kind: 'rules', action: 'docs', argument: null });
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-v'])).toEqual({ kind: 'version' });
  });

  it.each([
    [[], /no input/],
    [['a.xml', '--format', 'html'], /--format must be one of text, json, sarif, junit/],
    [['a.xml', '--jobs', '0'], /--jobs must be an integer ≥ 1/],
    [['a.xml', '--max-warnings', '-3'], /--max-warnings must be a number of warnings, 0 or more; got "-3" \(leave the option out for no limit\)/],
    [['a.xml', '--max-warnings=-1'], /--max-warnings must be a number of warnings, 0 or more; got "-1"/],
    [['a.xml', '--max-warnings', 'ten'], /--max-warnings must be a number of warnings/],
    [['a.xml', '--syntaxe', '-x'], /--syntaxe needs a value; to give one that starts with a dash, write --syntaxe=-x/],
    [['a.xml', '--channel', 'FAX'], /--channel must be one of PORTAIL, API, EDI/],
    [['a.xml', '--space', 'travaux'], /--space/],
    [['a.xml', '--deposit-date', '2024-02-30'], /--deposit-date must be a date/],
    [['a.xml', '--release', ''], /--release must not be empty/],
    [['a.xml', '--lang', 'de'], /--lang/],
    [['a.xml', '--unknown'], /^unknown option --unknown$/],
    [['a.xml', '--fromat', 'json'], /^unknown option --fromat; did you mean `--format`\?$/],
    [['a.xml', '--max-warning', '0'], /did you mean `--max-warnings`\?/],
    [['a.xml', '--synatxe=X'], /^unknown option --synatxe; did you mean `--syntaxe`\?$/],
    [['a.xml', '--colour'], /^unknown option --colour$/],
    [['a.xml', '--syntaxe', ' '], /--syntaxe must not be empty/],
    [['portal'], /exactly one account state/],
    [['rules'], /needs an action/],
    [['rules', 'show'], /needs a rule id/],
    [['rules', 'list', 'extra'], /too many arguments/],
    [['rules', 'fix'], /rules must be one of/],
    [['serve', 'extra'], /serve takes no argument/],
    [['serve', '--port', '70000'], /--port must be at most 65535/],
    [['serve', '--port', 'http'], /--port must be an integer/],
    [['serve', '--release', 'latest'], /--release must look like/],
    [['a.xml', '--port', '80'], /options of chorus-precheck serve/],
  ])('refuses %j as a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});
