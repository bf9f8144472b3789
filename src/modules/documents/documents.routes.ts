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

/** `Content-Disposition: inline`, with the same file name as the download. */
export const inlineHeader = (fileName: string, extension: string) =>
  attachmentHeader(fileName, extension).replace(/^attachment/, 'inline');

/**
 * `GET /documents/:id`: the file for its uploader, examining staff, or whoever the owning module
 * allows; everyone else, and every unknown or removed id, gets 404. Always a download, never
 * cached, with the type detected at upload and a sandboxing CSP.
 *
 * `GET /documents/:id/view`: the same file shown in the browser instead of saved, for staff who
 * examine it (an officer reads a passport scan without keeping a copy on the desktop). The read
 * is audited like a download, with its own purpose. Stored files are PDFs without scripts and
 * plain images (checked at upload); an image is sandboxed, a PDF is not (the browser's PDF viewer
 * does not run in a sandbox) but may load nothing.
 */
export function documentRoutes(service: DocumentsService) {
  return async (app: FastifyInstance) => {
    app.get('/documents/:id/view', { config: { access: { who: 'staff' } } }, async (req, reply) => {
      const { id } = req.params as { id: string };
      if (!UUID.test(id)) throw documentsErrors.notFound();
      const { document, bytes } = await service.read(id, req.principal, 'examination-view', {
        ip: req.ip,
      });
      const pdf = document.mediaType === 'application/pdf';
      return reply
        .header('content-disposition', inlineHeader(document.fileName, document.extension))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .header(
          'content-security-policy',
          pdf ? "default-src 'none'" : "default-src 'none'; sandbox",
        )
        .type(document.mediaType)
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
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
