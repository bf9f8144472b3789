/**
 * A permits service on a test database with its own issuer key, and a grant to issue with.
 * Used by the module's db tests and the interoperability test.
 */
import { fixedClock, randomIds } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule } from '../audit';
import { generateIssuerJwk, keysetFrom, type Keyset } from './credentials/keys';
import type { GrantedPermit } from './permits.contract';
import type { PermitView } from './permits.model';
import { loadPermitsPack } from './permits.pack';
import { createPermitsService } from './permits.service';
import { simulatedPhotoArchive } from './photos';

export const TEST_ISSUER = 'https://vartai.test';

export async function testKeyset(kid = 'test-1'): Promise<Keyset> {
  return keysetFrom([await generateIssuerJwk(kid)]);
}

export interface PermitsFixture {
  db: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  keys: Keyset;
  audit: ReturnType<typeof createAuditModule>;
  service: ReturnType<typeof createPermitsService>;
  /** Issues a permit for a grant (defaults: a work TRP for Oleksandr Kovalenko) and returns it. */
  grant(over?: Partial<GrantedPermit>): Promise<{ permitId: string; credential: string }>;
  tx<T>(fn: (trx: AnyTransaction) => Promise<T>): Promise<T>;
}

/** `migrationsDir`: the app's (tests pass MIGRATIONS_DIR; a module may not import the app). */
export async function permitsFixture(
  migrationsDir: string,
  start = '2026-12-01T10:00:00Z',
): Promise<PermitsFixture> {
  const db = await createTestDatabase(migrationsDir);
  const clock = fixedClock(start);
  const keys = await testKeyset();
  const audit = createAuditModule({ db: db.db, clock });
  const service = createPermitsService({
    db: db.db,
    clock,
    ids: randomIds,
    audit,
    keys,
    pack: loadPermitsPack(),
    photos: simulatedPhotoArchive(),
    issuer: TEST_ISSUER,
  });
  const tx = <T>(fn: (trx: AnyTransaction) => Promise<T>) => db.db.transaction().execute(fn);
  return {
    db,
    clock,
    keys,
    audit,
    service,
    tx,
    async grant(over = {}) {
      const issued = await tx((trx) =>
        service.issueForGrant(
          {
            caseId: null,
            applicationId: randomIds.uuid(),
            holderAccountId: randomIds.uuid(),
            serviceId: 'temporary-residence-permit',
            groundId: 'work',
            givenName: 'OLEKSANDR',
            familyName: 'KOVALENKO',
            birthdate: '1988-04-12',
            grantedAt: clock.now(),
            ...over,
          },
          trx,
        ),
      );
      if (!issued) throw new Error('no permit issued');
      const row = await service.repo.find(issued.permitId);
      return { permitId: issued.permitId, credential: row!.credential };
    },
  };
}

/** A permit as its holder sees it, for tests of pages, PDFs and share codes. */
export const SAMPLE_PERMIT_VIEW: PermitView = {
  id: 'p1',
  credentialType: 'temporary-protection',
  serviceId: 'temporary-protection',
  groundId: null,
  documentNumber: 'SL00000001',
  givenName: 'OLENA',
  familyName: 'KOVALENKO',
  birthdate: '1990-05-17',
  rightToWork: true,
  validFrom: '2026-03-04',
  validUntil: '2027-03-04',
  state: 'valid',
  issuedAt: new Date('2026-03-04T10:00:00Z'),
  pictureUrl: 'https://vartai.example/credentials/photos/abc',
};
