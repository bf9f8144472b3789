import fs from 'node:fs';
import { generateIssuerJwk } from '../modules/permits';
import { options, refuse, type Command, type WithApp } from './cli.args';

const DEMO_USAGE = 'credentials:demo';
const KEYGEN_USAGE = 'credentials:keygen --kid <key id> --out <file.json>';
const KID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Digital permit credentials (issue 9): `credentials:demo` prints a freshly signed credential of
 * the demo permit holder's permit, to paste into /verify or POST /api/v1/credentials/verify;
 * `credentials:keygen` writes a new issuer key (a private JWK) for CREDENTIAL_KEYS_DIR, for a
 * first installation or a rotation. The key is written only to the file, never to the output.
 */
export function credentialsCommands(withApp: WithApp): Record<string, Command> {
  return {
    'credentials:demo': {
      summary: "Print a freshly issued credential (SD-JWT VC) of the demo permit holder's permit",
      usage: DEMO_USAGE,
      async run(args, out) {
        const o = options(args, {});
        if ('error' in o) return refuse(o.error, DEMO_USAGE);
        return withApp(async (_ctx, app) => {
          const credential = await app.modules.permits.demoCredential(
            async (email) => (await app.modules.accounts.repo.findByEmail(email))?.id,
          );
          if (!credential)
            return refuse('No demo accounts here: load them first with `seed --demo`.', DEMO_USAGE);
          out(credential);
          return 0;
        });
      },
    },
    'credentials:keygen': {
      summary: 'Write a new ES256 issuer key (private JWK) to a file, for CREDENTIAL_KEYS_DIR',
      usage: KEYGEN_USAGE,
      async run(args, out) {
        const o = options(args, { kid: { type: 'string' }, out: { type: 'string' } });
        if ('error' in o) return refuse(o.error, KEYGEN_USAGE);
        if (!o.kid || !KID.test(o.kid))
          return refuse('Give --kid: 1-64 letters, digits, . _ -', KEYGEN_USAGE);
        if (!o.out) return refuse('Give --out: the file to write.', KEYGEN_USAGE);
        const jwk = await generateIssuerJwk(o.kid);
        try {
          fs.writeFileSync(o.out, `${JSON.stringify(jwk, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST')
            return refuse(`${o.out} exists: keys are never overwritten.`, KEYGEN_USAGE);
          throw e;
        }
        out(`Key ${o.kid} written to ${o.out} (keep it secret; its public part is published).`);
        return 0;
      },
    },
  };
}
