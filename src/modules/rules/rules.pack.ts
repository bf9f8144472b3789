import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { compileRuleSet, type CompileOptions, type CompiledRuleSet } from './engine/compile';
import { rulesErrors } from './errors';
import { RuleSetFile } from './rules.schemas';

/**
 * Reads a rule set from YAML text: validated against the schema (errors name the field) and
 * compiled (errors name the table, rule and cell). `name` says where the text came from.
 */
export function parseRuleSet(
  text: string,
  name: string,
  options: CompileOptions = {},
): CompiledRuleSet {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    throw rulesErrors.invalid(name, '', `not YAML: ${(e as Error).message}`);
  }
  const parsed = RuleSetFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw rulesErrors.invalid(name, issue.path.join('.'), issue.message);
  }
  return compileRuleSet(parsed.data, options);
}

/** Every rule set version in the pack's rules folder: <rule-set-id>/<version>.yaml. */
export function loadRuleSets(root: string, options: CompileOptions = {}): CompiledRuleSet[] {
  const dir = join(root, 'rules');
  const out: CompiledRuleSet[] = [];
  for (const id of readdirSync(dir).sort()) {
    const folder = join(dir, id);
    if (!statSync(folder).isDirectory()) continue;
    for (const f of readdirSync(folder)
      .filter((x) => x.endsWith('.yaml'))
      .sort()) {
      const path = join(folder, f);
      const set = parseRuleSet(readFileSync(path, 'utf8'), relative(root, path), options);
      if (set.file.id !== id)
        throw rulesErrors.invalid(relative(root, path), 'id', `must be the folder's name ${id}`);
      out.push(set);
    }
  }
  return out;
}
