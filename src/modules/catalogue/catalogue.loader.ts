import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  CommonQuestionsFile,
  DocumentsFile,
  FeesFile,
  FinderFile,
  HolidaysFile,
  ServiceFile,
  ValuesFile,
  type Finder,
  type Question,
  type Service,
  type Text,
} from './catalogue.schemas';
import { catalogueErrors } from './errors';
import { checkOrdering } from './catalogue.ordering';

/** content/lt of this repository. */
export const DEFAULT_PACK_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'content',
  'lt',
);

export interface Pack {
  root: string;
  services: Service[];
  documents: Record<string, { name: Text }>;
  commonQuestions: Question[];
  fees: z.infer<typeof FeesFile>;
  values: z.infer<typeof ValuesFile>['values'];
  valueSources: z.infer<typeof ValuesFile>['sources'];
  holidays: z.infer<typeof HolidaysFile>;
  finder: Finder;
}

type Issue = { path: PropertyKey[]; message: string };
const fieldPath = (p: readonly PropertyKey[]) => p.map(String).join('.');

/** Reads and validates one YAML file; a problem names the file and the field. */
function readFile<T extends z.ZodType>(root: string, rel: string, schema: T): z.infer<T> {
  const file = path.join(root, rel);
  let data: unknown;
  try {
    data = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw catalogueErrors.packInvalid(rel, '', (e as Error).message);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0] as Issue;
    throw catalogueErrors.packInvalid(rel, fieldPath(issue.path), issue.message);
  }
  return result.data;
}

/** Every `source:` under `node`, with its field path. */
function sourceRefs(node: unknown, at: PropertyKey[] = []): { ref: string; at: PropertyKey[] }[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => sourceRefs(v, [...at, i]));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) =>
      k === 'source' && typeof v === 'string'
        ? [{ ref: v, at: [...at, k] }]
        : k === 'sources'
          ? []
          : sourceRefs(v, [...at, k]),
    );
  }
  return [];
}

function checkSources(rel: string, data: { sources: { id: string }[] } & object) {
  const ids = new Set<string>();
  data.sources.forEach((s, i) => {
    if (ids.has(s.id)) throw catalogueErrors.packInvalid(rel, `sources.${i}.id`, 'duplicate id');
    ids.add(s.id);
  });
  for (const { ref, at } of sourceRefs(data)) {
    if (!ids.has(ref))
      throw catalogueErrors.packInvalid(rel, fieldPath(at), `unknown source ${ref}`);
  }
}

function checkUnique(rel: string, field: string, ids: string[]) {
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i)
      throw catalogueErrors.packInvalid(rel, `${field}.${i}.id`, `duplicate id ${id}`);
  });
}

function checkService(
  rel: string,
  s: Service,
  documents: Record<string, unknown>,
  feeItems: Set<string>,
  common: Question[],
) {
  if (`${s.id}.yaml` !== path.basename(rel))
    throw catalogueErrors.packInvalid(rel, 'id', `must match the file name (${s.id}.yaml)`);
  checkSources(rel, s);
  checkUnique(
    rel,
    'grounds',
    s.grounds.map((g) => g.id),
  );
  const fees = [
    { fee: s.fee, at: 'fee' },
    ...s.grounds.flatMap((g, i) => (g.fee ? [{ fee: g.fee, at: `grounds.${i}.fee` }] : [])),
  ];
  for (const { fee, at } of fees) {
    if (fee.item && !feeItems.has(fee.item))
      throw catalogueErrors.packInvalid(rel, `${at}.item`, `no fee schedule has item ${fee.item}`);
    checkUnique(
      rel,
      `${at}.exemptions`,
      fee.exemptions.map((e) => e.id),
    );
  }
  s.grounds.forEach((g, gi) =>
    g.documents.forEach((d, di) => {
      if (!documents[d.ref])
        throw catalogueErrors.packInvalid(
          rel,
          `grounds.${gi}.documents.${di}.ref`,
          `unknown document ${d.ref} (documents.yaml)`,
        );
    }),
  );
  const groundIds = new Set(s.grounds.map((g) => g.id));
  const asked = new Set(common.map((q) => q.id));
  s.questions.forEach((q, qi) => {
    if (asked.has(q.id))
      throw catalogueErrors.packInvalid(rel, `questions.${qi}.id`, `duplicate question ${q.id}`);
    for (const g of q.showIf?.grounds ?? [])
      if (!groundIds.has(g))
        throw catalogueErrors.packInvalid(
          rel,
          `questions.${qi}.showIf.grounds`,
          `unknown ground ${g}`,
        );
    const dep = q.showIf?.answer?.question;
    if (dep && !asked.has(dep))
      throw catalogueErrors.packInvalid(
        rel,
        `questions.${qi}.showIf.answer.question`,
        `${dep} is not an earlier question`,
      );
    asked.add(q.id);
  });
}

function checkFinder(rel: string, finder: Finder, services: Service[]) {
  const byId = new Map(finder.questions.map((q) => [q.id, q]));
  checkUnique(
    rel,
    'questions',
    finder.questions.map((q) => q.id),
  );
  if (!byId.has(finder.start)) throw catalogueErrors.packInvalid(rel, 'start', 'unknown question');
  finder.questions.forEach((q, qi) => {
    checkUnique(
      rel,
      `questions.${qi}.answers`,
      q.answers.map((a) => a.id),
    );
    q.answers.forEach((a, ai) => {
      const at = `questions.${qi}.answers.${ai}`;
      if (a.next && !byId.has(a.next))
        throw catalogueErrors.packInvalid(rel, `${at}.next`, `unknown question ${a.next}`);
      if (a.result) {
        const s = services.find((x) => x.id === a.result!.service);
        if (!s) throw catalogueErrors.packInvalid(rel, `${at}.result.service`, `unknown service`);
        if (a.result.ground && !s.grounds.some((g) => g.id === a.result!.ground))
          throw catalogueErrors.packInvalid(rel, `${at}.result.ground`, `unknown ground`);
      }
    });
  });
  // No cycles: a depth-first walk from the start never meets a question already on its path.
  const walk = (id: string, trail: string[]) => {
    if (trail.includes(id))
      throw catalogueErrors.packInvalid(rel, 'questions', `cycle: ${[...trail, id].join(' > ')}`);
    for (const a of byId.get(id)!.answers) if (a.next) walk(a.next, [...trail, id]);
  };
  walk(finder.start, []);
}

/** Loads and checks the whole country pack; throws CATALOGUE_PACK_INVALID naming file and field. */
export function loadPack(root: string = DEFAULT_PACK_ROOT): Pack {
  if (!fs.existsSync(path.join(root, 'services')))
    throw catalogueErrors.packInvalid('services/', '', `no services folder under ${root}`);
  const { documents } = readFile(root, 'documents.yaml', DocumentsFile);
  const { questions: commonQuestions } = readFile(root, 'questions.yaml', CommonQuestionsFile);
  checkUnique(
    'questions.yaml',
    'questions',
    commonQuestions.map((q) => q.id),
  );
  const fees = readFile(root, 'reference/fees.yaml', FeesFile);
  checkSources('reference/fees.yaml', fees);
  const values = readFile(root, 'reference/values.yaml', ValuesFile);
  checkSources('reference/values.yaml', values);
  const holidays = readFile(root, 'reference/holidays.yaml', HolidaysFile);
  checkSources('reference/holidays.yaml', holidays);
  const feeItems = new Set(fees.schedules.flatMap((s) => Object.keys(s.items)));

  const services = fs
    .readdirSync(path.join(root, 'services'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const rel = `services/${f}`;
      const s = readFile(root, rel, ServiceFile);
      checkService(rel, s, documents, feeItems, commonQuestions);
      checkOrdering(rel, s, documents, values.values);
      return s;
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  services.forEach((s, i) => {
    const twin = services.findIndex((o) => o.code === s.code);
    if (twin !== i)
      throw catalogueErrors.packInvalid(
        `services/${s.id}.yaml`,
        'code',
        `duplicate code ${s.code}`,
      );
  });
  const finder = readFile(root, 'finder.yaml', FinderFile);
  checkFinder('finder.yaml', finder, services);
  return {
    root,
    services,
    documents,
    commonQuestions,
    fees,
    values: values.values,
    valueSources: values.sources,
    holidays,
    finder,
  };
}
