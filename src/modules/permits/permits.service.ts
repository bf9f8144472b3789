/**
 * Digital permits: issued with the grant, in its transaction, as an SD-JWT VC credential with a
 * random entry in a Token Status List; revoked or replaced in the transaction that decides so,
 * which makes online verification see it at once. Verification checks the issuer signature
 * against the published keys, every disclosure's digest, the issuer and type, the status entry
 * and the expiry, and says which failed.
 */
import { randomInt } from 'node:crypto';
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import { ANONYMOUS, type Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import type { Keyset } from './credentials/keys';
import { checkSdJwt, issueSdJwt, presentSdJwt } from './credentials/sd-jwt';
import {
  STATUS_LIST_SIZE,
  STATUS_LIST_TTL_SECONDS,
  signStatusList,
} from './credentials/status-list';
import { permitsErrors } from './errors';
import type { GrantedPermit, PermitsService, VerifyContext } from './permits.contract';
import {
  CREDENTIAL_TYPES,
  DISCLOSURE_SETS,
  DisclosedClaims,
  type ClaimName,
  type CredentialType,
  type PermitView,
  type VerificationResult,
} from './permits.model';
import type { PermitsPack } from './permits.pack';
import { createPermitsRepository, type PermitRow } from './permits.repository';
import type { PhotoArchive } from './photos';
import { endOfDayInVilnius, vilniusDay } from './vilnius';

export interface PermitsServiceDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  keys: Keyset;
  pack: PermitsPack;
  photos: PhotoArchive;
  /** The issuer identifier: the portal's public URL, without a trailing slash. */
  issuer: string;
  /** A service's ground name per language, from the catalogue (undefined when unknown). */
  groundNames?: (serviceId: string, groundId: string) => Record<string, string> | undefined;
}

/** Longest credential accepted for verification (a permit's is about 1.5 KB). */
export const MAX_CREDENTIAL_CHARS = 16_384;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_DRAWS = 32;

export function createPermitsService(d: PermitsServiceDeps): PermitsService & {
  repo: ReturnType<typeof createPermitsRepository>;
  reissue(permitId: string): Promise<string>;
} {
  const repo = createPermitsRepository(d.db);
  const issuer = d.issuer.replace(/\/+$/, '');
  const vctOf = (type: CredentialType) => `${issuer}/credentials/types/${type}`;
  const statusUri = (list: number) => `${issuer}/credentials/status/${list}`;
  const pictureOf = (ref: string) => `${issuer}/credentials/photos/${ref}`;
  const today = () => vilniusDay(d.clock.now());

  const viewOf = (r: PermitRow): PermitView => ({
    id: r.id,
    credentialType: r.credential_type,
    serviceId: r.service_id,
    groundId: r.ground_id,
    documentNumber: r.document_number,
    givenName: r.given_name,
    familyName: r.family_name,
    birthdate: r.birthdate,
    rightToWork: r.right_to_work,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    state: r.state === 'valid' && r.valid_until < today() ? 'expired' : r.state,
    issuedAt: r.issued_at,
    pictureUrl: pictureOf(r.photo_ref),
  });

  /** A status list with room, opening the next one when the newest is half full. */
  async function listWithRoom(trx: AnyTransaction): Promise<{ id: number; size: number }> {
    const open = await repo.openList(trx);
    if (open && Number(open.used) < open.size / 2) return { id: open.id, size: open.size };
    const id = (open?.id ?? 0) + 1;
    await repo.createList(id, STATUS_LIST_SIZE, d.clock.now(), trx);
    return { id, size: STATUS_LIST_SIZE };
  }

  async function ownRow(permitId: string, p: Principal): Promise<PermitRow> {
    const row =
      p.kind === 'applicant' && UUID.test(permitId) ? await repo.find(permitId) : undefined;
    if (!row || p.kind !== 'applicant' || row.holder_account_id !== p.accountId)
      throw permitsErrors.notFound();
    return row;
  }

  /** The credential of a permit row: every fact a selectively disclosable claim. */
  function sign(row: Omit<PermitRow, 'credential'>, at: Date): Promise<string> {
    const claims: Record<ClaimName, unknown> = {
      given_name: row.given_name,
      family_name: row.family_name,
      birthdate: row.birthdate,
      picture: pictureOf(row.photo_ref),
      permit_type: row.credential_type,
      permit_ground: row.ground_id,
      right_to_work: row.right_to_work,
      valid_from: row.valid_from,
      valid_until: row.valid_until,
      document_number: row.document_number,
    };
    const iat = Math.floor(at.getTime() / 1000);
    return issueSdJwt(
      d.keys,
      {
        iss: issuer,
        vct: vctOf(row.credential_type),
        iat,
        nbf: iat,
        exp: Math.floor(endOfDayInVilnius(row.valid_until).getTime() / 1000),
        status: { status_list: { idx: row.status_idx, uri: statusUri(row.status_list) } },
      },
      claims,
    );
  }

  const refuse = (reason: VerificationResult['reason']): VerificationResult => ({
    valid: false,
    status: 'invalid',
    ...(reason ? { reason } : {}),
    claims: {},
    issuer,
  });

  // The signed list is reused while its entries are unchanged and it is fresh (half its ttl).
  const signedLists = new Map<number, { version: string; kid: string; at: number; jwt: string }>();

  return {
    repo,
    issuer: () => issuer,
    jwks: () => d.keys.jwks(),
    typeName: (type, lang) => d.pack.typeName(type, lang),
    groundName(type, groundId, lang) {
      for (const entry of d.pack.permits.filter((p) => !type || p.type === type)) {
        const names = d.groundNames?.(entry.service, groundId);
        if (names) return names[lang] ?? names.lt ?? groundId;
      }
      return groundId;
    },

    async issueForGrant(grant: GrantedPermit, trx: AnyTransaction) {
      const entry = d.pack.find(grant.serviceId);
      if (!entry) return undefined;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(grant.birthdate) || !grant.givenName || !grant.familyName) {
        await d.audit.record(
          {
            actor: { kind: 'system', id: 'permits' },
            action: 'permits.not-issued',
            subject: { kind: 'case', id: grant.caseId ?? grant.applicationId ?? 'none' },
            details: { reason: 'identity-incomplete', serviceId: grant.serviceId },
          },
          trx,
        );
        return undefined;
      }
      const now = d.clock.now();
      const validFrom = vilniusDay(grant.grantedAt);
      const validUntil = d.pack.validUntil(entry, validFrom);
      const id = d.ids.uuid();
      const photoRef = d.ids.token(18);
      const documentNumber = await repo.nextNumber(trx);
      const list = await listWithRoom(trx);
      for (let draw = 0; draw < MAX_DRAWS; draw++) {
        const unsigned: Omit<PermitRow, 'credential'> = {
          id,
          case_id: grant.caseId,
          application_id: grant.applicationId,
          holder_account_id: grant.holderAccountId,
          credential_type: entry.type,
          service_id: grant.serviceId,
          ground_id: grant.groundId,
          document_number: documentNumber,
          given_name: grant.givenName,
          family_name: grant.familyName,
          birthdate: grant.birthdate,
          photo_ref: photoRef,
          right_to_work: entry.rightToWork,
          valid_from: validFrom,
          valid_until: validUntil,
          status_list: list.id,
          // A random entry, so a list's neighbours say nothing about who was granted when.
          status_idx: randomInt(list.size),
          state: 'valid',
          state_changed_at: null,
          replaced_by: null,
          kid: d.keys.active.kid,
          issued_at: now,
        };
        const row: PermitRow = { ...unsigned, credential: await sign(unsigned, now) };
        if (!(await repo.insertIfFree(row, trx))) continue;
        const replaced = grant.holderAccountId
          ? (await repo.validOfType(grant.holderAccountId, entry.type, trx)).filter(
              (r) => r.id !== id,
            )
          : [];
        for (const old of replaced) {
          await repo.invalidate(old.id, 'replaced', now, id, trx);
          await repo.touchList(old.status_list, now, trx);
        }
        await d.audit.record(
          {
            actor: { kind: 'system', id: 'permits' },
            action: 'permits.issued',
            subject: { kind: 'permit', id },
            details: {
              caseId: grant.caseId,
              type: entry.type,
              kid: row.kid,
              statusList: list.id,
              replaced: replaced.map((r) => r.id),
            },
          },
          trx,
        );
        return { permitId: id };
      }
      throw new Error(`status list ${list.id}: no free entry after ${MAX_DRAWS} draws`);
    },

    async revokeForApplication(applicationId, trx) {
      const now = d.clock.now();
      for (const row of await repo.validForApplication(applicationId, trx)) {
        await repo.invalidate(row.id, 'revoked', now, null, trx);
        await repo.touchList(row.status_list, now, trx);
        await d.audit.record(
          {
            actor: { kind: 'system', id: 'permits' },
            action: 'permits.revoked',
            subject: { kind: 'permit', id: row.id },
            details: { applicationId, statusList: row.status_list },
          },
          trx,
        );
      }
    },

    async listForHolder(p) {
      if (p.kind !== 'applicant') return [];
      const rows = await repo.listForHolder(p.accountId);
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'account', id: p.accountId },
        purpose: 'own-permits',
        fields: rows.map((r) => `permit:${r.id}`),
      });
      return rows.map(viewOf);
    },

    async getOwn(permitId, p) {
      const row = await ownRow(permitId, p);
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'permit', id: row.id },
        purpose: 'own-permit',
      });
      return viewOf(row);
    },

    authorise: async (permitId, p) => viewOf(await ownRow(permitId, p)),

    async present(permitId, p, set) {
      const row = await ownRow(permitId, p);
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'permit', id: row.id },
        purpose: 'own-permit-credential',
        fields: [...DISCLOSURE_SETS[set]],
      });
      return presentSdJwt(row.credential, DISCLOSURE_SETS[set]);
    },

    /**
     * A freshly signed credential of an existing permit (new salts, same status entry), for
     * `credentials:demo`; revoking the permit revokes every copy.
     */
    async reissue(permitId: string): Promise<string> {
      const row = await repo.find(permitId);
      if (!row) throw permitsErrors.notFound();
      return sign(row, d.clock.now());
    },

    async permitForCheck(permitId) {
      const row = UUID.test(permitId) ? await repo.find(permitId) : undefined;
      return row && viewOf(row);
    },

    async verify(credential: string, _ctx: VerifyContext): Promise<VerificationResult> {
      if (credential.length > MAX_CREDENTIAL_CHARS) return refuse('malformed');
      const checked = await checkSdJwt(credential, d.keys);
      if (!checked.ok) return refuse(checked.reason);
      const { payload } = checked;
      const parsedClaims = DisclosedClaims.safeParse(checked.claims);
      if (!parsedClaims.success) return refuse('malformed');
      const claims = parsedClaims.data;
      if (payload.iss !== issuer) return refuse('wrong-issuer');
      const type = CREDENTIAL_TYPES.find((t) => payload.vct === vctOf(t));
      if (!type) return refuse('wrong-type');
      const entry = payload.status?.status_list;
      const list = entry && /\/credentials\/status\/(\d+)$/.exec(String(entry.uri));
      if (
        !entry ||
        !list ||
        entry.uri !== statusUri(Number(list[1])) ||
        !Number.isInteger(entry.idx)
      )
        return refuse('status-unknown');
      const nowS = Math.floor(d.clock.now().getTime() / 1000);
      if (typeof payload.nbf === 'number' && payload.nbf > nowS + 60)
        return refuse('not-yet-valid');
      const base = {
        issuer,
        claims,
        credentialType: type,
        issuedAt: new Date(payload.iat * 1000).toISOString(),
        expiresAt: new Date(payload.exp * 1000).toISOString(),
      } as const;
      if (await repo.entryInvalid(Number(list[1]), entry.idx))
        return { ...base, valid: false, status: 'revoked', reason: 'revoked' };
      if (typeof payload.exp !== 'number' || payload.exp <= nowS)
        return { ...base, valid: false, status: 'expired', reason: 'expired' };
      return { ...base, valid: true, status: 'valid' };
    },

    async statusListJwt(listId) {
      if (!Number.isInteger(listId) || listId < 1) return undefined;
      const list = await repo.list(listId);
      if (!list) return undefined;
      const now = d.clock.now().getTime();
      const kid = d.keys.active.kid;
      const cached = signedLists.get(listId);
      if (
        cached &&
        cached.version === list.version &&
        cached.kid === kid &&
        now - cached.at < (STATUS_LIST_TTL_SECONDS * 1000) / 2
      )
        return cached.jwt;
      const jwt = await signStatusList(d.keys, {
        uri: statusUri(listId),
        size: list.size,
        invalid: await repo.invalidEntries(listId),
        issuer,
        now: new Date(now),
      });
      signedLists.set(listId, { version: list.version, kid, at: now, jwt });
      return jwt;
    },

    async photo(ref, ctx) {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(ref)) return undefined;
      const row = await repo.findByPhoto(ref);
      if (!row) return undefined;
      const photo = await d.photos.photoOf(ref);
      if (photo) {
        await d.audit.recordRead({
          actor: ctx.actor ?? ANONYMOUS,
          subject: { kind: 'permit', id: row.id },
          purpose: `credential-verification-${ctx.channel}`,
          fields: ['picture'],
          ...(ctx.ip ? { ip: ctx.ip } : {}),
        });
      }
      return photo;
    },
  };
}
