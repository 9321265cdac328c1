import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError, invalid } from '../../errors.ts';

/**
 * Reads the one file of a multipart upload from the field "file", at most `maxBytes` (413
 * PAYLOAD_TOO_LARGE beyond). Call it only after the caller's permission and scope were checked, so
 * nothing is read from a caller who may not upload. `what` names the file in error messages.
 */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number, what: string): Promise<{ filename: string; bytes: Buffer }> {
  const part: MultipartFile | undefined = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw invalid('file', `send the ${what} as multipart/form-data in the field "file"`);
  try {
    if (part.fieldname !== 'file') throw invalid('file', `the ${what} goes in the multipart field "file", not "${part.fieldname.slice(0, 50)}"`);
    return { filename: part.filename, bytes: await part.toBuffer() };
  } catch (err) {
    part.file.resume();
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', `file: at most ${maxBytes} bytes`, 'file', [{ field: 'file', reason: 'too large' }]);
    }
    throw err;
  }
}
