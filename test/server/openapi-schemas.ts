import { Ajv2020 } from 'ajv/dist/2020.js';
import { openApiDocument } from '../../packages/server/src/index.js';

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(openApiDocument('test'), 'openapi');

/** Checks a body against a component schema of the served OpenAPI document; returns the errors. */
export function schemaErrors(component: string, body: unknown): string[] {
  const validate = ajv.getSchema(`openapi#/components/schemas/${component}`);
  if (!validate) throw new Error(`no component schema ${component}`);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
