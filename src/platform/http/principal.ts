/**
 * Who is making a request. Modules fill it in (accounts resolves the session's account);
 * the platform only carries it and checks it through `authorize`.
 */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'applicant'; accountId: string; email: string; displayName: string }
  | {
      kind: 'staff';
      accountId: string;
      email: string;
      displayName: string;
      roles: readonly string[];
      branchId: string | null;
      /** Staff must pass TOTP before any staff route opens. */
      mfaPassed: boolean;
    }
  | {
      /** A partner system on the public API, authenticated by its API key (partners module). */
      kind: 'partner';
      partnerId: string;
      name: string;
      /** Catalogue service ids it may file applications for; empty means none. */
      services: readonly string[];
      /** ISO 3166 alpha-3 codes of the countries where it takes applications. */
      countries: readonly string[];
    };

export const ANONYMOUS: Principal = { kind: 'anonymous' };
