import { readFile, stat } from 'node:fs/promises';
import { applyOverlay, bundledCatalogueData, Catalogue } from '../catalogue/catalogue.js';
import type { CatalogueOverlay } from '../catalogue/types.js';
import { dirname, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import type { LocalizedText } from '../diagnostics/diagnostic.js';
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
  const config: unknown = await readJson(file, { fr: 'le fichier de configuration', en: 'the configuration file' });
  // ajv is loaded here, not at import time: most runs of the CLI have no configuration file.
  const ajv = await import('ajv');
  // ajv is CommonJS: Node's loader exposes the class as a named export, bundlers as the default.
  const Ajv = ajv.Ajv ?? (ajv.default as unknown as typeof ajv.Ajv);
  const validate = new Ajv({ allErrors: true, strict: true }).compile<ChorusPrecheckConfig>(JSON.parse(await readFile(SCHEMA_URL, 'utf8')) as object);
  if (!validate(config)) {
    const problems = (validate.errors ?? []).map((error) => ({ where: `${file}#${error.instancePath || '/'}`, what: describe(error) }));
    throw new ConfigError('CONFIG_INVALID', {
      fr: `configuration invalide :\n${problems.map((p) => `  ${p.where} : ${p.what.fr}`).join('\n')}`,
      en: `invalid configuration:\n${problems.map((p) => `  ${p.where}: ${p.what.en}`).join('\n')}`,
    });
  }

  let catalogue: Record<string, unknown> | null = null;
  if (typeof config.catalogue === 'string') {
    const overlayFile = resolve(dirname(file), config.catalogue);
    const overlay = await readJson(overlayFile, { fr: 'la surcharge du catalogue', en: 'the catalogue overlay' });
    if (overlay === null || typeof overlay !== 'object' || Array.isArray(overlay)) {
      throw new ConfigError('CONFIG_INVALID', {
        fr: `configuration invalide : ${file}#/catalogue : le fichier de surcharge doit contenir un objet JSON`,
        en: `invalid configuration: ${file}#/catalogue: the overlay file must hold a JSON object`,
      });
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

async function readJson(file: string, what: LocalizedText): Promise<unknown> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ReadRefusal({ fr: 'pas un fichier ordinaire', en: 'not a regular file' });
    if (info.size > MAX_FILE_BYTES) throw new ReadRefusal({ fr: `plus de ${MAX_FILE_BYTES} octets`, en: `larger than ${MAX_FILE_BYTES} bytes` });
    text = await readFile(file, 'utf8');
  } catch (error) {
    // The system's own reason (ENOENT…) is in English only.
    const why = error instanceof ReadRefusal ? error.messages : { fr: (error as Error).message, en: (error as Error).message };
    throw new ConfigError('CONFIG_UNREADABLE', {
      fr: `impossible de lire ${what.fr} ${file} : ${why.fr}`,
      en: `cannot read ${what.en} ${file}: ${why.en}`,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    // The parser's message quotes the text: never printed, as the path may name a file that is
    // not the user's to show (a key, a password file). Only where the JSON stops being valid.
    const at = whereInvalid(text, error);
    throw new ConfigError('CONFIG_NOT_JSON', {
      fr: `${what.fr} ${file} n’est pas du JSON${at ? ` (ligne ${at.line}, colonne ${at.column})` : ''}`,
      en: `${what.en} ${file} is not JSON${at ? ` (line ${at.line}, column ${at.column})` : ''}`,
    });
  }
  if (depthOver(value, MAX_DEPTH)) {
    throw new ConfigError('CONFIG_INVALID', {
      fr: `configuration invalide : ${what.fr} ${file} a plus de ${MAX_DEPTH} niveaux d’imbrication`,
      en: `invalid configuration: ${what.en} ${file} nests deeper than ${MAX_DEPTH} levels`,
    });
  }
  return value;
}

/** The line and column of the position a JSON.parse error gives, or null. */
function whereInvalid(text: string, error: unknown): { line: number; column: number } | null {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message)?.[1];
  const offset = position !== undefined ? Number(position) : /Unexpected end of JSON input/.test(message) ? text.length : null;
  if (offset === null) return null;
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
  return { line, column };
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
    if (!Array.isArray(entries)) {
      throw new ConfigError('CONFIG_INVALID', {
        fr: `configuration invalide : ${where} : « ${list} » doit être une liste`,
        en: `invalid configuration: ${where}: "${list}" must be a list`,
      });
    }
    entries.forEach((entry: unknown, i) => {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || typeof (entry as Record<string, unknown>)[key] !== 'string') {
        throw new ConfigError('CONFIG_INVALID', {
          fr: `configuration invalide : ${where} : ${list}[${i}] doit être un objet avec une chaîne « ${key} »`,
          en: `invalid configuration: ${where}: ${list}[${i}] must be an object with a string "${key}"`,
        });
      }
    });
  }
  try {
    const data = applyOverlay(bundledCatalogueData(), overlay as CatalogueOverlay);
    for (const release of data.releases) new Catalogue(data, release.id);
  } catch (error) {
    const why = (error as { messages?: LocalizedText }).messages ?? { fr: (error as Error).message, en: (error as Error).message };
    throw new ConfigError('CONFIG_INVALID', {
      fr: `configuration invalide : ${where} : la surcharge du catalogue ne peut pas être appliquée : ${why.fr}`,
      en: `invalid configuration: ${where}: the catalogue overlay cannot be applied: ${why.en}`,
    });
  }
  return overlay;
}

/** Why a file is refused before it is read, in both languages. */
class ReadRefusal extends Error {
  constructor(readonly messages: LocalizedText) {
    super(messages.en);
  }
}

/** What a schema error says, in both languages; ajv's English words for a keyword the schema does not use. */
function describe(error: ErrorObject): LocalizedText {
  const params = error.params as Record<string, unknown>;
  const english = error.message ?? error.keyword;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { fr: `clé inconnue « ${key} »`, en: `unknown key "${key}"` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { fr: `doit être l’une des valeurs autorisées : ${allowed}`, en: `${english}: ${allowed}` };
    }
    case 'type':
      return { fr: `doit être de type ${String(params.type)}`, en: english };
    case 'pattern':
      return { fr: `doit correspondre au motif « ${String(params.pattern)} »`, en: english };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { fr: `doit être ${String(params.comparison)} ${String(params.limit)}`, en: english };
    case 'minLength':
      return { fr: `doit avoir au moins ${String(params.limit)} caractère${Number(params.limit) > 1 ? 's' : ''}`, en: english };
    case 'propertyNames':
      return { fr: `nom de propriété invalide « ${String(params.propertyName)} »`, en: english };
    case 'oneOf':
      return { fr: 'doit correspondre à exactement un des schémas de oneOf', en: english };
    default:
      return { fr: english, en: english };
  }
}
