import type { FieldError } from '../contract/problem';
import { HttpProblem } from './http-problem';

/** A 400 listing every field that failed a check the schema could not express. */
export function invalidFields(errors: FieldError[]): HttpProblem {
  return new HttpProblem(400, errors.map((e) => `${e.path} ${e.message}`).join('; '), {
    type: '/problems/validation',
    title: 'Invalid request',
    errors,
  });
}
