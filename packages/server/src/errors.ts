/**
 * The closed set of errors a service may throw. Each has an HTTP status and a stable code that
 * clients can rely on; `field` names the offending input where there is one.
 */
export const ErrorCodes = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  IMPORT_FAILED: 422,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  ACCOUNT_LOCKED: 423,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNKNOWN_REFERENCE: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The case has not reached the stage from which the region's policy opens evaluation. */
  EVALUATION_NOT_OPEN: 409,
  /** This case (visit) has its evaluation and every allowed follow-up already. */
  ALREADY_EVALUATED: 409,
  /** An invitation token, signed link or one-time code that is forged, expired or used. */
  TOKEN_INVALID: 410,
  /** Too many requests of a public channel from one phone or address within the policy's hour. */
  RATE_LIMITED: 429,
  /** The window has no active, paired rating device (评价器) to show the rating screen on. */
  DEVICE_NOT_PAIRED: 409,
  /** The step is not allowed in the work order's present state (skipped, repeated or after closing). */
  ILLEGAL_TRANSITION: 409,
  /** A request of that kind (延期, 复核申诉, 无法整改) is already waiting for its decision on this work order. */
  REQUEST_PENDING: 409,
  /** The request was decided already (deciding twice, or two deciders at once: one wins). */
  REQUEST_DECIDED: 409,
  /** The extensions asked for would exceed the policy's maxExtensionWorkingDays in total. */
  EXTENSION_LIMIT_EXCEEDED: 422,
  /** An appeal (复核申诉) after the policy's appealWindowWorkingDays from receiving the rating. */
  APPEAL_WINDOW_CLOSED: 409,
  /** The work order holds the policy's attachmentsPerOrder already. */
  TOO_MANY_ATTACHMENTS: 409,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export interface ErrorDetail {
  field?: string;
  row?: number;
  column?: string;
  reason: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ErrorCodes[code];
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export const notFound = (what: string, field?: string) => new AppError('NOT_FOUND', `${what} not found`, field);
export const forbidden = (message = 'not permitted') => new AppError('FORBIDDEN', message);
/** How a record outside the actor's data scope is described, also as the reason of an import row error. */
export const OUT_OF_SCOPE = 'outside your data scope';
export const outOfScope = (what: string) => new AppError('OUT_OF_SCOPE', `${what} is ${OUT_OF_SCOPE}`);
export const invalid = (field: string, reason: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${reason}`, field, [{ field, reason }]);
export const unknownReference = (field: string, reason: string) =>
  new AppError('UNKNOWN_REFERENCE', `${field}: ${reason}`, field, [{ field, reason }]);
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field);
