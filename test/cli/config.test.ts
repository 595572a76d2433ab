import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../packages/core/src/config/config.js';
import { loadConfig } from '../../packages/core/src/config/load.node.js';
import { configValidator } from './validate.js';

let dir: string;
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chorus-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('reads every field and the catalogue overlay relative to the file', async () => {
    write('conf/overlay.json', { syntaxes: [] });
    const path = write('conf/chorus-precheck.config.json', {
      $schema: './schema.json',
      context: { channel: 'API', syntaxe: 'IN_DP_E4_UBL_INVOICE', release: '3.8.1', depositDate: '2024-03-01' },
      lang: 'fr',
      severity: { 'content/payment-means-not-58-59': 'off' },
      catalogue: './overlay.json',
      limits: { maxBatchMembers: 10 },
    });
    expect(await loadConfig(path)).toEqual({
      file: path,
      context: { channel: 'API', syntaxe: 'IN_DP_E4_UBL_INVOICE', release: '3.8.1', depositDate: '2024-03-01' },
      lang: 'fr',
      severity: { 'content/payment-means-not-58-59': 'off' },
      catalogue: { syntaxes: [] },
      limits: { maxBatchMembers: 10 },
    });
  });

  it('defaults what is absent', async () => {
    expect(await loadConfig(write('empty.json', {}))).toEqual({ file: join(dir, 'empty.json'), context: {}, severity: {}, catalogue: null, limits: {} });
  });

  it.each([
    [{ colour: true }, 'unknown key "colour"'],
    [{ context: { chanel: 'API' } }, '#/context: unknown key "chanel"'],
    [{ limits: { maxPages: 3 } }, '#/limits: unknown key "maxPages"'],
    [{ severity: { 'content/x': 'fatal' } }, '#/severity/content~1x: must be equal to one of the allowed values'],
    [{ context: { channel: 'FAX' } }, '#/context/channel'],
    [{ lang: 'de' }, '#/lang'],
  ])('refuses %j', async (config, message) => {
    const error = await loadConfig(write('bad.json', config)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConfigError', code: 'CONFIG_INVALID' });
    expect((error as Error).message).toContain(message);
  });

  it('gives its message in French and English, the English one as message, with the same code', async () => {
    const file = write('bad-fr.json', { colour: true, limits: { maxBatchMembers: 0 } });
    const error = (await loadConfig(file).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(error.messages.en);
    expect(error.messages.en).toBe(`invalid configuration:\n  ${file}#/: unknown key "colour"\n  ${file}#/limits/maxBatchMembers: must be >= 1`);
    expect(error.messages.fr).toBe(`configuration invalide :\n  ${file}#/ : clé inconnue « colour »\n  ${file}#/limits/maxBatchMembers : doit être >= 1`);
  });

  it('says when the file or the overlay cannot be read or is not JSON', async () => {
    await expect(loadConfig(join(dir, 'none.json'))).rejects.toMatchObject({ code: 'CONFIG_UNREADABLE' });
    await expect(loadConfig(write('broken.json', '{ "lang": '))).rejects.toMatchObject({ code: 'CONFIG_NOT_JSON' });
    await expect(loadConfig(write('missing-overlay.json', { catalogue: './nowhere.json' }))).rejects.toMatchObject({ code: 'CONFIG_UNREADABLE' });
    await expect(
      loadConfig(write('array-overlay.json', { catalogue: './list.json' }) && write('list.json', [1]) && join(dir, 'array-overlay.json')),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('agrees with the published schema, which the README example follows', () => {
    const validate = configValidator();
    expect(
      validate({
        context: { channel: 'PORTAIL', space: 'factures-de-travaux', release: '3.8.1' },
        lang: 'fr',
        severity: { 'content/payment-means-not-58-59': 'off', 'content/amounts-at-most-2-decimals': 'error' },
        catalogue: './catalogue-overlay.json',
        limits: { maxBatchMembers: 2000 },
      }),
    ).toBe(true);
    expect(validate({ unknown: 1 })).toBe(false);
  });
});
