import { AppError } from '../../platform/errors';

/**
 * Stable codes of the documents module (docs/errors.md). A refused upload is not an error: it is
 * a value (`{ ok: false, reason }`) the page or API turns into a message.
 */
export const documentsErrors = {
  notFound: () => new AppError('DOCUMENT_NOT_FOUND', 'not_found', 'No such document'),
  integrity: (why: string) =>
    new AppError(
      'DOCUMENT_INTEGRITY_FAILED',
      'internal',
      `A stored document failed its integrity check: ${why}`,
    ),
  keyUnknown: (keyId: string) =>
    new AppError(
      'DOCUMENT_KEY_UNKNOWN',
      'internal',
      `The master key ${keyId} that wraps this document is not configured (DOCUMENT_KEYS_OLD?)`,
    ),
  scannerUnavailable: (why: string) =>
    new AppError(
      'DOCUMENT_SCANNER_UNAVAILABLE',
      'unavailable',
      `The virus scanner could not be reached: ${why}`,
    ),
  uploaderInvalid: () =>
    new AppError(
      'DOCUMENT_UPLOADER_INVALID',
      'forbidden',
      'Only a signed-in user or a partner can upload',
    ),
};
