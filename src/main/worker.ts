import { buildApp } from '../app/build-app';
import { createContext, MIGRATIONS_DIR } from '../app/context';
import { ConfigError, loadConfig } from '../platform/config';
import { migrate } from '../platform/db';
import { isAppError } from '../platform/errors';

/**
 * A background worker: the same modules and job handlers as the server, without listening for
 * HTTP. Run as many as needed against one PostgreSQL; pg-boss hands each job to one of them.
 */
async function main() {
  const config = loadConfig();
  const ctx = await createContext(config);
  await migrate(ctx.database, MIGRATIONS_DIR);
  // Building the app registers every module's job handlers; the HTTP server is never started.
  const app = await buildApp(ctx);
  await ctx.jobs.start({ work: true });
  ctx.logger.info({ engine: ctx.database.engine }, 'worker started');
  const stop = async () => {
    await ctx.jobs.stop();
    await app.server.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  const message =
    e instanceof ConfigError || isAppError(e)
      ? (e as Error).message
      : ((e as Error).stack ?? String(e));
  process.stderr.write(`Vartai worker could not start: ${message}\n`);
  process.exit(1);
});
