import { readFile, stat } from 'node:fs/promises';
import { applyOverlay, bundledCatalogueData, Catalogue } from '../catalogue/catalogue.js';
import type { CatalogueOverlay } from '../catalogue/types.js';
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
  const validate = new Ajv({ allErrors: true, strict: true }).compile<ChorusPrecheckConfig>(JSON.parse(await readFile(SCHEMA_URL, 'utf8')) as object);
  if (!validate(config)) {
    const problems = (validate.errors ?? []).map((error) => `  ${file}#${error.instancePath || '/'}: ${describe(error)}`);
    throw new ConfigError('CONFIG_INVALID', `invalid configuration:\n${problems.join('\n')}`);
  }

  let catalogue: Record<string, unknown> | null = null;
  if (typeof config.catalogue === 'string') {
    const overlayFile = resolve(dirname(file), config.catalogue);
    const overlay = await readJson(overlayFile, 'catalogue overlay');
    if (overlay === null || typeof overlay !== 'object' || Array.isArray(overlay)) {
      throw new ConfigError('CONFIG_INVALID', `invalid configuration: ${file}#/catalogue: the overlay file must hold a JSON object`);
    }
    catalogue = checkOverlay(overlay as Record<string, unknown>, overlayFile);
  } else if (config.catalogue) {
    catalogue = checkOverlay(config.catalogue, `${file}#/catalogue`);
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

// A configuration or an overlay is a few kilobytes: a path to something else (a log, a device
// that never ends) is refused before it is read.
const MAX_FILE_BYTES = 16 * 1024 * 1024;

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError('CONFIG_UNREADABLE', `cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    // The parser's message quotes the text: never printed, as the path may name a file that is
    // not the user's to show (a key, a password file). Only where the JSON stops being valid.
    throw new ConfigError('CONFIG_NOT_JSON', `the ${what} ${file} is not JSON${whereInvalid(text, error)}`);
  }
  if (depthOver(value, MAX_DEPTH)) {
    throw new ConfigError('CONFIG_INVALID', `invalid configuration: the ${what} ${file} nests deeper than ${MAX_DEPTH} levels`);
  }
  return value;
}

/** ` (line 3, column 7)` from the position a JSON.parse error gives, or nothing. */
function whereInvalid(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message)?.[1];
  const offset = position !== undefined ? Number(position) : /Unexpected end of JSON input/.test(message) ? text.length : null;
  if (offset === null) return '';
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return ` (line ${line}, column ${column})`;
}

// A real configuration nests five levels; anything much deeper is refused before a formatter or
// the catalogue recurses into it.
const MAX_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `max` arrays and objects (iterative: no recursion to overflow). */
function depthOver(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/**
 * Checks a catalogue overlay where it is read, so that a malformed one is a configuration error
 * (exit 2) naming where it is, not a failure half way through a run: its lists hold objects with
 * their key, and the shipped catalogue takes it at every release.
 */
function checkOverlay(overlay: Record<string, unknown>, where: string): Record<string, unknown> {
  const keys = { flows: 'code', syntaxes: 'value', cadres: 'code' } as const;
  for (const [list, key] of Object.entries(keys)) {
    const entries = overlay[list];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) throw new ConfigError('CONFIG_INVALID', `invalid configuration: ${where}: "${list}" must be a list`);
    entries.forEach((entry: unknown, i) => {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || typeof (entry as Record<string, unknown>)[key] !== 'string') {
        throw new ConfigError('CONFIG_INVALID', `invalid configuration: ${where}: ${list}[${i}] must be an object with a string "${key}"`);
      }
    });
  }
  try {
    const data = applyOverlay(bundledCatalogueData(), overlay as CatalogueOverlay);
    for (const release of data.releases) new Catalogue(data, release.id);
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', `invalid configuration: ${where}: the catalogue overlay cannot be applied: ${(error as Error).message}`);
  }
  return overlay;
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
