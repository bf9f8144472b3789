import type { CourierRule, ExemptionOption, RemoteOrderRule } from './applications.ports';

/**
 * Pure rules of ordering a document: which claimed fee exemptions apply, whether a courier may
 * deliver it, whether the order needs a visit, and the fee due online. No I/O: the service feeds
 * them the catalogue's rules and what the register holds on the person.
 */
export interface IdentityOnRecord {
  photoTakenOn: Date | null;
  signatureTakenOn: Date | null;
  hasValidIdentityDocument: boolean;
  holdsAnyIdentityDocument: boolean;
}

/** Age in whole years on a date, from an ISO birth date; undefined when not known. */
export function ageOn(birthDate: unknown, on: Date): number | undefined {
  if (typeof birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return undefined;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age -= 1;
  return age;
}

export type ExemptionRefusal = 'not-offered' | 'age-unknown' | 'too-old' | 'too-young';

/**
 * The claimed exemptions that apply, and why the others do not. An exemption with an age applies
 * only when the age is known and fits; one without is left to the officers to verify.
 */
export function applicableExemptions(
  offered: ExemptionOption[],
  claimed: readonly string[],
  age: number | undefined,
): { applicable: ExemptionOption[]; refused: { id: string; reason: ExemptionRefusal }[] } {
  const applicable: ExemptionOption[] = [];
  const refused: { id: string; reason: ExemptionRefusal }[] = [];
  for (const id of claimed) {
    const e = offered.find((o) => o.id === id);
    const aged = e && (e.maxAge !== undefined || e.minAge !== undefined);
    if (!e) refused.push({ id, reason: 'not-offered' });
    else if (aged && age === undefined) refused.push({ id, reason: 'age-unknown' });
    else if (e.maxAge !== undefined && age! > e.maxAge) refused.push({ id, reason: 'too-old' });
    else if (e.minAge !== undefined && age! < e.minAge) refused.push({ id, reason: 'too-young' });
    else applicable.push(e);
  }
  return { applicable, refused };
}

export type CourierRefusal =
  'not-offered' | 'not-general' | 'first-document' | 'no-valid-document' | 'record-unavailable';

/** Why a courier may not deliver this order, or null when it may. */
export function courierRefusal(
  rule: CourierRule | undefined,
  urgency: string,
  record: IdentityOnRecord | undefined,
): CourierRefusal | null {
  if (!rule) return 'not-offered';
  if (!rule.levels.includes(urgency)) return 'not-general';
  if (rule.notFirstDocument || rule.requiresValidIdentityDocument) {
    // Without the register we cannot tell a first document from a replacement.
    if (!record) return 'record-unavailable';
    if (rule.notFirstDocument && !record.holdsAnyIdentityDocument) return 'first-document';
    if (rule.requiresValidIdentityDocument && !record.hasValidIdentityDocument)
      return 'no-valid-document';
  }
  return null;
}

export type VisitReason =
  | 'no-rule'
  | 'record-unavailable'
  | 'no-photo'
  | 'photo-too-old'
  | 'no-signature'
  | 'signature-too-old'
  | 'no-valid-document';

export type VisitOutcome =
  | { needed: false; uncertain: boolean; recordMaxAgeMonths: number }
  | { needed: true; reasons: VisitReason[] };

/** The earliest date a photo or signature may be from to count as recent enough on `on`. */
export function oldestAccepted(on: Date, maxAgeMonths: number): Date {
  const d = new Date(on);
  d.setUTCMonth(d.getUTCMonth() - maxAgeMonths);
  return d;
}

/** Whether the order needs the person to come to a branch, and every reason when it does. */
export function visitNeeded(
  rule: RemoteOrderRule | undefined,
  record: IdentityOnRecord | undefined,
  on: Date,
): VisitOutcome {
  if (!rule) return { needed: true, reasons: ['no-rule'] };
  if (!record) return { needed: true, reasons: ['record-unavailable'] };
  // Compared by calendar day: a photo taken on the day exactly N months ago still counts.
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const oldest = day(oldestAccepted(on, rule.recordMaxAgeMonths));
  const reasons: VisitReason[] = [];
  if (!record.photoTakenOn) reasons.push('no-photo');
  else if (day(record.photoTakenOn) < oldest) reasons.push('photo-too-old');
  if (!record.signatureTakenOn) reasons.push('no-signature');
  else if (day(record.signatureTakenOn) < oldest) reasons.push('signature-too-old');
  if (rule.requiresValidIdentityDocument && !record.hasValidIdentityDocument)
    reasons.push('no-valid-document');
  return reasons.length > 0
    ? { needed: true, reasons }
    : { needed: false, uncertain: rule.uncertain, recordMaxAgeMonths: rule.recordMaxAgeMonths };
}

export interface FeeDue {
  /** The service fee after the exemption; null when the pack cannot compute it. */
  feeCents: number | null;
  /** The exemption that set the fee (the most favourable that applies), if any. */
  exemption: string | null;
  courierCents: number;
  /** What is paid online: the known fee and the courier; an unknown fee is paid at the branch. */
  onlineCents: number;
  settledAtBranch: boolean;
}

export function feeDue(
  fee: { cents: number | null; exemption: string | null },
  courierCents: number,
): FeeDue {
  return {
    feeCents: fee.cents,
    exemption: fee.exemption,
    courierCents,
    onlineCents: (fee.cents ?? 0) + courierCents,
    settledAtBranch: fee.cents === null,
  };
}

export type OrderingMissing = { kind: 'exemption' } | { kind: 'delivery' };

/**
 * What of the ordering choices still stands before submission. A partner abroad collects the fee
 * and hands the document over itself, so neither is asked of it.
 */
export function orderingMissing(i: {
  byPartner: boolean;
  exemptionsOffered: boolean;
  claimed: readonly string[] | null | undefined;
  deliveryAsked: boolean;
  method: 'branch' | 'courier' | null | undefined;
  branch: string | null | undefined;
  courierRefusal: CourierRefusal | null;
}): OrderingMissing[] {
  if (i.byPartner) return [];
  const missing: OrderingMissing[] = [];
  if (i.exemptionsOffered && !i.claimed) missing.push({ kind: 'exemption' });
  if (
    i.deliveryAsked &&
    (!i.method ||
      (i.method === 'branch' && !i.branch) ||
      (i.method === 'courier' && i.courierRefusal !== null))
  )
    missing.push({ kind: 'delivery' });
  return missing;
}
