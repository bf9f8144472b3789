import { z } from 'zod';
import { safeNext } from '../../platform/http';

/** Who pays: a signed-in applicant's account, or a partner organisation through the API. */
export const Payer = z.union([
  z.strictObject({ accountId: z.uuid() }),
  z.strictObject({ partnerId: z.uuid() }),
]);
export type Payer = z.infer<typeof Payer>;

/** What the fee is for, in the module that owns it: e.g. `{ kind: 'application', id }`. */
export const PaymentReference = z.strictObject({
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  id: z.string().min(1).max(100),
});
export type PaymentReference = z.infer<typeof PaymentReference>;

export const StartPayment = z.strictObject({
  payer: Payer,
  reference: PaymentReference,
  amountCents: z.number().int().min(1).max(100_000_000),
  description: z.string().trim().min(1).max(200),
  /** Same-site path where the payer continues after paying, e.g. `/applications/<id>`. */
  returnUrl: z.string().refine((u) => safeNext(u, '') === u, 'must be a same-site path'),
});
export type StartPayment = z.input<typeof StartPayment>;

export interface StartedPayment {
  paymentId: string;
  /** `paid` when the reference was already paid: then `redirectUrl` is the caller's returnUrl. */
  status: 'pending' | 'paid';
  /** Where to send the payer's browser: the provider's payment page, or onwards when paid. */
  redirectUrl: string;
}

export interface Receipt {
  paymentId: string;
  reference: PaymentReference;
  description: string;
  amountCents: number;
  currency: string;
  paidAt: Date;
  provider: string;
  providerRef: string;
}

/** The public overview of one payment, for pages and other modules. */
export interface PaymentView {
  id: string;
  status: 'pending' | 'paid' | 'failed' | 'cancelled' | 'refunded';
  reference: PaymentReference;
  description: string;
  amountCents: number;
  currency: string;
  createdAt: Date;
  paidAt: Date | null;
  providerRef: string | null;
  continueUrl: string | null;
}
