/**
 * JSON Schema validators of the CLI's outputs: the published report schema of the core package
 * and the SARIF 2.1.0 schema kept as test data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

const root = fileURLToPath(new URL('../../', import.meta.url));

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(root + path, 'utf8')) as Record<string, unknown>;
}

function makeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The two formats the schemas use, checked with the platform's own URL parser.
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'http://base.invalid/') && !/\s/.test(value));
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addFormat('date', /^\d{4}-\d\d-\d\d$/);
  return ajv;
}

let sarif: ValidateFunction | undefined;
let report: ValidateFunction | undefined;
let config: ValidateFunction | undefined;

/** The validator of SARIF 2.1.0 logs. */
export function sarifValidator(): ValidateFunction {
  sarif ??= makeAjv().compile(readJson('test/cli/data/sarif-schema-2.1.0.json'));
  return sarif;
}

/** The validator of the CLI's JSON output, from the schema published in the core package. */
export function reportValidator(): ValidateFunction {
  report ??= makeAjv().compile(readJson('packages/core/schema/report.schema.json'));
  return report;
}

/**
 * The validator of one entry shape of the JSON output, from the published schema's definitions:
 * `leanDocument` (the default) or `explainedDocument` (`--explain`).
 */
export function shapeValidator(shape: 'leanDocument' | 'explainedDocument'): ValidateFunction {
  return makeAjv().addSchema(readJson('packages/core/schema/report.schema.json')).getSchema(`urn:chorus-precheck:schema:report#/definitions/${shape}`)!;
}

/** The validator of `chorus-precheck.config.json` files, from the schema published in the core package. */
export function configValidator(): ValidateFunction {
  config ??= makeAjv().compile(readJson('packages/core/schema/config.schema.json'));
  return config;
}

/** Returns ajv's errors as readable text, for assertion messages. */
export function errorsOf(validate: ValidateFunction): string {
  return JSON.stringify(validate.errors, null, 2);
}
