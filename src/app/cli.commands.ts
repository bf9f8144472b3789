import { seedDemoCases } from './demo-cases';
import { seedDemoPersons } from '../modules/persons';
import { localDate } from '../modules/catalogue';
import { parseArgs } from 'node:util';
import { buildApp } from './build-app';
import { createContext, MIGRATIONS_DIR, ROOT, type AppContext } from './context';
import { loadConfig } from '../platform/config';
import { migrate } from '../platform/db';
import { buildAssets } from '../platform/views';
import fs from 'node:fs';
import path from 'node:path';
import { publishedOpenApi } from './openapi';
import { rulesCommands } from './rules.cli';
import type { Command } from './cli.args';
import { personsCommands } from './persons.cli';
import { triageCommands } from './triage.cli';
import { credentialsCommands } from './credentials.cli';
import { DEMO_TOTP_SECRET, STAFF_ROLES, totpCode, type StaffRole } from '../modules/accounts';
import { PARTNER_CREATE_USAGE, PARTNER_REVOKE_USAGE } from '../modules/partners';

export type { Command } from './cli.args';
/** Opens the configured database, migrated, and the modules on it (no HTTP listener). */
async function withApp<T>(
  fn: (ctx: AppContext, app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>,
): Promise<T> {
  const ctx = await createContext(loadConfig());
  try {
    await migrate(ctx.database, MIGRATIONS_DIR);
    const app = await buildApp(ctx);
    // The queue's tables, without working it: what a command enqueues (e.g. the notifications of
    // the demo cases) waits for the server or a worker.
    await ctx.jobs.start({ work: false });
    try {
      return await fn(ctx, app);
    } finally {
      await app.server.close();
      await ctx.jobs.stop();
    }
  } finally {
    await ctx.database.close();
  }
}

export const commands: Record<string, Command> = {
  migrate: {
    summary: 'Apply pending database migrations',
    usage: 'migrate',
    async run(_args, out) {
      const ctx = await createContext(loadConfig());
      try {
        const report = await migrate(ctx.database, MIGRATIONS_DIR);
        out(report.applied.length ? `Applied: ${report.applied.join(', ')}` : 'Nothing to apply.');
        out(`Head: ${report.head ?? '(none)'} on ${ctx.database.describe}`);
        return 0;
      } finally {
        await ctx.database.close();
      }
    },
  },
  seed: {
    summary: 'Load demo data (branches, staff of each role, applicants); safe to repeat',
    usage: 'seed --demo',
    async run(args, out) {
      const { values } = parseArgs({ args, options: { demo: { type: 'boolean' } } });
      if (!values.demo) {
        out('Say what to load: seed --demo');
        return 2;
      }
      return withApp(async (ctx, app) => {
        const { created } = await app.modules.accounts.seedDemo();
        await app.modules.permits.seedDemo(
          async (email) => (await app.modules.accounts.repo.findByEmail(email))?.id,
        );
        const { created: cases } = await seedDemoCases({ clock: ctx.clock, ...app.modules });
        await seedDemoPersons(app.modules.persons.service);
        out(`Demo data loaded: ${created} new accounts, ${cases} new cases.`);
        return 0;
      });
    },
  },
  'appointments:make-slots': {
    summary:
      'Make the visit slots of the coming weeks from the branch calendars (also a daily job)',
    usage: 'appointments:make-slots [--days N]',
    async run(args, out) {
      const { values } = parseArgs({ args, options: { days: { type: 'string' } } });
      const days = values.days === undefined ? undefined : Number(values.days);
      if (days !== undefined && !(Number.isInteger(days) && days > 0 && days <= 366)) {
        out(`Usage: ${this.usage} (N from 1 to 366)`);
        return 2;
      }
      return withApp(async (ctx, app) => {
        const made = await app.modules.appointments.makeSlots(localDate(ctx.clock.now()), days);
        out(`Visit slots made: ${made} new.`);
        return 0;
      });
    },
  },
  'staff:create': {
    summary: 'Create a staff account (MFA is set up at first sign-in)',
    usage: `staff:create --email E --name "N" --role R [--role R2] [--branch CODE] [--lang lt|en|ru|uk]  (password from the VARTAI_NEW_PASSWORD environment variable or stdin; roles: ${STAFF_ROLES.join(', ')})`,
    async run(args, out) {
      const { values } = parseArgs({
        args,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string', multiple: true },
          branch: { type: 'string' },
          lang: { type: 'string' },
        },
      });
      // eslint-disable-next-line no-restricted-properties -- a one-off secret for this command, never logged
      const password = process.env.VARTAI_NEW_PASSWORD ?? (await readStdin());
      if (!values.email || !values.name || !values.role?.length || !password) {
        out(`Usage: ${this.usage}`);
        return 2;
      }
      return withApp(async (_ctx, app) => {
        const row = await app.modules.accounts.service.createStaff({
          email: values.email!,
          displayName: values.name!,
          roles: values.role as StaffRole[],
          ...(values.branch ? { branchCode: values.branch } : {}),
          password: password.trim(),
          lang: (values.lang ?? 'lt') as 'lt',
        });
        out(
          `Created staff account ${row.email} (${row.roles.join(', ')}). MFA enrolment happens at first sign-in.`,
        );
        return 0;
      });
    },
  },
  'audit:verify': {
    summary: 'Check the audit trail hash chain; exits 1 and names the first bad row when broken',
    usage: 'audit:verify',
    async run(_args, out) {
      return withApp(async (_ctx, app) => {
        const report = await app.modules.audit.verify();
        if (report.ok) {
          out(`Audit trail intact: ${report.rows} entries verified.`);
          return 0;
        }
        out(
          `AUDIT TRAIL BROKEN at entry ${report.break!.seq} (${report.break!.reason}); ${report.rows} entries before it are intact.`,
        );
        return 1;
      });
    },
  },
  'openapi:write': {
    summary: 'Write the public API description to docs/openapi.json (a test keeps it current)',
    usage: 'openapi:write',
    async run(_args, out) {
      return withApp(async (_ctx, app) => {
        const file = path.join(ROOT, 'docs', 'openapi.json');
        fs.writeFileSync(
          file,
          `${JSON.stringify(publishedOpenApi(app.server.swagger()), null, 2)}\n`,
        );
        out(`Wrote ${file}`);
        return 0;
      });
    },
  },
  'partner:create': {
    summary: 'Register a partner system; prints its API key and webhook secret once',
    usage: PARTNER_CREATE_USAGE,
    run: (args, out) => withApp((_ctx, app) => app.modules.partners.cli.create(args, out)),
  },
  'partner:revoke': {
    summary: 'Revoke a partner system: its API key stops working and webhooks stop',
    usage: PARTNER_REVOKE_USAGE,
    run: (args, out) => withApp((_ctx, app) => app.modules.partners.cli.revoke(args, out)),
  },
  'partner:list': {
    summary: 'List partner systems (ids, key prefixes, state; never secrets)',
    usage: 'partner:list',
    run: (args, out) => withApp((_ctx, app) => app.modules.partners.cli.list(args, out)),
  },
  'demo:totp': {
    summary: 'Print the current TOTP code of the demo staff accounts (demo data only)',
    usage: 'demo:totp',
    async run(_args, out) {
      out(await totpCode(DEMO_TOTP_SECRET, new Date()));
      return 0;
    },
  },
  ...rulesCommands(withApp),
  ...personsCommands,
  ...triageCommands(withApp),
  ...credentialsCommands(withApp),
  'assets:build': {
    summary: 'Compile the stylesheet and copy browser assets into dist/assets',
    usage: 'assets:build',
    async run(_args, out) {
      const r = buildAssets({ root: ROOT, outDir: path.join(ROOT, 'dist', 'assets') }, true);
      out(`Assets built in ${r.outDir}`);
      return 0;
    },
  },
};

async function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text || undefined;
}
