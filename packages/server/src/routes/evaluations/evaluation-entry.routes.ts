import type { FastifyRequest } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { AppError, invalid } from '../../errors.ts';
import { staffCtx } from '../../http/request-context.ts';
import { validationError, validatorCompiler } from '../../http/validation.ts';
import { SCAN_MAX_BYTES } from '../../services/evaluation-entry.service.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, errors } from '../shared/schemas.ts';
import { EnterBody, EnteredView } from './evaluation.schemas.ts';

type Check = ((data: unknown) => boolean) & { errors?: Parameters<typeof validationError>[0] | null };
// The same schema checks the JSON body and the "evaluation" field of a multipart upload.
const checkEntry = validatorCompiler({ schema: EnterBody, method: 'POST', url: '/api/evaluations', httpPart: 'body' }) as Check;

function parseEntry(value: unknown, field: string): EnterBody {
  let body = value;
  if (typeof value === 'string') {
    try {
      body = JSON.parse(value);
    } catch {
      throw new AppError('INVALID_JSON', `${field} is not valid JSON`, field);
    }
  }
  if (!checkEntry(body)) throw validationError(checkEntry.errors ?? [], 'body');
  return body as EnterBody;
}

/** A multipart upload: the rating as JSON in the field "evaluation", the scan in the file field "scan". */
async function readMultipart(request: FastifyRequest): Promise<{ entry: EnterBody; scan: Buffer | undefined }> {
  let raw: unknown;
  let scan: Buffer | undefined;
  for await (const part of request.parts({ limits: { fileSize: SCAN_MAX_BYTES, files: 1, fields: 3, fieldSize: 64 * 1024 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'scan') {
        part.file.resume();
        throw invalid('scan', `the file goes in the multipart field "scan", not "${part.fieldname.slice(0, 50)}"`);
      }
      try {
        scan = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', `scan: at most ${SCAN_MAX_BYTES / 1024 / 1024} MB`, 'scan', [{ field: 'scan', reason: 'too large' }]);
        throw err;
      }
    } else if (part.fieldname === 'evaluation') {
      raw = part.value;
    } else {
      throw invalid(part.fieldname.slice(0, 50), 'is not a known field: send "evaluation" (JSON) and "scan" (file)');
    }
  }
  if (raw === undefined) throw invalid('evaluation', 'send the rating as JSON in the multipart field "evaluation"');
  return { entry: parseEntry(raw, 'evaluation'), scan };
}

/** Ratings staff enter for evaluators (phone, paper form, e-mail, WeChat), and the scans of paper forms. */
export const evaluationEntryRoutes: RouteModule = (app, c) => {
  const tags = ['evaluations'];

  app.post('/evaluations', {
    schema: {
      tags,
      summary: 'Enter a rating given by 12345 phone, paper form, e-mail or WeChat (permission evaluation.enter)',
      description:
        'JSON, or multipart/form-data with the rating as JSON in the field "evaluation" and the scan of a paper form (PDF, JPEG or PNG, at most 5 MB, ' +
        'recognised by its content) in the file field "scan". A paper form needs a scan or a scanRef. Unit staff cannot enter ratings.',
      body: { content: { 'application/json': { schema: EnterBody } } },
      response: { 201: EnteredView, ...errors, 413: errors[400], 415: errors[400] },
    },
  }, async (request, reply) => {
    const ctx = staffCtx(request);
    const { entry, scan } = request.isMultipart() ? await readMultipart(request) : { entry: parseEntry(request.body, 'body'), scan: undefined };
    const r = await c.services.evaluationEntry.enter(ctx, entry, scan ? { bytes: scan } : undefined);
    return reply.status(201).send({ ...r, submittedAt: new Date(r.submittedAt).toISOString() });
  });

  app.get('/evaluations/:id/scan', {
    schema: {
      tags,
      summary: 'The scan of a paper form (permission pii.unmask; the reason goes to the audit log)',
      params: IdParam,
      querystring: Type.Object({ reason: Type.String({ minLength: 5, maxLength: 200 }) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const s = await c.services.evaluationEntry.scan(staffCtx(request), request.params.id, request.query.reason);
    const ext = s.contentType === 'application/pdf' ? 'pdf' : s.contentType === 'image/png' ? 'png' : 'jpg';
    return reply
      .header('content-type', s.contentType)
      .header('content-disposition', `attachment; filename="evaluation-${request.params.id}.${ext}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(s.bytes);
  });
};
