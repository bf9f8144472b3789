import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

export interface UploadedFile {
  bytes: Buffer;
  fileName: string;
  /** The client sent more than the limit; only the first limit + 1 bytes were kept. */
  truncated: boolean;
}

const isUpload = (v: unknown): v is UploadedFile =>
  typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).bytes);

/**
 * multipart/form-data for pages and the API: fields arrive in `req.body` as strings (so CSRF
 * and validation work as for any form) and each file as an `UploadedFile`. Files larger than the
 * limit are cut at limit + 1 bytes rather than failing the request, so the upload check can say
 * "too large" in the user's language instead of a bare 413.
 */
export async function registerUploads(app: FastifyInstance, opts: { maxFileBytes: number }) {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: opts.maxFileBytes + 1, files: 1, fields: 20, fieldSize: 65_536 },
    async onFile(part) {
      const bytes = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = {
        bytes,
        fileName: part.filename,
        truncated: part.file.truncated,
      };
    },
  });
}

/** The file sent in a form field, or undefined when none was chosen. */
export function uploadedFile(body: unknown, field: string): UploadedFile | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[field];
  return isUpload(v) && v.bytes.length > 0 ? v : undefined;
}
