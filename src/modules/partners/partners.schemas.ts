import { z } from 'zod';
import { webhookUrlProblem } from './webhook-address';

/** A catalogue service id: the kebab-case slug or the S-number (e.g. `S01`). */
export const ServiceId = z
  .string()
  .regex(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*|S\d{2})$/, 'a catalogue service id (kebab-case or S01)');

/** ISO 3166-1 alpha-3, upper case. */
export const CountryCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code, e.g. LTU');

export const WebhookUrl = z
  .string()
  .max(2000)
  .superRefine((v, ctx) => {
    const problem = webhookUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const NewPartner = z.strictObject({
  name: z.string().trim().min(1).max(200),
  services: z.array(ServiceId).max(100).default([]),
  countries: z.array(CountryCode).max(250).default([]),
  webhookUrl: WebhookUrl.optional(),
});
export type NewPartner = z.input<typeof NewPartner>;

/** An event for a partner's webhook. `type` is dotted, e.g. `application.status-changed`. */
export const PartnerEvent = z.strictObject({
  type: z.string().regex(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$/),
  data: z.record(z.string(), z.unknown()),
});
export type PartnerEvent = z.infer<typeof PartnerEvent>;

/** What is posted to the webhook (the body that is signed). */
export interface WebhookBody {
  id: string;
  type: string;
  createdAt: string;
  data: unknown;
}

/** The `Idempotency-Key` request header, for a route's `schema.headers` (documents it in OpenAPI). */
export const IdempotencyKeyHeader = {
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      'Required on every POST: 1–255 visible ASCII characters, unique per request (e.g. a UUID). A repeat with the same key and body returns the first response with Idempotent-Replayed: true.',
    ),
};
