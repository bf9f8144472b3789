import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http';
import { DEFAULT_LANGUAGE, isLanguage } from '../../platform/i18n';
import type { AccountsRepository } from './accounts.repository';
import { Branch, PasswordCheckRequest, PasswordCheckResponse } from './accounts.schemas';
import type { AccountsService } from './accounts.service';

const Problem = ProblemSchema;

/** Public API routes of the accounts module (documented in the OpenAPI file). */
export function accountsApi(service: AccountsService, repo: AccountsRepository) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/branches',
      {
        config: { access: { who: 'public' } },
        schema: {
          tags: ['reference'],
          summary: 'Branches of the authority',
          description:
            'Client service branches with their address; names in the language asked for (lt by default).',
          querystring: z.strictObject({ lang: z.enum(['lt', 'en', 'ru', 'uk']).optional() }),
          response: {
            200: z.object({ branches: z.array(Branch) }).meta({
              examples: [
                {
                  branches: [
                    {
                      id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
                      code: 'KLP',
                      name: 'Klaipėda client service unit',
                      city: 'Klaipėda',
                      address: 'Kauno g. 6, Klaipėda',
                    },
                  ],
                },
              ],
            }),
            400: Problem,
          },
        },
      },
      async (req) => {
        const lang = isLanguage(req.query.lang) ? req.query.lang : DEFAULT_LANGUAGE;
        const rows = await repo.listBranches();
        return {
          branches: rows.map((b) => ({
            id: b.id,
            code: b.code,
            name: b.names[lang] ?? b.names.lt,
            city: b.city,
            address: b.address,
          })),
        };
      },
    );
    app.post(
      '/api/v1/accounts/password-check',
      {
        config: { access: { who: 'public' }, rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags: ['accounts'],
          summary: 'Check a candidate password against the password policy',
          description:
            'For sign-up forms of partner and mobile clients: says whether a password would be accepted and why not. Nothing is stored or logged.',
          body: PasswordCheckRequest,
          response: { 200: PasswordCheckResponse, 400: Problem, 429: Problem },
        },
      },
      async (req) => {
        const problems = service.checkPassword(
          req.body.password,
          req.body.email ? { email: req.body.email } : {},
        );
        return {
          acceptable: problems.length === 0,
          problems: problems.map((code) => ({ code, message: req.t(`accounts.password.${code}`) })),
        };
      },
    );
  };
}
