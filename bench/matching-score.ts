import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { scoreLinkage } from './matching-metrics';

/**
 * Scores a `persons:link` output against the truth from `persons:generate --truth`:
 * `npx tsx bench/matching-score.ts <links.csv> <truth.csv> [records.csv]` (with the records,
 * also the false merges of persons whose dates of birth differ beyond a typo). JSON on stdout.
 */
const [linksFile, truthFile, recordsFile] = process.argv.slice(2);
if (!linksFile || !truthFile) {
  process.stderr.write(
    'usage: npx tsx bench/matching-score.ts <links.csv> <truth.csv> [records.csv]\n',
  );
  process.exit(2);
}
type Row = Record<string, string>;
const read = (file: string) => parse(fs.readFileSync(file), { columns: true, bom: true }) as Row[];
const truth = new Map(read(truthFile).map((r) => [r.record_id!, r.person_id!]));
const links = read(linksFile);
const labels = new Map<string, number>();
const label = (id: string) => {
  let n = labels.get(id);
  if (n === undefined) labels.set(id, (n = labels.size));
  return n;
};
const missing = links.filter((l) => !truth.has(l.record_id!)).length;
if (missing > 0 || links.length !== truth.size) {
  process.stderr.write(
    `links and truth differ: ${links.length} links, ${truth.size} truth rows, ${missing} unknown\n`,
  );
  process.exit(1);
}
const dates = recordsFile
  ? new Map(read(recordsFile).map((r) => [r.record_id!, r.date_of_birth || null]))
  : null;
const scores = scoreLinkage(
  links.map((l) => label(`t:${truth.get(l.record_id!)}`)),
  links.map((l) => label(`p:${l.person_id}`)),
  dates ? links.map((l) => dates.get(l.record_id!) ?? null) : undefined,
);
process.stdout.write(`${JSON.stringify(scores, null, 1)}\n`);
