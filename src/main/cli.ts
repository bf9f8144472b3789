import { commands } from '../app/cli.commands';
import { ConfigError } from '../platform/config';
import { isAppError } from '../platform/errors';

function help(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Details: npm run cli -- <command> --help',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${help()}\n`);
    return 2;
  }
  if (args.includes('--help')) {
    out(`${command.summary}\nUsage: npm run cli -- ${command.usage}`);
    return 0;
  }
  return command.run(args, out);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const msg =
      e instanceof ConfigError || isAppError(e)
        ? (e as Error).message
        : ((e as Error).stack ?? String(e));
    process.stderr.write(`${msg}\n`);
    process.exit(1);
  },
);
