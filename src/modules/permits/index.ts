import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Database } from '../../platform/db';
import type { I18n } from '../../platform/i18n';
import type { AuditModule } from '../audit';
import { checkPages } from './check.pages';
import { credentialsApi, VERIFY_PER_MINUTE } from './credentials.api';
import { loadKeyset, type Keyset } from './credentials/keys';
import { holderPages } from './holder.pages';
import { issuerRoutes } from './issuer.routes';
import { offlineVerifierRoutes } from './offline-verifier';
import { loadPermitsPack } from './permits.pack';
import { createPermitsService } from './permits.service';
import { simulatedPhotoArchive, type PhotoArchive } from './photos';
import { shareCodesApi } from './share-codes.api';
import { createShareCodesService } from './share-codes.service';
import { verifierPages } from './verifier.pages';
import { DEMO_PERMIT_HOLDER, seedDemoPermits } from './test-data';

export type { GrantedPermit, PermitsService, VerifyContext } from './permits.contract';
export {
  CREDENTIAL_TYPES,
  DISCLOSURE_SETS,
  SHARE_PURPOSES,
  VerificationResult,
  type CredentialType,
  type PermitView,
} from './permits.model';
export { generateIssuerJwk, keysetFrom, type Keyset } from './credentials/keys';
export { SD_JWT_VC_TYP } from './credentials/sd-jwt';
export type { PhotoArchive } from './photos';
export { DEMO_PERMITS, DEMO_PERMIT_HOLDER } from './test-data';

export interface PermitsDeps {
  config: Config;
  database: Database;
  clock: Clock;
  ids: Ids;
  i18n: I18n;
  audit: AuditModule;
  logger: { warn(o: object, m: string): void };
  /** Signing keys; by default loaded from the configuration (keys.ts). */
  keys?: Keyset;
  /** The biometric photo archive; by default the simulator. */
  photos?: PhotoArchive;
  /** Ground names per language from the catalogue, for the pages that show a permit's ground. */
  groundNames?: (serviceId: string, groundId: string) => Record<string, string> | undefined;
}

/** Digital permits: credentials, status lists, the holder's pages, share codes, the verifier. */
export async function createPermitsModule(deps: PermitsDeps) {
  const pack = loadPermitsPack();
  const keys = deps.keys ?? (await loadKeyset(deps.config, deps.logger));
  const service = createPermitsService({
    db: deps.database.db,
    clock: deps.clock,
    ids: deps.ids,
    audit: deps.audit,
    keys,
    pack,
    photos: deps.photos ?? simulatedPhotoArchive(),
    issuer: deps.config.publicUrl,
    ...(deps.groundNames ? { groundNames: deps.groundNames } : {}),
  });
  const shareCodes = createShareCodesService({
    db: deps.database.db,
    clock: deps.clock,
    ids: deps.ids,
    audit: deps.audit,
    permits: service,
  });
  return {
    service,
    shareCodes,
    keys,
    /** Loads the demo permits (idempotent). */
    seedDemo: (accountIdOf: (email: string) => Promise<string | undefined>) =>
      seedDemoPermits({
        db: deps.database.db,
        clock: deps.clock,
        service,
        repo: service.repo,
        accountIdOf,
      }),
    /**
     * A freshly signed credential of the demo holder's permit (the demo permits are loaded
     * first when missing), for trying the verifier: `npm run cli -- credentials:demo`.
     */
    demoCredential: async (accountIdOf: (email: string) => Promise<string | undefined>) => {
      await seedDemoPermits({
        db: deps.database.db,
        clock: deps.clock,
        service,
        repo: service.repo,
        accountIdOf,
      });
      const holder = await accountIdOf(DEMO_PERMIT_HOLDER.email);
      const permit = holder
        ? (await service.repo.listForHolder(holder)).find((p) => p.state === 'valid')
        : undefined;
      return permit ? service.reissue(permit.id) : undefined;
    },
    /** Whether a grant of this service gives a digital permit (the pack). */
    givesPermit: (serviceId: string) => pack.find(serviceId) !== undefined,
    routes: async (app: FastifyInstance) => {
      await app.register(issuerRoutes(service, deps.i18n));
      await app.register(holderPages({ permits: service, shareCodes, clock: deps.clock }));
      await app.register(checkPages({ shareCodes }));
      await app.register(
        shareCodesApi({ shareCodes, perMinute: deps.config.SHARE_CODE_CHECKS_PER_MINUTE }),
      );
      await app.register(verifierPages({ permits: service }));
      // The API's own limit never below the global one (a benchmark raises that out of the way).
      await app.register(
        credentialsApi({
          permits: service,
          perMinute: Math.max(VERIFY_PER_MINUTE, deps.config.RATE_LIMIT_PER_MINUTE),
        }),
      );
      await app.register(offlineVerifierRoutes({ permits: service, clock: deps.clock }));
    },
  };
}

export type PermitsModule = Awaited<ReturnType<typeof createPermitsModule>>;
