/**
 * The payment lifecycle, pure. Provider notifications may arrive late, twice or out of order, so
 * a status only moves forward: paid is final (money was taken; a late "pending" or "failed" about
 * an earlier attempt must not undo it), and a late success after a failure or cancellation is
 * still recorded, because the provider's word that money arrived is what counts.
 */
export const PAYMENT_STATUSES = ['pending', 'paid', 'failed', 'cancelled', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** What a provider can report about a checkout. */
export const PROVIDER_STATUSES = ['pending', 'paid', 'failed', 'cancelled'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/**
 * The status after the provider reports `reported`, or null when the report changes nothing.
 */
export function settle(current: PaymentStatus, reported: ProviderStatus): PaymentStatus | null {
  if (current === reported) return null;
  switch (current) {
    case 'pending':
      return reported;
    case 'failed':
    case 'cancelled':
      return reported === 'paid' ? 'paid' : null;
    case 'paid':
    case 'refunded':
      return null;
  }
}

/** Whether the provider may still change the status by itself (reconciliation asks it). */
export const isOpen = (s: PaymentStatus) => s === 'pending';

/**
 * One status for everything paid towards a reference: paid wins over pending, pending over the
 * latest failure.
 */
export function combinedStatus(
  statuses: { status: PaymentStatus; created_at: Date }[],
): 'none' | 'pending' | 'paid' | 'failed' | 'cancelled' {
  if (statuses.length === 0) return 'none';
  if (statuses.some((s) => s.status === 'paid')) return 'paid';
  if (statuses.some((s) => s.status === 'pending')) return 'pending';
  const latest = [...statuses].sort((a, b) => b.created_at.getTime() - a.created_at.getTime())[0]!;
  return latest.status === 'refunded' ? 'cancelled' : latest.status;
}
