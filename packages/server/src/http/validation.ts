import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { AppError } from '../errors.ts';

function makeAjv(coerceTypes: boolean | 'array') {
  // Unknown fields are an error, never silently dropped; bodies are never type-coerced.
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
// Query strings and path parameters are text by nature; "?limit=20" must become 20.
const paramAjv = makeAjv('array');

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : paramAjv).compile(schema);

/** The offending field in dotted form: "/items/0/code" → "items.0.code", a missing one by its name. */
export function fieldOf(e: ErrorObject, part: string | undefined): string {
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra =
    e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty
    : e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty
    : '';
  const name = [base, extra].filter(Boolean).join('.');
  return name || part || 'body';
}

export function reasonOf(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return 'is not a known field';
  if (e.keyword === 'required') return 'is required';
  return e.message ?? 'is invalid';
}

export function validationError(errors: ErrorObject[], part: string | undefined): AppError {
  const first = errors[0]!;
  const field = fieldOf(first, part);
  return new AppError('VALIDATION_FAILED', `${field} ${reasonOf(first)}`, field, errors.map((e) => ({ field: fieldOf(e, part), reason: reasonOf(e) })));
}
