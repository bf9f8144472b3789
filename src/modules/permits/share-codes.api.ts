/**
 * `POST /api/v1/share-codes/check` (issue 9): the `/check` page for employers' and landlords'
 * systems. Same rules: the purpose's facts only, one answer for a wrong code or a wrong date of
 * birth, failures limited per address and per code (429 problem+json).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http';
import { DisclosedClaims, SharePurpose } from './permits.model';
import { isoDay } from './share-codes.core';
import { VERIFIER_NAME_MAX, type ShareCodesService } from './share-codes.service';

export const ShareCodeCheckRequest = z
  .strictObject({
    code: z.string().min(1).max(40).describe('The share code, with or without spaces or dashes'),
    dateOfBirth: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine((s) => isoDay(s) !== undefined, 'Not a real day')
      .describe('The holder’s date of birth, YYYY-MM-DD'),
    verifier: z
      .string()
      .trim()
      .min(1)
      .max(VERIFIER_NAME_MAX)
      .optional()
      .describe('Who is checking (organisation or name); the holder sees it'),
  })
  .meta({
    examples: [{ code: 'W7K 4QX 92M', dateOfBirth: '1990-05-17', verifier: 'UAB Statyba' }],
  });

export const ShareCodeCheckResponse = z
  .object({
    match: z.boolean().describe('True only when the facts are shown'),
    outcome: z
      .enum(['shown', 'no-match', 'code-expired', 'code-revoked', 'permit-invalid'])
      .describe(
        'no-match: the code or the date of birth is wrong (never which); the others: the code and date were right',
      ),
    purpose: SharePurpose.optional(),
    facts: DisclosedClaims.optional().describe('Only the facts the purpose needs'),
    pictureUrl: z.string().optional(),
  })
  .meta({
    examples: [
      {
        match: true,
        outcome: 'shown',
        purpose: 'work',
        facts: {
          given_name: 'OLENA',
          family_name: 'KOVALENKO',
          picture: 'https://vartai.example/credentials/photos/3q2-7h',
          right_to_work: true,
          valid_until: '2027-03-04',
        },
        pictureUrl: 'https://vartai.example/credentials/photos/3q2-7h',
      },
    ],
  });

/**
 * `perMinute`: requests per address per minute (SHARE_CODE_CHECKS_PER_MINUTE). It stops floods;
 * what stops guessing is the service's count of failed checks.
 */
export function shareCodesApi(d: { shareCodes: ShareCodesService; perMinute?: number }) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/v1/share-codes/check',
      {
        config: {
          access: { who: 'public' },
          rateLimit: { max: d.perMinute ?? 60, timeWindow: 60_000 },
        },
        schema: {
          tags: ['permits'],
          summary: 'Check a share code',
          description:
            'A permit holder’s share code and date of birth give the facts of the code’s purpose (work, renting, other) and nothing more. A wrong code and a wrong date of birth get the same answer. After 10 failed checks from one address in 15 minutes, or 20 of one code in an hour, checks answer 429. The holder sees every check made with their codes, with the `verifier` given (or the partner’s name, or “API client”).',
          body: ShareCodeCheckRequest,
          response: { 200: ShareCodeCheckResponse, 400: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (req) => {
        const p = req.principal;
        const r = await d.shareCodes.check({
          code: req.body.code,
          dateOfBirth: req.body.dateOfBirth,
          verifierName: req.body.verifier ?? (p.kind === 'partner' ? p.name : 'API client'),
          channel: 'api',
          ip: req.ip,
          actor: p,
        });
        if (r.outcome !== 'shown') return { match: false, outcome: r.outcome };
        return {
          match: true,
          outcome: r.outcome,
          purpose: r.purpose,
          facts: r.facts,
          pictureUrl: r.pictureUrl,
        };
      },
    );
  };
}
