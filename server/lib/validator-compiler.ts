import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

// The app-wide Ajv coerces types everywhere (`coerceTypes: 'array'`), which suits query strings but would
// turn a JSON body's `"name": 123` into "123". Routes that register this compiler validate bodies strictly
// (no coercion, every error at once) and keep coercion for the query string, params and headers.

const shared: Options = { strict: false, allErrors: true, useDefaults: true, removeAdditional: false };
const bodyAjv = addFormats.default(new Ajv({ ...shared, coerceTypes: false }));
const requestAjv = addFormats.default(new Ajv({ ...shared, coerceTypes: 'array' }));

/** A Fastify validator compiler: strict for bodies, coercing for the rest, with readable union errors. */
export const strictBodyCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? bodyAjv : requestAjv).compile(schema as object);
  return wrap(validate);
};

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

function wrap(validate: ValidateFunction): Validator {
  const validator: Validator = (data: unknown) => {
    if (validate(data)) return true;
    validator.errors = simplifyErrors(validate.errors ?? []);
    return false;
  };
  return validator;
}

/**
 * Ajv reports every branch of a failed `anyOf` (a value that may be a string or null fails both). Keep the
 * branch that got deepest into the value, which is the one the client meant; when no branch went deeper
 * than the union itself, report one error listing what was expected.
 */
export function simplifyErrors(errors: ErrorObject[]): ErrorObject[] {
  const union = errors
    .filter((e) => e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length)[0];
  if (!union) return dedupe(errors);
  const prefix = `${union.schemaPath}/`;
  const outside = errors.filter((e) => e !== union && !e.schemaPath.startsWith(prefix));
  const branches = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (!e.schemaPath.startsWith(prefix)) continue;
    const branch = e.schemaPath.slice(prefix.length).split('/')[0] ?? '';
    branches.set(branch, [...(branches.get(branch) ?? []), e]);
  }
  // A branch whose `type` member is the wrong constant (a Polygon tried as a MultiPolygon) is not the one meant.
  const typePath = `${union.instancePath}/type`;
  const mismatched = (list: ErrorObject[]) =>
    list.some((e) => e.keyword === 'const' && e.instancePath === typePath);
  const depth = (list: ErrorObject[]) => Math.max(...list.map((e) => pathDepth(e.instancePath)));
  const ranked = [...branches.values()].sort(
    (a, b) => Number(mismatched(a)) - Number(mismatched(b)) || depth(b) - depth(a) || a.length - b.length,
  );
  const best = ranked[0];
  if (best && !mismatched(best) && depth(best) > pathDepth(union.instancePath)) {
    return simplifyErrors([...outside, ...best]);
  }
  const all = [...branches.values()].flat();
  const constants = all
    .filter((e) => e.keyword === 'const')
    .map((e) => JSON.stringify(e.params.allowedValue));
  const expected =
    constants.length === all.length
      ? [`must be one of ${constants.join(', ')}`]
      : [...new Set(all.map((e) => e.message || 'is invalid'))];
  const merged: ErrorObject = { ...union, keyword: 'union', message: expected.join(' or ') };
  return simplifyErrors([...outside, merged]);
}

function pathDepth(instancePath: string): number {
  return instancePath === '' ? 0 : instancePath.split('/').length - 1;
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath}|${e.message}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
