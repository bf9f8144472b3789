import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http';
import type { PermitsService } from './permits.contract';
import { VerificationResult } from './permits.model';

/** A full-disclosure credential is about 2 KB; 16 KB leaves room and refuses abuse early. */
export const CREDENTIAL_MAX_CHARS = 16_384;

const EXAMPLE_ISSUER = 'https://vartai.example.lt';

export const VerifyRequest = z
  .strictObject({
    credential: z
      .string()
      .max(CREDENTIAL_MAX_CHARS)
      .describe(
        'The SD-JWT VC as presented (issuer-signed JWT, then the disclosures, each followed by `~`), e.g. the text of the permit QR code',
      ),
  })
  .meta({
    examples: [
      {
        credential:
          'eyJhbGciOiJFUzI1NiIsInR5cCI6ImRjK3NkLWp3dCIsImtpZCI6InZhcnRhaS0yMDI2LTAxIn0.eyJpc3MiOiJodHRwczovL3ZhcnRhaS5leGFtcGxlLmx0IiwidmN0IjoiaHR0cHM6Ly92YXJ0YWkuZXhhbXBsZS5sdC9jcmVkZW50aWFscy90eXBlcy90ZW1wb3JhcnktcmVzaWRlbmNlLXBlcm1pdCIsIl9zZCI6WyJ4In0sIl9zZF9hbGciOiJzaGEtMjU2In0.c2lnbmF0dXJl~WyJzYWx0IiwiZ2l2ZW5fbmFtZSIsIk9sZW5hIl0~',
      },
    ],
  });

const VerifyResponse = VerificationResult.meta({
  examples: [
    {
      valid: true,
      status: 'valid',
      claims: {
        given_name: 'Olena',
        family_name: 'Kovalenko',
        picture: `${EXAMPLE_ISSUER}/credentials/photos/5b0f3c1e9a7d4e2f`,
        right_to_work: true,
        valid_until: '2028-03-31',
      },
      issuer: EXAMPLE_ISSUER,
      credentialType: 'temporary-residence-permit',
      issuedAt: '2026-03-31T09:12:00.000Z',
      expiresAt: '2028-03-31T21:00:00.000Z',
    },
  ],
});

/** Per address and minute, unless the deployment's general limit is higher. */
export const VERIFY_PER_MINUTE = 600;

/**
 * `POST /api/v1/credentials/verify`: anyone may check a permit credential online. `perMinute`
 * (pass `Math.max(VERIFY_PER_MINUTE, config.RATE_LIMIT_PER_MINUTE)`) lets a deployment or the
 * benchmark raise the limit with the general one, which a route's own limit would otherwise cap.
 */
export function credentialsApi(d: { permits: PermitsService; perMinute?: number }) {
  const perMinute = d.perMinute ?? VERIFY_PER_MINUTE;
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/v1/credentials/verify',
      {
        config: {
          access: { who: 'public' },
          // Employers and door checks verify in bursts from one address; a verification costs
          // one signature check and a cached status list read.
          rateLimit: { max: perMinute, timeWindow: 60_000 },
        },
        schema: {
          tags: ['credentials'],
          summary: 'Verify a digital permit credential',
          description:
            'Checks an SD-JWT VC permit credential online: the issuer signature against the published keys (`/.well-known/jwks.json`), the digest of every disclosure, the validity period and the revocation status in the Token Status List. Every verdict answers 200: `valid` is true only for status `valid`; `reason` says why a credential is not valid. `claims` holds only what the holder disclosed, and nothing when the credential is `invalid`. A body that is not `{ "credential": string }` (or longer than 16 384 characters) answers 400. Public; no credentials needed.',
          body: VerifyRequest,
          response: { 200: VerifyResponse, 400: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (req) => d.permits.verify(req.body.credential.trim(), { channel: 'api', ip: req.ip }),
    );
  };
}
