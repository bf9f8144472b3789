import type { Principal } from '../../platform/http';

/** Partners are principals too (partners module); read their id without depending on it. */
export const partnerIdOf = (p: Principal): string | null =>
  'partnerId' in p ? String((p as { partnerId: string }).partnerId) : null;
export const accountIdOf = (p: Principal): string | null => ('accountId' in p ? p.accountId : null);
