import { linkRecords } from '../src/modules/persons/matching/link';
import { generateRecords, type SyntheticVariant } from '../src/modules/persons/synthetic';
import { scoreLinkage } from './matching-metrics';

/**
 * Where the matcher goes wrong on generated data, for tuning it:
 * `npx tsx bench/matching-errors.ts [persons] [standard|independent] [seed]`. Prints the scores,
 * then the variations most often behind missed pairs (records of one person left apart) and
 * behind wrong merges, with a few examples of each.
 */
const persons = Number(process.argv[2] ?? 5000);
const variant = (process.argv[3] ?? 'standard') as SyntheticVariant;
const seed = Number(process.argv[4] ?? 1);

const g = generateRecords({ persons, seed, variant, trace: true });
const result = linkRecords(g.records);
const scores = scoreLinkage(
  g.truth,
  result.personOf,
  g.records.map((r) => r.dateOfBirth),
);
console.log(JSON.stringify(scores, null, 1));

const show = (i: number) => {
  const r = g.records[i]!;
  return `${r.givenNames} | ${r.surname} | ${r.dateOfBirth ?? '-'} | ${r.sex ?? '-'} | ${r.nationality ?? '-'} | ${r.documentNumber ?? '-'} | ${r.placeOfBirth ?? '-'}  [${g.trace![i]!.join(',')}]`;
};

// Missed pairs: per true person, records in more than one predicted person.
const byTrue = new Map<number, number[]>();
g.truth.forEach((p, i) => byTrue.set(p, [...(byTrue.get(p) ?? []), i]));
const missCauses = new Map<string, number>();
const missExamples: string[] = [];
for (const members of byTrue.values())
  for (let a = 0; a < members.length; a++)
    for (let b = a + 1; b < members.length; b++) {
      const [i, j] = [members[a]!, members[b]!];
      if (result.personOf[i] === result.personOf[j]) continue;
      const causes = new Set([...g.trace![i]!, ...g.trace![j]!]);
      for (const c of causes) missCauses.set(c, (missCauses.get(c) ?? 0) + 1);
      if (missExamples.length < 25) missExamples.push(`  ${show(i)}\n  ${show(j)}\n`);
    }

// Wrong merges: per predicted person, records of more than one true person.
const byPredicted = new Map<number, number[]>();
result.personOf.forEach((p, i) => byPredicted.set(p, [...(byPredicted.get(p) ?? []), i]));
const kinds = ['drawn', 'twin', 'sibling', 'namesake'];
const mergeKinds = new Map<string, number>();
const mergeExamples: string[] = [];
for (const members of byPredicted.values()) {
  const people = new Set(members.map((i) => g.truth[i]!));
  if (people.size < 2) continue;
  const key = [...people]
    .map((p) => kinds[g.personKinds[p]!])
    .sort()
    .join('+');
  mergeKinds.set(key, (mergeKinds.get(key) ?? 0) + 1);
  if (mergeExamples.length < 15)
    mergeExamples.push(members.map((i) => `  #${g.truth[i]} ${show(i)}`).join('\n') + '\n');
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
console.log('\nMissed pairs by variation present:', sorted(missCauses));
console.log(missExamples.join('\n'));
console.log('\nWrong merges by the kinds of persons merged:', sorted(mergeKinds));
console.log(mergeExamples.join('\n'));
