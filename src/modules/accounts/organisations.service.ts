import type { Clock, Ids } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import type { AccountsRepository } from './accounts.repository';
import { accountsErrors } from './errors';
import { LEGAL_ENTITY_CODE, type LegalEntityRegister } from './legal-entities';
import type {
  MemberRole,
  OrganisationKind,
  OrganisationRow,
  OrganisationsRepository,
} from './organisations.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Applicant = Extract<Principal, { kind: 'applicant' }>;

/** Refusals are expected outcomes (a wrong code, an unknown address), so they are values. */
export type RegisterOutcome =
  | { ok: true; organisation: OrganisationRow }
  | { ok: false; reason: 'code-format' | 'not-found' | 'deregistered' | 'already-registered' };
export type AddMemberOutcome =
  { ok: true } | { ok: false; reason: 'no-account' | 'already-member' };

export type Membership = OrganisationRow & { role: MemberRole };

export interface OrganisationsServiceDeps {
  repo: OrganisationsRepository;
  accounts: AccountsRepository;
  register: LegalEntityRegister;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
}

/**
 * Organisations (employers, universities) and the applicant accounts that act for them. A person
 * keeps their own applicant account and principal; what they may do for an organisation is looked
 * up here, per request, from their membership.
 */
export function createOrganisationsService(d: OrganisationsServiceDeps) {
  const { repo, clock, ids, audit } = d;

  /** The organisation, if the account is one of its members; "not found" otherwise. */
  async function getForMember(organisationId: string, p: Principal): Promise<Membership> {
    const m =
      p.kind === 'applicant' && UUID.test(organisationId)
        ? await repo.membership(organisationId, p.accountId)
        : undefined;
    if (!m) throw accountsErrors.organisationNotFound();
    return m;
  }

  return {
    getForMember,
    membershipsOf: (accountId: string): Promise<Membership[]> => repo.membershipsOf(accountId),
    find: (id: string) => (UUID.test(id) ? repo.find(id) : Promise.resolve(undefined)),
    async isMember(organisationId: string, accountId: string): Promise<boolean> {
      return UUID.test(organisationId) && Boolean(await repo.membership(organisationId, accountId));
    },

    /**
     * Registers an organisation after checking its code in the Register of Legal Entities; the
     * name comes from the register. The person who registers it becomes its administrator. One
     * organisation per code: a second person asks that administrator to add them.
     */
    async register(
      input: { code: string; kind: OrganisationKind },
      by: Applicant,
    ): Promise<RegisterOutcome> {
      const code = input.code.replace(/\s+/g, '');
      if (!LEGAL_ENTITY_CODE.test(code)) return { ok: false, reason: 'code-format' };
      if (await repo.findByCode(code)) return { ok: false, reason: 'already-registered' };
      const entity = await d.register.lookup(code);
      if (!entity.found) return { ok: false, reason: 'not-found' };
      if (entity.status !== 'registered') return { ok: false, reason: 'deregistered' };
      const now = clock.now();
      const organisation: OrganisationRow = {
        id: ids.uuid(),
        code,
        name: entity.name,
        kind: input.kind,
        legal_form: entity.legalForm,
        registry_checked_at: now,
        created_by: by.accountId,
        created_at: now,
      };
      const created = await repo.db.transaction().execute(async (trx) => {
        // The unique code decides a race between two people registering the same organisation.
        if (await repo.findByCode(code, trx)) return false;
        await repo.insert(organisation, trx);
        await repo.addMember(
          {
            organisation_id: organisation.id,
            account_id: by.accountId,
            role: 'admin',
            added_by: null,
            added_at: now,
          },
          trx,
        );
        await audit.record(
          {
            actor: by,
            action: 'accounts.organisation-registered',
            subject: { kind: 'organisation', id: organisation.id },
            details: { code, kind: input.kind },
          },
          trx,
        );
        return true;
      });
      return created ? { ok: true, organisation } : { ok: false, reason: 'already-registered' };
    },

    /**
     * An administrator adds a member by the e-mail of an existing, verified applicant account.
     * Someone who is not an administrator gets "not found", as for an unknown organisation.
     */
    async addMember(
      organisationId: string,
      by: Principal,
      email: string,
    ): Promise<AddMemberOutcome> {
      const org = await getForMember(organisationId, by);
      if (org.role !== 'admin' || by.kind !== 'applicant')
        throw accountsErrors.organisationNotFound();
      const account = await d.accounts.findByEmail(email);
      if (
        !account ||
        account.kind !== 'applicant' ||
        !account.email_verified_at ||
        account.disabled_at
      )
        return { ok: false, reason: 'no-account' };
      return repo.db.transaction().execute(async (trx) => {
        const added = await repo.addMember(
          {
            organisation_id: org.id,
            account_id: account.id,
            role: 'member',
            added_by: by.accountId,
            added_at: clock.now(),
          },
          trx,
        );
        if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0)
          return { ok: false as const, reason: 'already-member' as const };
        await audit.record(
          {
            actor: by,
            action: 'accounts.organisation-member-added',
            subject: { kind: 'organisation', id: org.id },
            details: { accountId: account.id },
          },
          trx,
        );
        return { ok: true as const };
      });
    },

    /** Who acts for the organisation; a read of names and e-mails, so it is audited. */
    async members(organisationId: string, by: Principal) {
      const org = await getForMember(organisationId, by);
      const rows = await repo.members(org.id);
      await audit.recordRead({
        actor: by,
        subject: { kind: 'organisation', id: org.id },
        purpose: 'organisation-members',
        fields: ['displayName', 'email', 'role'],
      });
      return rows;
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
