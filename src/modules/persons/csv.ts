import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { AppError } from '../../platform/errors';
import type { IdentityRecord } from './matching/types';

/**
 * The CSV files of `persons:link` (issue 7): records in, `record_id,person_id` out. UTF-8 with
 * a header row, RFC 4180 quoting, columns in any order (found by name; unknown ones ignored),
 * a byte-order mark tolerated, empty fields allowed. Read as a stream, one row at a time, into
 * compact records, so a million rows take a few hundred megabytes, not the file's text twice.
 */
export const RECORD_COLUMNS = [
  'record_id',
  'given_names',
  'surname',
  'date_of_birth',
  'sex',
  'nationality',
  'document_number',
  'place_of_birth',
  'source',
] as const;
export type RecordColumn = (typeof RECORD_COLUMNS)[number];

export const LINK_COLUMNS = ['record_id', 'person_id'] as const;

/** The one error code of a bad input file; `details.line` is the 1-based line in the file. */
export const CSV_INVALID = 'PERSONS_CSV_INVALID';

function invalid(message: string, line?: number, column?: string): AppError {
  const where = line === undefined ? '' : `line ${line}: `;
  return new AppError(CSV_INVALID, 'validation', `${where}${message}`, {
    ...(line === undefined ? {} : { line }),
    ...(column ? { column } : {}),
  });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR = /^\d{4}$/;

/** YYYY-MM-DD that is a real calendar day, or YYYY when only the year is known. */
function validDate(text: string): boolean {
  if (YEAR.test(text)) return true;
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/** 'M', 'F'; empty, 'X' or 'U' for unknown (ICAO 9303 writes X, some registries U). */
function parseSex(text: string): 'M' | 'F' | null | undefined {
  const s = text.toUpperCase();
  if (s === 'M' || s === 'F') return s;
  if (s === '' || s === 'X' || s === 'U') return null;
  return undefined;
}

export interface ReadOptions {
  /** Called every `every` records (default 100 000) with the count so far. */
  onProgress?: (records: number) => void;
  every?: number;
}

/** A field of a row, trimmed ('' when the row is short). Top-level: called 9 million times. */
function field(fields: string[], at: number): string {
  const value = fields[at];
  return value === undefined ? '' : value.trim();
}

/** A row's problem, by the index of the record (0 is the header); its line is found later. */
class RowProblem extends Error {
  constructor(
    readonly record: number,
    message: string,
    readonly column: string,
  ) {
    super(message);
  }
}

/**
 * The line where record `index` starts (1-based; the header is record 0), by reading the file
 * again with csv-parse's line counting. Only on the way to an error: counting costs a third of
 * the parse time, which a million good rows should not pay.
 */
function lineOfRecord(open: () => Readable, index: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const input = open();
    const parser = parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
    let n = 0;
    let lastLine = 0;
    let lastEmpty = 0;
    const done = (line: number | undefined) => {
      input.unpipe(parser);
      input.destroy();
      parser.destroy();
      resolve(line);
    };
    parser.on('readable', () => {
      let item: { info: { lines: number; empty_lines: number } } | null;
      while ((item = parser.read()) !== null) {
        // A record may span lines (a quoted newline): its start is after the last record's end
        // and any empty lines skipped since.
        const start = lastLine + 1 + (item.info.empty_lines - lastEmpty);
        if (n++ === index) return done(start);
        lastLine = item.info.lines;
        lastEmpty = item.info.empty_lines;
      }
    });
    parser.on('error', () => done(undefined));
    parser.on('end', () => done(undefined));
    input.on('error', () => done(undefined));
    input.pipe(parser);
  });
}

/**
 * The records of a CSV file; rejects with PERSONS_CSV_INVALID naming the line. `open` gives a
 * fresh stream of the file: it is read once, and again only to find the line of a bad row.
 */
export async function readIdentityRecords(
  open: () => Readable,
  options: ReadOptions = {},
): Promise<IdentityRecord[]> {
  try {
    return await readRecords(open(), options);
  } catch (e) {
    if (!(e instanceof RowProblem)) throw e;
    throw invalid(e.message, await lineOfRecord(open, e.record), e.column);
  }
}

function readRecords(input: Readable, options: ReadOptions): Promise<IdentityRecord[]> {
  const every = options.every ?? 100_000;
  return new Promise((resolve, reject) => {
    const parser = parse({ bom: true, skip_empty_lines: true });
    const records: IdentityRecord[] = [];
    const seen = new Set<string>();
    let at: Record<RecordColumn, number> | null = null;
    let failed = false;

    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      input.unpipe(parser);
      input.destroy();
      parser.destroy();
      reject(e);
    };

    const header = (names: string[]) => {
      const positions = new Map(names.map((n, i) => [n.trim().toLowerCase(), i] as const));
      const missing = RECORD_COLUMNS.filter((c) => !positions.has(c));
      if (missing.length > 0)
        throw invalid(
          `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header must name ${RECORD_COLUMNS.join(', ')})`,
          1,
          missing[0],
        );
      at = Object.fromEntries(RECORD_COLUMNS.map((c) => [c, positions.get(c)!])) as Record<
        RecordColumn,
        number
      >;
    };

    const row = (fields: string[], index: number, at: Record<RecordColumn, number>) => {
      const recordId = field(fields, at.record_id);
      if (!recordId) throw new RowProblem(index, 'record_id is empty', 'record_id');
      if (seen.has(recordId))
        throw new RowProblem(index, `duplicate record_id "${recordId}"`, 'record_id');
      seen.add(recordId);
      const dateOfBirth = field(fields, at.date_of_birth) || null;
      if (dateOfBirth !== null && !validDate(dateOfBirth))
        throw new RowProblem(
          index,
          `date_of_birth "${dateOfBirth}" is not a date (YYYY-MM-DD, or YYYY when only the year is known)`,
          'date_of_birth',
        );
      const sexText = field(fields, at.sex);
      const sex = parseSex(sexText);
      if (sex === undefined)
        throw new RowProblem(index, `sex "${sexText}" must be M, F, X or empty`, 'sex');
      const nationality = field(fields, at.nationality);
      records.push({
        recordId,
        givenNames: field(fields, at.given_names),
        surname: field(fields, at.surname),
        dateOfBirth,
        sex,
        nationality: nationality ? nationality.toUpperCase() : null,
        documentNumber: field(fields, at.document_number) || null,
        placeOfBirth: field(fields, at.place_of_birth) || null,
        source: field(fields, at.source) || null,
      });
      if (options.onProgress && records.length % every === 0) options.onProgress(records.length);
    };

    let index = 0;
    parser.on('readable', () => {
      let fields: string[] | null;
      try {
        while (!failed && (fields = parser.read()) !== null) {
          if (at === null) header(fields);
          else row(fields, index, at);
          index++;
        }
      } catch (e) {
        fail(e);
      }
    });
    parser.on('error', (e) => {
      const line = e instanceof CsvError ? (e as CsvError & { lines?: number }).lines : undefined;
      fail(invalid(e.message.replace(/ on line \d+$/, ''), line));
    });
    parser.on('end', () => {
      if (failed) return;
      if (at === null) return fail(invalid('the file is empty (a header row is needed)'));
      resolve(records);
    });
    input.on('error', (e) => fail(e));
    input.pipe(parser);
  });
}

/** Writes `record_id,person_id` rows (header first) to a stream, honouring back-pressure. */
export async function writePersonLinks(
  output: Writable,
  recordIds: readonly string[],
  personIds: readonly string[],
): Promise<void> {
  if (recordIds.length !== personIds.length) throw new Error('one person id per record');
  function* rows() {
    for (let i = 0; i < recordIds.length; i++) yield [recordIds[i]!, personIds[i]!];
  }
  await pipeline(
    Readable.from(rows(), { objectMode: true }),
    stringify({ header: true, columns: [...LINK_COLUMNS] }),
    output,
  );
}

/** Writes records in the input format of `persons:link` (for `persons:generate`). */
export async function writeIdentityRecords(
  output: Writable,
  records: readonly IdentityRecord[],
): Promise<void> {
  function* rows() {
    for (const r of records)
      yield [
        r.recordId,
        r.givenNames,
        r.surname,
        r.dateOfBirth ?? '',
        r.sex ?? '',
        r.nationality ?? '',
        r.documentNumber ?? '',
        r.placeOfBirth ?? '',
        r.source ?? '',
      ];
  }
  await pipeline(
    Readable.from(rows(), { objectMode: true }),
    stringify({ header: true, columns: [...RECORD_COLUMNS] }),
    output,
  );
}
