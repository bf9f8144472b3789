import { seedDemoAutomation, seedDemoCases } from './demo-cases';
import { seedDemoPersons } from '../modules/persons';
import { localDate } from '../modules/catalogue';
import { migrate, type MigrationReport } from '../platform/db';
import type { Config } from '../platform/config';
import { buildApp, type App } from './build-app';
import { createContext, MIGRATIONS_DIR, type AppContext, type ContextOverrides } from './context';

export interface Running {
  ctx: AppContext;
  app: App;
  migrations: MigrationReport;
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * Everything `npm start` does before listening: open the database, apply migrations, install the
 * job queue, load demo data on an empty database, build the HTTP app. Used by the server, the
 * tests and the benchmarks alike, so they all run the same start-up.
 */
export async function startApplication(
  config: Config,
  overrides: ContextOverrides = {},
): Promise<Running> {
  const ctx = await createContext(config, overrides);
  try {
    const migrations = await migrate(ctx.database, MIGRATIONS_DIR);
    const app = await buildApp(ctx);
    // Audit entries a stopped process wrote but did not link into the chain yet.
    await app.modules.audit.flush();
    await ctx.jobs.start({ work: config.workersInProcess });
    let seeded = false;
    if (config.seedDemo && (await app.modules.accounts.repo.countAccounts()) === 0) {
      await app.modules.accounts.seedDemo();
      const accountIdOf = async (email: string) =>
        (await app.modules.accounts.repo.findByEmail(email))?.id;
      await app.modules.holdings.seedDemo(accountIdOf);
      // Digital permits for two demo applicants (issue 9), for the holder's pages and /verify.
      await app.modules.permits.seedDemo(accountIdOf);
      if (config.seedDemoCases) {
        await seedDemoCases({ clock: ctx.clock, ...app.modules });
        // Automation (issue 8): a routine case with a prepared grant, a SIS hit, a VSD wait.
        await seedDemoAutomation({ clock: ctx.clock, ...app.modules });
        // Persons with one grey-band match waiting in the officers' review queue (issue 7).
        await seedDemoPersons(app.modules.persons.service);
        // The coming weeks' visit slots, so demo applicants can book at once (later: the daily job).
        await app.modules.appointments.makeSlots(localDate(ctx.clock.now()));
      }
      seeded = true;
    }
    return {
      ctx,
      app,
      migrations,
      seeded,
      close: async () => {
        await app.server.close();
        await ctx.jobs.stop();
        // Jobs that ran while stopping may have written audit entries: link them now.
        await app.modules.audit.flush();
        await ctx.database.close();
      },
    };
  } catch (e) {
    await ctx.jobs.stop().catch(() => {});
    await ctx.database.close().catch(() => {});
    throw e;
  }
}
