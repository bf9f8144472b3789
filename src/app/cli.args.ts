import { parseArgs } from 'node:util';
import type { AppContext } from './context';
import type { buildApp } from './build-app';

export type App = Awaited<ReturnType<typeof buildApp>>;
/** Runs a command's work with the app built on the configured database, closed afterwards. */
export type WithApp = <T>(fn: (ctx: AppContext, app: App) => Promise<T>) => Promise<T>;

/** A command of `npm run cli`: its one-line summary, usage, and what it does (exit code). */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[], out: (line: string) => void): Promise<number>;
}

/** A problem with a command line or its files: said on stderr with the usage, exit code 2. */
export function refuse(problem: string, usage: string): number {
  process.stderr.write(`${problem}\nUsage: npm run cli -- ${usage}\n`);
  return 2;
}

/** A command's string options, strictly parsed; an unknown or malformed one comes back as `error`. */
export function options<T extends Record<string, { type: 'string' }>>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, strict: true }).values as Partial<
      Record<keyof T, string>
    >;
  } catch (e) {
    return { error: (e as Error).message } as const;
  }
}
