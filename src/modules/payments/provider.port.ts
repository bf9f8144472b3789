import type { ProviderStatus } from './payments.lifecycle';

/**
 * The payment provider port: what Vartai needs from a bank-link or card gateway. The simulator
 * (`simulator/`) implements it; a real gateway's adapter implements the same interface.
 */
export interface CheckoutRequest {
  /** Vartai's payment id, used by the provider as an idempotency key: asking twice returns the first checkout. */
  paymentId: string;
  amountCents: number;
  currency: string;
  description: string;
  /** Absolute address the payer's browser is sent to after deciding (the provider adds `ref`). */
  returnUrl: string;
}

export interface Checkout {
  providerRef: string;
  /** The provider's hosted payment page. */
  redirectUrl: string;
}

/** A notification whose signature, timestamp and body were verified. */
export interface ProviderEvent {
  eventId: string;
  providerRef: string;
  status: ProviderStatus;
  amountCents: number;
  occurredAt: Date;
}

export type CallbackRefusal =
  'signature-missing' | 'signature-invalid' | 'timestamp-expired' | 'body-invalid';

export type ParsedCallback =
  | { ok: true; event: ProviderEvent; raw: Record<string, unknown> }
  | { ok: false; reason: CallbackRefusal };

export interface ProviderStatusReport {
  status: ProviderStatus;
  amountCents: number;
  occurredAt: Date;
}

export interface PaymentProvider {
  /** Short name stored with each payment, e.g. `simulator`. */
  readonly name: string;
  createCheckout(req: CheckoutRequest): Promise<Checkout>;
  /** Verifies and reads a server-to-server notification; never throws for bad input. */
  parseCallback(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
  ): ParsedCallback;
  /** Asks the provider for the checkout's status now; undefined when it does not know the ref. */
  fetchStatus(providerRef: string): Promise<ProviderStatusReport | undefined>;
}
