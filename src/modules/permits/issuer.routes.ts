/**
 * What the issuer publishes for verifiers anywhere: its public keys (JWKS), the status lists,
 * the credential types' metadata, and the holders' photos behind the `picture` references.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CREDENTIAL_TYPES, DISCLOSABLE_CLAIMS, type CredentialType } from './permits.model';
import type { I18n } from '../../platform/i18n';
import type { PermitsService } from './permits.contract';
import { STATUS_LIST_TTL_SECONDS } from './credentials/status-list';

const open = { config: { access: { who: 'public' as const } } };
const LANGS = ['lt', 'en', 'ru', 'uk'] as const;
const param = (req: FastifyRequest, name: string) =>
  String((req.params as Record<string, string>)[name] ?? '');

export function issuerRoutes(permits: PermitsService, i18n: I18n) {
  return async (app: FastifyInstance) => {
    app.get('/.well-known/jwks.json', open, async (_req, reply) =>
      reply
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .type('application/jwk-set+json')
        .send(permits.jwks()),
    );

    // Revocation must reach online verifiers at once: caches may keep a list a minute at most.
    app.get('/credentials/status/:list', open, async (req, reply) => {
      const id = Number(param(req, 'list'));
      const jwt = Number.isInteger(id) ? await permits.statusListJwt(id) : undefined;
      if (!jwt) return reply.status(404).type('text/plain').send('No such status list');
      return reply
        .header('cache-control', `public, max-age=${Math.min(60, STATUS_LIST_TTL_SECONDS)}`)
        .header('access-control-allow-origin', '*')
        .type('application/statuslist+jwt')
        .send(jwt);
    });

    // SD-JWT VC type metadata: names and claim labels so any wallet can show the permit.
    app.get('/credentials/types/:type', open, async (req, reply) => {
      const type = param(req, 'type') as CredentialType;
      if (!CREDENTIAL_TYPES.includes(type))
        return reply.status(404).type('text/plain').send('No such credential type');
      return reply
        .header('cache-control', 'public, max-age=3600')
        .header('access-control-allow-origin', '*')
        .type('application/json')
        .send({
          vct: `${permits.issuer()}/credentials/types/${type}`,
          name: permits.typeName(type, 'en'),
          display: LANGS.map((lang) => ({ lang, name: permits.typeName(type, lang) })),
          claims: DISCLOSABLE_CLAIMS.map((c) => ({
            path: [c],
            sd: 'always',
            display: LANGS.map((lang) => ({ lang, label: i18n.t(lang, `permits.claim.${c}`) })),
          })),
        });
    });

    // The photo is personal data: every fetch is audited, and a bot may not sweep references.
    app.get(
      '/credentials/photos/:ref',
      {
        config: { access: { who: 'public' as const }, rateLimit: { max: 120, timeWindow: 60_000 } },
      },
      async (req, reply) => {
        const photo = await permits.photo(param(req, 'ref'), {
          channel: 'page',
          ip: req.ip,
          actor: req.principal,
        });
        if (!photo) return reply.status(404).type('text/plain').send('No such photo');
        return reply
          .header('cache-control', 'private, no-store')
          .type(photo.contentType)
          .send(photo.bytes);
      },
    );
  };
}
