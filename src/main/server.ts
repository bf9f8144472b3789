import { startApplication } from '../app/lifecycle';
import { ConfigError, loadConfig } from '../platform/config';
import { startupBanner } from '../app/banner';
import { isAppError } from '../platform/errors';

async function main() {
  const config = loadConfig();
  const running = await startApplication(config);
  const { server } = running.app;
  const log = running.ctx.logger;
  log.info(
    { engine: running.ctx.database.engine, database: running.ctx.database.describe },
    `database engine: ${running.ctx.database.engine}`,
  );
  if (running.migrations.applied.length > 0)
    log.info({ applied: running.migrations.applied }, 'migrations applied');
  await server.listen({ port: config.PORT, host: config.HOST });
  process.stdout.write(startupBanner(running, config));

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
