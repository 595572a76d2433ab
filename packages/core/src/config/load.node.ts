import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { ConfigError, type ChorusPrecheckConfig, type LoadedConfig } from './config.js';

// The schema ships in the package (`schema/`), two levels above both `src/config` and `dist/config`.
const SCHEMA_URL = new URL('../../schema/config.schema.json', import.meta.url);

/**
 * Reads a `chorus-precheck.config.json` file, validates it against the published schema (unknown
 * keys are errors) and reads the catalogue overlay when it is given as a path.
 * Throws a {@link ConfigError} naming the file and the JSON pointer of each problem.
 */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  const file = resolve(path);
  const config: unknown = await readJson(file, 'configuration file');
  // ajv is loaded here, not at import time: most runs of the CLI have no configuration file.
  const ajv = await import('ajv');
  // ajv is CommonJS: Node's loader exposes the class as a named export, bundlers as the default.
  const Ajv = ajv.Ajv ?? (ajv.default as unknown as typeof ajv.Ajv);
  const validate = new Ajv({ allErrors: true, strict: true }).compile<ChorusPrecheckConfig>(
    JSON.parse(await readFile(SCHEMA_URL, 'utf8')) as object,
  );
  if (!validate(config)) {
    const problems = (validate.errors ?? []).map((error) => `  ${file}#${error.instancePath || '/'}: ${describe(error)}`);
    throw new ConfigError('CONFIG_INVALID', `invalid configuration:\n${problems.join('\n')}`);
  }

  let catalogue: Record<string, unknown> | null = null;
  if (typeof config.catalogue === 'string') {
    const overlay = await readJson(resolve(dirname(file), config.catalogue), 'catalogue overlay');
    if (overlay === null || typeof overlay !== 'object' || Array.isArray(overlay)) {
      throw new ConfigError('CONFIG_INVALID', `invalid configuration: ${file}#/catalogue: the overlay file must hold a JSON object`);
    }
    catalogue = overlay as Record<string, unknown>;
  } else if (config.catalogue) {
    catalogue = config.catalogue;
  }

  return {
    file,
    context: config.context ?? {},
    ...(config.lang ? { lang: config.lang } : {}),
    severity: config.severity ?? {},
    catalogue,
    limits: config.limits ?? {},
    ...(config.strict === true ? { strict: true } : {}),
  };
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError('CONFIG_UNREADABLE', `cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError('CONFIG_NOT_JSON', `the ${what} ${file} is not JSON: ${(error as Error).message}`);
  }
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    return `unknown key "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  }
  if (error.keyword === 'enum') {
    return `${error.message}: ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return error.message ?? error.keyword;
}
