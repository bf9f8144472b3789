import type { Config } from '../platform/config';
import {
  DEMO_ORGANISATION,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_TOTP_SECRET,
} from '../modules/accounts';
import type { Running } from './lifecycle';

/** What the console says after start-up: where to go, and how to sign in as a demo officer. */
export function startupBanner(running: Running, config: Config): string {
  const url = config.publicUrl;
  const lines = [
    '',
    `  Vartai is running at ${url}  (database: ${running.ctx.database.describe})`,
    `  Officers' workbench: ${url}/workbench   Health: ${url}/healthz   API: ${url}/api/docs`,
  ];
  if (config.seedDemo) {
    lines.push(
      running.seeded
        ? '  Demo data was loaded into the empty database.'
        : '  Demo accounts (loaded on the first start):',
      `  Sign in as a demo officer: ${DEMO_STAFF[0]!.email} / ${DEMO_PASSWORD}`,
      `  Second step: a TOTP code for the key ${DEMO_TOTP_SECRET} (any authenticator app),`,
      '  or print the current code with: npm run cli -- demo:totp',
      `  Other demo staff: ${DEMO_STAFF.slice(1)
        .map((s) => s.email)
        .join(', ')} (same password)`,
      `  Demo employer (files for invited foreigners): ${DEMO_ORGANISATION.adminEmail} (same password), page ${url}/organisation`,
      '  Demo accounts have published passwords: set NODE_ENV=production (or SEED_DEMO=false) for real use.',
    );
  }
  if (!config.workersInProcess)
    lines.push('  Background jobs are not run in this process: start `npm run worker`.');
  return `${lines.join('\n')}\n\n`;
}
