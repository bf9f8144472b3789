import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Database } from '../../platform/db';
import type { Logger } from '../../platform/log';
import type { StoragePort } from '../../platform/storage';
import type { AuditModule } from '../audit';
import { loadKeyring } from './documents.crypto';
import { createDocumentsRepository } from './documents.repository';
import { documentRoutes } from './documents.routes';
import { clamavScanner, noScanner, type ScannerPort } from './documents.scanner';
import { createDocumentsService } from './documents.service';

export {
  inspectUpload,
  ALLOWED_TYPES,
  REFUSAL_REASONS,
  type RefusalReason,
  type Inspection,
  type AllowedMediaType,
} from './documents.inspect';
export {
  DOCUMENT_READER_ROLES,
  type Actor,
  type DocumentInfo,
  type Owner,
  type OwnerAccess,
  type PartnerRef,
  type StoreInput,
  type StoreResult,
  type UploadRefusal,
  type Uploader,
} from './documents.model';
export type { DocumentsService } from './documents.service';
export { clamavScanner, noScanner, type ScannerPort, type ScanResult } from './documents.scanner';
export {
  parseTravelDocumentMrz,
  compareWithTyped,
  checkRemainingValidity,
  normaliseMrz,
  type MrzFields,
  type MrzFormat,
  type MrzMismatch,
  type MrzProblem,
  type MrzProblemCode,
  type MrzResult,
  type TypedTravelDocument,
} from './mrz';
export {
  makePdf,
  makePdfWithJavaScript,
  makePng,
  makeJpeg,
  makeExe,
  makeZip,
  startFakeClamd,
} from './test-fixtures';

export interface DocumentsDeps {
  config: Config;
  database: Database;
  storage: StoragePort;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** Replaces the scanner chosen from CLAMAV_URL (tests). */
  scanner?: ScannerPort;
}

export function createDocumentsModule(deps: DocumentsDeps) {
  const keyring = loadKeyring(deps.config, deps.logger);
  const scanner =
    deps.scanner ?? (deps.config.CLAMAV_URL ? clamavScanner(deps.config.CLAMAV_URL) : noScanner);
  if (scanner === noScanner && deps.config.NODE_ENV === 'production') {
    deps.logger.warn('CLAMAV_URL is not set: uploaded documents are not scanned for viruses');
  }
  const service = createDocumentsService({
    repo: createDocumentsRepository(deps.database.db),
    storage: deps.storage,
    clock: deps.clock,
    ids: deps.ids,
    audit: deps.audit,
    scanner,
    keyring,
    maxBytes: deps.config.UPLOAD_MAX_BYTES,
  });
  return {
    service,
    /** Upload limit in bytes (UPLOAD_MAX_BYTES), for hints on upload pages. */
    maxBytes: deps.config.UPLOAD_MAX_BYTES,
    routes: async (app: FastifyInstance) => {
      await app.register(documentRoutes(service));
    },
  };
}

export type DocumentsModule = ReturnType<typeof createDocumentsModule>;
