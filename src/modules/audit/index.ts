import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { createAuditService, type AuditService } from './audit.service';

export type { AuditEntry, PersonalDataRead, VerifyReport, AuditService } from './audit.service';
export { canonical, hashEntry, GENESIS_HASH } from './audit.chain';

export type AuditModule = AuditService;

export function createAuditModule(deps: {
  db: Db;
  clock: Clock;
  onError?: (e: unknown) => void;
}): AuditModule {
  return createAuditService(deps);
}
