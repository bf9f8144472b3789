import type { FastifyInstance } from 'fastify';
import type { DocumentsService } from './documents.service';
import { documentsErrors } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `Content-Disposition: attachment` with the uploader's name (extension from the detected type):
 * an ASCII fallback for old clients and the exact name in RFC 5987 `filename*`.
 */
export function attachmentHeader(fileName: string, extension: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').trim() || 'document';
  const asciiStem =
    stem
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\;%]/g, '_')
      .trim() || 'document';
  const encoded = encodeURIComponent(`${stem}.${extension}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiStem}.${extension}"; filename*=UTF-8''${encoded}`;
}

/**
 * `GET /documents/:id`: the file for its uploader, examining staff, or whoever the owning module
 * allows; everyone else, and every unknown or removed id, gets 404. Always a download, never shown
 * inline, never cached, with the type detected at upload and a sandboxing CSP.
 */
export function documentRoutes(service: DocumentsService) {
  return async (app: FastifyInstance) => {
    app.get('/documents/:id', { config: { access: { who: 'signed-in' } } }, async (req, reply) => {
      const { id } = req.params as { id: string };
      if (!UUID.test(id)) throw documentsErrors.notFound();
      const purpose = req.principal.kind === 'staff' ? 'examination' : 'own-documents';
      const { document, bytes } = await service.read(id, req.principal, purpose, { ip: req.ip });
      return reply
        .header('content-disposition', attachmentHeader(document.fileName, document.extension))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type(document.mediaType)
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
  };
}
