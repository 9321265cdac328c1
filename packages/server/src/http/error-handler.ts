import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { validationError } from './validation.ts';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/** One place turns every failure into `{ error: { code, message, field? } }`; only the unexpected is logged as an error. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & { validationContext?: string }, request, reply) => {
    let appError: AppError | undefined;
    if (err instanceof AppError) appError = err;
    else if (err.code === UNIQUE_VIOLATION) {
      // Two requests raced past the service's existence check; the database kept one.
      appError = new AppError('CONFLICT', 'a record with the same key already exists (it was created at the same moment)');
    } else if (err.code === FOREIGN_KEY_VIOLATION) {
      appError = new AppError('UNKNOWN_REFERENCE', 'a referenced record does not exist (it was removed at the same moment)');
    }
    else if (err.validation) appError = validationError(err.validation as never, err.validationContext);
    else if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err.statusCode === 400 && err instanceof SyntaxError)) {
      appError = new AppError('INVALID_JSON', 'the request body is not valid JSON', 'body');
    } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') appError = new AppError('INVALID_JSON', 'the request body is empty', 'body');
    else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      appError = new AppError('PAYLOAD_TOO_LARGE', 'the request body is too large', 'body');
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      appError = new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupported content type', 'content-type');
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      appError = new AppError('VALIDATION_FAILED', err.message, 'body');
    }
    if (appError) {
      request.log.info({ code: appError.code, field: appError.field }, appError.message);
      return reply.status(appError.status).send(appError.toJSON());
    }
    request.log.error({ err }, 'unexpected error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error', requestId: request.id } });
  });
}
