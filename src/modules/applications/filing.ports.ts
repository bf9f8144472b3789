import type { Texts } from './applications.ports';

/** An organisation (accounts module) as filing for others needs it. */
export interface FilingOrganisation {
  id: string;
  name: string;
  kind: 'employer' | 'university';
}

/**
 * What filing for someone else needs from its neighbours: organisations and membership (accounts
 * module), verified accounts by e-mail (accounts), and who may file each service (catalogue, the
 * service's `applicants` list). The composition root adapts the real modules (app/filing.wiring.ts).
 */
export interface FilingPort {
  /** The organisation, when the account is one of its members; undefined otherwise. */
  organisationForMember(
    organisationId: string,
    accountId: string,
  ): Promise<FilingOrganisation | undefined>;
  /** The organisation's name, to tell an invitee who filed for them. */
  organisationName(organisationId: string): Promise<string | undefined>;
  /**
   * An applicant account whose e-mail address is VERIFIED, by that address. An unverified account
   * proves nothing: whoever typed someone else's address must not see what was filed for them.
   */
  verifiedApplicantByEmail(email: string): Promise<{ id: string } | undefined>;
  /** Who may file the service: self, parent-for-minor, employer, university, representative. */
  applicantsOf(serviceId: string): readonly string[];
  /** Services an organisation of this kind may file, with their names. */
  servicesFiledBy(kind: FilingOrganisation['kind']): { id: string; name: Texts }[];
}
