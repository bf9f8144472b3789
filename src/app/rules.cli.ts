import fs from 'node:fs';
import { options, refuse, type Command, type WithApp } from './cli.args';
import { localDate } from '../modules/catalogue';
import { LANGUAGES, type Language } from '../platform/i18n';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EVALUATE_USAGE =
  'rules:evaluate --service <id> --input <file.json> [--date YYYY-MM-DD] [--lang lt|en|ru|uk]  (date: today in Vilnius; lang: en)';
const IMPACT_USAGE =
  "rules:impact --file <new-version.yaml> [--date YYYY-MM-DD]  (date: the version's effectiveFrom)";

function readFile(file: string): string | { error: string } {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return {
      error: `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    };
  }
}

/**
 * `rules:evaluate` and `rules:impact` (issue 6): the rule book from the command line, with the
 * versions loaded in the database. Rule set errors (RULES_*) name the table, rule and cell and
 * exit 1; a bad command line or unreadable file exits 2.
 */
export function rulesCommands(withApp: WithApp): Record<string, Command> {
  return {
    'rules:evaluate': {
      summary: 'Evaluate the rule sets of a service against an application snapshot (JSON out)',
      usage: EVALUATE_USAGE,
      async run(args, out) {
        const o = options(args, {
          service: { type: 'string' },
          input: { type: 'string' },
          date: { type: 'string' },
          lang: { type: 'string' },
        });
        if ('error' in o) return refuse(o.error, EVALUATE_USAGE);
        if (!o.service || !o.input)
          return refuse('--service and --input are needed.', EVALUATE_USAGE);
        if (o.date !== undefined && !DAY.test(o.date))
          return refuse(`--date must be YYYY-MM-DD, not "${o.date}".`, EVALUATE_USAGE);
        const lang = (o.lang ?? 'en') as Language;
        if (!LANGUAGES.includes(lang))
          return refuse(`--lang must be one of ${LANGUAGES.join(', ')}.`, EVALUATE_USAGE);
        const text = readFile(o.input);
        if (typeof text !== 'string') return refuse(text.error, EVALUATE_USAGE);
        let snapshot: unknown;
        try {
          snapshot = JSON.parse(text);
        } catch (e) {
          return refuse(`${o.input} is not JSON: ${(e as Error).message}`, EVALUATE_USAGE);
        }
        const service = o.service;
        return withApp(async (ctx, app) => {
          const date = o.date ?? localDate(ctx.clock.now());
          const { rules } = app.modules;
          if (!(await rules.forService(service)))
            return refuse(`No rule set is written for service "${service}".`, EVALUATE_USAGE);
          // An input without `service` is taken as the service asked for.
          const input =
            snapshot && typeof snapshot === 'object' && !Array.isArray(snapshot)
              ? { service, ...(snapshot as object) }
              : snapshot;
          const evaluation = await rules.evaluate(service, input, date);
          const explanations = await rules.explain(evaluation, lang);
          out(JSON.stringify({ evaluation, explanations }, null, 2));
          return 0;
        });
      },
    },
    'rules:impact': {
      summary: 'Impact analysis of a proposed rule set version over every open case (JSON out)',
      usage: IMPACT_USAGE,
      async run(args, out) {
        const o = options(args, { file: { type: 'string' }, date: { type: 'string' } });
        if ('error' in o) return refuse(o.error, IMPACT_USAGE);
        if (!o.file) return refuse('--file is needed.', IMPACT_USAGE);
        if (o.date !== undefined && !DAY.test(o.date))
          return refuse(`--date must be YYYY-MM-DD, not "${o.date}".`, IMPACT_USAGE);
        const text = readFile(o.file);
        if (typeof text !== 'string') return refuse(text.error, IMPACT_USAGE);
        return withApp(async (_ctx, app) => {
          const { versions, impact } = app.modules.rulesAdmin;
          // Compiles and runs the table tests first (errors name table, rule and cell).
          const { set } = await versions.validate(text, { proposal: true });
          const started = Date.now();
          const summary = await impact.analyse(set, o.date);
          out(
            JSON.stringify(
              {
                ruleSet: set.file.id,
                version: set.file.version,
                hash: set.hash,
                ...summary,
                elapsedMs: Date.now() - started,
              },
              null,
              2,
            ),
          );
          return 0;
        });
      },
    },
  };
}
