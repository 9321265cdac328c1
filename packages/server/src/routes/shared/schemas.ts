import { Type, type TSchema } from '@fastify/type-provider-typebox';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      field: Type.Optional(Type.String()),
      details: Type.Optional(Type.Array(Type.Object({ field: Type.Optional(Type.String()), row: Type.Optional(Type.Number()), column: Type.Optional(Type.String()), reason: Type.String() }))),
    }),
  },
  { $id: undefined },
);

export const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
};

export const RegionCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$', description: 'GB/T 2260 code, 6, 9 or 12 digits' });
export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }, { additionalProperties: false });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Standard error responses documented on every route. */
export const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

/** A string enum as JSON Schema `enum`, typed as the union of its values. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const Ok = Type.Object({ ok: Type.Boolean() });
