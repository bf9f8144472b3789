import { startApplication } from '../app/lifecycle';
import { ConfigError, loadConfig } from '../platform/config';
import { DEMO_PASSWORD, DEMO_STAFF, DEMO_TOTP_SECRET } from '../modules/accounts';
import { isAppError } from '../platform/errors';

async function main() {
  const config = loadConfig();
  const running = await startApplication(config);
  const { server } = running.app;
  const log = running.ctx.logger;
  log.info({ engine: running.ctx.database.engine, database: running.ctx.database.describe }, `database engine: ${running.ctx.database.engine}`);
  if (running.migrations.applied.length > 0) log.info({ applied: running.migrations.applied }, 'migrations applied');
  await server.listen({ port: config.PORT, host: config.HOST });
  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `  Vartai is running at ${url}  (database: ${running.ctx.database.describe})`,
    `  Officers' workbench: ${url}/workbench   Health: ${url}/healthz   API: ${url}/api/docs`,
  ];
  if (config.seedDemo) {
    lines.push(
      running.seeded ? '  Demo data was loaded into the empty database.' : '  Demo accounts (loaded on the first start):',
      `  Sign in as a demo officer: ${DEMO_STAFF[0]!.email} / ${DEMO_PASSWORD}`,
      `  Second step: a TOTP code for the key ${DEMO_TOTP_SECRET} (any authenticator app),`,
      '  or print the current code with: npm run cli -- demo:totp',
      `  Other demo staff: ${DEMO_STAFF.slice(1).map((s) => s.email).join(', ')} (same password)`,
    );
  }
  if (!config.workersInProcess) lines.push('  Background jobs are not run in this process: start `npm run worker`.');
  process.stdout.write(`${lines.join('\n')}\n\n`);

  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\nSee docs/configuration.md.\n`);
  } else if (isAppError(e)) {
    process.stderr.write(`Vartai could not start: ${e.message}\n`);
  } else {
    process.stderr.write(`Vartai could not start: ${(e as Error).stack ?? String(e)}\n`);
  }
  process.exit(1);
});
