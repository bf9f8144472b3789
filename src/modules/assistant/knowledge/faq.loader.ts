import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { knowledgeErrors } from './errors';
import { FaqEntrySchema, FaqFile, type FaqEntry } from './faq.schema';

/** content/lt/assistant/faq of this repository, wherever the process was started. */
export const DEFAULT_FAQ_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'content',
  'lt',
  'assistant',
  'faq',
);

export interface LoadFaqOptions {
  /** The catalogue's service ids; when given, an entry naming another service is an error. */
  serviceIds?: readonly string[];
}

const fieldPath = (p: readonly PropertyKey[]) => p.map(String).join('.');

/** The entry's id for an error message, or its position when it has no readable id. */
const entryName = (raw: unknown, i: number) =>
  raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
    ? (raw as { id: string }).id
    : `#${i + 1}`;

/**
 * Reads every `*.yaml` in `dir` (in name order) and validates each entry; ids must be unique
 * across files. A problem throws ASSISTANT_FAQ_INVALID naming the file, the entry and the field,
 * so a broken FAQ stops start-up instead of answering wrongly.
 */
export function loadFaq(dir: string = DEFAULT_FAQ_DIR, options: LoadFaqOptions = {}): FaqEntry[] {
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
  } catch (e) {
    throw knowledgeErrors.faqInvalid(dir, '', '', (e as Error).message);
  }
  const known = options.serviceIds ? new Set(options.serviceIds) : undefined;
  const seen = new Map<string, string>();
  const entries: FaqEntry[] = [];
  for (const file of files) {
    let data: unknown;
    try {
      data = parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (e) {
      throw knowledgeErrors.faqInvalid(file, '', '', (e as Error).message);
    }
    const shape = FaqFile.safeParse(data);
    if (!shape.success) {
      const issue = shape.error.issues[0]!;
      throw knowledgeErrors.faqInvalid(file, '', fieldPath(issue.path), issue.message);
    }
    shape.data.entries.forEach((raw, i) => {
      const name = entryName(raw, i);
      const r = FaqEntrySchema.safeParse(raw);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw knowledgeErrors.faqInvalid(file, name, fieldPath(issue.path), issue.message);
      }
      const entry = r.data;
      const earlier = seen.get(entry.id);
      if (earlier !== undefined)
        throw knowledgeErrors.faqInvalid(file, name, 'id', `duplicate id, also in ${earlier}`);
      seen.set(entry.id, file);
      if (known) {
        const j = entry.services.findIndex((s) => !known.has(s));
        if (j >= 0)
          throw knowledgeErrors.faqInvalid(
            file,
            name,
            `services.${j}`,
            `unknown service ${entry.services[j]}`,
          );
      }
      entries.push(entry);
    });
  }
  return entries;
}
