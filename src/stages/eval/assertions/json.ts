/** is-json: the output parses as JSON (whole, or in a ```json fence) and, with `schema`, validates against it. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { AssertionHandler } from '../types.js';
import { AssertionConfigError } from './errors.js';
import { extractJson } from './json-text.js';
import { type Of, outcome, quote } from './result.js';

// strict off: user schemas carry `format`, `examples` and other keywords Ajv would reject; logger off:
// nothing below the CLI prints. Formats are not validated (ajv-formats is not a dependency).
const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
// Compiled once per schema object: the parsed config hands every case the same object.
const validators = new WeakMap<object, ValidateFunction>();

/** Parses the output as JSON and validates it against `schema` when given. */
export const isJson: AssertionHandler<Of<'is-json'>> = (a, output) => {
  const found = extractJson(output);
  if (!found.ok) return outcome(a, false, 0, `not JSON: ${found.error}; output ${quote(output, 60)}`);
  const where = found.where === 'fence' ? ' (inside a ```json fence)' : '';
  if (!a.schema) return outcome(a, true, 1, `valid JSON${where}`);
  const validate = validatorFor(a.schema);
  if (validate(found.value)) return outcome(a, true, 1, `valid JSON${where}, matches the schema`);
  const errors = (validate.errors ?? []).map(describe);
  const shown = errors.slice(0, 5).join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');
  return outcome(a, false, 0, `JSON${where} does not match the schema: ${shown}`, { errors });
};

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    try {
      // Ajv keeps schemas by `$id`: a second assertion reusing an id must replace, not collide with, the first.
      if (typeof schema.$id === 'string') ajv.removeSchema(schema.$id);
      validate = ajv.compile(schema);
    } catch (cause) {
      throw new AssertionConfigError(
        `is-json schema is not a valid JSON Schema: ${(cause as Error).message}`,
        {
          cause,
        },
      );
    }
    validators.set(schema, validate);
  }
  return validate;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(root)' : e.instancePath;
  const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}
